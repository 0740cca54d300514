#include "cli/review/estimates.h"

#include <gtest/gtest.h>

namespace ripple::cli {
namespace {

using model::Comparison;

TEST(Estimates, TheIntervalIsStudentTOverTheReplicationValues) {
  // Mean 3, s = 1.5811, n = 5, t(0.975, 4) = 2.7764: half width 1.9632.
  const Estimate e = estimate({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(e.value, 3);
  ASSERT_TRUE(e.ci.has_value());
  EXPECT_NEAR(e.ci->low, 1.0368, 1e-4);
  EXPECT_NEAR(e.ci->high, 4.9632, 1e-4);
  EXPECT_EQ(e.per_replication, (std::vector<double>{1, 2, 3, 4, 5}));
}

TEST(Estimates, OneValueHasNoInterval) {
  const Estimate e = estimate({7});
  EXPECT_DOUBLE_EQ(e.value, 7);
  EXPECT_FALSE(e.ci.has_value());
  EXPECT_FALSE(estimate({}).ci.has_value());
}

TEST(Estimates, ScalingASumScalesItsInterval) {
  const Estimate e = scaled(estimate({1, 2, 3, 4, 5}), 5);
  EXPECT_DOUBLE_EQ(e.value, 15);
  EXPECT_NEAR(e.ci->low, 5.184, 1e-3);
  EXPECT_EQ(e.per_replication.back(), 25);
}

TEST(Estimates, IdenticalSidesDifferByExactlyZero) {
  const std::vector<double> values = {12.5, 9.25, 30.125};
  const PairedDifference d = paired_difference(values, values);
  EXPECT_EQ(d.difference.value, 0);
  EXPECT_EQ(d.difference.ci, (Bounds{0, 0}));
  EXPECT_EQ(d.significance, Significance::None);
}

TEST(Estimates, APairedDifferenceRemovesWhatBothSidesShare) {
  // Replications vary by far more than the change, but the change is the same in each.
  const PairedDifference d = paired_difference({100, 300, 50, 900}, {102, 302.5, 51.5, 902});
  EXPECT_EQ(d.significance, Significance::Higher);
  EXPECT_GT(d.difference.ci->low, 0);
  EXPECT_EQ(paired_difference({100, 300, 50}, {98, 298, 48.1}).significance, Significance::Lower);
  EXPECT_EQ(paired_difference({100, 300, 50}, {101, 299, 50}).significance, Significance::None);
  EXPECT_EQ(paired_difference({100}, {200}).significance, Significance::Unknown);
}

TEST(Estimates, AnIntervalPassesFailsOrIsMarginal) {
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Less, 3), IntervalVerdict::Pass);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Less, 1.5), IntervalVerdict::Marginal);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Less, 1), IntervalVerdict::Fail);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::LessEqual, 2), IntervalVerdict::Pass);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Greater, 0.5), IntervalVerdict::Pass);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::GreaterEqual, 1.5), IntervalVerdict::Marginal);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Greater, 2), IntervalVerdict::Fail);
  EXPECT_EQ(judge_interval({0, 0}, Comparison::Equal, 0), IntervalVerdict::Pass);
  EXPECT_EQ(judge_interval({0, 1}, Comparison::Equal, 0), IntervalVerdict::Marginal);
  EXPECT_EQ(judge_interval({1, 2}, Comparison::Equal, 0), IntervalVerdict::Fail);
}

}  // namespace
}  // namespace ripple::cli
