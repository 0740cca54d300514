#pragma once

// The files an import reads: the AsyncAPI documents named on the command line and the files their
// `$ref`s reach. Each is read once, checked and parsed into a YAML tree with a position on every
// node (JSON is YAML too), within limits that keep a hostile file from exhausting time or memory.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "model/diagnostic.h"
#include "model/yaml_tree.h"

namespace ripple::importer {

using YamlNode = model::detail::YamlNode;

// What reading a file gave: its bytes, or why there are none.
struct FileRead {
  std::optional<std::string> text;
  std::string error;  // "no such file", when there is no text
  std::string hint;
};

// Reads a file by path. Injected, so that tests need no disk.
using FileReader = std::function<FileRead(const std::string& path)>;

// Reads from disk; refuses directories, devices and files over `max_bytes` without reading them.
[[nodiscard]] FileReader disk_reader(std::size_t max_bytes);

struct Limits {
  std::size_t max_bytes = 8u << 20;         // one file (the largest public examples are ~50 KiB)
  std::size_t max_total_bytes = 64u << 20;  // every file of one import together
  std::size_t max_files = 1000;             // documents and the files their `$ref`s reach
  int max_depth = 64;                       // nesting of mappings and sequences
  std::size_t max_nodes = 500'000;          // YAML nodes of one file, after alias expansion
  std::size_t max_alias_nodes = 100'000;    // nodes that aliases may add (YAML bombs)
};

// One parsed file. Owned by Documents; pointers to it stay valid as long as Documents lives.
struct Document {
  std::string path;  // as named on the command line, or reached through `$ref` (lexically normal)
  std::string text;
  YamlNode root;
};

// A node of a document. Both pointers are owned elsewhere (by Documents).
struct Place {
  const Document* doc = nullptr;
  const YamlNode* node = nullptr;
  [[nodiscard]] bool valid() const { return doc != nullptr && node != nullptr; }
};

// Why a file could not be loaded.
enum class LoadFailure { None, Unreadable, Invalid };

struct Loaded {
  const Document* doc = nullptr;  // null on failure
  LoadFailure failure = LoadFailure::None;
  model::Diagnostics problems;  // the file's own diagnostics (empty when they were given before)
};

class Documents {
 public:
  Documents(FileReader reader, Limits limits);

  // The document at `path`, read and parsed at its first request. On failure, the first request
  // gets the diagnostics that say why (a file-level line, or the YAML error with its position);
  // later requests get the failure alone. Duplicate keys are reported but do not fail the file.
  [[nodiscard]] Loaded load(const std::string& path);

  [[nodiscard]] const Limits& limits() const { return limits_; }

 private:
  FileReader reader_;
  Limits limits_;
  std::map<std::string, std::unique_ptr<Document>> loaded_;
  std::map<std::string, LoadFailure> failed_;
  std::size_t total_bytes_ = 0;
};

// A path relative to the directory of `from` (a document path), lexically normalised:
//   relative_to("v3/backend/asyncapi.yaml", "../common/messages.yaml") == "v3/common/messages.yaml"
[[nodiscard]] std::string relative_to(const std::string& from, const std::string& target);

}  // namespace ripple::importer
