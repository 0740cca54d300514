#pragma once

// The three-hop synchronous chain of bench_sync_chain (gateway -> order -> payment, per-attempt
// timeouts and retries, an error burst at 10s), shared with bench_mixed_async, which compares
// its own rate with this one's.

#include <string>

namespace ripple::bench {

// The chain's spec, simulated for `seconds` seconds.
inline std::string chain_spec(const std::string& seconds) {
  return R"(ripple: 1
services:
  gateway:
    replicas: 2
    workers: 64
    operations:
      checkout:
        time: exp(1ms)
        calls: [{to: order.place, timeout: 200ms, retry: {attempts: 3, backoff: 10ms, jitter: full}}]
  order:
    replicas: 3
    workers: 32
    operations:
      place:
        time: lognormal(median=4ms, p99=20ms)
        calls: [{to: payment.charge, timeout: 50ms, retry: {attempts: 2, backoff: 5ms}}]
  payment:
    replicas: 2
    workers: 32
    operations:
      charge: {time: exp(5ms)}
workload:
  duration: )" +
         seconds + R"(s
  sources: [{to: gateway.checkout, rate: 2000/s}]
faults:
  - {service: payment, at: 10s, for: 5s, mode: errors, ratio: 0.3}
)";
}

}  // namespace ripple::bench
