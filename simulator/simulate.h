#pragma once

// The simulator's entry point: runs a spec's workload and faults for N independent replications
// and returns merged results. Deterministic: the same spec, options and seed give identical
// results for any thread count (replications are merged in replication order). Never prints,
// never reads the clock, never parses YAML.

#include <cstdint>
#include <optional>
#include <string>

#include "model/spec.h"
#include "model/units.h"
#include "simulator/results.h"

namespace ripple::sim {

struct SimulationOptions {
  std::optional<std::uint64_t> seed;        // default: spec.workload.seed
  std::optional<model::Duration> duration;  // default: spec.workload.duration (warmup included)
  int replications = 1;                     // independent runs with seeds derived from `seed`
  int threads = 1;                          // worker threads; 0 = one per hardware thread
  model::Duration series_step = model::kSecond;  // time-series step
};

// Why `options` cannot be used with `spec` (e.g. "--duration must exceed the warmup (30s)"), or
// nullopt when they can.
[[nodiscard]] std::optional<std::string> check_options(const model::Spec& spec,
                                                       const SimulationOptions& options);

// REQUIRES: check_options(spec, options) is nullopt. `spec` comes from the loader (ids resolved,
// defaults applied).
[[nodiscard]] SimulationResult simulate(const model::Spec& spec, const SimulationOptions& options);

// The seed of replication `index` of a run seeded with `seed` (replication 0 included).
[[nodiscard]] std::uint64_t replication_seed(std::uint64_t seed, int index);

}  // namespace ripple::sim
