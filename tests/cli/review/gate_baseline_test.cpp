#include "cli/review/gate_baseline.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "cli/version.h"

namespace ripple::cli {
namespace {

analyzers::Finding finding(const std::string& rule, const std::string& element,
                           analyzers::Severity severity = analyzers::Severity::Warning) {
  analyzers::Finding f;
  f.rule = rule;
  f.element = element;
  f.severity = severity;
  f.message = rule + " on " + element;
  return f;
}

GateOutcome outcome(const std::string& expr, std::optional<double> value, bool met,
                    model::Comparison comparison = model::Comparison::Less,
                    double threshold = 300) {
  GateOutcome g;
  g.expr = expr;
  g.metric = model::GateMetric::P99;
  g.value = value;
  g.met = met;
  g.passed = met;
  g.comparison = comparison;
  g.threshold = threshold;
  return g;
}

GateOutcome findings_gate(const std::string& argument, double value, double threshold) {
  GateOutcome g = outcome("findings(" + argument + ") <= " + std::to_string(int(threshold)), value,
                          value <= threshold, model::Comparison::LessEqual, threshold);
  g.metric = model::GateMetric::Findings;
  g.argument = argument;
  return g;
}

TEST(GateBaseline, RoundTripsThroughJson) {
  analyzers::Analysis analysis;
  analysis.findings = {finding("nested-retries", "order.place")};
  analysis.findings[0].message = "quote \" and\nnewline";
  GateReport report;
  report.gates = {outcome("p99(a.x) < 300ms", 412.5, false),
                  outcome("p99(b.y) < 1s", std::nullopt, false)};
  const std::string json = render_baseline_json(make_baseline("shop", analysis, report));
  EXPECT_EQ(json, std::string(R"({
  "ripple_version": ")") +
                      kRippleVersion + R"(",
  "schema_version": 1,
  "ripple_baseline": 1,
  "spec": "shop",
  "findings": [
    {
      "rule": "nested-retries",
      "element": "order.place",
      "message": "quote \" and\nnewline"
    }
  ],
  "gates": [
    {
      "expr": "p99(a.x) < 300ms",
      "value": 412.5,
      "passed": false
    },
    {
      "expr": "p99(b.y) < 1s",
      "value": null,
      "passed": false
    }
  ]
}
)");
  const BaselineParse parsed = parse_baseline(json);
  ASSERT_TRUE(parsed.baseline.has_value()) << parsed.error;
  EXPECT_EQ(parsed.baseline->spec, "shop");
  ASSERT_EQ(parsed.baseline->findings.size(), 1u);
  EXPECT_EQ(parsed.baseline->findings[0].message, "quote \" and\nnewline");
  ASSERT_EQ(parsed.baseline->gates.size(), 2u);
  EXPECT_DOUBLE_EQ(*parsed.baseline->gates[0].value, 412.5);
  EXPECT_FALSE(parsed.baseline->gates[1].value.has_value());
}

TEST(GateBaseline, RefusesAnotherSchemaVersion) {
  const std::string again =
      "; write the baseline again with `ripple gate SPEC --write-baseline FILE`";
  EXPECT_EQ(
      parse_baseline(R"({"schema_version": 99, "ripple_baseline": 1, "findings": [], "gates": []})")
          .error,
      std::string("schema version 99 is not supported (ripple ") + kRippleVersion +
          " reads version 1)" + again);
  EXPECT_EQ(parse_baseline(R"({"ripple_baseline": 99, "findings": [], "gates": []})").error,
            "baseline format 99 is not supported (this ripple reads 1)" + again);
  EXPECT_EQ(parse_baseline(R"({"schema_version": "1", "ripple_baseline": 1, "findings": [],
                               "gates": []})")
                .error,
            std::string("schema version \"1\" is not supported (ripple ") + kRippleVersion +
                " reads version 1)" + again);
  EXPECT_TRUE(
      parse_baseline(R"({"schema_version": 1, "ripple_baseline": 1, "findings": [], "gates": []})")
          .baseline);
}

TEST(GateBaseline, RejectsWhatIsNotABaseline) {
  EXPECT_EQ(parse_baseline("{\"gates\": []}").error,
            "not a ripple baseline (no `ripple_baseline` key; write one with `ripple gate SPEC "
            "--write-baseline FILE`)");
  EXPECT_EQ(parse_baseline("{\"ripple_baseline\": 1, \"gates\": [").error,
            "unexpected end of the document at byte 34");
  EXPECT_EQ(parse_baseline("").error, "unexpected end of the document at byte 1");
  EXPECT_EQ(parse_baseline("{\"ripple_baseline\": 1, \"findings\": [], \"gates\": [{}]}").error,
            "each entry needs a string `expr`");
  EXPECT_FALSE(parse_baseline(std::string(100, '[') + std::string(100, ']')).baseline);
}

TEST(GateBaseline, ARepeatedKeyIsRefused) {
  const BaselineParse parsed =
      parse_baseline(R"({"ripple_baseline": 1, "findings": [], "gates": [], "gates": 5})");
  EXPECT_FALSE(parsed.baseline);
  EXPECT_EQ(parsed.error, "key `gates` appears twice in one object at byte 53");
}

TEST(GateBaseline, RefusesNumbersJsonDoesNotHave) {
  // The hand-written reader took these through strtod; JSON has no NaN and no "1.".
  EXPECT_EQ(
      parse_baseline(R"({"ripple_baseline": 1, "gates": [{"expr": "x", "value": NaN}]})").error,
      "expected a value at byte 57");
  EXPECT_EQ(parse_baseline(R"({"ripple_baseline": 1., "findings": [], "gates": []})").error,
            "expected a value at byte 21");
}

TEST(GateBaseline, DecodesUnicodeEscapes) {
  const BaselineParse parsed = parse_baseline(
      R"({"ripple_baseline": 1, "spec": "caf\u00e9 \ud83d\ude00", "findings": [], "gates": []})");
  ASSERT_TRUE(parsed.baseline);
  EXPECT_EQ(parsed.baseline->spec, "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

Baseline baseline_with(std::vector<BaselineGate> gates, std::vector<FindingKey> findings = {}) {
  Baseline b;
  b.gates = std::move(gates);
  b.findings = std::move(findings);
  return b;
}

TEST(GateBaseline, AFailureAsBadAsBeforeIsReportedButPasses) {
  GateReport report;
  report.gates = {outcome("p99(a.x) < 300ms", 400, false)};
  apply_baseline(report, {}, baseline_with({{"p99(a.x) < 300ms", 412.5, false}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::Unchanged);
  EXPECT_TRUE(report.gates[0].passed);
  EXPECT_FALSE(report.gates[0].met);
  EXPECT_DOUBLE_EQ(*report.gates[0].baseline_value, 412.5);
  EXPECT_TRUE(report.passed());
}

TEST(GateBaseline, AFailureWorseThanBeforeStillFails) {
  GateReport report;
  report.gates = {outcome("p99(a.x) < 300ms", 420, false)};
  apply_baseline(report, {}, baseline_with({{"p99(a.x) < 300ms", 412.5, false}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::Worse);
  EXPECT_FALSE(report.passed());
}

TEST(GateBaseline, AGateThatPassedBeforeOrIsNewFails) {
  GateReport report;
  report.gates = {outcome("p99(a.x) < 300ms", 400, false), outcome("p99(b.y) < 300ms", 400, false)};
  apply_baseline(report, {}, baseline_with({{"p99(a.x) < 300ms", 100, true}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::New);
  EXPECT_EQ(report.gates[1].baseline, BaselineState::New);
  EXPECT_EQ(report.failed_count(), 2);
}

TEST(GateBaseline, AnUndefinedValueIsWorseThanADefinedOne) {
  GateReport report;
  report.gates = {outcome("recovery_time(x) < 60s", std::nullopt, false)};
  apply_baseline(report, {}, baseline_with({{"recovery_time(x) < 60s", 90000, false}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::Worse);
  GateReport again;
  again.gates = {outcome("recovery_time(x) < 60s", std::nullopt, false)};
  apply_baseline(again, {}, baseline_with({{"recovery_time(x) < 60s", std::nullopt, false}}));
  EXPECT_EQ(again.gates[0].baseline, BaselineState::Unchanged);
}

TEST(GateBaseline, ANotANumberNeverMakesAFailingGatePass) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  GateReport now_nan;
  now_nan.gates = {outcome("p99(a.x) < 300ms", nan, false)};
  apply_baseline(now_nan, {}, baseline_with({{"p99(a.x) < 300ms", 412.5, false}}));
  EXPECT_EQ(now_nan.gates[0].baseline, BaselineState::Worse);
  EXPECT_FALSE(now_nan.passed());
  GateReport was_nan;
  was_nan.gates = {outcome("p99(a.x) < 300ms", 400, false)};
  apply_baseline(was_nan, {}, baseline_with({{"p99(a.x) < 300ms", nan, false}}));
  EXPECT_FALSE(was_nan.passed());
}

TEST(GateBaseline, NewFindingsAreMatchedOneForOneByRuleAndElement) {
  analyzers::Analysis analysis;
  analysis.findings = {finding("nested-retries", "order.place"),
                       finding("nested-retries", "order.place"),
                       finding("single-replica", "payment")};
  GateReport report;
  apply_baseline(report, analysis,
                 baseline_with({}, {{"nested-retries", "order.place", "old text"},
                                    {"unbounded-queue", "gateway", "gone"}}));
  ASSERT_EQ(report.new_findings.size(), 2u);
  EXPECT_EQ(report.new_findings[0].rule, "nested-retries");
  EXPECT_EQ(report.new_findings[1].rule, "single-replica");
  ASSERT_EQ(report.fixed_findings.size(), 1u);
  EXPECT_EQ(report.fixed_findings[0].rule, "unbounded-queue");
}

TEST(GateBaseline, AFindingsGateWithTheSameCountButANewFindingFails) {
  analyzers::Analysis analysis;
  analysis.findings = {finding("single-replica", "payment")};
  GateReport report;
  report.gates = {findings_gate("warning", 1, 0)};
  apply_baseline(
      report, analysis,
      baseline_with({{report.gates[0].expr, 1, false}}, {{"unbounded-queue", "gateway", "old"}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::Worse);
  EXPECT_EQ(report.gates[0].reason, "1 new finding since the baseline");
  EXPECT_FALSE(report.passed());
}

TEST(GateBaseline, AFindingsGateWithOnlyKnownFindingsPasses) {
  analyzers::Analysis analysis;
  analysis.findings = {finding("single-replica", "payment")};
  GateReport report;
  report.gates = {findings_gate("single-replica", 1, 0)};
  apply_baseline(
      report, analysis,
      baseline_with({{report.gates[0].expr, 1, false}}, {{"single-replica", "payment", "same"}}));
  EXPECT_EQ(report.gates[0].baseline, BaselineState::Unchanged);
  EXPECT_TRUE(report.passed());
}

}  // namespace
}  // namespace ripple::cli
