#include "cli/review/replicated.h"

#include <span>
#include <utility>

namespace ripple::cli {

// Every replication's raw metrics are kept until the end so that the merged result is exactly
// simulate()'s; each is also merged alone as it arrives (in replication order, from whichever
// thread ran it), so the per-replication results never depend on the thread count.
ReplicatedSimulation simulate_replicated(const model::Spec& spec,
                                         const sim::SimulationOptions& options) {
  ReplicatedSimulation run;
  std::vector<sim::ReplicationMetrics> all;
  all.reserve(static_cast<std::size_t>(options.replications));
  run.replications.reserve(static_cast<std::size_t>(options.replications));
  sim::run_replications(spec, options, [&](int, sim::ReplicationMetrics&& metrics) {
    const std::span<const sim::ReplicationMetrics> alone(&metrics, 1);
    run.replications.push_back(sim::merge_replications(spec, options, alone));
    all.push_back(std::move(metrics));
  });
  run.merged = sim::merge_replications(spec, options, all);
  return run;
}

}  // namespace ripple::cli
