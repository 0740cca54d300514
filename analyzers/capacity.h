#pragma once

// Internal: headroom without simulation (docs/analyzers.md, "Capacity"): offered load, capacity,
// utilization and the queueing-theory wait of every pool, and the backlog each fault leaves in
// front of each consumer group with its drain time.

#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/flow.h"
#include "model/spec.h"

namespace ripple::analyzers::detail {

// Mean unloaded holding times, milliseconds: of one execution of each operation (by
// OperationId) and of one handling of each consumer (by ConsumerId), calls and callbacks
// included (each capped at its timeout), queueing excluded.
struct HoldingTimes {
  std::vector<double> operations;
  std::vector<double> consumers;
};

[[nodiscard]] HoldingTimes compute_holding_times(const model::Spec& spec, const FlowGraph& flow);

// Fills analysis.capacity and analysis.backlogs; needs analysis.rates.
void compute_capacity(const model::Spec& spec, const FlowGraph& flow, Analysis& analysis);

// `overloaded`, `low-headroom` and `slow-drain` over analysis.capacity and analysis.backlogs.
void lint_capacity(const model::Spec& spec, const Analysis& analysis,
                   std::vector<Finding>& findings);

}  // namespace ripple::analyzers::detail
