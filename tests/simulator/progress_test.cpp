// SimulationOptions::progress: reports how far a run has come without changing what it measures.

#include <gtest/gtest.h>

#include <vector>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::load;

const char* kSpec = R"(ripple: 1
services:
  front:
    workers: 4
    operations:
      go:
        time: exp(2ms)
        calls: [{to: back.op, timeout: 20ms, retry: {attempts: 2, backoff: 5ms, jitter: full}}]
  back:
    workers: 2
    operations:
      op: {time: exp(4ms)}
workload:
  duration: 20s
  warmup: 2s
  seed: 11
  sources: [{to: front.go, rate: 200/s}]
)";

SimulationOptions options(int replications, int threads) {
  SimulationOptions o;
  o.replications = replications;
  o.threads = threads;
  return o;
}

TEST(Progress, ReportingChangesNoResult) {
  const model::Spec spec = load(kSpec);
  SimulationOptions reporting = options(3, 2);
  int calls = 0;
  reporting.progress = [&calls](const Progress&) { ++calls; };
  EXPECT_EQ(simulate(spec, reporting), simulate(spec, options(3, 2)));
  EXPECT_EQ(calls, 3 * kProgressSlices);
}

TEST(Progress, GrowsToTheWholeRunAndCountsEveryEvent) {
  const model::Spec spec = load(kSpec);
  SimulationOptions reporting = options(2, 1);
  std::vector<Progress> seen;
  reporting.progress = [&seen](const Progress& p) { seen.push_back(p); };
  const SimulationResult result = simulate(spec, reporting);
  ASSERT_EQ(seen.size(), 2u * kProgressSlices);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GT(seen[i].fraction, seen[i - 1].fraction) << i;
    EXPECT_GE(seen[i].events_processed, seen[i - 1].events_processed) << i;
  }
  EXPECT_EQ(seen[kProgressSlices - 1].replications_done, 1);
  EXPECT_DOUBLE_EQ(seen[kProgressSlices - 1].fraction, 0.5);
  EXPECT_EQ(seen.back().replications, 2);
  EXPECT_EQ(seen.back().replications_done, 2);
  EXPECT_DOUBLE_EQ(seen.back().fraction, 1.0);
  EXPECT_EQ(seen.back().events_processed, result.events_processed);
}

}  // namespace
}  // namespace ripple::sim
