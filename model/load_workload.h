#pragma once

// The workload of a spec or scenario being loaded: duration, warmup, seed and sources (rate
// sources with spikes, reconnect storms). Internal to the model library.

#include <string>

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Replaces spec.workload with the `workload:` mapping `node`.
// REQUIRES: every operation declared (sources name their targets).
void read_workload(Reader& r, Spec& spec, const YamlNode& node);

// Warns at `node` when `at` is not inside the run, so what starts then never happens; `what`
// names it ("spike", "fault").
void warn_if_after_the_run(Reader& r, const Workload& workload, const YamlNode& node, Duration at,
                           const std::string& what);

}  // namespace ripple::model::detail
