#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cli/render/escape.h"
#include "cli/render/terminal.h"

namespace ripple::cli {

void add_output_option(CLI::App& command, std::string& path) {
  command.add_option("-o,--output", path, "Write the result to this file instead of stdout");
}

namespace {

// Writes all of `text` to `fd`; false with errno set when it cannot.
bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string reason(int error) { return error != 0 ? std::strerror(error) : "write failed"; }

// A device, a pipe or a socket (symlinks followed), or anything under /dev/ or /proc/ (where
// /dev/stdout links to whatever stdout is, a regular file included): written in place, never
// renamed over.
bool is_special(const std::string& path) {
  if (path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0) return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

std::optional<std::string> write_in_place(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  const bool written = write_all(fd, text);
  const int error = errno;
  ::close(fd);
  return written ? std::nullopt : std::optional<std::string>(reason(error));
}

}  // namespace

std::optional<std::string> replace_file(const std::string& path, std::string_view text) {
  // What `path` leads to decides, a symlink followed: /dev/stdout is a link to a pipe or a
  // terminal and is written in place; a link to a regular file is replaced, its target untouched.
  if (is_special(path)) return write_in_place(path, text);
  const std::filesystem::path target(path);
  if (target.filename().empty()) return std::string("not a file name");
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string temporary = (dir / ("." + target.filename().string() + ".ripple-XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return reason(errno);
  // mkstemp makes the file 0600; an output file gets the usual 0666 less the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  bool ok = ::fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, text);
  int error = errno;
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(temporary.c_str(), path.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (ok) return std::nullopt;
  ::unlink(temporary.c_str());
  return reason(error);
}

bool write_output_file(const std::string& path, const std::string& text, Io& io) {
  const std::optional<std::string> problem = replace_file(path, text);
  if (!problem) return true;
  io.err << Style(io.err_color).error("error: ") << "cannot write `" << terminal_text(path)
         << "`: " << *problem << "\n";
  return false;
}

}  // namespace ripple::cli
