#pragma once

// The 95% confidence interval of every figure `ripple simulate` reports, element by element,
// from each replication's own figures (cli/review/replicated.h, cli/review/estimates.h).
//
//   const SimulationEstimates e = estimate_simulation(run);
//   e.operations[i]   // figures of run.merged.operations[i]: {"count", Estimate}, ...
//
// How each figure of the merged result relates to the replication values, and so how its
// interval is formed:
//  * a count summed over replications (requests, errors, deliveries, losses, duplicates, dead
//    letters, publishes, call attempts): n times the interval of the per-replication mean (a
//    replication where the element is absent counts 0);
//  * a rate, ratio, latency, lag, utilization, amplification or recovery time: the interval of
//    the mean of the per-replication values (the merged figure pools the replications, so it is
//    close to that mean but not always equal: a pooled p99 is not the mean of p99s);
//  * a maximum over replications (max queue, max backlog): the interval of the mean of the
//    per-replication maxima, which the merged maximum may exceed;
//  * a recovery time is only defined in the replications that recovered: its interval is over
//    those.
// Units: those of results.h (ms, ratios 0..1, per second, counts).

#include <string>
#include <vector>

#include "cli/review/estimates.h"
#include "cli/review/replicated.h"

namespace ripple::cli {

struct FigureEstimate {
  std::string key;  // the figure's key in the simulate JSON: "count", "p99", "lost", ...
  Estimate estimate;
};
using ElementEstimates = std::vector<FigureEstimate>;  // in the JSON's key order

struct SimulationEstimates {
  int replications = 0;
  // Aligned with the lists of the merged result (element i of each is element i there).
  std::vector<ElementEstimates> operations;
  std::vector<ElementEstimates> operation_latency;  // "mean", "p50", ... "max"
  std::vector<ElementEstimates> services;
  std::vector<ElementEstimates> calls;
  std::vector<ElementEstimates> consumers;
  std::vector<ElementEstimates> consumer_lag;
  std::vector<ElementEstimates> brokers;
  std::vector<ElementEstimates> amplification;
  std::vector<ElementEstimates> faults;
  std::vector<ElementEstimates> spikes;  // recovery after each workload spike
};

[[nodiscard]] SimulationEstimates estimate_simulation(const ReplicatedSimulation& run);

// The estimate of `key` in `figures`, or null.
[[nodiscard]] const Estimate* find_estimate(const ElementEstimates& figures,
                                            const std::string& key);

}  // namespace ripple::cli
