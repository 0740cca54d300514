#pragma once

// A YAML document as a plain tree with a source position on every node, built from yaml-cpp's
// event stream rather than its Node API so that the loader controls what yaml-cpp does not:
// merge keys (`<<`), duplicate-key detection, a bound on alias expansion, and positions for
// every key and value. Internal to the model library.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostic.h"

namespace ripple::model::detail {

struct YamlEntry;

struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Map };

  Kind kind = Kind::Null;
  std::string value;  // scalars only
  bool plain = true;  // scalar written without quotes (so `null`, `true` keep their meaning)
  int line = 0;       // 1-based
  int column = 0;     // 1-based
  int origin = -1;    // index in Spec::files of the file that wrote the node; -1: the reader's own
  std::vector<YamlNode> items;     // sequences
  std::vector<YamlEntry> entries;  // maps, keys in source order

  [[nodiscard]] bool is_map() const { return kind == Kind::Map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::Sequence; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::Scalar; }
  [[nodiscard]] bool is_null() const { return kind == Kind::Null; }
  // The value of key `name` in a map, or nullptr.
  [[nodiscard]] const YamlNode* find(const std::string& name) const;
};

// One `key: value` of a map (keys are nodes too: they carry positions).
struct YamlEntry {
  YamlNode first;   // the key
  YamlNode second;  // the value
};

struct TreeLimits {
  std::size_t max_bytes;
  int max_depth;
  std::size_t max_nodes;
  std::size_t max_alias_nodes;
};

struct TreeResult {
  bool ok = false;
  YamlNode root;
  Diagnostics diagnostics;  // file-level problems are reported alone
};

// Checks the bytes (empty, binary, UTF-8, nesting depth) and parses them.
// `path` is used in diagnostics only.
[[nodiscard]] TreeResult parse_yaml_tree(const std::string& path, const std::string& text,
                                         const TreeLimits& limits);

// "the file is too large (1.5 MiB; the limit is 1 MiB)".
[[nodiscard]] std::string too_large_message(std::size_t bytes, std::size_t limit);

// The line `line` (1-based) of `text`, without its newline.
[[nodiscard]] std::string source_line(const std::string& text, int line);

}  // namespace ripple::model::detail
