#include "simulator/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ripple::sim {
namespace {

TEST(Histogram, KeepsSmallValuesExactly) {
  Histogram h;
  for (int v = 0; v < 100; ++v) h.record(v);
  EXPECT_EQ(h.quantile(0.5), 49);
  EXPECT_EQ(h.quantile(1.0), 99);
  EXPECT_EQ(h.min(), 0);
  EXPECT_DOUBLE_EQ(h.mean(), 49.5);
}

TEST(Histogram, QuantilesStayWithinOnePercentAtEveryScale) {
  for (std::int64_t v = 128; v < (std::int64_t{1} << 50); v = v * 13 / 7 + 1) {
    Histogram h;
    h.record(1);
    h.record(v);
    h.record(std::int64_t{1} << 55);
    const double q = h.quantile(0.5);
    EXPECT_LE(std::fabs(q - static_cast<double>(v)) / static_cast<double>(v), 0.01) << v;
  }
}

TEST(Histogram, MeanComesFromTheExactSum) {
  Histogram h;
  h.record(1000001);
  h.record(3000003);
  EXPECT_EQ(h.sum(), 4000004);
  EXPECT_DOUBLE_EQ(h.mean(), 2000002);
  EXPECT_EQ(h.max(), 3000003);
}

TEST(Histogram, MergeEqualsRecordingEverything) {
  Histogram a, b, all;
  for (int i = 1; i < 5000; ++i) {
    (i % 3 ? a : b).record(i * 977);
    all.record(i * 977);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.sum(), all.sum());
  for (const double q : {0.1, 0.5, 0.9, 0.99, 0.999}) EXPECT_EQ(a.quantile(q), all.quantile(q));
}

// Counters are 32-bit with a carry into 64-bit high parts: counts past 2^32 stay exact, in one
// histogram and through a merge.
TEST(Histogram, CountsPastTwoToThe32StayExact) {
  const std::uint64_t big = (std::uint64_t{1} << 32) + 5;
  Histogram h;
  h.record_n(1000, big);
  h.record(1000);
  h.record_n(50000, 3);
  EXPECT_EQ(h.count(), big + 4);
  EXPECT_NEAR(h.quantile(0.5), 1000, 10);
  EXPECT_NEAR(h.quantile(1.0), 50000, 500);

  Histogram other;
  other.record_n(1000, 0xffffffffULL);  // fills the low word: the merge must carry
  other.record_n(7, 2);
  h.merge(other);
  EXPECT_EQ(h.count(), big + 4 + 0xffffffffULL + 2);
  EXPECT_EQ(h.quantile(0.0), 7);
  EXPECT_NEAR(h.quantile(0.999999), 1000, 10);
  EXPECT_NEAR(h.quantile(1.0), 50000, 500);
  // The 3 largest values are exactly the last 3 ranks.
  const double n = static_cast<double>(h.count());
  EXPECT_NEAR(h.quantile((n - 2.5) / n), 50000, 500);
  EXPECT_NEAR(h.quantile((n - 3.5) / n), 1000, 10);
}

// record_n(v, k) is k record(v) calls; a record() that wraps a bucket's low word carries too.
TEST(Histogram, RecordWrapsIntoTheHighPart) {
  Histogram a, b;
  a.record_n(300, 0xffffffffULL);
  b.record_n(300, 0xffffffffULL);
  a.record(300);  // wraps the bucket's 32-bit counter
  b.record_n(300, 1);
  a.record(20);
  b.record(20);
  EXPECT_EQ(a.count(), b.count());
  for (const double q : {0.0, 1e-12, 0.5, 1.0}) EXPECT_EQ(a.quantile(q), b.quantile(q));
  EXPECT_NEAR(a.quantile(0.5), 300, 3);
  EXPECT_EQ(a.quantile(0.0), 20);
}

// Low quantiles are found walking up from the minimum, high ones walking down from the maximum:
// both must give the bucket of a plain cumulative count, at every rank.
TEST(Histogram, QuantileFromEitherEndMatchesTheCumulativeCount) {
  Histogram h;
  std::vector<std::int64_t> values;
  for (int i = 0; i < 997; ++i) values.push_back((i * 7919) % 100000 + (i % 5) * 1000000);
  for (const std::int64_t v : values) h.record(v);
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  for (std::size_t r = 1; r <= values.size(); ++r) {
    const double q = static_cast<double>(r) / n;
    const double expected = static_cast<double>(
        values[static_cast<std::size_t>(std::clamp<double>(std::ceil(q * n), 1, n) - 1)]);
    EXPECT_LE(std::fabs(h.quantile(q) - expected), expected * 0.01 + 1) << r;
  }
  h.clear();
  EXPECT_EQ(h.count(), 0u);
  h.record(42);
  EXPECT_EQ(h.quantile(0.99), 42);
}

TEST(Histogram, EmptyReportsZero) {
  const Histogram h;
  EXPECT_EQ(h.quantile(0.99), 0);
  EXPECT_EQ(h.mean(), 0);
}

}  // namespace
}  // namespace ripple::sim
