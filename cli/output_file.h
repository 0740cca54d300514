#pragma once

// `-o FILE`: a command's result written to a file instead of stdout. The command runs as usual
// against an Io whose stdout is a buffer (never coloured: a file is not a terminal), and the
// buffer is written to FILE when the command returns, whatever its exit code.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cli/app.h"

namespace ripple::cli {

// -o,--output FILE on `command`.
void add_output_option(CLI::App& command, std::string& path);

// run(io), its stdout going to `path` when `path` is not empty. Returns run's exit code, or
// kExitInternal after "error: cannot write `FILE`: <reason>" on io.err.
template <typename Run>
int with_output_file(const std::string& path, Io& io, Run run);

// A command's run function `run(options, io)` made to honour options.output (with_output_file):
//   run_when_chosen(*sub, action, options, to_output_file<AnalyzeOptions>(run_analyze));
template <typename Options, typename Run>
auto to_output_file(Run run) {
  return [run](const Options& options, Io& io) {
    return with_output_file(options.output, io, [&](Io& to) { return run(options, to); });
  };
}

// Writes `text` to `path` as every ripple output file is written: into a new temporary file in
// the same directory, then renamed over `path`, so that a reader never sees half a file, a
// failed write leaves the old file as it was, and a symlink at `path` is replaced by the file
// to a regular file (its target is never written). A `path` that is or links to a device or a
// pipe, or lies under /dev/ or /proc/ (/dev/stdout, /dev/full), is written in place. Returns why it
// failed ("No space left on device"), nullopt on success.
[[nodiscard]] std::optional<std::string> replace_file(const std::string& path,
                                                      std::string_view text);

// The writing half: `text` to `path`. Returns false after reporting the failure on io.err.
[[nodiscard]] bool write_output_file(const std::string& path, const std::string& text, Io& io);

}  // namespace ripple::cli

#include <sstream>

namespace ripple::cli {

template <typename Run>
int with_output_file(const std::string& path, Io& io, Run run) {
  if (path.empty()) return run(io);
  std::ostringstream buffer;
  Io to_file{buffer, io.err, Color::Off, io.err_color, io.err_is_tty, io.quiet};
  const int code = run(to_file);
  return write_output_file(path, buffer.str(), io) ? code : kExitInternal;
}

}  // namespace ripple::cli
