#include "cli/usage_check.h"

#include "model/spellcheck.h"

namespace ripple::cli {
namespace {

// The option `name` ("--format", "-o") of `command` or of one of its parents.
const CLI::Option* find_option(const CLI::App* command, const std::string& name) {
  for (; command != nullptr; command = command->get_parent()) {
    if (const CLI::Option* option = command->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (; command != nullptr; command = command->get_parent()) {
    for (const CLI::Option* option : command->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

std::vector<std::string> command_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

const CLI::App* find_command(const CLI::App* command, const std::string& name) {
  for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; }))
    if (sub->check_name(name)) return sub;
  return nullptr;
}

std::string full_name(const CLI::App* command) {
  std::string name = command->get_name();
  for (const CLI::App* parent = command->get_parent(); parent; parent = parent->get_parent())
    name = parent->get_name() + " " + name;
  return name;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::optional<std::string> guess = model::closest_match(word, candidates);
  return guess ? "; did you mean `" + *guess + "`?" : "";
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// The option's name as written: "--format" of "--format=json", "-o" of "-ofile".
std::string option_name(const std::string& arg) {
  if (arg.size() > 2 && arg[1] != '-') return arg.substr(0, 2);
  return arg.substr(0, arg.find('='));
}

bool takes_value(const CLI::Option& option) { return option.get_items_expected_min() > 0; }

bool asks_for_help(const std::string& arg) {
  return arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-V" || arg == "--version";
}

}  // namespace

std::optional<UsageProblem> check_usage(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* command = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return std::nullopt;
    if (asks_for_help(arg)) return std::nullopt;
    if (arg.size() > 1 && arg[0] == '-') {
      const std::string name = option_name(arg);
      const CLI::Option* option = find_option(command, name);
      if (!option)
        return UsageProblem{"unknown option `" + name + "` for `" + full_name(command) + "`" +
                                did_you_mean(name, option_names(command)),
                            ""};
      if (takes_value(*option) && arg == name) ++i;  // its value follows
      continue;
    }
    const std::vector<std::string> commands = command_names(command);
    if (commands.empty()) continue;
    if (const CLI::App* sub = find_command(command, arg)) {
      command = sub;
    } else if (command->get_require_subcommand_min() > 0) {
      const std::string where = command == &app ? "" : " of `" + full_name(command) + "`";
      return UsageProblem{"unknown command `" + arg + "`" + where + did_you_mean(arg, commands),
                          "commands: " + join(commands)};
    }
  }
  if (command->get_require_subcommand_min() > 0)
    return UsageProblem{"no command given to `" + full_name(command) + "`",
                        "commands: " + join(command_names(command))};
  return std::nullopt;
}

}  // namespace ripple::cli
