// The CI formats of `ripple diff`: SARIF 2.1.0 (a result per change that got worse, at the HEAD
// spec), JUnit XML (a test case per change, failed when worse) and GitHub workflow commands.

#include <fmt/format.h>

#include "cli/json/json.h"
#include "cli/render/escape.h"
#include "cli/render/junit.h"
#include "cli/render/render_diff.h"
#include "cli/render/sarif.h"

namespace ripple::cli {
namespace {

// A broken event contract breaks a consumer: an error; the rest is a warning to look at.
const char* level(DiffSection section) {
  return section == DiffSection::Contracts ? "error" : "warning";
}

int section_index(DiffSection section) {
  for (std::size_t i = 0; i < std::size(kDiffSections); ++i)
    if (kDiffSections[i] == section) return static_cast<int>(i);
  return 0;
}

std::string rule_id(DiffSection section) { return std::string("diff-") + to_string(section); }

Json diff_sarif_rules() {
  Json rules = Json::array();
  for (const DiffSection section : kDiffSections) {
    const std::string name = to_string(section);
    SarifRule rule;
    rule.id = rule_id(section);
    rule.name = "RippleDiff-" + name;
    rule.short_description = "The design got worse: " + name;
    rule.full_description = "Between BASE and HEAD, a change in section `" + name +
                            "` made the design worse (see the table of docs/ci.md, ripple diff).";
    rule.help_text = "Review the change; revert it or accept it knowingly. See docs/ci.md.";
    rule.help_page = "ci.md#ripple-diff";
    rule.level = level(section);
    rule.tag = "diff";
    rules.push_back(sarif_rule(rule));
  }
  return rules;
}

std::string change_title(const Change& c) {
  return fmt::format("{} {} {}: {}", to_string(c.section), to_string(c.kind), c.what, c.subject);
}

}  // namespace

std::string render_diff_sarif(const DiffDocument& doc) {
  SarifContext context = doc.sarif;
  if (context.command.empty()) context.command = "diff";
  Json results = Json::array();
  for (const Change& c : doc.diff.changes) {
    // A simulated change that is not worse is a note, with its interval.
    const bool note = c.verdict != Verdict::Worse && c.paired;
    if (c.verdict != Verdict::Worse && !note) continue;
    results.push_back(
        {{"ruleId", rule_id(c.section)},
         {"ruleIndex", section_index(c.section)},
         {"level", note ? "note" : level(c.section)},
         {"message", {{"text", change_title(c) + ". " + c.detail}}},
         {"locations", Json::array({sarif_location(context, doc.head_label, 1, 1, 1)})},
         {"partialFingerprints",
          {{"rippleDiff/v1", fmt::format("{}:{}:{}", to_string(c.section), c.what, c.subject)}}}});
  }
  return sarif_document(context, doc.head_label, diff_sarif_rules(), std::move(results),
                        Json::array());
}

std::string render_diff_junit(const DiffDocument& doc) {
  JunitSuite suite{"ripple diff " + doc.base_label + " " + doc.head_label, {}};
  for (const Change& c : doc.diff.changes) {
    JunitCase test =
        passing_case("ripple.diff." + std::string(to_string(c.section)), change_title(c));
    if (c.verdict == Verdict::Worse) {
      test.outcome = JunitOutcome::Failed;
      test.message = c.detail;
      test.type = to_string(c.section);
      test.text = doc.head_label + ": " + change_title(c) + ": " + c.detail + "\n";
    } else if (c.paired) {
      test.output = c.detail + "\n";  // the interval of a simulated change that is not worse
    }
    suite.cases.push_back(std::move(test));
  }
  if (suite.cases.empty()) suite.cases.push_back(passing_case("ripple.diff", "no change"));
  return render_junit(suite);
}

std::string render_diff_github(const DiffDocument& doc) {
  std::string out;
  for (const Change& c : doc.diff.changes) {
    const bool note = c.verdict != Verdict::Worse && c.paired;
    if (c.verdict != Verdict::Worse && !note) continue;
    out += fmt::format("::{} file={},title={}::{}\n", note ? "notice" : level(c.section),
                       github_property(doc.head_label),
                       github_property("ripple diff: " + std::string(to_string(c.section))),
                       github_data(change_title(c) + ". " + c.detail));
  }
  out += "::notice title=ripple diff::" +
         github_data(fmt::format("ripple diff {} {}: {}", doc.base_label, doc.head_label,
                                 diff_verdict(doc.diff))) +
         "\n";
  return out;
}

}  // namespace ripple::cli
