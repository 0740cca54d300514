#include "simulator/backoff.h"

#include <algorithm>
#include <cmath>

#include "simulator/engine.h"

namespace ripple::sim {

TimeNs retry_delay(const model::RetryPolicy& policy, int retry, TimeNs& previous, Rng& rng) {
  const auto cap = static_cast<double>(policy.max_backoff.ns);
  const auto base = static_cast<double>(policy.backoff.ns);
  if (base <= 0) return 0;
  double value = std::min(cap, base * std::pow(policy.multiplier, retry - 1));
  switch (policy.jitter) {
    case model::Jitter::None:
      break;
    case model::Jitter::Full:
      value = rng.uniform(0, value);
      break;
    case model::Jitter::Equal:
      value = value / 2 + rng.uniform(0, value / 2);
      break;
    case model::Jitter::Decorrelated: {
      const double high = std::max(base, 3 * static_cast<double>(previous));
      value = std::min(cap, rng.uniform(base, high));
      break;
    }
  }
  const TimeNs wait = to_span_ns(value);
  previous = wait;
  return wait;
}

}  // namespace ripple::sim
