#pragma once

// Pseudo-random streams and sampling of every model::Distribution kind, implemented here rather
// than with <random> so that a seed gives the same numbers with every standard library.
//
// Rng is xoshiro256** (Blackman and Vigna), seeded through splitmix64. Each replication and each
// entity inside it (a source, an operation, a store, a call edge) owns its own stream, derived
// from the run's seed and a stream key, so adding an entity does not shift the others' numbers.

#include <array>
#include <cstdint>

#include "model/distribution.h"

namespace ripple::sim {

// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
[[nodiscard]] std::uint64_t splitmix64(std::uint64_t& state);

// A seed for stream `key` of the run seeded with `seed` (deterministic, well spread).
[[nodiscard]] std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key);

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0);

  [[nodiscard]] std::uint64_t next();
  // Uniform in [0, 1) with 53 random bits.
  [[nodiscard]] double uniform();
  // Uniform in [low, high).
  [[nodiscard]] double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // True with probability p.
  [[nodiscard]] bool bernoulli(double p) { return uniform() < p; }
  // Exponential with the given mean.
  [[nodiscard]] double exponential(double mean);
  // Standard normal (Marsaglia's polar method; uses only log and sqrt).
  [[nodiscard]] double standard_normal();

 private:
  std::array<std::uint64_t, 4> s_{};
  double spare_normal_ = 0;
  bool has_spare_ = false;
};

// One sample of `d` in nanoseconds, rounded to an integer, never negative.
// Normal samples are drawn from the normal conditioned on being >= 0 (rejection).
[[nodiscard]] std::int64_t sample_ns(const model::Distribution& d, Rng& rng);

// Stream keys: a kind in the top byte and an index below, so streams never collide.
enum class StreamKind : std::uint64_t {
  Replication = 1,
  Source = 2,
  Operation = 3,
  Store = 4,
  Call = 5,
  Service = 6,
  Consumer = 7,
  Broker = 8,
  EventKey = 9,
  Reconnect = 10,
};
[[nodiscard]] constexpr std::uint64_t stream_key(StreamKind kind, std::uint64_t index) {
  return (static_cast<std::uint64_t>(kind) << 56) | index;
}

}  // namespace ripple::sim
