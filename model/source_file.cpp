// Reading spec files from disk, with the file-level checks that come before any parsing.

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "model/loader.h"
#include "model/yaml_tree.h"

namespace ripple::model {
namespace {

ReadResult failure(const std::string& path, std::string message, std::string hint) {
  Diagnostic d;
  d.file = path;
  d.message = std::move(message);
  d.hint = std::move(hint);
  ReadResult r;
  r.error = std::move(d);
  return r;
}

}  // namespace

ReadResult read_source_file(const std::string& path, const LoadLimits& limits) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return failure(path, "no such file",
                     "check the path; specs usually live under `examples/` or `arch/`");
    return failure(path, std::string("cannot read the file: ") + std::strerror(errno), "");
  }
  if (S_ISDIR(info.st_mode))
    return failure(path, "this is a directory, not a spec file", "name a .yaml file inside it");
  if (!S_ISREG(info.st_mode))
    return failure(path, "this is not a regular file", "name a .yaml spec file");
  if (static_cast<std::size_t>(info.st_size) > limits.max_bytes)
    return failure(
        path, detail::too_large_message(static_cast<std::size_t>(info.st_size), limits.max_bytes),
        "a spec is a description, not data");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return failure(path, std::string("cannot read the file: ") + std::strerror(errno),
                   "check its permissions");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return failure(path, "cannot read the file", "");
  ReadResult r;
  r.file = SourceFile{path, buffer.str()};
  return r;
}

}  // namespace ripple::model
