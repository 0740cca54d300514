#pragma once

// The flags every command takes, before or after the command's name: --color, --quiet, and the
// decision of when text output carries colour.
//
// Colour: `--color always|never` wins; with `auto` (the default) NO_COLOR set to anything but ""
// turns it off, else FORCE_COLOR set to anything but "" or "0" turns it on, else a stream is
// coloured when it is a terminal.

#include <CLI/CLI.hpp>
#include <string>

#include "cli/app.h"

namespace ripple::cli {

enum class ColorMode { Auto, Always, Never };

// What the environment says about colour (NO_COLOR, FORCE_COLOR).
struct ColorEnvironment {
  bool no_color = false;     // NO_COLOR set and not empty
  bool force_color = false;  // FORCE_COLOR set, not empty and not "0"
};

// Reads NO_COLOR and FORCE_COLOR.
[[nodiscard]] ColorEnvironment color_environment();

// Whether a stream gets colour under `mode`. `terminal`: the stream is a TTY.
enum class IsTerminal { No, Yes };
[[nodiscard]] Color decide_color(ColorMode mode, IsTerminal terminal,
                                 const ColorEnvironment& environment);

struct GlobalFlags {
  std::string color = "auto";  // auto | always | never
  bool quiet = false;
};

// Adds --color and -q,--quiet to `app`. Call before adding commands: they inherit the
// fallthrough that lets the flags follow a command's name.
void add_global_flags(CLI::App& app, GlobalFlags& flags);

// The mode `--color` names ("auto", "always", "never"; anything else is Auto).
[[nodiscard]] ColorMode color_mode(const std::string& name);

// Applies parsed flags to `io`: --color always|never overrides the colours main() chose, and
// --quiet sets io.quiet.
void apply_global_flags(const GlobalFlags& flags, Io& io);

}  // namespace ripple::cli
