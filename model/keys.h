#pragma once

// The key values of a keyed event and the partition each lands on: shared by the simulator
// (which draws keys and places them) and the analyzers (which compute each partition's share),
// so both speak of the same partitions.

#include <cstdint>
#include <vector>

namespace ripple::model {

// How a keyed event's key values are drawn (`keys:` of an event). Key values are ranks
// 0..values-1; rank 0 is the most frequent under `zipf` and the hot key under `hot`.
struct KeyDistribution {
  enum class Kind { Uniform, Zipf, Hot };
  Kind kind = Kind::Uniform;
  std::int64_t values = 100000;  // distinct key values
  double exponent = 0;           // zipf: P(rank k) proportional to 1 / (k + 1)^exponent
  double hot_share = 0;          // hot: share of events on key 0 (0..1), the rest uniform
  bool declared = false;         // written in the spec (else the default, uniform over 100,000)
  bool operator==(const KeyDistribution&) const = default;
};

// The most key values a spec may declare (a table of that many is built for zipf).
inline constexpr std::int64_t kMaxKeyValues = 10'000'000;

// P(key = rank) for every rank, summing to 1.
[[nodiscard]] std::vector<double> key_probabilities(const KeyDistribution& keys);

// The partition (0..partitions-1) of key value `key`: a bijective 64-bit mix, so consecutive
// keys spread over partitions. REQUIRES: partitions >= 1.
[[nodiscard]] int partition_of_key(std::uint64_t key, int partitions);

// Each partition's expected share of the event's publishes.
[[nodiscard]] std::vector<double> partition_shares(const KeyDistribution& keys, int partitions);

}  // namespace ripple::model
