#pragma once

// Reading a file as it is at a git revision, for `ripple diff --base-ref REF HEAD_SPEC`:
// `git show REF:<path of HEAD_SPEC relative to the repository root>`. git runs as a child process
// with an argument vector (no shell), from the directory of the file.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ripple::cli {

struct ProcessResult {
  int exit_code = -1;  // -1 when the program could not be started or was killed
  std::string out;
  std::string err;
};

// Runs `argv[0]` (looked up in PATH) with `argv`, capturing stdout and stderr. Never throws for
// a missing program: exit_code -1 and err say so.
[[nodiscard]] ProcessResult run_process(const std::vector<std::string>& argv);

struct GitFile {
  std::optional<std::string> text;  // the file's bytes at the revision
  std::string label;                // "origin/main:examples/shop.yaml", for diagnostics
  std::string error;                // one line, when text is empty
};

// `path` names a file of a git working tree (it may have changed since `ref`, or be gone). A
// blob larger than `max_bytes` (asked with `git cat-file -s` first) is an error, never read.
[[nodiscard]] GitFile git_show_file(const std::string& ref, const std::string& path,
                                    std::size_t max_bytes = 32u << 20);

}  // namespace ripple::cli
