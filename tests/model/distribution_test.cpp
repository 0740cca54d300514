#include "model/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ripple::model {
namespace {

// The distribution of `text`, failing the test when it does not parse.
Distribution parse(const char* text) {
  Parsed<Distribution> parsed = parse_distribution(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error.message;
  return parsed.ok() ? *std::move(parsed.value) : Distribution{};
}

// "message | hint" of a failed parse, or "parsed".
std::string error_of(const char* text) {
  const Parsed<Distribution> parsed = parse_distribution(text);
  if (parsed.ok()) return "parsed";
  return parsed.error.message + " | " + parsed.error.hint;
}

// "kind a b" for a compact check of what was parsed.
std::string summary(const Distribution& d) {
  return std::string(to_string(d.kind)) + " " + std::to_string(static_cast<long long>(d.a)) + " " +
         std::to_string(d.b);
}

// --- Parsing every kind ---------------------------------------------------------------------

TEST(Distribution, ParsesBareDurationAsConst) {
  const Distribution d = parse("20ms");
  EXPECT_EQ(summary(d), "const 20000000 0.000000");
  EXPECT_EQ(d.text, "20ms");
}

TEST(Distribution, ParsesConstPositional) {
  EXPECT_EQ(summary(parse("const(5ms)")), "const 5000000 0.000000");
}
TEST(Distribution, ParsesConstKeyword) {
  EXPECT_EQ(summary(parse("const(value=5ms)")), "const 5000000 0.000000");
}
TEST(Distribution, ParsesExpPositional) {
  EXPECT_EQ(summary(parse("exp(20ms)")), "exp 20000000 0.000000");
}
TEST(Distribution, ParsesExpKeyword) {
  EXPECT_EQ(summary(parse("exp(mean=20ms)")), "exp 20000000 0.000000");
}

TEST(Distribution, ParsesUniformPositional) {
  EXPECT_EQ(summary(parse("uniform(1ms, 5ms)")), "uniform 1000000 5000000.000000");
}

TEST(Distribution, ParsesUniformKeywordsInAnyOrder) {
  EXPECT_EQ(summary(parse("uniform(high=5ms, low=1ms)")), "uniform 1000000 5000000.000000");
}

TEST(Distribution, ParsesNormalPositional) {
  EXPECT_EQ(summary(parse("normal(10ms, 2ms)")), "normal 10000000 2000000.000000");
}

TEST(Distribution, ParsesNormalKeyword) {
  EXPECT_EQ(summary(parse("normal(mean=10ms, sd=2ms)")), "normal 10000000 2000000.000000");
}

TEST(Distribution, ParsesLognormalPositional) {
  EXPECT_EQ(summary(parse("lognormal(5ms, 40ms)")), "lognormal 5000000 40000000.000000");
}

TEST(Distribution, ParsesLognormalKeyword) {
  EXPECT_EQ(summary(parse("lognormal(median=5ms, p99=40ms)")), "lognormal 5000000 40000000.000000");
}

TEST(Distribution, ParsesParetoPositional) {
  EXPECT_EQ(summary(parse("pareto(1ms, 2.5)")), "pareto 1000000 2.500000");
}

TEST(Distribution, ParsesParetoKeyword) {
  EXPECT_EQ(summary(parse("pareto(scale=1ms, shape=2.5)")), "pareto 1000000 2.500000");
}

TEST(Distribution, ParsesEmpiricalList) {
  const Distribution d = parse("empirical([1ms, 2ms, 9ms])");
  EXPECT_EQ(d.kind, DistributionKind::Empirical);
  EXPECT_EQ(d.values, (std::vector<double>{1e6, 2e6, 9e6}));
}

TEST(Distribution, KeepsTheTextAsWritten) {
  EXPECT_EQ(parse("  lognormal(median=5ms, p99=40ms) ").text, "lognormal(median=5ms, p99=40ms)");
}

TEST(Distribution, ConstantFromDurationCarriesItsText) {
  const Distribution d = Distribution::constant(Duration{1'500'000});
  EXPECT_EQ(summary(d), "const 1500000 0.000000");
  EXPECT_EQ(d.text, "1.5ms");
}

// --- Means ----------------------------------------------------------------------------------

TEST(Distribution, ConstMeanIsItsValue) { EXPECT_DOUBLE_EQ(parse("5ms").mean_ns(), 5e6); }
TEST(Distribution, ExpMeanIsItsParameter) { EXPECT_DOUBLE_EQ(parse("exp(20ms)").mean_ns(), 2e7); }

TEST(Distribution, UniformMeanIsTheMidpoint) {
  EXPECT_DOUBLE_EQ(parse("uniform(1ms, 5ms)").mean_ns(), 3e6);
}

// sigma = (ln 40 - ln 5) / 2.3263478740408408 = 0.8938652575927387 and
// mean = exp(ln(5e6) + sigma^2 / 2) = 7455376.588273083 ns, computed apart in double precision.
TEST(Distribution, LognormalSigmaFollowsFromMedianAndP99) {
  EXPECT_NEAR(parse("lognormal(median=5ms, p99=40ms)").lognormal_sigma(), 0.8938652575927387,
              1e-15);
  EXPECT_NEAR(parse("lognormal(median=5ms, p99=40ms)").lognormal_mu(), std::log(5e6), 1e-12);
}

TEST(Distribution, LognormalMeanIsExpOfMuPlusHalfSigmaSquared) {
  EXPECT_NEAR(parse("lognormal(median=5ms, p99=40ms)").mean_ns(), 7455376.588273083, 1e-6);
}

TEST(Distribution, LognormalMeanOfTheMarketplacePaymentCharge) {
  EXPECT_NEAR(parse("lognormal(median=120ms, p99=700ms)").mean_ns(), 159947305.6720464, 1e-4);
}

TEST(Distribution, ParetoMeanIsShapeTimesScaleOverShapeMinusOne) {
  EXPECT_DOUBLE_EQ(parse("pareto(scale=1ms, shape=2.5)").mean_ns(), 2.5 * 1e6 / 1.5);
}

// A normal truncated at 0 with mean 0 is a half-normal: its mean is sd * sqrt(2 / pi).
TEST(Distribution, NormalTruncatedAtZeroWithMeanZeroIsHalfNormal) {
  EXPECT_NEAR(parse("normal(mean=0ms, sd=1ms)").mean_ns(), 1e6 * std::sqrt(2 / M_PI), 1e-6);
}

// Far from 0 the truncation moves the mean by sd * pdf(5) / (1 - cdf(-5)) = 2.97 ns only.
TEST(Distribution, NormalFarFromZeroKeepsNearlyItsMean) {
  EXPECT_NEAR(parse("normal(mean=10ms, sd=2ms)").mean_ns(), 10000002.973439882, 1e-6);
}

TEST(Distribution, NormalCloseToZeroHasItsTruncatedMean) {
  EXPECT_NEAR(parse("normal(mean=1ms, sd=2ms)").mean_ns(), 2018320.8676740672, 1e-6);
}

TEST(Distribution, NormalWithoutSpreadHasItsMean) {
  EXPECT_DOUBLE_EQ(parse("normal(mean=4ms, sd=0ms)").mean_ns(), 4e6);
}

TEST(Distribution, EmpiricalMeanIsTheAverageOfItsValues) {
  EXPECT_DOUBLE_EQ(parse("empirical([1ms, 2ms, 9ms])").mean_ns(), 4e6);
}

// --- Errors ---------------------------------------------------------------------------------

TEST(Distribution, RejectsLognormalWithP99BelowMedian) {
  EXPECT_EQ(error_of("lognormal(median=40ms, p99=5ms)"),
            "a lognormal's p99 must be above its median | the p99 is the value 99% of samples "
            "stay under: `lognormal(median=5ms, p99=40ms)`");
}

TEST(Distribution, RejectsLognormalWithP99EqualToMedian) {
  EXPECT_EQ(error_of("lognormal(median=5ms, p99=5ms)"),
            "a lognormal's p99 must be above its median | the p99 is the value 99% of samples "
            "stay under: `lognormal(median=5ms, p99=40ms)`");
}

TEST(Distribution, RejectsLognormalWithZeroMedian) {
  EXPECT_EQ(error_of("lognormal(median=0ms, p99=5ms)"), "a lognormal's median must be above 0 | ");
}

TEST(Distribution, RejectsParetoWithShapeOne) {
  EXPECT_EQ(error_of("pareto(scale=1ms, shape=1)"),
            "a pareto's shape must be above 1 (its mean is infinite otherwise) | heavy tails of "
            "real services have shapes around 1.5 to 3");
}

TEST(Distribution, RejectsParetoWithShapeBelowOne) {
  EXPECT_EQ(error_of("pareto(scale=1ms, shape=0.5)"),
            "a pareto's shape must be above 1 (its mean is infinite otherwise) | heavy tails of "
            "real services have shapes around 1.5 to 3");
}

TEST(Distribution, RejectsParetoShapeThatIsNotANumber) {
  EXPECT_EQ(error_of("pareto(scale=1ms, shape=heavy)"),
            "pareto shape `heavy` is not a number | write `pareto(scale=1ms, shape=2.5)`");
}

TEST(Distribution, RejectsUniformWithHighBelowLow) {
  EXPECT_EQ(error_of("uniform(5ms, 1ms)"),
            "uniform's high is below its low | write `uniform(1ms, 5ms)`");
}

TEST(Distribution, RejectsUnknownDistribution) {
  EXPECT_EQ(error_of("gamma(5ms)"),
            "unknown distribution `gamma` | distributions are const, exp, uniform, normal, "
            "lognormal, pareto and empirical");
}

TEST(Distribution, RejectsTooManyArguments) {
  EXPECT_EQ(error_of("exp(1ms, 2ms)"), "exp takes 1 argument | write `exp(20ms)`");
}

TEST(Distribution, RejectsTooFewArguments) {
  EXPECT_EQ(error_of("uniform(1ms)"), "uniform takes 2 arguments | write `uniform(1ms, 5ms)`");
}

TEST(Distribution, RejectsNoArguments) {
  EXPECT_EQ(error_of("exp()"), "exp takes 1 argument | write `exp(20ms)`");
}

TEST(Distribution, RejectsUnknownParameterName) {
  EXPECT_EQ(error_of("normal(mu=10ms, sd=2ms)"),
            "normal has no parameter `mu` | write `normal(mean=10ms, sd=2ms)`");
}

TEST(Distribution, RejectsParameterGivenTwice) {
  EXPECT_EQ(error_of("uniform(low=1ms, low=2ms)"),
            "uniform is given `low` twice | write `uniform(1ms, 5ms)`");
}

TEST(Distribution, RejectsMissingClosingParenthesisWithQuotingHint) {
  EXPECT_EQ(error_of("lognormal(median=5ms"),
            "`lognormal(median=5ms` lacks its closing parenthesis | inside a `{...}` mapping a "
            "comma ends the value: quote it, as in `time: \"lognormal(median=5ms, p99=40ms)\"`");
}

TEST(Distribution, RejectsArgumentWithoutUnit) {
  EXPECT_EQ(error_of("exp(20)"), "`20` needs a unit | write `20ms` or `20s`");
}

TEST(Distribution, RejectsBareNumberWithDistributionHint) {
  EXPECT_EQ(error_of("20"),
            "`20` needs a unit | write `20ms` or `20s`, or a distribution such as `exp(20ms)`");
}

TEST(Distribution, RejectsEmpiricalWithoutAList) {
  EXPECT_EQ(error_of("empirical(1ms)"),
            "empirical takes a list of durations | write `empirical([1ms, 2ms, 9ms])`");
}

TEST(Distribution, RejectsEmptyEmpiricalList) {
  EXPECT_EQ(error_of("empirical([])"),
            "empirical needs at least one value | write `empirical([1ms, 2ms, 9ms])`");
}

TEST(Distribution, RejectsEmpiricalValueWithoutUnit) {
  EXPECT_EQ(error_of("empirical([1ms, 7])"), "`7` needs a unit | write `7ms` or `7s`");
}

}  // namespace
}  // namespace ripple::model
