#include "cli/output_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "cli/render/escape.h"
#include "cli/render/terminal.h"

namespace ripple::cli {

void add_output_option(CLI::App& command, std::string& path) {
  command.add_option("-o,--output", path, "Write the result to this file instead of stdout");
}

bool write_output_file(const std::string& path, const std::string& text, Io& io) {
  errno = 0;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file) file << text;
  if (file) file.close();
  if (file) return true;
  const std::string reason = errno != 0 ? std::strerror(errno) : "write failed";
  io.err << Style(io.err_color).error("error: ") << "cannot write `" << terminal_text(path) << "`: " << reason
         << "\n";
  return false;
}

}  // namespace ripple::cli
