#pragma once

// The metrics a gate may measure, as one table: the name a gate is written with, what its value
// (and threshold) is, what its argument names, and where the value comes from. The gate parser
// reads gates with it; `ripple gate` dispatches on GateMetric (a switch that names every metric)
// and takes units and the need for a simulation from the table.

#include <optional>
#include <span>
#include <string_view>

namespace ripple::model {

enum class GateMetric {
  P50,
  P90,
  P99,
  P999,
  Mean,
  Max,
  ErrorRate,
  Amplification,
  WorstCaseAmplification,
  BlastRadius,
  MaxLag,
  MeanLag,
  P99Lag,
  RecoveryTime,
  Instability,
  Callbacks,
  Findings,
  NoSyncCycles,
  // Event side and capacity (simulated; counts are per replication):
  Lost,               // lost(svc:Event): events the consumer never got
  Duplicates,         // duplicates(svc:Event): handlings of an event begun again after its effects
  HarmfulDuplicates,  // harmful_duplicates(svc:Event): duplicates at a non-idempotent consumer
  DeadLettered,       // dead_lettered(svc:Event)
  OutOfOrder,         // out_of_order(svc:Event)
  Utilization,        // utilization(service): its busiest pool (workers, each consumer's slots)
  Backlog,            // backlog(broker): time-weighted mean of events not yet handled
  MaxBacklog,         // max_backlog(broker): most events not yet handled at once
  Throughput,         // throughput(svc.op): answered requests per second (a Number)
  SpikeRecoveryTime,  // spike_recovery_time(svc.op): after the spikes of the sources targeting it
};

// What a metric's value and threshold are.
enum class GateValue {
  Duration,  // milliseconds; thresholds take a duration suffix
  Ratio,     // 0..1; thresholds take `%` or a fraction
  Number,    // a plain number
  Count,     // a whole number
};

// What a metric's argument names.
enum class GateArgument {
  Operation,         // `service.operation`
  EntryOrEvent,      // an operation a workload source targets, or an event
  Component,         // a service, store or broker
  Consumer,          // `service:Event`
  FaultedComponent,  // a component with a fault in `faults:`
  Service,
  Event,
  RuleOrSeverity,  // a lint id, or `error`, `warning`, `info`
  None,            // written `no WORD`, no argument and no threshold: holds when the count is 0
  Broker,
  SpikedOperation,  // an operation a rate source with `spikes` targets
};

// Where a metric's value comes from.
enum class GateSource { Analysis, Simulation };

struct GateMetricInfo {
  GateMetric metric;
  const char* name;  // as written: "p99" in `p99(svc.op) < 5ms`, "no sync_cycles"
  GateValue value;
  GateArgument argument;
  GateSource source;
};

// Every metric, in the order they are listed to users (hints, docs).
[[nodiscard]] std::span<const GateMetricInfo> gate_metric_table();
[[nodiscard]] const GateMetricInfo& gate_metric_info(GateMetric metric);
// The metric written `name` ("p99", "no sync_cycles"), if any.
[[nodiscard]] std::optional<GateMetric> find_gate_metric(std::string_view name);
[[nodiscard]] bool needs_simulation(GateMetric metric);
[[nodiscard]] const char* to_string(GateMetric metric);

}  // namespace ripple::model
