#pragma once

// Pseudo-random streams and sampling of every model::Distribution kind, implemented here rather
// than with <random> so that a seed gives the same numbers with every standard library.
//
// Rng is xoshiro256** (Blackman and Vigna), seeded through splitmix64. Each replication and each
// entity inside it (a source, an operation, a store access, a call edge) owns its own stream,
// derived from the replication's seed and a stream key made of the entity's kind and its NAME
// (never its index), so adding, removing, reordering or changing an unrelated entity leaves every
// other entity's numbers exactly as they were (common random numbers across versions of a spec).

#include <array>
#include <cstdint>
#include <string_view>

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

// The kinds of random streams. Names (see stream_key):
//   Source, Reconnect   the target "svc.op" and "#n", the source's rank among those targeting it
//   Operation           "svc.op": its time
//   Consumer            "svc:Event": its handling time
//   Call                "from->svc.op#n" (n: rank among from's calls to that target); callbacks
//                       "svc:Event=>svc.op#n": probability, retry jitter
//   OperationErrors     "svc.op": the draws of an `errors` fault of its service
//   StoreAccess         "store<-work:r#i" or ":w#i" (the work's i-th read or write): transaction
//                       times and the draws of an `errors` fault of the store
//   BrokerLatency       "broker/Event": the broker latency of that event
//   EventKey            "Event": key values
enum class StreamKind : std::uint64_t {
  Replication = 1,
  Source = 2,
  Operation = 3,
  StoreAccess = 4,
  Call = 5,
  OperationErrors = 6,
  Consumer = 7,
  BrokerLatency = 8,
  EventKey = 9,
  Reconnect = 10,
  Network = 20,      // network time of a call edge's attempts
  SourceRetry = 21,  // retry jitter of a rate source's waiting clients
};
// Replications are numbered: a kind in the top byte and the index below.
[[nodiscard]] constexpr std::uint64_t stream_key(StreamKind kind, std::uint64_t index) {
  return (static_cast<std::uint64_t>(kind) << 56) | index;
}
// Entities are named: a 64-bit hash (FNV-1a, then mixed) of the kind and the name.
[[nodiscard]] std::uint64_t stream_key(StreamKind kind, std::string_view name);

}  // namespace ripple::sim
