// Retries, timeouts, breakers and the retry-storm boundary (oracles: ../shared/oracles.md,
// "Retries and amplification" and "Retry storms").

#include <gtest/gtest.h>

#include <string>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::edge;
using testing::load;
using testing::operation;
using testing::replace_all;
using testing::run;

// Per-attempt failure probability f = 0.5, A = 4 attempts: E[attempts] = (1 - f^A)/(1 - f) =
// 1.875 and success = 1 - f^A = 0.9375. 100k entry requests: the attempts per entry have a
// variance of about 1.1, so the standard error of the mean is ~0.0033 (tolerance 0.02, 6 se); the
// error share has a binomial standard error of 0.00077 (tolerance 0.004, 5 se).
TEST(Retries, ErrorsAtHalfWithFourAttemptsAmplifyByTheOracle) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 100000
    queue: unbounded
    operations:
      go:
        calls: [{to: back.op, retry: {attempts: 4}}]
  back:
    workers: 100000
    queue: unbounded
    operations:
      op: {time: exp(1ms)}
workload:
  duration: 1000s
  sources: [{to: front.go, rate: 100/s}]
faults:
  - {service: back, at: 0s, for: 1000s, mode: errors, ratio: 0.5}
)"));
  const CallEdgeResult& call = edge(result, "front.go");
  const double attempts = static_cast<double>(call.attempts) / static_cast<double>(call.calls);
  EXPECT_NEAR(attempts, 1.875, 0.02);
  EXPECT_NEAR(result.amplification[0].requests_per_entry, 1.875, 0.02);
  EXPECT_NEAR(operation(result, "front.go").error_rate, 0.0625, 0.004);
  EXPECT_EQ(call.retries, call.attempts - call.calls);
}

// Three layers with 3 attempts each over an always-failing bottom: the bottom is reached
// 3^3 = 27 times per entry request and the total is 3 + 9 + 27 = 39. Exact: no randomness.
TEST(Retries, NestedRetriesMultiplyPerLayer) {
  const auto result = run(load(R"(ripple: 1
services:
  a:
    operations:
      op: {calls: [{to: b.op, retry: {attempts: 3}}]}
  b:
    operations:
      op: {calls: [{to: c.op, retry: {attempts: 3}}]}
  c:
    operations:
      op: {calls: [{to: d.op, retry: {attempts: 3}}]}
  d:
    operations:
      op: {time: 1ms}
workload:
  duration: 100s
  sources: [{to: a.op, rate: 10/s, arrival: constant}]
faults:
  - {service: d, at: 0s, for: 100s, mode: down}
)"));
  const OperationResult& entry = operation(result, "a.op");
  EXPECT_EQ(entry.count, 999u);
  EXPECT_EQ(entry.errors, 999u);
  EXPECT_EQ(operation(result, "d.op").count, 27u * 999u);
  EXPECT_EQ(operation(result, "c.op").count, 9u * 999u);
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 39.0);
}

const char* kTimeoutSpec = R"(ripple: 1
services:
  front:
    operations:
      go:
        calls: [{to: back.op, timeout: 40ms, retry: {attempts: 2}, cancel_on_timeout: CANCEL}]
  back:
    workers: 1
    queue: unbounded
    operations:
      op: {time: 100ms}
workload:
  duration: 100s
  sources: [{to: front.go, rate: 1/s, arrival: constant}]
)";

std::string with_cancel(const char* value) { return replace_all(kTimeoutSpec, "CANCEL", value); }

// Each entry: attempt 1 starts at once and times out at 40ms; attempt 2 waits behind it and
// times out at 80ms. The entry fails after 80ms. Without cancellation the callee still serves
// both attempts; with it, the queued second attempt is dropped.
TEST(Timeouts, AbandonedWorkStillRunsUnlessCancelled) {
  const auto kept = run(load(with_cancel("false")));
  EXPECT_EQ(operation(kept, "front.go").errors, 99u);
  EXPECT_NEAR(operation(kept, "front.go").latency.p50_ms, 80.0, 0.8);
  EXPECT_EQ(operation(kept, "back.op").ok, 2u * 99u);
  EXPECT_EQ(edge(kept, "front.go").timeouts, 2u * 99u);

  const auto cancelled = run(load(with_cancel("true")));
  EXPECT_EQ(operation(cancelled, "back.op").ok, 99u);
  EXPECT_EQ(operation(cancelled, "back.op").errors, 99u);
}

// A breaker over 10 calls at failure ratio 0.5 in front of a callee that is down: it opens after
// 5 failures, fails fast for 1s, lets one trial through, which fails and opens it again.
TEST(Breakers, OpenFailFastAndTryOnePerPeriod) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go:
        calls: [{to: back.op, breaker: {failure_ratio: 0.5, window: 10, open_for: 1s}}]
  back:
    operations:
      op: {time: 1ms}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 100/s, arrival: constant}]
faults:
  - {service: back, at: 0s, for: 10s, mode: down}
)"));
  const CallEdgeResult& call = edge(result, "front.go");
  const std::uint64_t reached = operation(result, "back.op").count;
  EXPECT_EQ(call.breaker_opens, 10u);
  EXPECT_EQ(reached, 5u + 9u);  // 5 before the first opening, then one trial per reopening
  EXPECT_EQ(call.short_circuited + reached, call.attempts);
}

// on_failure: continue makes the failed call a fallback: the caller succeeds.
TEST(Calls, ContinueOnFailureKeepsTheCallerAlive) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, on_failure: continue}]}
  back:
    operations:
      op: {time: 1ms}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 10/s, arrival: constant}]
faults:
  - {service: back, at: 0s, for: 10s, mode: down}
)"));
  EXPECT_EQ(operation(result, "front.go").errors, 0u);
  EXPECT_EQ(edge(result, "front.go").failures, 99u);
}

std::string storm_spec(int rate) {
  return R"(ripple: 1
services:
  front:
    workers: 100000
    queue: unbounded
    operations:
      go:
        calls: [{to: back.op, timeout: 200ms, retry: {attempts: 3}}]
  back:
    workers: 4
    queue: unbounded
    operations:
      op: {time: exp(10ms)}
workload:
  duration: 40s
  seed: 2
  sources: [{to: front.go, rate: )" +
         std::to_string(rate) + R"(/s}]
faults:
  - {service: back, at: 10s, for: 2s, mode: slow, factor: 10}
)";
}

double mean_error_rate_after(const SimulationResult& result, double from_ms) {
  const EntrySeries& series = result.series.entries[0];
  double sum = 0;
  int n = 0;
  for (std::size_t k = 0; k < series.error_rate.size(); ++k) {
    if (result.series.start_ms[k] < from_ms) continue;
    sum += series.error_rate[k];
    ++n;
  }
  return n ? sum / n : 0;
}

// Metastability boundary: capacity mu c = 4 x 100/s = 400/s, up to R = 2 retries on timeouts,
// no cancellation. The same trigger (2s at a tenth of the speed, which queues far more than the
// 200ms timeout) is followed by lambda (1 + R) = 450/s > 400/s at lambda 150/s: every attempt
// keeps timing out and the system never recovers. At lambda 100/s, 300/s < 400/s: the backlog
// drains within a few seconds and errors stop. Far from the boundary on both sides, so the
// outcome does not depend on the seed; the bounds (> 0.9 and < 0.01) leave wide margins.
TEST(RetryStorm, SustainsAboveTheBoundaryAndRecoversBelow) {
  const auto above = run(load(storm_spec(150)));
  EXPECT_GT(mean_error_rate_after(above, 30000), 0.9);
  ASSERT_EQ(above.faults.size(), 1u);
  EXPECT_FALSE(above.faults[0].recovery_time_ms.has_value());
  EXPECT_GT(edge(above, "front.go").timeouts, 10000u);

  const auto below = run(load(storm_spec(100)));
  EXPECT_LT(mean_error_rate_after(below, 30000), 0.01);
  ASSERT_TRUE(below.faults[0].recovery_time_ms.has_value());
  EXPECT_LT(*below.faults[0].recovery_time_ms, 15000.0);
}

}  // namespace
}  // namespace ripple::sim
