// ripple: what an event-driven design will do, before it is built.

#include <unistd.h>

#include <iostream>

#include "cli/app.h"
#include "cli/global_flags.h"

int main(int argc, char** argv) {
  using ripple::cli::IsTerminal;
  std::ios::sync_with_stdio(false);
  ripple::cli::Io io{std::cout, std::cerr};
  const ripple::cli::ColorEnvironment environment = ripple::cli::color_environment();
  const auto terminal = [](int fd) { return ::isatty(fd) ? IsTerminal::Yes : IsTerminal::No; };
  io.err_is_tty = ::isatty(STDERR_FILENO);
  io.out_color = decide_color(ripple::cli::ColorMode::Auto, terminal(STDOUT_FILENO), environment);
  io.err_color = decide_color(ripple::cli::ColorMode::Auto, terminal(STDERR_FILENO), environment);
  const int code = ripple::cli::run(argc, argv, io);
  std::cout.flush();
  return code;
}
