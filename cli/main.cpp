// ripple: what an event-driven design will do, before it is built.

#include <unistd.h>

#include <csignal>
#include <iostream>

#include "cli/app.h"
#include "cli/fd_output.h"
#include "cli/global_flags.h"

int main(int argc, char** argv) {
  using ripple::cli::IsTerminal;
  // A closed pipe is a write error like a full disk (one line, exit 3), not a silent SIGPIPE
  // death that a pipeline without `pipefail` would pass.
  std::signal(SIGPIPE, SIG_IGN);
  ripple::cli::FdOutput stdout_buffer(STDOUT_FILENO);
  std::ostream out(&stdout_buffer);
  ripple::cli::Io io{out, std::cerr};
  io.out_error = &stdout_buffer.write_error();
  const ripple::cli::ColorEnvironment environment = ripple::cli::color_environment();
  const auto terminal = [](int fd) { return ::isatty(fd) ? IsTerminal::Yes : IsTerminal::No; };
  io.err_is_tty = ::isatty(STDERR_FILENO);
  io.out_color = decide_color(ripple::cli::ColorMode::Auto, terminal(STDOUT_FILENO), environment);
  io.err_color = decide_color(ripple::cli::ColorMode::Auto, terminal(STDERR_FILENO), environment);
  return ripple::cli::run(argc, argv, io);
}
