#include "simulator/histogram.h"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(Histogram, EmptyReportsZero) {
  const Histogram h;
  EXPECT_EQ(h.quantile(0.99), 0);
  EXPECT_EQ(h.mean(), 0);
}

}  // namespace
}  // namespace ripple::sim
