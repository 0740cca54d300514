// run_replications and merge_replications: per-replication results for sweeps, paired diffs
// and advice, and their contract (seeds, order, merge equals simulate).

#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::load;
using testing::operation;
using testing::replace_all;

// A front calling a back end with retries, so that replications differ in many figures.
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
      op: {time: exp(BACK_TIME)}
workload:
  duration: 20s
  warmup: 2s
  seed: 11
  sources: [{to: front.go, rate: 200/s}]
)";

model::Spec spec_with(const char* back_time) {
  return load(replace_all(kSpec, "BACK_TIME", back_time));
}

SimulationOptions options(int replications, int threads) {
  SimulationOptions o;
  o.replications = replications;
  o.threads = threads;
  return o;
}

SimulationResult alone(const model::Spec& spec, const SimulationOptions& o,
                       const ReplicationMetrics& metrics) {
  return merge_replications(spec, o, std::span<const ReplicationMetrics>(&metrics, 1));
}

TEST(Replications, MergingThemAllGivesExactlyWhatSimulateGives) {
  const model::Spec spec = spec_with("4ms");
  const SimulationOptions o = options(4, 2);
  const std::vector<ReplicationMetrics> all = run_replications(spec, o);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(merge_replications(spec, o, all), simulate(spec, o));
}

TEST(Replications, AreInReplicationOrderWhateverTheThreadCount) {
  const model::Spec spec = spec_with("4ms");
  const std::vector<ReplicationMetrics> one = run_replications(spec, options(5, 1));
  const std::vector<ReplicationMetrics> three = run_replications(spec, options(5, 3));
  ASSERT_EQ(one.size(), 5u);
  ASSERT_EQ(three.size(), 5u);
  for (std::size_t i = 0; i < one.size(); ++i)
    EXPECT_EQ(alone(spec, options(5, 1), one[i]), alone(spec, options(5, 1), three[i])) << i;
  EXPECT_NE(alone(spec, options(5, 1), one[0]), alone(spec, options(5, 1), one[1]));
}

// Replication i is seeded replication_seed(seed, i) whatever the number of replications, so a
// run of 2 is the first two replications of a run of 4.
TEST(Replications, ReplicationIDoesNotDependOnHowManyRun) {
  const model::Spec spec = spec_with("4ms");
  const std::vector<ReplicationMetrics> two = run_replications(spec, options(2, 1));
  const std::vector<ReplicationMetrics> four = run_replications(spec, options(4, 2));
  for (std::size_t i = 0; i < two.size(); ++i)
    EXPECT_EQ(alone(spec, options(2, 1), two[i]), alone(spec, options(2, 1), four[i])) << i;
}

TEST(Replications, OneReplicationMergedAloneIsThatReplication) {
  const model::Spec spec = spec_with("4ms");
  const std::vector<ReplicationMetrics> all = run_replications(spec, options(3, 1));
  const SimulationResult first = alone(spec, options(3, 1), all[0]);
  EXPECT_EQ(first.replications, 1);
  EXPECT_EQ(first.seed, 11u);
  EXPECT_EQ(first.events_processed, all[0].events_processed);
  EXPECT_TRUE(first.intervals.empty());
  const OperationResult& go = operation(first, "front.go");
  EXPECT_EQ(go.count, all[0].operations[static_cast<std::size_t>(go.operation)].ok +
                          all[0].operations[static_cast<std::size_t>(go.operation)].errors);
}

TEST(Replications, StreamingHandsThemOverInOrderOneAtATime) {
  const model::Spec spec = spec_with("4ms");
  std::vector<int> seen;
  std::vector<std::uint64_t> events;
  run_replications(spec, options(6, 3), [&](int index, ReplicationMetrics&& metrics) {
    seen.push_back(index);
    events.push_back(metrics.events_processed);
  });
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  const std::vector<ReplicationMetrics> all = run_replications(spec, options(6, 1));
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(events[i], all[i].events_processed);
}

// Common random numbers: replication i of two designs that differ only in the back end's
// service time sees the same arrivals, because each source draws from its own stream. Every
// entry request arrives after the warmup in both or in neither, so the counts are equal exactly.
TEST(Replications, ReplicationIOfTwoDesignsSharesItsArrivals) {
  const model::Spec fast = spec_with("4ms");
  const model::Spec slow = spec_with("9ms");
  const std::vector<ReplicationMetrics> a = run_replications(fast, options(3, 1));
  const std::vector<ReplicationMetrics> b = run_replications(slow, options(3, 1));
  for (std::size_t i = 0; i < a.size(); ++i) {
    const int go = operation(alone(fast, options(3, 1), a[i]), "front.go").operation;
    EXPECT_EQ(a[i].amplification[static_cast<std::size_t>(go)].entries,
              b[i].amplification[static_cast<std::size_t>(go)].entries)
        << i;
    EXPECT_NE(a[i].operations[static_cast<std::size_t>(go)].latency.mean(),
              b[i].operations[static_cast<std::size_t>(go)].latency.mean());
  }
  EXPECT_NE(a[0].amplification[0].entries, a[1].amplification[0].entries);
}

}  // namespace
}  // namespace ripple::sim
