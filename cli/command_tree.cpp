#include "cli/command_tree.h"

#include <CLI/CLI.hpp>

namespace ripple::cli {
namespace {

// The choices of an IsMember check, from the type name CLI11 shows in the help: the text
// between braces in "TEXT:{text,json,markdown}".
std::vector<std::string> choices_of(const std::string& type_name) {
  const std::size_t open = type_name.find('{');
  const std::size_t close = type_name.find('}', open);
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string item;
  for (const char c : type_name.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      choices.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty()) choices.push_back(item);
  return choices;
}

OptionEntry option_entry(const CLI::Option& option) {
  OptionEntry entry;
  for (const std::string& name : option.get_snames()) entry.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) entry.names.push_back("--" + name);
  if (option.get_items_expected_min() > 0) {
    const std::string type = option.get_type_name();
    entry.value_name = type.substr(0, type.find(':'));
    entry.choices = choices_of(type);
  }
  entry.description = option.get_description();
  return entry;
}

ArgumentEntry argument_entry(const CLI::Option& option) {
  return {option.get_name(), option.get_description(), option.get_items_expected_max() > 1,
          choices_of(option.get_type_name())};
}

}  // namespace

CommandEntry command_tree(const CLI::App& app) {
  CommandEntry entry{app.get_name(), app.get_description(), {}, {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional())
      entry.options.push_back(option_entry(*option));
    else
      entry.arguments.push_back(argument_entry(*option));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    entry.commands.push_back(command_tree(*sub));
  return entry;
}

}  // namespace ripple::cli
