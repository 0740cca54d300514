#include "cli/render/completions.h"

#include <fmt/format.h>

#include <functional>

namespace ripple::cli {
namespace {

// A command with the path that leads to it ("ripple import asyncapi") and the options it
// accepts: its own and its parents' (which fall through).
struct Node {
  const CommandEntry* command;
  std::string path;
  std::vector<const OptionEntry*> options;
  std::vector<std::string> chain;  // command names below the root: {"import", "asyncapi"}
};

std::vector<Node> flatten(const CommandEntry& root) {
  std::vector<Node> nodes;
  std::function<void(const CommandEntry&, Node)> visit = [&](const CommandEntry& command,
                                                             Node node) {
    node.command = &command;
    for (const OptionEntry& option : command.options) node.options.push_back(&option);
    nodes.push_back(node);
    for (const CommandEntry& sub : command.commands) {
      Node child = node;
      child.path += " " + sub.name;
      child.chain.push_back(sub.name);
      visit(sub, child);
    }
  };
  visit(root, Node{&root, root.name, {}, {}});
  return nodes;
}

std::string joined(const std::vector<std::string>& words, const char* separator = " ") {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

std::vector<std::string> command_names(const CommandEntry& command) {
  std::vector<std::string> names;
  for (const CommandEntry& sub : command.commands) names.push_back(sub.name);
  return names;
}

// Text inside single quotes in a shell script.
std::string single_quoted(const std::string& text) {
  std::string quoted;
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted;
}

// A zsh _arguments description: brackets and colons are special.
std::string zsh_text(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return single_quoted(escaped);
}

std::string zsh_function(const Node& node) {
  std::string name = "_ripple";
  for (const std::string& part : node.chain) name += "_" + part;
  return name;
}

// The _arguments specs of a command's options (its own and its parents').
std::string zsh_option_specs(const Node& node) {
  std::string specs;
  for (const OptionEntry* option : node.options) {
    const std::string action =
        option->value_name.empty()
            ? ""
            : ":" + option->value_name +
                  (option->choices.empty() ? ":_files" : ":(" + joined(option->choices) + ")");
    const std::string exclusive = option->names.size() > 1 ? "(" + joined(option->names) + ")" : "";
    for (const std::string& name : option->names) {
      const std::string form = option->value_name.empty() ? "" : (name.size() == 2 ? "+" : "=");
      specs += fmt::format("    '{}{}{}[{}]{}' \\\n", exclusive, name, form,
                           zsh_text(option->description), action);
    }
  }
  return specs;
}

// The function of a command without subcommands: its options and arguments.
std::string zsh_leaf(const Node& node) {
  std::string specs = zsh_option_specs(node);
  for (const ArgumentEntry& argument : node.command->arguments)
    specs +=
        fmt::format("    '{}:{}:{}' \\\n", argument.repeated ? "*" : "", zsh_text(argument.name),
                    argument.choices.empty() ? "_files" : "(" + joined(argument.choices) + ")");
  return fmt::format("{}() {{\n  _arguments -s \\\n{}    && return 0\n}}\n", zsh_function(node),
                     specs);
}

// The function of a command with subcommands: completes their names, then hands over.
std::string zsh_dispatcher(const Node& node) {
  std::string described, cases;
  for (const CommandEntry& sub : node.command->commands) {
    described += fmt::format(" '{}:{}'", sub.name, zsh_text(sub.description));
    Node child = node;
    child.chain.push_back(sub.name);
    cases += fmt::format("        {}) {} ;;\n", sub.name, zsh_function(child));
  }
  return fmt::format(
      "{}() {{\n"
      "  local curcontext=$curcontext state line\n"
      "  _arguments -C \\\n{}"
      "    '1: :->command' \\\n"
      "    '*:: :->arguments' && return 0\n"
      "  case $state in\n"
      "    command)\n"
      "      local -a commands=({})\n"
      "      _describe command commands ;;\n"
      "    arguments)\n"
      "      case $line[1] in\n{}"
      "      esac ;;\n"
      "  esac\n"
      "}}\n",
      zsh_function(node), zsh_option_specs(node), described, cases);
}

}  // namespace

std::string bash_completion(const CommandEntry& root) {
  const std::vector<Node> nodes = flatten(root);
  std::string commands, takes_value, values, words;
  for (const Node& node : nodes) {
    for (const CommandEntry& sub : node.command->commands)
      commands += fmt::format("      \"{} {}\") path=\"$path $word\" ;;\n", node.path, sub.name);
    for (const OptionEntry* option : node.options) {
      if (option->value_name.empty()) continue;
      for (const std::string& name : option->names) {
        takes_value += fmt::format("      \"{} {}\") skip=1 ;;\n", node.path, name);
        const std::string reply =
            option->choices.empty()
                ? "$(compgen -f -- \"$cur\")"
                : "$(compgen -W \"" + joined(option->choices) + "\" -- \"$cur\")";
        values += fmt::format("    \"{} {}\") COMPREPLY=({}); return ;;\n", node.path, name, reply);
      }
    }
    std::vector<std::string> option_names;
    for (const OptionEntry* option : node.options)
      option_names.insert(option_names.end(), option->names.begin(), option->names.end());
    // A command without subcommands offers the choices of its arguments (else files).
    std::vector<std::string> offered = command_names(*node.command);
    for (const ArgumentEntry& argument : node.command->arguments)
      offered.insert(offered.end(), argument.choices.begin(), argument.choices.end());
    words += fmt::format("    \"{}\") commands=\"{}\"; options=\"{}\" ;;\n", node.path,
                         joined(offered), joined(option_names));
  }
  return fmt::format(
      "# bash completion for ripple; generated by `ripple completions bash`, do not edit.\n"
      "_ripple() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  local path=ripple word i skip=0 commands options\n"
      "  COMPREPLY=()\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    word=${{COMP_WORDS[i]}}\n"
      "    if ((skip)); then skip=0; continue; fi\n"
      "    case \"$path $word\" in\n{}{}"
      "    esac\n"
      "  done\n"
      "  case \"$path $prev\" in\n{}"
      "  esac\n"
      "  case \"$path\" in\n{}"
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
      "  elif [[ -n $commands ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}}\n"
      "complete -o filenames -F _ripple ripple\n",
      commands, takes_value, values, words);
}

std::string zsh_completion(const CommandEntry& root) {
  std::string script =
      "#compdef ripple\n"
      "# zsh completion for ripple; generated by `ripple completions zsh`, do not edit.\n";
  // Subcommands' functions first, so that each function is defined before it is called.
  const std::vector<Node> nodes = flatten(root);
  for (auto node = nodes.rbegin(); node != nodes.rend(); ++node)
    script += node->command->commands.empty() ? zsh_leaf(*node) : zsh_dispatcher(*node);
  return script + "_ripple \"$@\"\n";
}

std::string fish_completion(const CommandEntry& root) {
  std::string script =
      "# fish completion for ripple; generated by `ripple completions fish`, do not edit.\n"
      "complete -c ripple -f\n";
  for (const Node& node : flatten(root)) {
    // In this command: every command of the chain seen, and none of its own subcommands yet.
    std::vector<std::string> conditions;
    for (const std::string& name : node.chain)
      conditions.push_back("__fish_seen_subcommand_from " + name);
    const std::vector<std::string> subs = command_names(*node.command);
    if (!subs.empty()) conditions.push_back("not __fish_seen_subcommand_from " + joined(subs));
    const std::string condition =
        conditions.empty() ? "" : " -n '" + joined(conditions, "; and ") + "'";
    for (const CommandEntry& sub : node.command->commands)
      script += fmt::format("complete -c ripple{} -a {} -d '{}'\n", condition, sub.name,
                            single_quoted(sub.description));
    for (const ArgumentEntry& argument : node.command->arguments) {
      if (!subs.empty()) break;
      script += argument.choices.empty() ? fmt::format("complete -c ripple{} -F\n", condition)
                                         : fmt::format("complete -c ripple{} -a '{}'\n", condition,
                                                       joined(argument.choices));
    }
    for (const OptionEntry& option : node.command->options) {
      std::string names;
      for (const std::string& name : option.names)
        names += (name.size() == 2 ? " -s " + name.substr(1) : " -l " + name.substr(2));
      std::string value;
      if (!option.value_name.empty())
        value = option.choices.empty() ? " -r -F" : " -x -a '" + joined(option.choices) + "'";
      // A command's own options only once it is chosen; the root's everywhere.
      std::string where;
      for (const std::string& name : node.chain)
        where += (where.empty() ? "" : "; and ") + ("__fish_seen_subcommand_from " + name);
      script += fmt::format("complete -c ripple{}{}{} -d '{}'\n",
                            where.empty() ? "" : " -n '" + where + "'", names, value,
                            single_quoted(option.description));
    }
  }
  return script;
}

std::optional<std::string> completion_script(const CommandEntry& root, const std::string& shell) {
  if (shell == "bash") return bash_completion(root);
  if (shell == "zsh") return zsh_completion(root);
  if (shell == "fish") return fish_completion(root);
  return std::nullopt;
}

}  // namespace ripple::cli
