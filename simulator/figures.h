#pragma once

// The simulated figures of a result as one flat list, for what compares runs figure by figure:
// `diff --simulate` (base against head), gates, intervals and paired differences over
// replications (figures(result.per_replication[i]) lists the same figures in the same order for
// every replication of one spec).
//
// A figure is named by the gate metric that reads it and by its subject, the gate's argument:
//   {P99, "gateway.checkout"}  {P99Lag, "shipping:OrderPlaced"}  {Lost, "shipping:OrderPlaced"}
//   {Utilization, "payment"}   {MaxBacklog, "bus"}               {RecoveryTime, "payment"}
// so `metric(subject)` is also the gate that would test it. Values are in the metric's unit
// (model::GateValue): milliseconds, ratios 0..1, counts, events, requests per second. Counts
// (lost, duplicates, ...) are per replication: a result that merges several replications gives
// their mean. A figure the run cannot define (no request answered, never recovered) has no value.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/gate_metric.h"
#include "simulator/results.h"

namespace ripple::sim {

// Which way a figure should move.
enum class Better {
  Lower,    // latencies, error rates, lag, losses, duplicates, utilization (nearer saturation),
            // backlog, recovery time
  Neither,  // throughput: set by the workload, a move is neither good nor bad
};

struct Figure {
  model::GateMetric metric = model::GateMetric::P99;
  std::string subject;
  std::optional<double> value;
  Better better = Better::Lower;
  bool operator==(const Figure&) const = default;
};

// Every figure of `result`, in a fixed order: per entry operation p99, error rate and
// throughput; per consumer p99 lag, lost, duplicates, harmful duplicates, dead-lettered and
// out-of-order; per service utilization; per broker backlog and max backlog; per faulted
// component recovery time (the slowest of its faults); per spiked operation spike recovery time.
// Within a kind, in model id (or spec) order.
[[nodiscard]] std::vector<Figure> figures(const SimulationResult& result);

// The figure `metric(subject)` of `result`; nullopt when the result has no such figure or it is
// undefined. Same definitions as figures().
[[nodiscard]] std::optional<double> figure_value(const SimulationResult& result,
                                                 model::GateMetric metric,
                                                 std::string_view subject);

}  // namespace ripple::sim
