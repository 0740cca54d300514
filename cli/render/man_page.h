#pragma once

// The ripple(1) man page in roff, generated from the command tree and the app's help texts (so
// it says what `--help` says). No date in it: the same binary gives the same page.
//
//   ripple man > ripple.1 && man ./ripple.1

#include <string>

#include "cli/render/command_entry.h"

namespace ripple::cli {

struct ManPageText {
  std::string version;      // "0.1.0"
  std::string exit_status;  // the help's footer line on exit codes
};

[[nodiscard]] std::string man_page(const CommandEntry& root, const ManPageText& text);

// `text` escaped for roff: backslashes and hyphens, and a line that would start with a control
// character.
[[nodiscard]] std::string roff_escape(const std::string& text);

}  // namespace ripple::cli
