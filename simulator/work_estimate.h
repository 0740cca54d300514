#pragma once

// What a run will cost, before it runs: an estimate of the events the engine will process and
// of the memory the run holds at its peak, and the budget a run must stay within (ripple refuses
// a run whose estimate is over it, and stops one that goes over it while it runs).
//
// Events: for each source, its arrivals (rate x duration, spikes included) times the events one
// arrival sets off at worst: each call with every retry attempt, each store access, each publish
// with every consumer's handling, recursively (a cycle of calls counts as unbounded); reconnect
// storms: clients x attempts; all of it times the replications. Memory: per replica and worker,
// per waiting request a service may queue (an unbounded queue: every arrival of the run), per
// partition and consumer, per point of the time series.

#include <cstdint>
#include <optional>
#include <string>

#include "model/spec.h"

namespace ripple::sim {

struct WorkBudget {
  std::uint64_t max_events = 500'000'000;       // engine events over all replications
  std::uint64_t max_memory_bytes = 2ULL << 30;  // peak bytes of simulation state (2 GiB)
};

struct WorkEstimate {
  double events = 0;             // over all replications
  double memory_bytes = 0;       // peak, with the replications that run at once
  double worst_case_events = 0;  // every attempt of every retry layer, over all replications
};

struct RunShape {
  std::int64_t duration_ns = 0;
  std::int64_t series_step_ns = 0;
  int replications = 1;
  int threads = 1;  // replications that run at once
};

[[nodiscard]] WorkEstimate estimate_work(const model::Spec& spec, const RunShape& shape);

// Why a run of that estimate is over `budget` ("the run would process about 1.2e11 events, over
// the budget of 5e8 (--max-events)"), or nullopt when it is within.
[[nodiscard]] std::optional<std::string> over_budget(const WorkEstimate& estimate,
                                                     const WorkBudget& budget);

// Bytes, per unit, that the memory estimate and the run-time check count.
inline constexpr double kBytesPerPendingEvent = 256;  // an event and the request state behind it
inline constexpr double kBytesPerReplica = 256;
inline constexpr double kBytesPerWorker = 8;
inline constexpr double kBytesPerQueuedRequest = 256;
inline constexpr double kBytesPerPartition = 64;   // per partition and consumer
inline constexpr double kBytesPerSeriesPoint = 8;  // per series and point

}  // namespace ripple::sim
