#include "model/units.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace ripple::model {
namespace {

constexpr const char* kDurationHint = "durations take ns, us, ms, s, m or h, as in `20ms`";
constexpr const char* kRateHint =
    "rates are a count per s, ms, min or h, as in `200/s` or `12k/min`";
constexpr const char* kSizeHint = "sizes take B, KB, KiB, MB, MiB, GB or GiB, as in `4KiB`";
constexpr const char* kRatioHint = "write a share as `0.5%` or `0.005`";

std::int64_t ns_of(const char* text) {
  const Parsed<Duration> parsed = parse_duration(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error.message;
  return parsed.ok() ? parsed.value->ns : -1;
}

double rate_of(const char* text) {
  const Parsed<double> parsed = parse_rate(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error.message;
  return parsed.value.value_or(-1);
}

std::int64_t bytes_of(const char* text) {
  const Parsed<std::int64_t> parsed = parse_size(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error.message;
  return parsed.value.value_or(-1);
}

double ratio_of(const char* text) {
  const Parsed<double> parsed = parse_ratio(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error.message;
  return parsed.value.value_or(-1);
}

// "message | hint" of a failed parse, or "parsed" when it did not fail.
template <typename T>
std::string error_of(const Parsed<T>& parsed) {
  if (parsed.ok()) return "parsed";
  return parsed.error.message + " | " + parsed.error.hint;
}

// --- Durations ------------------------------------------------------------------------------

TEST(Units, ParsesNanosecondSuffix) { EXPECT_EQ(ns_of("7ns"), 7); }
TEST(Units, ParsesMicrosecondSuffix) { EXPECT_EQ(ns_of("7us"), 7'000); }
TEST(Units, ParsesMillisecondSuffix) { EXPECT_EQ(ns_of("7ms"), 7'000'000); }
TEST(Units, ParsesSecondSuffix) { EXPECT_EQ(ns_of("7s"), 7'000'000'000); }
TEST(Units, ParsesMinuteSuffixM) { EXPECT_EQ(ns_of("2m"), 120'000'000'000); }
TEST(Units, ParsesMinuteSuffixMin) { EXPECT_EQ(ns_of("2min"), 120'000'000'000); }
TEST(Units, ParsesHourSuffix) { EXPECT_EQ(ns_of("1h"), 3'600'000'000'000); }

TEST(Units, ParsesFractionalSeconds) { EXPECT_EQ(ns_of("1.5s"), 1'500'000'000); }
TEST(Units, ParsesFractionalMilliseconds) { EXPECT_EQ(ns_of("0.25ms"), 250'000); }
TEST(Units, ParsesTwoHundredFiftyMicroseconds) { EXPECT_EQ(ns_of("250us"), 250'000); }
TEST(Units, AcceptsBareZeroAsZeroDuration) { EXPECT_EQ(ns_of("0"), 0); }
TEST(Units, AcceptsZeroWithUnit) { EXPECT_EQ(ns_of("0s"), 0); }
TEST(Units, IgnoresSpacesAroundAndBeforeTheUnit) { EXPECT_EQ(ns_of(" 20 ms "), 20'000'000); }

TEST(Units, RejectsUnknownDurationUnit) {
  EXPECT_EQ(error_of(parse_duration("20mss")),
            std::string("unknown duration unit `mss` in `20mss` | ") + kDurationHint);
}

TEST(Units, RejectsAWordAsDurationUnit) {
  EXPECT_EQ(error_of(parse_duration("20 parsecs")),
            std::string("unknown duration unit `parsecs` in `20 parsecs` | ") + kDurationHint);
}

TEST(Units, RejectsDurationWithoutUnit) {
  EXPECT_EQ(error_of(parse_duration("20")), "`20` needs a unit | write `20ms` or `20s`");
}

TEST(Units, RejectsRateWhereDurationBelongs) {
  EXPECT_EQ(error_of(parse_duration("200/s")),
            std::string("`200/s` is a rate, but a duration belongs here | ") + kDurationHint);
}

TEST(Units, RejectsSizeWhereDurationBelongs) {
  EXPECT_EQ(error_of(parse_duration("4KiB")),
            std::string("`4KiB` is a size, but a duration belongs here | ") + kDurationHint);
}

TEST(Units, RejectsNegativeDuration) {
  EXPECT_EQ(error_of(parse_duration("-5ms")), "a duration cannot be negative: `-5ms` | ");
}

TEST(Units, RejectsTextThatIsNotADuration) {
  EXPECT_EQ(error_of(parse_duration("soon")),
            std::string("`soon` is not a duration | ") + kDurationHint);
}

TEST(Units, RejectsEmptyDuration) {
  EXPECT_EQ(error_of(parse_duration("")), std::string("`` is not a duration | ") + kDurationHint);
}

// --- Rates ----------------------------------------------------------------------------------

TEST(Units, ParsesRatePerSecond) { EXPECT_DOUBLE_EQ(rate_of("200/s"), 200); }
TEST(Units, ParsesThousandsPerMinuteAsPerSecond) { EXPECT_DOUBLE_EQ(rate_of("12k/min"), 200); }
TEST(Units, ParsesRatePerMillisecond) { EXPECT_DOUBLE_EQ(rate_of("5/ms"), 5000); }
TEST(Units, ParsesRatePerHour) { EXPECT_DOUBLE_EQ(rate_of("3600/h"), 1); }
TEST(Units, ParsesMillionsPerSecond) { EXPECT_DOUBLE_EQ(rate_of("2M/s"), 2e6); }
TEST(Units, ParsesFractionalRate) { EXPECT_DOUBLE_EQ(rate_of("0.5/s"), 0.5); }

TEST(Units, RejectsRateWithoutUnit) {
  EXPECT_EQ(error_of(parse_rate("200")), "`200` needs a unit | write `200/s`");
}

TEST(Units, RejectsDurationWhereRateBelongs) {
  EXPECT_EQ(error_of(parse_rate("20ms")),
            std::string("`20ms` is a duration, but a rate belongs here | ") + kRateHint);
}

TEST(Units, RejectsUnknownRatePeriod) {
  EXPECT_EQ(error_of(parse_rate("200/day")),
            std::string("unknown rate unit `/day` in `200/day` | ") + kRateHint);
}

TEST(Units, RejectsUnknownRateUnit) {
  EXPECT_EQ(error_of(parse_rate("200 rps")),
            std::string("unknown rate unit in `200 rps` | ") + kRateHint);
}

TEST(Units, RejectsNegativeRate) {
  EXPECT_EQ(error_of(parse_rate("-5/s")), "a rate cannot be negative: `-5/s` | ");
}

// --- Sizes ----------------------------------------------------------------------------------

TEST(Units, ParsesBytes) { EXPECT_EQ(bytes_of("16B"), 16); }
TEST(Units, ParsesKilobytesAsPowersOfTen) { EXPECT_EQ(bytes_of("2KB"), 2'000); }
TEST(Units, ParsesKibibytesAsPowersOfTwo) { EXPECT_EQ(bytes_of("4KiB"), 4'096); }
TEST(Units, ParsesMegabytes) { EXPECT_EQ(bytes_of("2MB"), 2'000'000); }
TEST(Units, ParsesMebibytes) { EXPECT_EQ(bytes_of("2MiB"), 2'097'152); }
TEST(Units, ParsesGigabytes) { EXPECT_EQ(bytes_of("3GB"), 3'000'000'000); }
TEST(Units, ParsesGibibytes) { EXPECT_EQ(bytes_of("3GiB"), 3'221'225'472); }
TEST(Units, ParsesFractionalKibibytes) { EXPECT_EQ(bytes_of("1.5KiB"), 1'536); }
TEST(Units, AcceptsBareZeroAsZeroBytes) { EXPECT_EQ(bytes_of("0"), 0); }

TEST(Units, RejectsSizeWithoutUnit) {
  EXPECT_EQ(error_of(parse_size("16")), "`16` needs a unit | write `16B`");
}

TEST(Units, RejectsLowercaseKibibytes) {
  EXPECT_EQ(error_of(parse_size("4kib")),
            std::string("unknown size unit `kib` in `4kib` | ") + kSizeHint);
}

TEST(Units, RejectsDurationWhereSizeBelongs) {
  EXPECT_EQ(error_of(parse_size("20ms")),
            std::string("`20ms` is a duration, but a size belongs here | ") + kSizeHint);
}

TEST(Units, RejectsNegativeSize) {
  EXPECT_EQ(error_of(parse_size("-1KiB")), "a size cannot be negative: `-1KiB` | ");
}

// --- Ratios ---------------------------------------------------------------------------------

TEST(Units, ParsesPercentAsFraction) { EXPECT_DOUBLE_EQ(ratio_of("0.5%"), 0.005); }
TEST(Units, ParsesPlainFraction) { EXPECT_DOUBLE_EQ(ratio_of("0.005"), 0.005); }
TEST(Units, ParsesOneHundredPercentAsOne) { EXPECT_DOUBLE_EQ(ratio_of("100%"), 1); }
TEST(Units, ParsesZeroRatio) { EXPECT_DOUBLE_EQ(ratio_of("0"), 0); }

TEST(Units, RejectsRatioAboveOne) {
  EXPECT_EQ(error_of(parse_ratio("1.5")),
            std::string("ratio `1.5` is above 1 (100%) | ") + kRatioHint);
}

TEST(Units, RejectsPercentAboveOneHundred) {
  EXPECT_EQ(error_of(parse_ratio("150%")),
            std::string("ratio `150%` is above 1 (100%) | ") + kRatioHint);
}

TEST(Units, RejectsRatioWithAUnit) {
  EXPECT_EQ(error_of(parse_ratio("5ms")),
            std::string("unknown unit `ms` in ratio `5ms` | ") + kRatioHint);
}

TEST(Units, RejectsNegativeRatio) {
  EXPECT_EQ(error_of(parse_ratio("-0.1")),
            std::string("a ratio cannot be negative: `-0.1` | ") + kRatioHint);
}

// --- Formatting -----------------------------------------------------------------------------

TEST(Units, FormatsZeroAsZeroSeconds) { EXPECT_EQ(format_duration(Duration{0}), "0s"); }
TEST(Units, FormatsNanoseconds) { EXPECT_EQ(format_duration(Duration{7}), "7ns"); }
TEST(Units, FormatsMicroseconds) { EXPECT_EQ(format_duration(Duration{250'000}), "250us"); }
TEST(Units, FormatsFractionalMilliseconds) {
  EXPECT_EQ(format_duration(Duration{1'500'000}), "1.5ms");
}
TEST(Units, FormatsWholeSeconds) { EXPECT_EQ(format_duration(Duration{30 * kSecond.ns}), "30s"); }
TEST(Units, FormatsWholeMinutes) { EXPECT_EQ(format_duration(Duration{120 * kSecond.ns}), "2m"); }
TEST(Units, FormatsNinetySecondsAsOneAndAHalfMinutes) {
  EXPECT_EQ(format_duration(Duration{90 * kSecond.ns}), "1.5m");
}
TEST(Units, FormatsHours) { EXPECT_EQ(format_duration(Duration{3600 * kSecond.ns}), "1h"); }
TEST(Units, FormatsNegativeDurationsWithASign) {
  EXPECT_EQ(format_duration(Duration{-20'000'000}), "-20ms");
}

TEST(Units, FormatThenParseRoundTripsSpecValues) {
  for (const char* text :
       {"0s", "1ns", "250us", "1.5ms", "20ms", "1.5s", "30s", "2m", "1.5m", "10m", "1h", "1.25h"}) {
    const std::int64_t ns = ns_of(text);
    EXPECT_EQ(format_duration(Duration{ns}), text);
    EXPECT_EQ(ns_of(format_duration(Duration{ns}).c_str()), ns) << text;
  }
}

TEST(Units, FormatThenParseRoundTripsValuesNotExactInTheLargestUnit) {
  EXPECT_EQ(format_duration(Duration{61 * kSecond.ns}), "61s");
  for (const char* text : {"61s", "1234567ns", "1001ms", "3601s"}) {
    const std::int64_t ns = ns_of(text);
    EXPECT_EQ(ns_of(format_duration(Duration{ns}).c_str()), ns) << text;
  }
}

TEST(Units, DurationFromSecondsRoundsToNearestNanosecond) {
  EXPECT_EQ(Duration::from_seconds(1.5).ns, 1'500'000'000);
  EXPECT_EQ(Duration::from_seconds(2e-9 - 1e-12).ns, 2);
}

TEST(Units, DurationReportsMillisAndSeconds) {
  EXPECT_DOUBLE_EQ(Duration{2'500'000}.millis(), 2.5);
  EXPECT_DOUBLE_EQ(Duration{2'500'000}.seconds(), 0.0025);
}

}  // namespace
}  // namespace ripple::model

namespace ripple::model {
namespace {

// The simulator's clock: 64-bit nanoseconds. Durations and rates it cannot represent are
// refused where they are written, not wrapped into negative times later.
TEST(UnitRanges, RefusesDurationsPastTenThousandHours) {
  EXPECT_EQ(parse_duration("10000h").value->ns, kMaxDuration.ns);
  EXPECT_EQ(parse_duration("10001h").error.message,
            "duration `10001h` is too long: at most 10000h");
  EXPECT_FALSE(parse_duration("1e300s").ok());
}

TEST(UnitRanges, RefusesRatesFasterThanOnePerNanosecond) {
  EXPECT_DOUBLE_EQ(*parse_rate("1000000000/s").value, 1e9);
  EXPECT_EQ(parse_rate("1000000001/s").error.message,
            "rate `1000000001/s` is too high: at most 1000000000/s");
  EXPECT_FALSE(parse_rate("2M/ms").ok());
}

TEST(UnitRanges, RefusesPositiveRatesSlowerThanOnePerTenThousandHours) {
  EXPECT_EQ(*parse_rate("0/s").value, 0);
  EXPECT_TRUE(parse_rate("1/h").ok());
  EXPECT_EQ(parse_rate("0.0000000000001/s").error.message,
            "rate `0.0000000000001/s` is too low: at least one per 10000h");
}

// An exponent is said to be one (the figure would otherwise read as `1` with an unknown unit).
TEST(Units, ExponentsAreRefusedAsSuch) {
  EXPECT_EQ(error_of(parse_rate("1e-12/s")),
            "`1e-12/s`: a rate takes no exponent | write the number in digits, as in "
            "`0.000001/s` or `1500ms`, or with k or M, as in `2k/s`");
  EXPECT_EQ(parse_duration("2E3ms").error.message, "`2E3ms`: a duration takes no exponent");
  EXPECT_EQ(rate_of("5/s"), 5);
}

}  // namespace
}  // namespace ripple::model
