#include "model/keys.h"

#include <algorithm>
#include <cmath>

namespace ripple::model {
namespace {

// The splitmix64 finalizer: bijective, and every input bit moves every output bit.
std::uint64_t mix_key(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::vector<double> key_probabilities(const KeyDistribution& keys) {
  const auto n = static_cast<std::size_t>(keys.values);
  std::vector<double> p(n, n > 0 ? 1.0 / static_cast<double>(n) : 0.0);
  if (keys.kind == KeyDistribution::Kind::Zipf) {
    double total = 0;
    for (std::size_t k = 0; k < n; ++k)
      total += p[k] = std::pow(static_cast<double>(k + 1), -keys.exponent);
    for (double& x : p) x /= total;
  } else if (keys.kind == KeyDistribution::Kind::Hot && n > 0) {
    const double rest = n > 1 ? (1 - keys.hot_share) / static_cast<double>(n - 1) : 0;
    for (double& x : p) x = rest;
    p[0] = n > 1 ? keys.hot_share : 1.0;
  }
  return p;
}

int partition_of_key(std::uint64_t key, int partitions) {
  if (partitions <= 1) return 0;
  return static_cast<int>(mix_key(key) % static_cast<std::uint64_t>(partitions));
}

std::vector<double> partition_shares(const KeyDistribution& keys, int partitions) {
  std::vector<double> shares(static_cast<std::size_t>(std::max(partitions, 1)), 0.0);
  const std::vector<double> p = key_probabilities(keys);
  for (std::size_t k = 0; k < p.size(); ++k)
    shares[static_cast<std::size_t>(partition_of_key(k, partitions))] += p[k];
  return shares;
}

}  // namespace ripple::model
