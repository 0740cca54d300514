#pragma once

// Internal: thin versus fat cost of every event (see analysis.h EventProfile).

#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/flow.h"
#include "analyzers/flow_metrics.h"

namespace ripple::analyzers::detail {

[[nodiscard]] std::vector<EventProfile> compute_event_profiles(const model::Spec& spec,
                                                               const FlowGraph& flow,
                                                               const FlowMetrics& metrics);

}  // namespace ripple::analyzers::detail
