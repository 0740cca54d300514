#include "simulator/random.h"

#include <cmath>

#include "simulator/engine.h"

namespace ripple::sim {
namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Truncation at 0 by rejection; after this many rejections the mass above 0 is negligible
// (mean many deviations below 0) and 0 is returned.
constexpr int kMaxNormalRejections = 64;

double sample_normal_truncated(double mean, double sd, Rng& rng) {
  if (sd <= 0) return mean > 0 ? mean : 0;
  for (int i = 0; i < kMaxNormalRejections; ++i) {
    const double x = mean + sd * rng.standard_normal();
    if (x >= 0) return x;
  }
  return 0;
}

double sample_double(const model::Distribution& d, Rng& rng) {
  using model::DistributionKind;
  switch (d.kind) {
    case DistributionKind::Const:
      return d.a;
    case DistributionKind::Exp:
      return rng.exponential(d.a);
    case DistributionKind::Uniform:
      return rng.uniform(d.a, d.b);
    case DistributionKind::Normal:
      return sample_normal_truncated(d.a, d.b, rng);
    case DistributionKind::Lognormal: {
      const double sigma = (std::log(d.b) - std::log(d.a)) / model::kZ99;
      return std::exp(std::log(d.a) + sigma * rng.standard_normal());
    }
    case DistributionKind::Pareto:
      return d.a * std::pow(1.0 - rng.uniform(), -1.0 / d.b);
    case DistributionKind::Empirical: {
      if (d.values.empty()) return 0;
      const auto n = d.values.size();
      auto index = static_cast<std::size_t>(rng.uniform() * static_cast<double>(n));
      return d.values[index < n ? index : n - 1];
    }
  }
  return 0;
}

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key) {
  std::uint64_t state = seed;
  const std::uint64_t mixed = splitmix64(state) ^ key;
  state = mixed;
  return splitmix64(state);
}

std::uint64_t stream_key(StreamKind kind, std::string_view name) {
  constexpr std::uint64_t kPrime = 0x100000001B3ULL;
  std::uint64_t h = 0xCBF29CE484222325ULL;
  h = (h ^ static_cast<std::uint64_t>(kind)) * kPrime;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
  return splitmix64(h);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

// Inversion with u in (0, 1]: log is several times faster than log1p in common libms, and
// u = 1 - uniform() never hits log(0).
double Rng::exponential(double mean) {
  const double u = static_cast<double>((next() >> 11) + 1) * 0x1.0p-53;
  return -mean * std::log(u);
}

double Rng::standard_normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  double u = 0, v = 0, s = 0;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double factor = std::sqrt(-2 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

std::int64_t sample_ns(const model::Distribution& d, Rng& rng) {
  return to_span_ns(sample_double(d, rng));
}

}  // namespace ripple::sim
