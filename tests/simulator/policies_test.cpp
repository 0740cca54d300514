// Retry budgets and `retry.on`, deadline propagation, load shedding and waiting clients of rate
// sources (docs/simulator.md, "Synchronous requests" and "Waiting clients").

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
using testing::service;

std::string budget_spec(const std::string& budget, int seed) {
  return R"(ripple: 1
services:
  front:
    workers: 100000
    queue: unbounded
    operations:
      go:
        calls: [{to: back.op, retry: {attempts: 5, backoff: 10ms)" +
         budget + R"(}}]
  back: {operations: {op: {}}}
workload:
  duration: 100s
  seed: )" +
         std::to_string(seed) +
         R"(
  sources: [{to: front.go, rate: 200/s}]
faults:
  - {service: back, at: 0s, for: 100s, mode: down}
)";
}

// Total failure, 5 attempts: without a budget every call retries 4 times. A 10% budget over
// 10 s windows allows a retry only while the window's retries stay within 10% of its calls, so
// the measured retries are at most 10% of the calls; the window slides in 1 s steps, so slightly
// fewer (the dropped step's retries go with its calls): within [9%, 10%] over 20,000 calls. Three
// seeds: the cap holds on every sample path.
TEST(RetryBudget, CapsRetriesAtTheRatioOfCallsUnderTotalFailure) {
  for (int seed = 1; seed <= 3; ++seed) {
    const auto unbudgeted = run(load(budget_spec("", seed)));
    const CallEdgeResult& all = edge(unbudgeted, "front.go");
    // 4 retries per call, less the calls still retrying when the run ends (under 0.1%).
    EXPECT_NEAR(static_cast<double>(all.retries) / static_cast<double>(all.calls), 4.0, 0.01);
    const auto budgeted = run(load(budget_spec(", budget: {ratio: 10%, window: 10s}", seed)));
    const CallEdgeResult& call = edge(budgeted, "front.go");
    const double share = static_cast<double>(call.retries) / static_cast<double>(call.calls);
    EXPECT_LE(share, 0.10) << "seed " << seed;
    EXPECT_GE(share, 0.09) << "seed " << seed;
  }
}

// `budget: 25%` (scalar form, default 10 s window): at most a quarter.
TEST(RetryBudget, ScalarBudgetIsTheRatio) {
  const auto result = run(load(budget_spec(", budget: 25%", 1)));
  const CallEdgeResult& call = edge(result, "front.go");
  const double share = static_cast<double>(call.retries) / static_cast<double>(call.calls);
  EXPECT_LE(share, 0.25);
  EXPECT_GE(share, 0.22);
}

std::string retry_on_spec(const std::string& on, const std::string& fault) {
  return R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, timeout: 50ms, retry: {attempts: 3, on: )" +
         on + R"(}}]}
  back: {workers: 1000, operations: {op: {time: const(100ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 10/s, arrival: constant}]
faults:
  - )" + fault +
         "\n";
}

// Errors (an `errors` fault at ratio 1) are not retried under `on: [timeout]`, timeouts are;
// exact counts, no randomness in what fails.
TEST(RetryOn, RetriesOnlyTheListedFailures) {
  const std::string errors = "{service: back, at: 0s, for: 10s, mode: errors, ratio: 1}";
  const std::string slow = "{service: back, at: 0s, for: 10s, mode: slow, factor: 1}";
  const auto errors_not_retried = run(load(retry_on_spec("[timeout]", errors)));
  const CallEdgeResult& a = edge(errors_not_retried, "front.go");
  EXPECT_GT(a.calls, 90U);
  EXPECT_EQ(a.retries, 0U);
  const auto timeouts_retried = run(load(retry_on_spec("[timeout]", slow)));
  const CallEdgeResult& b = edge(timeouts_retried, "front.go");
  EXPECT_EQ(b.retries, 2 * b.calls);
  const auto timeouts_not_retried = run(load(retry_on_spec("[error, rejected]", slow)));
  EXPECT_EQ(edge(timeouts_not_retried, "front.go").retries, 0U);
  const auto errors_retried = run(load(retry_on_spec("[error]", errors)));
  const CallEdgeResult& d = edge(errors_retried, "front.go");
  EXPECT_EQ(d.retries, 2 * d.calls);
}

// A full queue rejects: retried under `on: [rejected]`, not under `on: [error]`. One worker, no
// queue, 100 ms of work, arrivals every 50 ms: every second call is rejected.
TEST(RetryOn, RejectionsAreTheirOwnFailure) {
  const std::string spec = R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, retry: {attempts: 2, on: ON}}]}
  back: {workers: 1, queue: 0, operations: {op: {time: const(100ms)}}}
workload:
  duration: 10s
  sources: [{to: front.go, rate: 20/s, arrival: constant}]
)";
  const auto on_error = run(load(replace_all(spec, "ON", "[error]")));
  EXPECT_EQ(edge(on_error, "front.go").retries, 0U);
  EXPECT_GT(service(on_error, "back").rejected, 50U);
  const auto on_rejected = run(load(replace_all(spec, "ON", "[rejected]")));
  EXPECT_GT(edge(on_rejected, "front.go").retries, 50U);
}

std::string deadline_spec(const std::string& deadline) {
  return R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, timeout: 50ms)" +
         deadline + R"(}]}
  back: {workers: 1, operations: {op: {time: const(100ms)}}}
workload:
  duration: 100s
  sources: [{to: front.go, rate: 5/s, arrival: constant}]
)";
}

// Constant arrivals every 200 ms, 100 ms of work, a 50 ms timeout: without propagation the
// callee finishes every abandoned request (utilization 100/200 = 0.5); with `deadline:
// propagate` it stops each at the caller's deadline, so it is busy for the 50 ms the caller
// waited: 0.25, the served share. Deterministic: tolerance only for the run's edges.
TEST(Deadline, PropagationRemovesTheAbandonedWork) {
  const auto kept = run(load(deadline_spec("")));
  EXPECT_NEAR(service(kept, "back").worker_utilization, 0.5, 0.005);
  const auto dropped = run(load(deadline_spec(", deadline: propagate")));
  EXPECT_NEAR(service(dropped, "back").worker_utilization, 0.25, 0.005);
  EXPECT_EQ(operation(dropped, "back.op").ok, 0U);
}

// Queued work is abandoned too: 20/s offered to a server of 10/s. Without propagation the queue
// grows without bound (about 10 more requests each second: over 500 in 60 s); with a 150 ms
// deadline a request that has not finished by then leaves, waiting or running, so at most the
// requests of the last 150 ms can wait: 3 at 20/s.
TEST(Deadline, QueuedRequestsAreAbandonedWhenTheDeadlinePasses) {
  const std::string spec = R"(ripple: 1
services:
  front:
    workers: 10000
    operations:
      go: {calls: [{to: back.op, timeout: 150ms DEADLINE}]}
  back: {workers: 1, queue: unbounded, operations: {op: {time: const(100ms)}}}
workload:
  duration: 60s
  sources: [{to: front.go, rate: 20/s, arrival: constant}]
)";
  const auto kept = run(load(replace_all(spec, "DEADLINE", "")));
  EXPECT_GT(service(kept, "back").max_queue, 500);
  const auto dropped = run(load(replace_all(spec, "DEADLINE", ", deadline: propagate")));
  EXPECT_LE(service(dropped, "back").max_queue, 3);
}

// Under LIFO the newest waiting request starts first: with a burst that queues, the p50 falls
// and the max rises against FIFO (same arrivals, same work: common random numbers).
TEST(Shedding, LifoServesTheNewestFirst) {
  const std::string spec = R"(ripple: 1
services:
  back: {workers: 1, queue: unbounded, queue_discipline: DISCIPLINE, operations: {op: {time: exp(9ms)}}}
workload:
  duration: 200s
  sources: [{to: back.op, rate: 100/s}]
)";
  const auto fifo = run(load(replace_all(spec, "DISCIPLINE", "fifo")));
  const auto lifo = run(load(replace_all(spec, "DISCIPLINE", "lifo")));
  const LatencySummary& f = operation(fifo, "back.op").latency;
  const LatencySummary& l = operation(lifo, "back.op").latency;
  EXPECT_LT(l.p50_ms, 0.7 * f.p50_ms);
  EXPECT_GT(l.max_ms, 1.5 * f.max_ms);
  // Work-conserving: the same mean (Little's law), within 10% for the two sample paths.
  EXPECT_NEAR(l.mean_ms, f.mean_ms, 0.1 * f.mean_ms);
}

// max_concurrency 3 with 1 worker: at most 2 wait, the rest are rejected.
TEST(Shedding, MaxConcurrencyRejectsBeyondTheLimitInFlight) {
  const auto result = run(load(R"(ripple: 1
services:
  back: {workers: 1, max_concurrency: 3, operations: {op: {time: const(100ms)}}}
workload:
  duration: 10s
  sources: [{to: back.op, rate: 100/s, arrival: constant}]
)"));
  EXPECT_EQ(service(result, "back").max_queue, 2);
  EXPECT_GT(service(result, "back").rejected, 800U);
}

// max_queue_time 250 ms: a request that would wait longer is rejected when it has waited that
// long, so no served request waited more: latency <= 250 + 100 ms (histogram: within 1%).
TEST(Shedding, MaxQueueTimeRejectsWhatWaitsTooLong) {
  const auto result = run(load(R"(ripple: 1
services:
  back: {workers: 1, max_queue_time: 250ms, operations: {op: {time: const(100ms)}}}
workload:
  duration: 10s
  sources: [{to: back.op, rate: 20/s, arrival: constant}]
)"));
  const OperationResult& op = operation(result, "back.op");
  EXPECT_LE(op.latency.max_ms, 350 * 1.01);
  EXPECT_GT(op.rejected, 50U);
  EXPECT_EQ(service(result, "back").rejected, op.rejected);
}

std::string client_storm_spec(int rate) {
  return R"(ripple: 1
services:
  back:
    workers: 4
    queue: unbounded
    operations:
      op: {time: exp(10ms)}
workload:
  duration: 40s
  seed: 2
  sources: [{to: back.op, rate: )" +
         std::to_string(rate) + R"(/s, timeout: 200ms, retry: {attempts: 3}}]
faults:
  - {service: back, at: 10s, for: 2s, mode: slow, factor: 10}
)";
}

double mean_entry_error_rate_after(const SimulationResult& result, double from_ms) {
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

// The metastability boundary with client retries, as RetryStorm.SustainsAboveTheBoundaryAnd-
// RecoversBelow has it for server-side ones: mu c = 400/s, R = 2 client retries on a 200 ms
// timeout. lambda (1 + R) = 450/s > 400/s at 150/s: the storm sustains itself after the trigger;
// 300/s < 400/s at 100/s: it drains. Two seeds each; far from the boundary, wide bounds.
TEST(ClientRetries, ReachTheMetastabilityBoundaryAsServerRetriesDo) {
  for (int seed : {2, 3}) {
    const auto above =
        run(load(replace_all(client_storm_spec(150), "seed: 2", "seed: " + std::to_string(seed))));
    EXPECT_GT(mean_entry_error_rate_after(above, 30000), 0.9) << "seed " << seed;
    // The operation's figures are the clients' view: most attempts time out.
    EXPECT_GT(operation(above, "back.op").error_rate, 0.5) << "seed " << seed;
    EXPECT_LE(operation(above, "back.op").latency.max_ms, 200 * 1.01) << "seed " << seed;
    // 2 retries per request for the 28 s of storm, none for the 10 s before: about 1.5.
    EXPECT_GT(above.amplification[0].requests_per_entry, 1.3) << "seed " << seed;
    const auto below =
        run(load(replace_all(client_storm_spec(100), "seed: 2", "seed: " + std::to_string(seed))));
    EXPECT_LT(mean_entry_error_rate_after(below, 30000), 0.01) << "seed " << seed;
    ASSERT_TRUE(below.faults[0].recovery_time_ms.has_value());
  }
}

// Client retries count in requests_per_entry: a down service and 4 attempts is 3 retries per
// client request, exactly.
TEST(ClientRetries, CountAsDownstreamRequestsOfTheFirstAttempt) {
  const auto result = run(load(R"(ripple: 1
services:
  back: {operations: {op: {}}}
workload:
  duration: 10s
  sources: [{to: back.op, rate: 10/s, retry: {attempts: 4, backoff: 10ms}}]
faults:
  - {service: back, at: 0s, for: 20s, mode: down}
)"));
  EXPECT_NEAR(result.amplification[0].requests_per_entry, 3.0, 0.01);
}

// abandon_after 100 ms with 50 ms backoff doubling: retries at +50 ms and +150 ms; the second
// would start past 100 ms, so each client makes 2 attempts (1 retry).
TEST(ClientRetries, AbandonAfterStopsRetriesThatWouldStartLater) {
  const auto result = run(load(R"(ripple: 1
services:
  back: {operations: {op: {}}}
workload:
  duration: 10s
  sources: [{to: back.op, rate: 10/s, retry: {attempts: 5, backoff: 50ms}, abandon_after: 100ms}]
faults:
  - {service: back, at: 0s, for: 20s, mode: down}
)"));
  EXPECT_NEAR(result.amplification[0].requests_per_entry, 1.0, 0.01);
}

}  // namespace
}  // namespace ripple::sim
