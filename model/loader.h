#pragma once

// Loading a spec: file checks, YAML parsing, schema checks, name resolution and defaults.
// Loading never throws for anything a user can write; every problem becomes a Diagnostic,
// and all of them are reported, not only the first.

#include <functional>
#include <optional>
#include <string>

#include "model/diagnostic.h"
#include "model/overrides.h"
#include "model/spec.h"

namespace ripple::model {

// A spec file's name (as the user wrote it, for messages) and its bytes.
struct SourceFile {
  std::string path;
  std::string text;
};

// Limits that keep a hostile file from exhausting time or memory.
struct LoadLimits {
  std::size_t max_bytes = 32u << 20;      // larger files are refused unread
  int max_depth = 64;                     // nesting of mappings and sequences
  std::size_t max_nodes = 2'000'000;      // YAML nodes after alias expansion
  std::size_t max_alias_nodes = 100'000;  // nodes that aliases may add (YAML bombs)
};

struct LoadResult {
  std::optional<Spec> spec;  // present iff diagnostics hold no error
  Diagnostics diagnostics;
};

// Reads a file from disk. On failure (missing, a directory, unreadable, too large) returns the
// one diagnostic that says so.
struct ReadResult {
  std::optional<SourceFile> file;
  std::optional<Diagnostic> error;
};
[[nodiscard]] ReadResult read_source_file(const std::string& path, const LoadLimits& limits = {});

// Reads the base a spec `extends:` (a path already joined with the directory of the file that
// names it). Empty: read_source_file.
using FileReader = std::function<ReadResult(const std::string& path)>;

// Parses and checks `spec`. A spec with `extends: base.yaml` is merged over its bases first (see
// "Variants" in docs/spec.md); the bases become spec.files[1..], read through `read`. With
// `scenario`, its `workload:`, `faults:` and `gates:` replace the spec's own (the scenario may
// hold only those keys, plus `ripple`, `name` and `description`).
// With `overrides` (model/overrides.h), their values are set in the YAML (after the merge) before
// it is read.
[[nodiscard]] LoadResult load_spec(const SourceFile& spec,
                                   const std::optional<SourceFile>& scenario = std::nullopt,
                                   const LoadLimits& limits = {}, const FileReader& read = {},
                                   const std::vector<Override>& overrides = {});

// Adds the gates of a gates file (`gates:`, plus optional `ripple`, `name`, `description`) to
// `spec`, each checked against it as the spec's own gates are; the file becomes
// spec.files.back(). Returns the problems; on errors no gate is added.
[[nodiscard]] Diagnostics add_gates_file(Spec& spec, const SourceFile& file,
                                         const LoadLimits& limits = {});

}  // namespace ripple::model
