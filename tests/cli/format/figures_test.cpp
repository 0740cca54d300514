#include "cli/format/figures.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace ripple::cli {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string readable(double v) { return to_string(Figure{v}); }
std::string significant(double v) { return to_string(Figure{v, FigureStyle::Significant}); }
std::string compact(double v) { return to_string(Figure{v, FigureStyle::Compact}); }

TEST(ReadableFigure, IsShortAndKeepsSmallSharesVisible) {
  EXPECT_EQ(readable(50), "50");
  EXPECT_EQ(readable(0.25), "0.25");
  EXPECT_EQ(readable(2.0 / 3.0), "0.67");
  EXPECT_EQ(readable(1.5), "1.5");
  EXPECT_EQ(readable(0.001), "0.001");
  EXPECT_EQ(readable(0.0012345), "0.0012");
  EXPECT_EQ(readable(-3.0), "-3");
  EXPECT_EQ(readable(3.2e18), "3.2e+18");
  EXPECT_EQ(readable(kInf), "inf");
  EXPECT_EQ(readable(-kInf), "-");
  EXPECT_EQ(readable(std::nan("")), "-");
}

TEST(SignificantFigure, HasFourSignificantDigitsWithoutExponentBelowABillion) {
  EXPECT_EQ(significant(412.5), "412.5");
  EXPECT_EQ(significant(0.0012), "0.0012");
  EXPECT_EQ(significant(12345.6), "12346");
  EXPECT_EQ(significant(3.0374), "3.037");
  EXPECT_EQ(significant(0), "0");
  EXPECT_EQ(significant(-0.00001), "-0.00001");
  EXPECT_EQ(significant(-1e-11), "0");  // nine decimals at most: no "-0"
  EXPECT_EQ(significant(2.5e9), "2.5e+09");
  EXPECT_EQ(significant(kInf), "inf");
  EXPECT_EQ(significant(-kInf), "-inf");
}

TEST(CompactFigure, IsAnIntegerOrFourSignificantDigits) {
  EXPECT_EQ(compact(3), "3");
  EXPECT_EQ(compact(1.0 / 3.0), "0.3333");
  EXPECT_EQ(compact(12345.5), "1.235e+04");
  EXPECT_EQ(compact(0.25), "0.25");
}

TEST(Span, WritesEachStyle) {
  EXPECT_EQ(to_string(Span{1.5}), "1.5ms");
  EXPECT_EQ(to_string(Span{120000}), "2m");
  EXPECT_EQ(to_string(Span{0.25}), "250us");
  EXPECT_EQ(to_string(Span{12.34, SpanStyle::Lag}), "12.3ms");
  EXPECT_EQ(to_string(Span{45000, SpanStyle::Lag}), "45.0s");
  EXPECT_EQ(to_string(Span{600000, SpanStyle::Run}), "10m");
  EXPECT_EQ(to_string(Span{90000, SpanStyle::Run}), "90s");
  EXPECT_EQ(to_string(Span{7200000, SpanStyle::Run}), "2h");
  EXPECT_EQ(to_string(Span{1500, SpanStyle::Run}), "1.5s");
  EXPECT_EQ(to_string(Span{250, SpanStyle::Run}), "250ms");
  EXPECT_EQ(to_string(Span{212.5, SpanStyle::Gate}), "212.5 ms");
  EXPECT_EQ(to_string(Span{3037.4, SpanStyle::Gate}), "3.037 s");
}

TEST(RateAndBytes, CarryTheirUnit) {
  EXPECT_EQ(to_string(Rate{200}), "200/s");
  EXPECT_EQ(to_string(Rate{0.25}), "0.25/s");
  EXPECT_EQ(to_string(Bytes{16}), "16 B");
}

TEST(Formatters, GoIntoFormatStringsWithWidthAndAlignment) {
  EXPECT_EQ(fmt::format("{} at {}", Figure{50}, Rate{12.5}), "50 at 12.5/s");
  EXPECT_EQ(fmt::format("[{:>8}]", Span{12.34, SpanStyle::Lag}), "[  12.3ms]");
  EXPECT_EQ(fmt::format("[{:<6}]", Bytes{4}), "[4 B   ]");
}

}  // namespace
}  // namespace ripple::cli
