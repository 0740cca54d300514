#include <gtest/gtest.h>

#include <string>

#include "cli/render/escape.h"
#include "cli/render/render_gate.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

// The opening of every JSON document: `{`, ripple_version and schema_version.
std::string versions() {
  return std::string("{\n  \"ripple_version\": \"") + kRippleVersion +
         "\",\n  \"schema_version\": 1,";
}

GateOutcome passing() {
  GateOutcome g;
  g.expr = "p99(gateway.checkout) < 300ms";
  g.metric = model::GateMetric::P99;
  g.argument = "gateway.checkout";
  g.comparison = model::Comparison::Less;
  g.threshold = 300;
  g.unit = GateUnit::Milliseconds;
  g.value = 212.5;
  g.met = g.passed = true;
  g.file = "shop.yaml";
  g.line = 40;
  g.column = 5;
  return g;
}

GateOutcome failing() {
  GateOutcome g;
  g.expr = "error_rate(gateway.checkout) < 0.5%";
  g.metric = model::GateMetric::ErrorRate;
  g.argument = "gateway.checkout";
  g.comparison = model::Comparison::Less;
  g.threshold = 0.005;
  g.unit = GateUnit::Ratio;
  g.value = 0.0125;
  g.file = "shop.yaml";
  g.line = 41;
  g.column = 5;
  return g;
}

GateOutcome undefined_gate() {
  GateOutcome g;
  g.expr = "recovery_time(payment) < 60s";
  g.metric = model::GateMetric::RecoveryTime;
  g.argument = "payment";
  g.threshold = 60000;
  g.unit = GateUnit::Milliseconds;
  g.reason = "the system never recovered";
  g.file = "shop.yaml";
  g.line = 42;
  g.column = 5;
  return g;
}

GateReport sample() {
  GateReport r;
  r.gates = {passing(), failing(), undefined_gate()};
  r.simulation = SimulationRun{7, 1, 600000};
  return r;
}

TEST(GateRender, FormatsValuesInTheirUnits) {
  EXPECT_EQ(format_gate_value(212.5, GateUnit::Milliseconds), "212.5 ms");
  EXPECT_EQ(format_gate_value(0.42, GateUnit::Milliseconds), "0.42 ms");
  EXPECT_EQ(format_gate_value(3037.4, GateUnit::Milliseconds), "3.037 s");
  EXPECT_EQ(format_gate_value(0.005, GateUnit::Ratio), "0.5%");
  EXPECT_EQ(format_gate_value(0.33512, GateUnit::Ratio), "33.51%");
  EXPECT_EQ(format_gate_value(363.0, GateUnit::Number), "363");
  EXPECT_EQ(format_gate_value(2.0, GateUnit::Count), "2");
  EXPECT_EQ(format_gate_value(std::nullopt, GateUnit::Count), "undefined");
}

TEST(GateRender, TextListsEachGateWithValueThresholdAndPlace) {
  const GateReport r = sample();
  EXPECT_EQ(render_gate_text({r, "specs/shop.yaml", "shop"}, Color::Off),
            "gates of shop (specs/shop.yaml)\n"
            "simulated 10m of traffic, seed 7, 1 replication (no interval: simulated gates "
            "judged on one value)\n"
            "\n"
            "            gate                                 value      threshold  where\n"
            "  pass      p99(gateway.checkout) < 300ms        212.5 ms   < 300 ms   "
            "shop.yaml:40:5\n"
            "  FAIL      error_rate(gateway.checkout) < 0.5%  1.25%      < 0.5%     "
            "shop.yaml:41:5\n"
            "  FAIL      recovery_time(payment) < 60s         undefined  < 60 s     "
            "shop.yaml:42:5\n"
            "            the system never recovered\n"
            "\n"
            "1 of 3 gates passed, 2 failed\n");
}

TEST(GateRender, JsonHasTheStableKeysFirst) {
  GateReport r;
  r.gates = {failing()};
  EXPECT_EQ(render_gate_json({r, "shop.yaml", "shop"}), versions() + R"(
  "passed": false,
  "gates": [
    {
      "expr": "error_rate(gateway.checkout) < 0.5%",
      "value": 0.0125,
      "ci": null,
      "verdict": "fail",
      "passed": false,
      "line": 41,
      "column": 5,
      "file": "shop.yaml",
      "metric": "error_rate",
      "argument": "gateway.checkout",
      "comparison": "<",
      "threshold": 0.005,
      "unit": "ratio",
      "simulated": false,
      "met": false,
      "reason": ""
    }
  ],
  "spec": "shop",
  "summary": {
    "total": 1,
    "passed": 0,
    "failed": 1,
    "marginal": 0
  },
  "simulation": null
}
)");
}

TEST(GateRender, JsonWritesUndefinedAsNullAndTheBaselineState) {
  GateReport r;
  r.gates = {undefined_gate()};
  r.gates[0].baseline = BaselineState::Worse;
  r.baseline_used = true;
  r.new_findings = {{"single-replica", "payment", "one replica"}};
  const std::string json = render_gate_json({r, "shop.yaml", "shop"});
  EXPECT_NE(json.find("\"value\": null,"), std::string::npos);
  EXPECT_NE(json.find("\"baseline\": \"worse\",\n      \"baseline_value\": null"),
            std::string::npos);
  EXPECT_NE(json.find(R"("baseline": {
    "new_findings": [
      {
        "rule": "single-replica",
        "element": "payment",
        "message": "one replica"
      }
    ],
    "fixed_findings": []
  })"),
            std::string::npos);
}

// The Jenkins xunit XSD allows no file or line on a testcase: the location opens the failure's
// text instead, and every element has a time.
TEST(GateRender, JunitHasOneTestCasePerGateAndFailuresWithValueAndThreshold) {
  GateReport r;
  r.gates = {passing(), failing()};
  EXPECT_EQ(render_gate_junit({r, "shop.yaml", "shop"}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"ripple\" tests=\"2\" failures=\"1\" errors=\"0\" "
            "time=\"0.000\">\n"
            "  <testsuite name=\"ripple gate shop.yaml\" tests=\"2\" failures=\"1\" errors=\"0\" "
            "skipped=\"0\" time=\"0.000\">\n"
            "    <testcase classname=\"ripple.gate\" name=\"p99(gateway.checkout) &lt; 300ms\" "
            "time=\"0.000\"/>\n"
            "    <testcase classname=\"ripple.gate\" name=\"error_rate(gateway.checkout) &lt; "
            "0.5%\" time=\"0.000\">\n"
            "      <failure message=\"value 1.25%, threshold &lt; 0.5%\" type=\"error_rate\">"
            "shop.yaml:41:5: error_rate(gateway.checkout) &lt; 0.5% failed: value 1.25%, "
            "threshold &lt; 0.5%</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(GateRender, JunitSkipsAFailureTheBaselineAlreadyHad) {
  GateReport r;
  r.gates = {failing()};
  r.gates[0].passed = true;
  r.gates[0].baseline = BaselineState::Unchanged;
  r.gates[0].baseline_value = 0.02;
  const std::string xml = render_gate_junit({r, "shop.yaml", "shop"});
  EXPECT_NE(xml.find("failures=\"0\" errors=\"0\" skipped=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"failing as in the baseline: value 1.25%, threshold &lt; "
                     "0.5%; baseline 2%\"/>"),
            std::string::npos);
}

TEST(GateRender, SarifHasOneResultPerFailedGateAtItsLine) {
  GateReport r;
  r.gates = {passing(), failing()};
  const std::string sarif = render_gate_sarif({r, "shop.yaml", "shop"});
  EXPECT_EQ(sarif.rfind("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                        "  \"version\": \"2.1.0\",\n  \"runs\": [",
                        0),
            0u);
  EXPECT_NE(sarif.find(R"("results": [
        {
          "ruleId": "gate",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "Gate `error_rate(gateway.checkout) < 0.5%` failed: value 1.25%, threshold < 0.5%"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "shop.yaml"
                },
                "region": {
                  "startLine": 41,
                  "startColumn": 5,
                  "endLine": 41,
                  "endColumn": 40
                }
              }
            }
          ],
          "partialFingerprints": {
            "rippleGate/v1": "error_rate(gateway.checkout) < 0.5%"
          }
        }
      ])"),
            std::string::npos);
  EXPECT_NE(sarif.find("\"driver\": {\n          \"name\": \"ripple\""), std::string::npos);
  EXPECT_NE(sarif.find("\"id\": \"gate\""), std::string::npos);
}

TEST(GateRender, GithubAnnotatesFailedGatesAndSummarises) {
  const GateReport r = sample();
  EXPECT_EQ(render_gate_github({r, "shop.yaml", "shop"}),
            "::error file=shop.yaml,line=41,col=5,endLine=41,endColumn=39,title=ripple gate "
            "failed::error_rate(gateway.checkout) < 0.5%25: value 1.25%25, threshold < 0.5%25\n"
            "::error file=shop.yaml,line=42,col=5,endLine=42,endColumn=32,title=ripple gate "
            "failed::"
            "recovery_time(payment) < 60s: value undefined, threshold < 60 s (the system never "
            "recovered)\n"
            "::notice title=ripple gate::ripple gate shop.yaml: 1 of 3 gates passed, 2 failed; "
            "simulated 10m of traffic, seed 7, 1 replication (no interval: simulated gates judged "
            "on one value)\n");
}

TEST(GateRender, GithubEscapesDataAndProperties) {
  EXPECT_EQ(github_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
  EXPECT_EQ(github_property("dir,x/a:b.yaml%"), "dir%2Cx/a%3Ab.yaml%25");
  GateReport r;
  r.gates = {failing()};
  r.gates[0].file = "a,b:c.yaml";
  const std::string out = render_gate_github({r, "a,b:c.yaml", "x"});
  EXPECT_EQ(out.rfind("::error file=a%2Cb%3Ac.yaml,line=41,col=5,", 0), 0u);
}

}  // namespace
}  // namespace ripple::cli
