#pragma once

// The ripple application: builds the command line, runs the chosen command and maps every
// outcome to an exit code, in this one place:
//   0 ok, 1 a gate or check failed, 2 bad input or usage, 3 internal error.

#include <functional>
#include <iosfwd>
#include <string_view>

#include "cli/render/terminal.h"

namespace CLI {
class App;
}

namespace ripple::cli {

enum ExitCode : int { kExitOk = 0, kExitCheckFailed = 1, kExitBadInput = 2, kExitInternal = 3 };

// Where a command writes, and what the terminal can show.
struct Io {
  std::ostream& out;               // the command's result (exactly one document in machine formats)
  std::ostream& err;               // diagnostics for humans, warnings, progress
  Color out_color = Color::Off;    // On: stdout is a terminal and NO_COLOR is unset
  Color err_color = Color::Off;    // On: stderr is a terminal and NO_COLOR is unset
  bool err_is_tty = false;         // progress bars only on a terminal
  bool quiet = false;              // --quiet: no progress bar, no wall time
  const int* out_error = nullptr;  // errno of the first failed write to `out`, when it is known
};

// What a subcommand leaves behind once its options are parsed: the action to run.
using Action = std::function<int(Io&)>;

// Parses argv and runs the command. Never throws.
[[nodiscard]] int run(int argc, const char* const* argv, Io& io);

// Writes "error: <message>" (the word in red on a terminal) to io.err and returns
// kExitBadInput: the one way a command reports bad usage or input it cannot take.
int usage_error(Io& io, std::string_view message);

}  // namespace ripple::cli
