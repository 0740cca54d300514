#pragma once

// --merge EXISTING.yaml: a re-import that keeps what the user set by hand. EXISTING is a spec an
// earlier import wrote and the user edited. The rules:
//   * A figure the documents give (an extension, a binding, a schema bound) is taken from them.
//   * A figure the import would default keeps EXISTING's value when it differs from the default
//     (the user set it); it is then marked `set by hand` instead of `default`.
//   * Every key and element of EXISTING that the import does not write is kept: hand-added
//     services, stores, calls, `needs`, `retry`, `idempotent`, faults, gates, ... Top-level
//     sections keep their text and comments; keys inside elements are written again from their
//     values (their comments are lost).
//   * Without --name, EXISTING's `name` is kept.
// Importing the same documents with --merge of the previous output gives it again byte for byte.

#include <string>
#include <vector>

#include "cli/import/problems.h"
#include "cli/import/spec_model.h"

namespace ripple::importer {

enum class NameGiven { No, Yes };

struct MergeOutcome {
  int kept_figures = 0;
  std::vector<std::string> kept_elements;  // "services.payment", "stores", ...
};

// REQUIRES: spec is sorted (build_spec's output).
[[nodiscard]] MergeOutcome merge_existing(OutSpec& spec, const Document& existing, NameGiven name,
                                          Problems& problems);

}  // namespace ripple::importer
