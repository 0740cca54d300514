#pragma once

// The parts of a spec a scenario may replace (workload, faults, gates), and the lint
// suppressions. Internal to the model library.

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Reads `workload:`, `faults:` and `gates:` of `root` (a spec or a scenario), in that order, each
// replacing what `spec` had. REQUIRES: the architecture read.
void read_scenario_sections(Reader& r, Spec& spec, const YamlNode& root);

// Replaces spec.gates with the `gates:` list `node`. REQUIRES: spec.faults read.
void read_gates(Reader& r, Spec& spec, const YamlNode& node);

// Adds the `suppress:` list `node` to spec.suppressions.
void read_suppressions(Reader& r, Spec& spec, const YamlNode& node);

}  // namespace ripple::model::detail
