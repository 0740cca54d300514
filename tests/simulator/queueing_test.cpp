// Statistical tests against queueing theory (see ../shared/oracles.md). Time unit: one mean
// service time of the oracle (mu = 1) is 10ms here, so lambda = 0.8 is 80/s.
//
// Every test runs fixed seeds, so it is deterministic; the tolerances were chosen from the
// standard error of each estimate, measured across independent replications of the same model
// (the spread of 8 seeds, stated per test), so that each bound is at least 4 standard errors.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::load;
using testing::operation;
using testing::run;

std::string single_station(const std::string& time, double rate, int workers,
                           const std::string& queue, const std::string& duration) {
  return "ripple: 1\n"
         "services:\n"
         "  s:\n"
         "    workers: " +
         std::to_string(workers) +
         "\n"
         "    queue: " +
         queue +
         "\n"
         "    operations:\n"
         "      op: {time: " +
         time +
         "}\n"
         "workload:\n"
         "  duration: " +
         duration +
         "\n"
         "  warmup: 100s\n"
         "  seed: 5\n"
         "  sources: [{to: s.op, rate: " +
         std::to_string(rate) + "/s}]\n";
}

double relative_error(double measured, double expected) {
  return std::fabs(measured - expected) / expected;
}

// M/M/1, rho 0.5: W = 2 (20ms), p99 = 9.210 (92.1ms). About 500k customers; measured standard
// deviation across seeds: W 0.35%, p99 0.85%. Tolerances 2.5% and 4% (7 and 4.7 sd).
TEST(Queueing, MM1AtHalfLoadMatchesMeanAndP99) {
  const auto result = run(load(single_station("exp(10ms)", 50, 1, "unbounded", "10100s")));
  const OperationResult& op = operation(result, "s.op");
  EXPECT_LT(relative_error(op.latency.mean_ms, 20.0), 0.025) << op.latency.mean_ms;
  EXPECT_LT(relative_error(op.latency.p99_ms, 92.10), 0.04) << op.latency.p99_ms;
  EXPECT_EQ(op.errors, 0u);
}

// M/M/1, rho 0.8: W = 5 (50ms), p99 = 23.03 (230.3ms). About 1M customers; queue-length
// autocorrelation widens the spread across seeds: W 0.81%, p99 1.67%. Tolerances 5% and 7%
// (6 and 4.2 sd).
TEST(Queueing, MM1AtEightyPercentMatchesMeanAndP99) {
  const auto result = run(load(single_station("exp(10ms)", 80, 1, "unbounded", "12600s")));
  const OperationResult& op = operation(result, "s.op");
  EXPECT_LT(relative_error(op.latency.mean_ms, 50.0), 0.05) << op.latency.mean_ms;
  EXPECT_LT(relative_error(op.latency.p99_ms, 230.3), 0.07) << op.latency.p99_ms;
  EXPECT_NEAR(result.services[0].utilization, 0.8, 0.01);
}

// M/M/c, Erlang C: c 2, lambda 1.6 -> W = 2.777778; c 4, lambda 3.2 -> W = 1.745541.
// Spread across seeds 0.79% and 0.60%; tolerances 4% and 3% (5 sd).
TEST(Queueing, MMcMatchesErlangC) {
  const auto two = run(load(single_station("exp(10ms)", 160, 2, "unbounded", "5100s")));
  EXPECT_LT(relative_error(operation(two, "s.op").latency.mean_ms, 27.77778), 0.04)
      << operation(two, "s.op").latency.mean_ms;
  const auto four = run(load(single_station("exp(10ms)", 320, 4, "unbounded", "2600s")));
  EXPECT_LT(relative_error(operation(four, "s.op").latency.mean_ms, 17.45541), 0.03)
      << operation(four, "s.op").latency.mean_ms;
}

// M/D/1, rho 0.8: Wq = 2.0 by Pollaczek-Khinchine, so W = 3.0 (30ms). Spread across seeds
// 0.88%; tolerance 4% (4.5 sd).
TEST(Queueing, MD1MatchesPollaczekKhinchine) {
  const auto result = run(load(single_station("const(10ms)", 80, 1, "unbounded", "6350s")));
  EXPECT_LT(relative_error(operation(result, "s.op").latency.mean_ms, 30.0), 0.04)
      << operation(result, "s.op").latency.mean_ms;
}

// M/M/1/K, rho 0.9, K 10 (one worker and 9 waiting places): P_block = 0.050814 and the mean
// response of accepted requests W = 4.6466 (46.466ms). Rejections are entry errors. Spread
// across seeds: P_block 1.1% (relative), W 0.38%; tolerances 5% and 3% (4.5 and 8 sd).
TEST(Queueing, MM1KBlocksTheOracleShare) {
  const auto result = run(load(single_station("exp(10ms)", 90, 1, "9", "5100s")));
  const OperationResult& op = operation(result, "s.op");
  EXPECT_LT(relative_error(op.error_rate, 0.050814), 0.05) << op.error_rate;
  EXPECT_EQ(op.errors, op.rejected);
  EXPECT_LT(relative_error(op.latency.mean_ms, 46.466), 0.03) << op.latency.mean_ms;
  EXPECT_EQ(result.services[0].max_queue, 9);
}

// Tandem of M/M/1 stations with mu 2 and 3 at lambda 1: W = 1 + 0.5 = 1.5 (15ms). A front
// operation with ample workers and no time calls the two stations one after the other, so its
// end-to-end latency is the sum of the two sojourns. 500k customers at utilizations 0.5 and
// 0.33: spread like M/M/1 at rho 0.5 (0.35%), tolerance 3%.
TEST(Queueing, TandemOfTwoMM1AddsTheirSojourns) {
  const auto result = run(load(R"(ripple: 1
services:
  front:
    workers: 100000
    queue: unbounded
    operations:
      go: {time: 0ms, calls: [a.op, b.op]}
  a:
    workers: 1
    queue: unbounded
    operations:
      op: {time: exp(5ms)}
  b:
    workers: 1
    queue: unbounded
    operations:
      op: {time: exp(3333333ns)}
workload:
  duration: 5100s
  warmup: 100s
  seed: 3
  sources: [{to: front.go, rate: 100/s}]
)"));
  EXPECT_LT(relative_error(operation(result, "front.go").latency.mean_ms, 15.0), 0.03)
      << operation(result, "front.go").latency.mean_ms;
  EXPECT_LT(relative_error(operation(result, "a.op").latency.mean_ms, 10.0), 0.03);
  EXPECT_LT(relative_error(operation(result, "b.op").latency.mean_ms, 5.0), 0.03);
}

}  // namespace
}  // namespace ripple::sim
