#pragma once

// Turns the raw metrics of replications into a SimulationResult. Replications are added one by
// one in replication order, so the merged result does not depend on which thread ran which
// replication, and each replication's raw metrics can be dropped once added.

#include <cstdint>
#include <optional>
#include <vector>

#include "model/spec.h"
#include "simulator/metrics.h"
#include "simulator/results.h"
#include "simulator/run_plan.h"
#include "simulator/work_layout.h"

namespace ripple::sim {

// Results are in milliseconds; the engine counts nanoseconds.
inline constexpr double kNsPerMs = 1e6;

class Summary {
 public:
  Summary(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed);

  // REQUIRES: called in replication order 0, 1, 2, ...
  void add(const ReplicationMetrics& replication);
  [[nodiscard]] SimulationResult finish() const;

 private:
  struct Headline {
    std::vector<double> p99_ms, mean_ms, error_rate;
  };
  void add_events(const ReplicationMetrics& replication);
  [[nodiscard]] CallEdgeResult edge_result(int edge, int index) const;
  void build_operations(SimulationResult& result) const;
  [[nodiscard]] double consumer_utilization(int consumer) const;
  void build_services(SimulationResult& result) const;
  void build_calls(SimulationResult& result) const;
  void build_events(SimulationResult& result) const;
  void build_reconnects(SimulationResult& result) const;
  void build_faults(SimulationResult& result) const;
  void add_recoveries(const ReplicationMetrics& replication);
  [[nodiscard]] bool fault_reaches(const model::Fault& fault, int consumer) const;
  void build_series(SimulationResult& result) const;
  void build_intervals(SimulationResult& result) const;

  const model::Spec& spec_;
  WorkLayout layout_;
  RunPlan plan_;
  std::uint64_t seed_;
  int replications_ = 0;
  std::vector<bool> entry_;                   // by operation id
  ReplicationMetrics total_;                  // counters and histograms summed
  std::vector<std::vector<double>> p99_sum_;  // by op, by step: sum of replications' step p99
  std::vector<std::vector<int>> p99_count_;   // replications with completions in that step
  std::vector<Headline> headline_;            // by op
  // By watch (faults, then spikes; see RecoveryWatch): each replication's recovery time, ms.
  std::vector<std::vector<std::optional<double>>> recoveries_;
};

// Recovery of one replication from the disturbance that `watch` follows (docs/simulator.md,
// "Recovery"): ms from its end to the start of the first healthy window, or nullopt. `plan` gives
// the steps; each of `backlogs` (one value per step, e.g. a consumer's unsettled events) must be
// back too: its mean over the window's first ten steps at most 10% (or 10 events) above its mean
// over the whole steps before the start.
[[nodiscard]] std::optional<double> recovery_time_ms(
    const ReplicationMetrics& replication, const RecoveryWatch& watch, const RunPlan& plan,
    const std::vector<const std::vector<double>*>& backlogs = {});

}  // namespace ripple::sim
