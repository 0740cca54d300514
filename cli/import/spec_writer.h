#pragma once

// Writes an imported spec as Ripple spec YAML text, deterministically: sections in the order of
// docs/spec.md, elements sorted by name, one value a line, every figure's origin as a comment at
// its place (`# default; set x-ripple-rate`), a header naming the source documents and counting
// the defaults, and what --merge kept.

#include <string>

#include "cli/import/spec_model.h"

namespace ripple::importer {

[[nodiscard]] std::string write_spec(const OutSpec& spec);

// The number of figures still at their default.
[[nodiscard]] int count_defaults(const OutSpec& spec);

}  // namespace ripple::importer
