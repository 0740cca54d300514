#pragma once

// The command line as data (cli/render/command_entry.h), read from the CLI11 app.

#include "cli/render/command_entry.h"

namespace CLI {
class App;
}

namespace ripple::cli {

// The tree of `app` and its subcommands.
[[nodiscard]] CommandEntry command_tree(const CLI::App& app);

}  // namespace ripple::cli
