#pragma once

// A simulation together with each replication's own figures, for the statistics that need
// per-replication values (confidence intervals, paired differences, gate verdicts).
//
//   const ReplicatedSimulation run = simulate_replicated(spec, options);
//   run.merged              // what sim::simulate(spec, options) returns
//   run.replications[i]     // replication i alone (seeded sim::replication_seed(seed, i))
//
// Same spec, options and seed: identical results for any options.threads.

#include <vector>

#include "model/spec.h"
#include "simulator/results.h"
#include "simulator/simulate.h"

namespace ripple::cli {

struct ReplicatedSimulation {
  sim::SimulationResult merged;                     // every replication merged
  std::vector<sim::SimulationResult> replications;  // replication i alone, in order
};

// REQUIRES: sim::check_options(spec, options) is nullopt.
[[nodiscard]] ReplicatedSimulation simulate_replicated(const model::Spec& spec,
                                                       const sim::SimulationOptions& options);

// The replication values of a figure: `figure(replications[i])` for each i. Replications where
// the figure is undefined (nullopt) are left out.
template <typename Figure>
[[nodiscard]] std::vector<double> replication_values(const ReplicatedSimulation& run,
                                                     Figure figure) {
  std::vector<double> values;
  values.reserve(run.replications.size());
  for (const sim::SimulationResult& r : run.replications)
    if (const auto value = figure(r)) values.push_back(*value);
  return values;
}

}  // namespace ripple::cli
