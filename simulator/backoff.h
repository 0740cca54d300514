#pragma once

// The wait before a retry. Retry n (n = 1 for the first retry) waits
// min(backoff x multiplier^(n-1), max_backoff), then jitter applies:
//   none: that value; full: uniform in [0, value); equal: value/2 + uniform in [0, value/2);
//   decorrelated: min(max_backoff, uniform in [backoff, 3 x previous wait)), where the previous
//   wait starts at backoff (the "decorrelated jitter" of the AWS architecture blog).

#include "model/spec.h"
#include "simulator/engine.h"
#include "simulator/random.h"

namespace ripple::sim {

// `previous` holds the previous wait for decorrelated jitter; initialise it to backoff.
// Returns nanoseconds, >= 0.
[[nodiscard]] TimeNs retry_delay(const model::RetryPolicy& policy, int retry, TimeNs& previous,
                                 Rng& rng);

}  // namespace ripple::sim
