// Repeated, parallel, conditional calls and network time (docs/simulator.md, "Calls").

#include <gtest/gtest.h>

#include <string>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::edge;
using testing::load;
using testing::operation;
using testing::run;

// Constant times and no queueing (workers far above the load): every entry request takes exactly
// its own time plus max(10ms, 20ms) for the parallel group plus 5ms for the call after it. The
// histogram's relative error is below 1%, so p99 is within 0.5 ms; the mean is exact.
TEST(CallShapes, ParallelGroupTakesItsSlowestBranchThenTheNextCall) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 1000
    operations:
      go:
        time: const(2ms)
        calls:
          - parallel: [a.op, b.op]
          - c.op
  a: {workers: 1000, operations: {op: {time: const(10ms)}}}
  b: {workers: 1000, operations: {op: {time: const(20ms)}}}
  c: {workers: 1000, operations: {op: {time: const(5ms)}}}
workload:
  duration: 20s
  sources: [{to: front.go, rate: 100/s}]
)"));
  const OperationResult& go = operation(result, "front.go");
  EXPECT_GT(go.count, 1500U);
  EXPECT_NEAR(go.latency.mean_ms, 27.0, 1e-6);
  EXPECT_NEAR(go.latency.p99_ms, 27.0, 0.5);
  EXPECT_NEAR(go.latency.max_ms, 27.0, 0.5);
}

// The same calls in sequence take their sum: 2 + 10 + 20 + 5 = 37 ms (exact).
TEST(CallShapes, CallsOutsideAGroupRunOneAfterAnother) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 1000
    operations:
      go: {time: const(2ms), calls: [a.op, b.op, c.op]}
  a: {workers: 1000, operations: {op: {time: const(10ms)}}}
  b: {workers: 1000, operations: {op: {time: const(20ms)}}}
  c: {workers: 1000, operations: {op: {time: const(5ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 100/s}]
)"));
  EXPECT_NEAR(operation(result, "front.go").latency.mean_ms, 37.0, 1e-6);
}

// `count: 9` makes nine requests per execution, one after the other: exactly 9 downstream
// requests per entry request, and 9 x 3 ms of waiting on top of the caller's own 1 ms.
TEST(CallShapes, CountNineMakesNineSequentialRequests) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 1000
    operations:
      go: {time: const(1ms), calls: [{to: currency.convert, count: 9}]}
  currency: {workers: 1000, operations: {convert: {time: const(3ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 50/s}]
)"));
  const OperationResult& go = operation(result, "front.go");
  EXPECT_EQ(operation(result, "currency.convert").count, 9 * go.count);
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 9.0);
  EXPECT_NEAR(go.latency.mean_ms, 28.0, 1e-6);
  EXPECT_EQ(edge(result, "front.go").calls, 9 * go.count);
}

// Each of the `count` calls has its own attempts: 4 calls x 3 attempts against a callee that is
// always down is 12 attempts per entry; with on_failure continue every repeat is made.
TEST(CallShapes, EachRepeatHasItsOwnRetries) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go:
        calls: [{to: back.op, count: 4, retry: {attempts: 3}, on_failure: continue}]
  back: {operations: {op: {}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 10/s}]
faults:
  - {service: back, at: 0s, for: 10s, mode: down}
)"));
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 12.0);
  EXPECT_EQ(operation(result, "front.go").errors, 0U);
}

// A failing repeat with on_failure fail ends the call: one call of three attempts per entry.
TEST(CallShapes, AFailedRepeatEndsTheCall) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, count: 4, retry: {attempts: 3}}]}
  back: {operations: {op: {}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 10/s}]
faults:
  - {service: back, at: 0s, for: 10s, mode: down}
)"));
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 3.0);
  EXPECT_DOUBLE_EQ(operation(result, "front.go").error_rate, 1.0);
}

// Network time: const(4ms) per attempt adds 4 ms per call to the caller's latency, and not to the
// callee's (which counts from the request's arrival). Exact: constant times, no queueing.
TEST(CallShapes, NetworkLatencyAddsToTheCallersWaitPerAttempt) {
  const auto result = run(load(R"(ripple: 1
defaults: {network_latency: const(1ms), workers: 1000}
services:
  front:
    operations:
      go: {calls: [{to: back.op, latency: const(4ms)}, back.op]}
  back: {operations: {op: {time: const(2ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 20/s}]
)"));
  EXPECT_NEAR(operation(result, "front.go").latency.mean_ms, 4 + 2 + 1 + 2, 1e-6);
  EXPECT_NEAR(operation(result, "back.op").latency.mean_ms, 2.0, 1e-6);
}

// Network time counts toward the attempt's timeout: 30 ms on the way to a 10 ms callee under a
// 20 ms timeout times out every attempt, though the callee still serves every request.
TEST(CallShapes, NetworkLatencyCountsTowardTheTimeout) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, latency: const(30ms), timeout: 20ms}]}
  back: {workers: 1000, operations: {op: {time: const(10ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 20/s}]
)"));
  const CallEdgeResult& call = edge(result, "front.go");
  EXPECT_EQ(call.timeouts, call.attempts);
  EXPECT_DOUBLE_EQ(operation(result, "front.go").error_rate, 1.0);
  EXPECT_GT(operation(result, "back.op").ok, 150U);
}

// probability 0.2 over 20k executions: binomial standard error 0.0028, tolerance 0.015 (5 se).
TEST(CallShapes, ProbabilityMakesTheCallInThatShareOfExecutions) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 1000
    operations:
      go: {calls: [{to: db.miss, probability: 0.2}]}
  db: {workers: 1000, operations: {miss: {time: exp(1ms)}}}
workload:
  duration: 200s
  sources: [{to: front.go, rate: 100/s}]
)"));
  EXPECT_NEAR(result.amplification[0].requests_per_entry, 0.2, 0.015);
}

}  // namespace
}  // namespace ripple::sim
