#pragma once

// Internal: headroom without simulation (docs/analyzers.md, "Capacity"): offered load, capacity,
// utilization and the queueing-theory wait of every pool, and the backlog each fault leaves in
// front of each consumer group with its drain time.

#include <optional>
#include <string>
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

// Shared by the capacity files (capacity.cpp, capacity_backlog.cpp, capacity_lints.cpp):
// servers / holding time per second, nullopt when the holding time is 0 (unbounded);
[[nodiscard]] std::optional<double> capacity_of(long long servers, double holding_ms);
// a consumer group's servers with `replicas` replicas: slots, at most its ordered lanes;
[[nodiscard]] long long group_servers(const model::Spec& spec, model::ConsumerId c, int replicas);
// "the spike window at 5m (30s)", of e's busiest spike window;
[[nodiscard]] std::string spike_window_text(const ElementCapacity& e);
// analysis.backlogs from analysis.capacity (capacity_backlog.cpp).
void add_backlogs(const model::Spec& spec, const Rates& rates, Analysis& analysis);

// `overloaded`, `low-headroom` and `slow-drain` over analysis.capacity and analysis.backlogs.
void lint_capacity(const model::Spec& spec, const Analysis& analysis,
                   std::vector<Finding>& findings);

}  // namespace ripple::analyzers::detail
