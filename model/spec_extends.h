#pragma once

// `extends: base.yaml`: a spec written as another spec with changes. The chain of bases is read
// and merged into one tree before the spec is loaded: maps merge key by key, every other value
// (lists, scalars) replaces the base's, and a `null` value deletes the base's key. Every node
// keeps the position and the file (YamlNode::origin) of the file that wrote it, so a problem in
// a value a base set points into the base. Internal to the model library.

#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/loader.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// The most bases one spec may stack.
inline constexpr int kMaxExtendsDepth = 16;

struct ExtendsResult {
  bool ok = false;
  YamlNode root;                  // the merged tree (without `extends:`)
  std::vector<SourceFile> files;  // the spec first, then each base in the order they were read
  Diagnostics diagnostics;        // located in the file that names the base, or in the base
};

// Resolves the `extends:` chain of `spec`, whose parsed tree is `root`. A base's path is relative
// to the directory of the file that names it. `read` reads a base (read_source_file by default).
// Nodes of files[i] get origin i.
[[nodiscard]] ExtendsResult resolve_extends(const SourceFile& spec, YamlNode root,
                                            const FileReader& read, const TreeLimits& limits);

// Merges `over` into `base` by the rules above; `over`'s position wins on merged maps.
[[nodiscard]] YamlNode merge_yaml(YamlNode base, const YamlNode& over);

}  // namespace ripple::model::detail
