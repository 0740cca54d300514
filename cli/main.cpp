// ripple: what an event-driven design will do, before it is built.

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
  ripple::cli::Io io{std::cout, std::cerr};
  const auto color_if = [](bool on) {
    return on ? ripple::cli::Color::On : ripple::cli::Color::Off;
  };
  io.out_color = color_if(!no_color && ::isatty(STDOUT_FILENO));
  io.err_is_tty = ::isatty(STDERR_FILENO);
  io.err_color = color_if(!no_color && io.err_is_tty);
  const int code = ripple::cli::run(argc, argv, io);
  std::cout.flush();
  return code;
}
