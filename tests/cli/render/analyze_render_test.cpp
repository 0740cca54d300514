#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/cascade_explorer.h"
#include "cli/render/render_analyze.h"
#include "model/loader.h"

namespace ripple::cli {
namespace {

const char* kTiny = R"(ripple: 1
name: tiny
defaults: {replicas: 2}
brokers: {bus: {type: kafka}}
events: {Done: {broker: bus}}
services:
  a: {operations: {x: {calls: [b.y]}}}
  b: {queue: unbounded, operations: {y: {calls: [a.x], publishes: [Done]}}}
suppress:
  - {rule: event-without-consumer, at: Done, reason: kept for the audit trail}
workload: {sources: [{to: a.x, rate: 10/s}]}
)";

struct Rendered {
  model::Spec spec;
  analyzers::Analysis analysis;
  AnalysisRanking ranking;
  [[nodiscard]] AnalyzeDocument doc() const { return {spec, analysis, ranking, "specs/tiny.yaml"}; }
};

Rendered analyzed(const std::string& yaml) {
  model::LoadResult loaded = model::load_spec({"specs/tiny.yaml", yaml});
  EXPECT_TRUE(loaded.spec.has_value());
  Rendered r{loaded.spec ? *loaded.spec : model::Spec{}, {}, {}};
  r.analysis = analyzers::analyze(r.spec);
  r.ranking = rank_analysis(r.analysis);
  return r;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

int count(const std::string& text, const std::string& part) {
  int n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(AnalyzeJson, HasTheStableTopLevelKeysInOrder) {
  const Rendered r = analyzed(kTiny);
  const std::string json = render_analyze_json(r.doc());
  std::vector<std::size_t> positions;
  for (const char* key : {"\"services\": {", "\"amplification\": {", "\"cascades\": {",
                          "\"events\": {", "\"findings\": ["}) {
    ASSERT_TRUE(contains(json, key)) << key;
    positions.push_back(json.find(key));
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
}

TEST(AnalyzeJson, WritesTheFiguresOfEachSection) {
  const Rendered r = analyzed(kTiny);
  const std::string json = render_analyze_json(r.doc());
  EXPECT_TRUE(contains(json, R"("a": {
      "ce": 1,
      "ca": 1,
      "instability": 0.5,
      "ce_sync": 1,
      "ce_async": 0,
      "ce_hidden": 0,)"));
  EXPECT_TRUE(contains(json, R"("a.x": {
      "kind": "entry",
      "requests": 2,
      "deliveries": 0,
      "callbacks": 0,
      "transactions": 0,
      "bytes": 0,
      "worst_case_requests": 2,)"));
  EXPECT_TRUE(contains(json, R"("blast_radius": 1,
      "paths": [
        [
          "a",
          "a.x"
        ]
      ],)"));
  EXPECT_TRUE(contains(json, R"("rule": "sync-cycle",
      "severity": "error",
      "message": "services call each other synchronously in a cycle: a -> b -> a",
      "file": "specs/tiny.yaml",
      "line": 7,)"));
  EXPECT_TRUE(contains(json, R"("reason": "kept for the audit trail")"));
  EXPECT_TRUE(contains(json, R"("summary": {
    "errors": 1,
    "warnings": 1,
    "info": 0,
    "suppressed": 1
  })"));
}

TEST(AnalyzeJson, ListsUnusedSuppressions) {
  const Rendered r = analyzed(R"(ripple: 1
services: {a: {replicas: 2}}
suppress:
  - {rule: unbounded-queue, at: a, reason: stale}
)");
  EXPECT_TRUE(contains(render_analyze_json(r.doc()), R"("unused_suppressions": [
    {
      "rule": "unbounded-queue",
      "at": "a",
      "file": "specs/tiny.yaml",
      "line": 4,)"));
  EXPECT_TRUE(contains(render_analyze_text(r.doc(), Color::Off),
                       "  unused  specs/tiny.yaml:4:5: suppression of unbounded-queue at a "
                       "matches no finding; remove it\n"));
}

TEST(AnalyzeSarif, DescribesEveryRuleAndLocatesEveryResult) {
  const Rendered r = analyzed(kTiny);
  const std::string sarif = render_analyze_sarif(r.doc());
  EXPECT_TRUE(contains(sarif, R"("version": "2.1.0")"));
  EXPECT_EQ(count(sarif, "\"shortDescription\""), 17);
  EXPECT_EQ(count(sarif, "\"fullDescription\""), 17);
  EXPECT_EQ(count(sarif, "\"help\""), 17);
  EXPECT_EQ(count(sarif, "\"ruleId\""), 3);  // two findings and one suppressed
  EXPECT_TRUE(contains(sarif, R"("ruleId": "sync-cycle",
          "ruleIndex": 0,
          "level": "error",)"));
  EXPECT_TRUE(contains(sarif, R"("artifactLocation": {
                  "uri": "specs/tiny.yaml"
                },
                "region": {
                  "startLine": 7,)"));
  EXPECT_TRUE(contains(sarif, R"("kind": "inSource",
              "justification": "kept for the audit trail")"));
}

TEST(AnalyzeJunit, OneTestCasePerRuleFailedWhenItFired) {
  const Rendered r = analyzed(kTiny);
  const std::string xml = render_analyze_junit(r.doc());
  EXPECT_EQ(count(xml, "<testcase "), 17);
  EXPECT_EQ(count(xml, "<failure "), 2);
  EXPECT_TRUE(contains(
      xml, R"(<testsuites name="ripple" tests="17" failures="2" errors="0" time="0.000">)"));
  EXPECT_TRUE(contains(
      xml, R"(<testcase classname="ripple.lint" name="event-without-consumer" time="0.000"/>)"));
  EXPECT_TRUE(contains(xml, "specs/tiny.yaml:7:"));
}

TEST(AnalyzeText, HasNoEscapeCodesWithoutColourAndWorstFirst) {
  const Rendered r = analyzed(kTiny);
  const std::string text = render_analyze_text(r.doc(), Color::Off);
  EXPECT_FALSE(contains(text, "\x1b["));
  EXPECT_TRUE(contains(text, "tiny: 2 services, 1 event, 1 entry operation\n"));
  EXPECT_TRUE(contains(text, "Findings  1 error, 1 warning, 0 info, 1 suppressed\n"));
  EXPECT_TRUE(contains(text, "  sync cycle: a -> b -> a\n"));
  EXPECT_TRUE(contains(text, "    a down -> a.x fails\n"));
  EXPECT_TRUE(contains(text,
                       "  error   sync-cycle (1): Synchronous call cycle\n"
                       "    specs/tiny.yaml:7:32: services call each other synchronously in a "
                       "cycle: a -> b -> a\n"
                       "    fix: Break the cycle"));
  EXPECT_LT(text.find("error   sync-cycle"), text.find("warning unbounded-queue"));
  EXPECT_TRUE(contains(text, "  skipped specs/tiny.yaml:"));
  EXPECT_TRUE(contains(render_analyze_text(r.doc(), Color::On),
                       "\x1b[1;31merror  \x1b[0m \x1b[1msync-cycle"));
}

TEST(AnalyzeMarkdown, HasTitleAndTables) {
  const Rendered r = analyzed(kTiny);
  const std::string md = render_analyze_markdown(r.doc());
  EXPECT_EQ(md.rfind("# Analysis of tiny\n", 0), 0u);
  EXPECT_TRUE(contains(
      md, "| severity | rule | where | message | fix |\n| --- | --- | --- | --- | --- |\n"));
  EXPECT_TRUE(contains(md, "| a (service) | 100% | a.x |"));
}

TEST(CascadeChainText, SaysWhatIsDownAndWhatFails) {
  EXPECT_EQ(cascade_chain_text({"db", "order.place", "gateway.checkout"}),
            "db down -> order.place fails -> gateway.checkout fails");
  EXPECT_EQ(cascade_chain_text({"db"}), "db down");
}

// A hub that twelve entry operations call: its cascade has twelve failed entries and chains, more
// than the ten each list keeps by default.
std::string hub_spec() {
  std::string yaml = "ripple: 1\nservices:\n  hub: {operations: {get: {}}}\n";
  std::string sources;
  for (int i = 0; i < 12; ++i) {
    const std::string name = "s" + std::to_string(i < 10 ? 0 : 1) + std::to_string(i % 10);
    yaml += "  " + name + ": {operations: {x: {calls: [hub.get]}}}\n";
    sources += std::string(sources.empty() ? "" : ", ") + "{to: " + name + ".x, rate: 1/s}";
  }
  return yaml + "workload: {sources: [" + sources + "]}\n";
}

// The JSON object of one cascade, from its key to its closing brace.
std::string cascade_object(const std::string& json, const std::string& component) {
  const std::size_t at = json.find("\n    \"" + component + "\": {", json.find("\"cascades\""));
  return at == std::string::npos ? "" : json.substr(at, json.find("\n    }", at) - at + 6);
}

TEST(AnalyzeJson, CutListsCarryTheirCountsAndTheLongestChain) {
  const Rendered r = analyzed(hub_spec());
  const std::string hub = cascade_object(render_analyze_json(r.doc()), "hub");
  EXPECT_EQ(count(hub, "\"hub\",\n"), 11);  // ten chains and the longest
  EXPECT_TRUE(contains(hub, R"("failed_entries": [
        "s00.x",)"));
  EXPECT_FALSE(contains(hub, "\"s10.x\""));
  EXPECT_TRUE(contains(hub, R"("counts": {
        "failed_entries": 12,
        "failed_operations": 13,
        "stalled_consumers": 0,
        "lost_events": 0,
        "stopped_by": 0
      },
      "longest_path": [
        "hub",
        "s00.x"
      ]
    })"));
  // A cascade whose lists are whole has no counts.
  EXPECT_FALSE(contains(cascade_object(render_analyze_json(r.doc()), "s00"), "counts"));
}

TEST(AnalyzeJson, FullListsEveryEntryFromTheExplorer) {
  const Rendered r = analyzed(hub_spec());
  analyzers::CascadeExplorer explorer(r.spec);
  AnalyzeDocument doc = r.doc();
  doc.full_cascade = [&](const analyzers::Cascade& c) {
    return explorer.expand(c.kind, c.component_id);
  };
  const std::string hub = cascade_object(render_analyze_json(doc), "hub");
  EXPECT_EQ(count(hub, "\"hub\",\n"), 12);
  EXPECT_TRUE(contains(hub, R"("s11.x"
      ],
      "stalled_consumers": [],)"));
  EXPECT_FALSE(contains(hub, "counts"));
}

TEST(AnalyzeText, SaysHowManyMoreChainsAListWasCutTo) {
  const Rendered r = analyzed(hub_spec());
  const std::string text = render_analyze_text(r.doc(), Color::Off);
  EXPECT_TRUE(contains(text, "    hub down -> s04.x fails\n    ... and 7 more chains\n")) << text;
}

}  // namespace
}  // namespace ripple::cli
