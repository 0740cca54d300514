#pragma once

// The faults of a spec or scenario being loaded, checked against the table of fault modes
// (model/fault_modes.h). Internal to the model library.

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Replaces spec.faults with the `faults:` list `node`.
// REQUIRES: components declared and read; spec.workload read (a fault after the run is warned of).
void read_faults(Reader& r, Spec& spec, const YamlNode& node);

}  // namespace ripple::model::detail
