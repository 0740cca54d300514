#pragma once

// Shell completion scripts for bash, zsh and fish, generated from the command tree (so they
// complete exactly the commands, options and choices the parser accepts). Pure functions.
//
//   ripple completions bash > /usr/share/bash-completion/completions/ripple

#include <optional>
#include <string>

#include "cli/render/command_entry.h"

namespace ripple::cli {

// The script for `shell` ("bash", "zsh", "fish"), or nullopt for another shell.
[[nodiscard]] std::optional<std::string> completion_script(const CommandEntry& root,
                                                           const std::string& shell);

[[nodiscard]] std::string bash_completion(const CommandEntry& root);
[[nodiscard]] std::string zsh_completion(const CommandEntry& root);
[[nodiscard]] std::string fish_completion(const CommandEntry& root);

}  // namespace ripple::cli
