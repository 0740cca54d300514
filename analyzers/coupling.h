#pragma once

// Internal: coupling metrics, sync cycles and longest sync chains (see analysis.h).

#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/dependency_graph.h"
#include "analyzers/flow.h"
#include "analyzers/flow_metrics.h"

namespace ripple::analyzers::detail {

[[nodiscard]] Coupling compute_coupling(const model::Spec& spec, const DependencyGraph& graph,
                                        const FlowGraph& flow, const FlowMetrics& metrics);

// Groups of operations of one service that call each other in a cycle (or an operation that
// calls itself), by operation id.
[[nodiscard]] std::vector<std::vector<model::OperationId>> operation_cycles(
    const model::Spec& spec);

}  // namespace ripple::analyzers::detail
