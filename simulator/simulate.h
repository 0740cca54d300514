#pragma once

// The simulator's entry points. A simulation runs a spec's workload and faults for N independent
// replications; simulate() merges them into one SimulationResult, run_replications() hands back
// each replication's own measurements (for sweeps, paired comparisons with common random
// numbers, advice), and merge_replications() merges any of them later.
//
// Determinism: replication i is seeded replication_seed(seed, i) and runs alone on one thread;
// its measurements depend only on (spec, options minus threads and trace, i). Results come back
// and are merged in replication order, so the same spec, options and seed give identical results
// for any thread count, and replication i of two specs run with the same seed shares its random
// streams entity by entity (common random numbers: streams are keyed by entity kind and id).
// Never prints, never reads the clock, never parses YAML.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/spec.h"
#include "model/units.h"
#include "simulator/metrics.h"
#include "simulator/results.h"
#include "simulator/trace.h"
#include "simulator/work_estimate.h"

namespace ripple::sim {

// How far a run has come, for a progress display.
struct Progress {
  int replications = 0;                // in the run
  int replications_done = 0;           // finished
  double fraction = 0;                 // share of the run's simulated time done, 0..1
  std::uint64_t events_processed = 0;  // events run so far, all replications together
};
// Receives Progress now and then: after each of kProgressSlices slices of a replication's
// simulated time, and when a replication ends. Called from worker threads, one call at a time.
using ProgressCallback = std::function<void(const Progress&)>;
inline constexpr int kProgressSlices = 500;

struct SimulationOptions {
  std::optional<std::uint64_t> seed;        // default: spec.workload.seed
  std::optional<model::Duration> duration;  // default: spec.workload.duration (warmup included)
  int replications = 1;                     // independent runs with seeds derived from `seed`
  int threads = 1;                          // worker threads; 0 = one per hardware thread
  // Also hand back each replication's own result in SimulationResult::per_replication (for
  // confidence intervals and paired differences over replications). Costs one result per
  // replication; never changes the merged figures.
  bool keep_replications = false;
  model::Duration series_step = model::kSecond;  // time-series step
  // Receives what every replication simulated (trace.h); null: no tracing. Not owned; must
  // outlive the call; must be thread-safe when more than one thread runs replications.
  TraceSink* trace = nullptr;
  // Told how far the run has come (see Progress); empty: no reports, no cost. Never changes the
  // results: a replication runs the same events whether or not it reports.
  ProgressCallback progress;
  // A run stops once it goes past this (SimulationResult::over_budget); zeros: no limit.
  // check_budget() compares the estimate with it before the run.
  WorkBudget budget;
};

// Why the run's estimated work (estimate_work) is over options.budget, or nullopt.
[[nodiscard]] std::optional<std::string> check_budget(const model::Spec& spec,
                                                      const SimulationOptions& options);

// Most points a time series may have (duration / series_step): each costs memory per component.
inline constexpr std::int64_t kMaxSeriesPoints = 1'000'000;

// Why `options` cannot be used with `spec` (e.g. "--duration must exceed the warmup (30s)"; a
// run over its budget, check_budget), or nullopt when they can.
[[nodiscard]] std::optional<std::string> check_options(const model::Spec& spec,
                                                       const SimulationOptions& options);

// Runs options.replications replications and merges them (run_replications, then
// merge_replications, without holding every replication's metrics at once).
// REQUIRES: check_options(spec, options) is nullopt. `spec` comes from the loader (ids resolved,
// defaults applied).
[[nodiscard]] SimulationResult simulate(const model::Spec& spec, const SimulationOptions& options);

// Runs options.replications replications on options.threads threads and returns their raw
// measurements: element i is replication i (seeded replication_seed(seed, i)), whatever the
// thread count. Units and contents: metrics.h (nanoseconds, counters after the warmup).
// REQUIRES: as simulate().
[[nodiscard]] std::vector<ReplicationMetrics> run_replications(const model::Spec& spec,
                                                               const SimulationOptions& options);

// As above, streaming: `consume(i, metrics)` is called once per replication, in replication
// order 0, 1, 2, ..., one call at a time (never concurrently, possibly from different threads)
// as soon as replication i and every earlier one have finished; only replications finished ahead
// of an earlier one wait in memory.
using ReplicationConsumer = std::function<void(int index, ReplicationMetrics&& metrics)>;
void run_replications(const model::Spec& spec, const SimulationOptions& options,
                      const ReplicationConsumer& consume);

// The result of the given replications merged in the order given (replications, intervals and
// events_processed count them; `seed` is the options' seed). Merging replications 0..N-1 of
// run_replications(spec, options) gives exactly simulate(spec, options); merging one gives that
// replication's own figures. REQUIRES: each element was run with this spec and these options
// (same duration and series step); `replications` is not empty.
[[nodiscard]] SimulationResult merge_replications(const model::Spec& spec,
                                                  const SimulationOptions& options,
                                                  std::span<const ReplicationMetrics> replications);

// The seed of replication `index` of a run seeded with `seed` (replication 0 included).
[[nodiscard]] std::uint64_t replication_seed(std::uint64_t seed, int index);

}  // namespace ripple::sim
