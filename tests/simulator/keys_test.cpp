// Key distributions (`keys:` of an event) against their analytic partition shares, and the
// per-partition figures of a Kafka group.

#include "model/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::consumer;
using testing::load;
using testing::replace_all;
using testing::run;

// 12 partitions; the handling (1 ms at 200/s) keeps every partition well under capacity, so the
// delivered shares are the published shares.
const char* kTopic = R"(ripple: 1
brokers: {bus: {type: kafka, partitions: 12}}
entities: {device: {owner: registry, fields: {id: 16B}}}
events:
  Reading: {broker: bus, key: device.id, keys: KEYS}
services:
  registry: {operations: {report: {publishes: [Reading]}}}
  metrics:
    consumes: {Reading: {time: exp(1ms), idempotent: true, concurrency: 12}}
workload:
  duration: 100s
  sources: [{to: registry.report, rate: 200/s}]
)";

// The oracle, computed here from the definitions rather than by the code under test: the zipf
// probability of each rank, summed over the ranks that partition_of_key places on each partition.
std::vector<double> zipf_partition_shares(int values, double s, int partitions) {
  std::vector<double> weight(static_cast<std::size_t>(values));
  double total = 0;
  for (int k = 0; k < values; ++k)
    total += weight[static_cast<std::size_t>(k)] = 1 / std::pow(k + 1.0, s);
  std::vector<double> shares(static_cast<std::size_t>(partitions), 0);
  for (int k = 0; k < values; ++k)
    shares[static_cast<std::size_t>(model::partition_of_key(
        static_cast<std::uint64_t>(k), partitions))] += weight[static_cast<std::size_t>(k)] / total;
  return shares;
}

struct Hottest {
  int partition = 0;
  double share = 0;
};

Hottest hottest(const std::vector<double>& shares) {
  const auto it = std::max_element(shares.begin(), shares.end());
  return {static_cast<int>(it - shares.begin()), *it};
}

// Oracle: the hottest partition's delivered share equals the analytic share. Over 5 replications
// of 100 s at 200/s (n = 100,000 events) the share's standard error is sqrt(p(1-p)/n) <= 0.0016;
// the tolerance of 4 standard errors fails a correct simulator about once in 16,000 runs, and
// catches a placement or a draw that is off by a point.
TEST(Keys, ZipfHottestPartitionShareIsTheAnalyticShare) {
  const std::vector<double> expected = zipf_partition_shares(1000, 1.1, 12);
  const Hottest hot = hottest(expected);
  const SimulationResult r = run(load(replace_all(kTopic, "KEYS", "{values: 1000, zipf: 1.1}")), 5);
  const ConsumerResult& c = consumer(r, "metrics:Reading");
  ASSERT_EQ(c.partitions.size(), 12u);
  const double n = static_cast<double>(c.delivered);
  const double tolerance = 4 * std::sqrt(hot.share * (1 - hot.share) / n);
  EXPECT_NEAR(c.partitions[static_cast<std::size_t>(hot.partition)].share, hot.share, tolerance);
  for (std::size_t p = 0; p < expected.size(); ++p)
    EXPECT_NEAR(c.partitions[p].share, expected[p],
                4 * std::sqrt(expected[p] * (1 - expected[p]) / n))
        << "partition " << p;
}

TEST(Keys, AHotKeyPutsItsShareOnOnePartition) {
  const SimulationResult r = run(load(replace_all(kTopic, "KEYS", "{values: 1000, hot: 30%}")), 3);
  const ConsumerResult& c = consumer(r, "metrics:Reading");
  ASSERT_EQ(c.partitions.size(), 12u);
  // Key 0's partition gets 30% plus its even part of the other 999 keys' 70%.
  const std::vector<double> expected = model::partition_shares(
      model::KeyDistribution{model::KeyDistribution::Kind::Hot, 1000, 0, 0.3, true}, 12);
  const int hot = model::partition_of_key(0, 12);
  EXPECT_GT(expected[static_cast<std::size_t>(hot)], 0.3);
  const double n = static_cast<double>(c.delivered);
  const double p = expected[static_cast<std::size_t>(hot)];
  EXPECT_NEAR(c.partitions[static_cast<std::size_t>(hot)].share, p, 4 * std::sqrt(p * (1 - p) / n));
}

// The hot partition is busy its share x rate x mean handling time: 0.3+ x 200/s x 1 ms = ~6%.
TEST(Keys, BusyShareIsTheShareOfTheLoad) {
  const SimulationResult r = run(load(replace_all(kTopic, "KEYS", "{values: 1000, hot: 30%}")), 3);
  const ConsumerResult& c = consumer(r, "metrics:Reading");
  ASSERT_EQ(c.partitions.size(), 12u);
  const int hot = model::partition_of_key(0, 12);
  const double share = c.partitions[static_cast<std::size_t>(hot)].share;
  EXPECT_NEAR(c.partitions[static_cast<std::size_t>(hot)].busy_share, share * 200 * 0.001, 0.01);
  EXPECT_GT(c.partitions[static_cast<std::size_t>(hot)].mean_lag_ms, 0.9);
}

TEST(Keys, UndeclaredKeysKeepTheOldOutput) {
  std::string yaml = replace_all(kTopic, ", keys: KEYS", "");
  const SimulationResult r = run(load(yaml));
  EXPECT_TRUE(consumer(r, "metrics:Reading").partitions.empty());
}

TEST(Keys, UniformKeysOfTheDefaultSizeDrawTheSameNumbersAsNoKeys) {
  const SimulationResult plain = run(load(replace_all(kTopic, ", keys: KEYS", "")));
  SimulationResult declared = run(load(replace_all(kTopic, "KEYS", "{values: 100000}")));
  for (ConsumerResult& c : declared.consumers) c.partitions.clear();
  EXPECT_EQ(declared.consumers, plain.consumers);
}

}  // namespace
}  // namespace ripple::sim
