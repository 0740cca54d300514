// Rate shapes (`diurnal`, `bursty`, `trace`) and closed-loop `users` of a source: what is read
// and each mistake's located error.

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

std::string with_source(const std::string& source) {
  return "ripple: 1\nservices: {a: {operations: {op: {}}}}\nworkload:\n  sources:\n    - " +
         source + "\n";
}

// Files for `trace:`: rates.csv beside t.yaml holds `csv`.
LoadResult load_with_csv(const std::string& source, const std::string& csv) {
  const FileReader read = [csv](const std::string& path) {
    ReadResult r;
    if (path == "rates.csv")
      r.file = SourceFile{path, csv};
    else
      r.error = Diagnostic{Severity::Error, path, 0, 0, 1, "no such file", "check the path", ""};
    return r;
  };
  return load_spec(SourceFile{kPath, with_source(source)}, std::nullopt, {}, read);
}

TEST(Arrivals, DiurnalIsRead) {
  const Spec spec = load_ok(with_source(
      "{to: a.op, rate: 10/s, diurnal: {peak_to_trough: 4, period: 1h, peak_at: 30m}}"));
  const RateSource& s = spec.workload.sources[0];
  EXPECT_EQ(s.shape, RateShape::Diurnal);
  EXPECT_DOUBLE_EQ(s.diurnal.peak_to_trough, 4);
  EXPECT_EQ(s.diurnal.period.ns, 3600 * kSecond.ns);
  EXPECT_EQ(s.diurnal.peak_at.ns, 1800 * kSecond.ns);
}

TEST(Arrivals, ATroughAboveThePeakIsAnError) {
  const std::string line = "    - {to: a.op, rate: 10/s, diurnal: {peak_to_trough: 0.5}}";
  expect_only(load(with_source("{to: a.op, rate: 10/s, diurnal: {peak_to_trough: 0.5}}")),
              under(5, line, "0.5", "`peak_to_trough` must be at least 1, not 0.5",
                    "the busiest rate over the quietest: 4 means the peak is 4 times the trough"));
}

TEST(Arrivals, ABurstRateAtOrBelowTheMeanIsAnError) {
  const LoadResult result = load(with_source("{to: a.op, rate: 10/s, bursty: {burst_rate: 5/s}}"));
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "`burst_rate` must be above the source's mean `rate`");
}

TEST(Arrivals, ShapesExcludeEachOther) {
  EXPECT_FALSE(load(with_source("{to: a.op, rate: 10/s, diurnal: {peak_to_trough: 2}, "
                                "bursty: {burst_rate: 50/s}}"))
                   .spec);
}

TEST(Arrivals, ATraceIsReadBesideTheSpecAndItsMeanIsTheRate) {
  const LoadResult result =
      load_with_csv("{to: a.op, trace: {file: rates.csv, step: 10s}}", "rps\n100\n2k/min, x\n");
  ASSERT_TRUE(result.spec) << render_all(result.diagnostics);
  const RateSource& s = result.spec->workload.sources[0];
  EXPECT_EQ(s.shape, RateShape::Trace);
  ASSERT_EQ(s.trace.rates.size(), 2u);
  EXPECT_DOUBLE_EQ(s.trace.rates[1], 2000.0 / 60);
  EXPECT_DOUBLE_EQ(s.rate, (100 + 2000.0 / 60) / 2);
}

TEST(Arrivals, ABadTraceLineIsLocatedInTheCsv) {
  const LoadResult result = load_with_csv("{to: a.op, trace: {file: rates.csv}}", "100\nfast\n");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.file, "rates.csv");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.message, "`fast` is not a rate");
  EXPECT_EQ(d.source_line, "fast");
}

TEST(Arrivals, AMissingTraceIsOneErrorAtItsName) {
  const std::string line = "    - {to: a.op, trace: {file: nope.csv}}";
  expect_only(load_with_csv("{to: a.op, trace: {file: nope.csv}}", ""),
              under(5, line, "nope.csv", "cannot read the trace `nope.csv`: no such file",
                    "check the path"));
}

TEST(Arrivals, UsersAreAClosedLoopWhoseRateIsUsersOverThink) {
  const Spec spec = load_ok(with_source("{to: a.op, users: 20, think: exp(2s)}"));
  const RateSource& s = spec.workload.sources[0];
  EXPECT_EQ(s.users, 20);
  EXPECT_DOUBLE_EQ(s.rate, 10);
}

TEST(Arrivals, UsersNeedAThinkTimeAndTakeNoRate) {
  const std::string line = "    - {to: a.op, users: 20}";
  expect_only(
      load(with_source("{to: a.op, users: 20}")),
      under(5, line, "20", "closed-loop `users` need a `think` time", "write `think: exp(1s)`"));
  const LoadResult rated = load(with_source("{to: a.op, users: 2, think: 1s, rate: 5/s}"));
  ASSERT_EQ(rated.diagnostics.size(), 1u) << render_all(rated.diagnostics);
  EXPECT_EQ(rated.diagnostics[0].message, "`rate` does not apply to closed-loop `users`");
}

}  // namespace
}  // namespace ripple::model::testing
