#include "cli/global_flags.h"

#include <cstdlib>
#include <string_view>

namespace ripple::cli {
namespace {

std::string_view env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string_view(value) : std::string_view();
}

}  // namespace

ColorEnvironment color_environment() {
  const std::string_view force = env("FORCE_COLOR");
  return {!env("NO_COLOR").empty(), !force.empty() && force != "0"};
}

Color decide_color(ColorMode mode, IsTerminal terminal, const ColorEnvironment& environment) {
  if (mode == ColorMode::Always) return Color::On;
  if (mode == ColorMode::Never || environment.no_color) return Color::Off;
  return environment.force_color || terminal == IsTerminal::Yes ? Color::On : Color::Off;
}

void add_global_flags(CLI::App& app, GlobalFlags& flags) {
  app.add_option("--color", flags.color,
                 "Colour in text output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
                 "forces it), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", flags.quiet, "No progress bar and no wall time on stderr");
  app.fallthrough();
}

ColorMode color_mode(const std::string& name) {
  if (name == "always") return ColorMode::Always;
  if (name == "never") return ColorMode::Never;
  return ColorMode::Auto;
}

void apply_global_flags(const GlobalFlags& flags, Io& io) {
  const ColorMode mode = color_mode(flags.color);
  if (mode != ColorMode::Auto) {
    const Color color = decide_color(mode, IsTerminal::No, {});
    io.out_color = color;
    io.err_color = color;
  }
  if (flags.quiet) io.quiet = true;
}

}  // namespace ripple::cli
