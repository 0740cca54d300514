#include <gtest/gtest.h>

#include <string>

#include "cli/render/render_diff.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

// The opening of every JSON document: `{`, ripple_version and schema_version.
std::string versions() {
  return std::string("{\n  \"ripple_version\": \"") + kRippleVersion +
         "\",\n  \"schema_version\": 1,";
}

SpecDiff sample() {
  SpecDiff d;
  Change contract;
  contract.section = DiffSection::Contracts;
  contract.verdict = Verdict::Worse;
  contract.what = "field removed";
  contract.subject = "OrderPlaced";
  contract.detail =
      "`OrderPlaced` no longer carries `order.items`, which shipping:OrderPlaced needs";
  Change blast;
  blast.section = DiffSection::BlastRadius;
  blast.verdict = Verdict::Better;
  blast.what = "blast_radius";
  blast.subject = "bus";
  blast.before = 1;
  blast.after = 0.25;
  blast.detail = "blast_radius of `bus`: 1 -> 0.25";
  Change service;
  service.section = DiffSection::Elements;
  service.kind = ChangeKind::Added;
  service.what = "service";
  service.subject = "fraud";
  service.detail = "new service `fraud`";
  d.changes = {service, contract, blast};
  return d;
}

TEST(DiffRender, VerdictSaysWhatGotWorse) {
  EXPECT_EQ(diff_verdict(sample()), "1 change got worse (1 contracts), 1 better, 1 neutral");
  SpecDiff fine = sample();
  fine.changes.erase(fine.changes.begin() + 1);
  EXPECT_EQ(diff_verdict(fine), "changed, nothing got worse (1 better, 1 neutral)");
  EXPECT_EQ(diff_verdict(SpecDiff{}), "no change");
}

TEST(DiffRender, TextListsSectionsWorstFirst) {
  const SpecDiff d = sample();
  EXPECT_EQ(
      render_diff_text({d, "base.yaml", "head.yaml"}, Color::Off),
      "ripple diff base.yaml -> head.yaml\n"
      "1 change got worse (1 contracts), 1 better, 1 neutral\n"
      "\n"
      "Event contracts\n"
      "  worse    `OrderPlaced` no longer carries `order.items`, which shipping:OrderPlaced needs\n"
      "\n"
      "Blast radius\n"
      "  better   blast_radius of `bus`: 100% -> 25%\n"
      "\n"
      "Elements added or removed\n"
      "  changed  new service `fraud`\n"
      "\n"
      "(not simulated: add --simulate to compare latency, errors, lag, lost events, utilization "
      "and "
      "backlog)\n");
}

TEST(DiffRender, JsonListsEveryChange) {
  SpecDiff d;
  d.changes = {sample().changes[2]};
  EXPECT_EQ(render_diff_json({d, "HEAD:a.yaml", "a.yaml"}), versions() + R"(
  "worse": false,
  "summary": {
    "worse": 0,
    "better": 1,
    "neutral": 0
  },
  "base": "HEAD:a.yaml",
  "head": "a.yaml",
  "simulated": false,
  "seed": null,
  "changes": [
    {
      "section": "blast_radius",
      "kind": "changed",
      "verdict": "better",
      "what": "blast_radius",
      "subject": "bus",
      "before": 1,
      "after": 0.25,
      "detail": "blast_radius of `bus`: 1 -> 0.25"
    }
  ]
}
)");
}

TEST(DiffRender, MarkdownHasAVerdictLineThenTables) {
  const SpecDiff d = sample();
  EXPECT_EQ(render_diff_markdown({d, "base.yaml", "head.yaml"}),
            "**Ripple diff: 1 change got worse (1 contracts), 1 better, 1 neutral**\n"
            "\n"
            "`base.yaml` → `head.yaml`\n"
            "\n"
            "#### Event contracts\n"
            "\n"
            "| | change | subject | detail |\n"
            "|---|---|---|---|\n"
            "| **worse** | field removed | `OrderPlaced` | `OrderPlaced` no longer carries "
            "`order.items`, which shipping:OrderPlaced needs |\n"
            "\n"
            "#### Blast radius\n"
            "\n"
            "| | metric | of | base | head |\n"
            "|---|---|---|--:|--:|\n"
            "| better | blast_radius | `bus` | 100% | 25% |\n"
            "\n"
            "#### Elements added or removed\n"
            "\n"
            "| | change | subject | detail |\n"
            "|---|---|---|---|\n"
            "| changed | service added | `fraud` | new service `fraud` |\n");
}

TEST(DiffRender, MarkdownEscapesPipes) {
  SpecDiff d;
  Change c;
  c.section = DiffSection::Findings;
  c.kind = ChangeKind::Added;
  c.verdict = Verdict::Worse;
  c.what = "sync-cycle";
  c.subject = "a";
  c.detail = "a | b";
  d.changes = {c};
  EXPECT_NE(render_diff_markdown({d, "b", "h"}).find("| a \\| b |"), std::string::npos);
}

}  // namespace
}  // namespace ripple::cli
