#pragma once

// The simulator's scale design (issue 19), as YAML text, deterministic for a seed (splitmix64,
// so the same text on every platform):
//   - 200 services in five layers (10 entry, 30, 40, 50, 70 leaves), two operations each;
//     every operation of layers 0-3 calls 1-3 operations of the next layer, each call taken
//     with a probability, so a synchronous chain is at most 5 operations deep;
//   - per layer one call timeout (150ms, 120ms, 90ms, 60ms), and retries (2 or 3 attempts with
//     a jittered backoff) on about a third of the calls;
//   - one Kafka broker and 30 events, each published by an operation of layers 1-3 and
//     consumed by 2-5 services of layers 2-4;
//   - a fault: one layer-3 service answers errors for 20% of its requests during the middle
//     tenth of the run;
//   - `rate` entry requests per second (Poisson) spread evenly over the 10 entry services.

#include <cstdint>
#include <string>

namespace ripple::bench {

struct ScaleDesignOptions {
  double rate_per_s = 50'000;  // entry requests per second, all sources together
  double duration_s = 600;     // the run (warmup: a twentieth of it)
  std::uint64_t seed = 1;
};

[[nodiscard]] std::string scale_design(const ScaleDesignOptions& options);

}  // namespace ripple::bench
