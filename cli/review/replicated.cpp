#include "cli/review/replicated.h"

#include <utility>

namespace ripple::cli {

// The simulator hands back each replication's own result, merged alone in replication order
// whichever thread ran it, so the per-replication results never depend on the thread count.
ReplicatedSimulation simulate_replicated(const model::Spec& spec,
                                         const sim::SimulationOptions& options) {
  sim::SimulationOptions keeping = options;
  keeping.keep_replications = true;
  ReplicatedSimulation run;
  run.merged = sim::simulate(spec, keeping);
  run.replications = std::move(run.merged.per_replication);
  run.merged.per_replication.clear();
  return run;
}

}  // namespace ripple::cli
