#pragma once

// Values set from the command line over a spec's YAML, before it is loaded:
//   ripple sweep shop.yaml --vary services.payment.replicas=2..8
// A path is dotted keys with list indexes, `workload.sources[0].rate`; the value is one YAML
// scalar in the field's own units (`3`, `200/s`, `20ms`). Every key of the path must exist but
// the last, which may be added to an existing mapping (`defaults.timeout`). Problems are
// diagnostics on the file `--vary PATH=VALUE` (line 1, the column of the bad part), with a
// did-you-mean over the keys that exist; problems the loader then finds in a value are moved
// there too.

#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/yaml_tree.h"

namespace ripple::model {

struct Override {
  std::string path;   // "services.payment.replicas"
  std::string value;  // "3"
};

namespace detail {

// Line numbers given to the nodes an override sets: kOverrideLine + its index.
inline constexpr int kOverrideLine = 1 << 29;

// The name diagnostics give an override: "--vary PATH=VALUE".
[[nodiscard]] std::string override_file(const Override& o);

// Sets every override in the spec's tree, or in the scenario's for `workload`, `faults` and
// `gates` when the scenario has that section. Returns the problems (nothing is set on error).
[[nodiscard]] Diagnostics apply_overrides(YamlNode& spec, YamlNode* scenario,
                                          const std::vector<Override>& overrides);

// Moves the diagnostics the loader made at an override's node onto the override's own name.
void locate_override_diagnostics(Diagnostics& diagnostics, const std::vector<Override>& overrides);

}  // namespace detail
}  // namespace ripple::model
