// ripple version
// Prints "ripple VERSION", as -V and --version do. Exit 0.

#include "cli/version.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/commands/commands.h"

namespace ripple::cli {

void add_version_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("version", "Print the version of ripple (as -V does)");
  sub->callback([&action] {
    action = [](Io& io) {
      io.out << "ripple " << kRippleVersion << "\n";
      return kExitOk;
    };
  });
}

}  // namespace ripple::cli
