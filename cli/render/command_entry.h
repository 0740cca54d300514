#pragma once

// The command line as data: every command with its options, choices and arguments. The shell
// reads it from the CLI11 app (cli/command_tree.h); shell completions and the man page are
// rendered from it, so they never drift from what the parser accepts.

#include <string>
#include <vector>

namespace ripple::cli {

struct OptionEntry {
  std::vector<std::string> names;    // as typed: "-o", "--output"
  std::string value_name;            // "TEXT", "INT"; empty for a flag
  std::vector<std::string> choices;  // the values an IsMember check allows; empty: any
  std::string description;
};

struct ArgumentEntry {
  std::string name;  // "SPEC"
  std::string description;
  bool repeated = false;             // takes several values
  std::vector<std::string> choices;  // the values an IsMember check allows; empty: any (files)
};

struct CommandEntry {
  std::string name;  // "ripple", "analyze", "asyncapi"
  std::string description;
  std::vector<OptionEntry> options;  // --help included, in definition order
  std::vector<ArgumentEntry> arguments;
  std::vector<CommandEntry> commands;  // subcommands
};

}  // namespace ripple::cli
