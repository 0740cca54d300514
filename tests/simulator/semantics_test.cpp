// Exact behaviours of the synchronous model: stores, parallel and optional calls, warmup,
// spikes, faults, series and determinism. Constant times and arrivals make results exact.

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

TEST(Stores, TransactionCostsTxnTimePlusRowsTimesRowTime) {
  const auto result = run(load(R"(ripple: 1
stores:
  db: {connections: 1, txn_time: 5ms, row_time: 1ms}
services:
  s:
    operations:
      op: {time: 2ms, reads: {store: db, rows: 5}, writes: {store: db, rows: 1}}
workload:
  duration: 10s
  sources: [{to: s.op, rate: 10/s, arrival: constant}]
)"));
  EXPECT_NEAR(operation(result, "s.op").latency.max_ms, 2 + 10 + 6, 0.01);
  EXPECT_NEAR(operation(result, "s.op").latency.p50_ms, 18, 0.18);
}

const char* kFanOut = R"(ripple: 1
services:
  front:
    operations:
      go: {parallel: PARALLEL, calls: [a.op, b.op]}
  a:
    operations:
      op: {time: 10ms}
  b:
    operations:
      op: {time: 30ms}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 10/s, arrival: constant}]
)";

std::string fan_out(const char* parallel) { return replace_all(kFanOut, "PARALLEL", parallel); }

TEST(Calls, ParallelCallsWaitForTheSlowestSequentialForTheSum) {
  EXPECT_NEAR(operation(run(load(fan_out("true"))), "front.go").latency.max_ms, 30, 0.01);
  EXPECT_NEAR(operation(run(load(fan_out("false"))), "front.go").latency.max_ms, 40, 0.01);
}

// 20k executions with probability 0.3: binomial standard error 0.0032, tolerance 0.015.
TEST(Calls, ProbabilityIsTheShareOfExecutionsMakingTheCall) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, probability: 0.3}]}
  back:
    operations:
      op: {time: 1ms}
workload:
  duration: 200s
  sources: [{to: front.go, rate: 100/s}]
)"));
  const CallEdgeResult& call = edge(result, "front.go");
  EXPECT_NEAR(
      static_cast<double>(call.calls) / static_cast<double>(operation(result, "front.go").count),
      0.3, 0.015);
  EXPECT_EQ(call.attempts, call.calls);
}

// Constant arrivals every 100ms: t = 0.1s, 0.2s, ... 99.9s; after a 20s warmup, 800 remain.
TEST(Workload, WarmupIsExcludedFromResults) {
  const auto result = run(load(R"(ripple: 1
services:
  s:
    operations:
      op: {time: 10ms}
workload:
  duration: 100s
  warmup: 20s
  sources: [{to: s.op, rate: 10/s, arrival: constant}]
)"));
  EXPECT_EQ(operation(result, "s.op").count, 800u);
  EXPECT_EQ(result.series.start_ms.size(), 80u);
  EXPECT_DOUBLE_EQ(result.series.start_ms[0], 20000.0);
  EXPECT_DOUBLE_EQ(result.series.entries[0].throughput_per_s[5], 10.0);
  EXPECT_NEAR(result.services[0].utilization, 10 * 0.010 / 16, 1e-9);
}

// 10/s for 10s (99 arrivals before the spike), 100/s during [10s, 20s) (999), 10/s after (99).
TEST(Workload, SpikesReplaceTheRateDuringTheirWindow) {
  const auto result = run(load(R"(ripple: 1
services:
  s:
    operations:
      op: {time: 1ms}
workload:
  duration: 30s
  sources: [{to: s.op, rate: 10/s, arrival: constant, spikes: [{at: 10s, for: 10s, rate: 100/s}]}]
)"));
  EXPECT_EQ(operation(result, "s.op").count, 99u + 999u + 99u);
  EXPECT_DOUBLE_EQ(result.series.entries[0].throughput_per_s[15], 100.0);
}

// Round robin over 2 replicas: replica 1 serves the arrivals at whole seconds, 400ms each. The
// fault at 10.2s leaves one replica: the request running on replica 1 since 10.0s fails; the
// others keep being served by replica 0 (one every 500ms, 400ms each).
TEST(Faults, ReplicasFaultFailsTheWorkOfLostReplicas) {
  const auto result = run(load(R"(ripple: 1
services:
  s:
    replicas: 2
    workers: 1
    queue: unbounded
    operations:
      op: {time: 400ms}
workload:
  duration: 30s
  sources: [{to: s.op, rate: 2/s, arrival: constant}]
faults:
  - {service: s, at: 10200ms, for: 5s, mode: replicas, count: 1}
)"));
  EXPECT_EQ(operation(result, "s.op").errors, 1u);
  EXPECT_EQ(operation(result, "s.op").count, 59u);
}

TEST(Faults, SlowMultipliesServiceTimeAndErrorsFailAShare) {
  const auto result = run(load(R"(ripple: 1
services:
  s:
    operations:
      op: {time: 10ms}
workload:
  duration: 100s
  sources: [{to: s.op, rate: 10/s, arrival: constant}]
faults:
  - {service: s, at: 10s, for: 10s, mode: slow, factor: 10}
)"));
  const OperationResult& op = operation(result, "s.op");
  EXPECT_NEAR(op.latency.max_ms, 100, 0.01);
  EXPECT_NEAR(op.latency.p50_ms, 10, 0.1);
  EXPECT_EQ(op.errors, 0u);
}

TEST(Faults, DownFailsEveryRequestAndRecoveryIsMeasured) {
  const auto result = run(load(R"(ripple: 1
services:
  s:
    operations:
      op: {time: exp(5ms)}
workload:
  duration: 60s
  sources: [{to: s.op, rate: 100/s}]
faults:
  - {service: s, at: 20s, for: 5s, mode: down}
)"));
  const OperationResult& op = operation(result, "s.op");
  EXPECT_NEAR(static_cast<double>(op.errors), 500, 80);
  ASSERT_EQ(result.faults.size(), 1u);
  EXPECT_EQ(result.faults[0].target, "s");
  EXPECT_EQ(result.faults[0].mode, "down");
  ASSERT_TRUE(result.faults[0].recovery_time_ms.has_value());
  EXPECT_DOUBLE_EQ(*result.faults[0].recovery_time_ms, 0.0);
}

const char* kBusySpec = R"yaml(ripple: 1
stores:
  db: {connections: 3, txn_time: exp(2ms), row_time: 100us}
services:
  gateway:
    replicas: 2
    balancing: least_outstanding
    operations:
      checkout:
        time: lognormal(median=1ms, p99=8ms)
        parallel: true
        calls:
          - {to: order.place, timeout: 80ms, retry: {attempts: 3, backoff: 5ms, jitter: full},
             breaker: {failure_ratio: 0.5, window: 20, open_for: 2s}}
          - {to: user.get, probability: 0.5, on_failure: continue}
  order:
    replicas: 3
    workers: 4
    queue: 20
    operations:
      place:
        time: exp(8ms)
        reads: {store: db, rows: 2}
        calls: [{to: pay.charge, timeout: 50ms, retry: {attempts: 2, backoff: 10ms, jitter: decorrelated}}]
        writes: {store: db, rows: 1}
  pay:
    operations:
      charge: {time: "pareto(scale=2ms, shape=2.5)"}
  user:
    operations:
      get: {time: "uniform(1ms, 3ms)"}
workload:
  duration: 30s
  warmup: 2s
  seed: 11
  sources: [{to: gateway.checkout, rate: 300/s, spikes: [{at: 10s, for: 3s, rate: 900/s}]}]
faults:
  - {service: pay, at: 15s, for: 2s, mode: errors, ratio: 0.6}
  - {store: db, at: 20s, for: 1s, mode: slow, factor: 5}
  - {service: order, at: 24s, for: 2s, mode: replicas, count: 1}
)yaml";

TEST(Determinism, SameSeedSameResultsWhateverTheThreadCount) {
  const model::Spec spec = load(kBusySpec);
  const SimulationResult one = run(spec, 4, 1);
  const SimulationResult four = run(spec, 4, 4);
  EXPECT_TRUE(one == four);
  EXPECT_EQ(one.replications, 4);
  EXPECT_EQ(one.intervals.size(), 1u);
  EXPECT_GT(one.events_processed, 100000u);
  SimulationOptions other;
  other.seed = 12;
  EXPECT_FALSE(simulate(spec, other) == run(spec));
}

TEST(Options, RejectsADurationNotAboveTheWarmup) {
  const model::Spec spec = load(kBusySpec);
  SimulationOptions options;
  options.duration = model::Duration{2 * model::kSecond.ns};
  ASSERT_TRUE(check_options(spec, options).has_value());
  EXPECT_EQ(*check_options(spec, options), "the duration (2s) must exceed the warmup (2s)");
}

}  // namespace
}  // namespace ripple::sim
