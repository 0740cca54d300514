#include "cli/render/man_page.h"

#include <fmt/format.h>

namespace ripple::cli {
namespace {

std::string option_item(const OptionEntry& option) {
  std::string names;
  for (const std::string& name : option.names)
    names += (names.empty() ? "" : ", ") + ("\\fB" + roff_escape(name) + "\\fR");
  std::string value;
  if (!option.choices.empty()) {
    std::string choices;
    for (const std::string& choice : option.choices)
      choices += (choices.empty() ? "" : "|") + roff_escape(choice);
    value = " \\fI" + choices + "\\fR";
  } else if (!option.value_name.empty()) {
    value = " \\fI" + roff_escape(option.value_name) + "\\fR";
  }
  return ".TP\n" + names + value + "\n" + roff_escape(option.description) + "\n";
}

std::string synopsis(const std::string& path, const CommandEntry& command) {
  std::string line = "\\fB" + roff_escape(path) + "\\fR";
  if (!command.options.empty()) line += " [\\fIOPTIONS\\fR]";
  if (!command.commands.empty()) line += " \\fICOMMAND\\fR";
  for (const ArgumentEntry& argument : command.arguments)
    line += " \\fI" + roff_escape(argument.name) + "\\fR" + (argument.repeated ? "..." : "");
  return line;
}

// A section per command (and per subcommand of a command).
std::string command_sections(const std::string& path, const CommandEntry& command) {
  std::string text = ".SS \"" + roff_escape(path) + "\"\n" + synopsis(path, command) + "\n.PP\n" +
                     roff_escape(command.description) + "\n";
  for (const ArgumentEntry& argument : command.arguments)
    text += ".TP\n\\fI" + roff_escape(argument.name) + "\\fR\n" +
            roff_escape(argument.description) + "\n";
  for (const OptionEntry& option : command.options) text += option_item(option);
  for (const CommandEntry& sub : command.commands)
    text += command_sections(path + " " + sub.name, sub);
  return text;
}

}  // namespace

std::string roff_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\')
      escaped += "\\e";
    else if (c == '-')
      escaped += "\\-";
    else if (c == '\n')
      escaped += "\n.br\n";
    else
      escaped += c;
  }
  if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) escaped = "\\&" + escaped;
  return escaped;
}

std::string man_page(const CommandEntry& root, const ManPageText& text) {
  std::string page =
      fmt::format(".TH RIPPLE 1 \"\" \"ripple {}\" \"User Commands\"\n", roff_escape(text.version));
  std::string summary = root.description;  // "ripple: how ..." says its name once
  if (summary.starts_with("ripple: ")) summary.erase(0, 8);
  page += ".SH NAME\nripple \\- " + roff_escape(summary) + "\n";
  page += ".SH SYNOPSIS\n" + synopsis("ripple", root) + " ...\n";
  page +=
      ".SH DESCRIPTION\n"
      "Ripple analyzes and simulates event\\-driven architectures described in YAML specs.\n"
      "Every command is described below with its options; `ripple COMMAND \\-\\-help` says the "
      "same.\n";
  page += ".SH OPTIONS\nThese options go before or after the command's name.\n";
  for (const OptionEntry& option : root.options) page += option_item(option);
  page += ".SH COMMANDS\n";
  for (const CommandEntry& command : root.commands)
    page += command_sections("ripple " + command.name, command);
  page += ".SH \"EXIT STATUS\"\n" + roff_escape(text.exit_status) + "\n";
  page +=
      ".SH ENVIRONMENT\n"
      ".TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, text output has no colour (unless "
      "\\fB\\-\\-color always\\fR).\n"
      ".TP\n\\fBFORCE_COLOR\\fR\nWhen set, not empty and not 0, text output is coloured even "
      "when it is not a terminal (unless NO_COLOR is set or \\fB\\-\\-color never\\fR).\n";
  page +=
      ".SH \"SEE ALSO\"\n"
      "The spec format, the lints and the CI guide: docs/spec.md, docs/lints.md and docs/ci.md "
      "in the Ripple sources.\n";
  return page;
}

}  // namespace ripple::cli
