// The CI formats of `ripple analyze`: SARIF 2.1.0, JUnit XML, GitHub workflow commands and
// GitLab Code Quality. Each lists unsuppressed findings; SARIF also lists suppressed ones with
// their suppression, as code scanning expects.

#include <fmt/format.h>

#include "analyzers/lint_catalog.h"
#include "cli/json/json.h"
#include "cli/render/codequality.h"
#include "cli/render/escape.h"
#include "cli/render/junit.h"
#include "cli/render/render_analyze.h"
#include "cli/render/sarif.h"

namespace ripple::cli {
namespace {

using analyzers::Finding;
using analyzers::Severity;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "none";
}

int rule_index(std::string_view id) {
  const auto& rules = analyzers::lint_rules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == id) return static_cast<int>(i);
  return -1;
}

Json analyze_sarif_rules() {
  Json rules = Json::array();
  for (const analyzers::LintRule& rule : analyzers::lint_rules()) {
    SarifRule r;
    r.id = std::string(rule.id);
    r.name = r.id;
    r.short_description = std::string(rule.title);
    r.full_description = std::string(rule.description);
    r.help_text = fmt::format("{}\n\nWhy: {}\n\nFix: {}", rule.description, rule.why, rule.fix);
    r.help_markdown =
        fmt::format("{}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n\nSee docs/lints.md#{}",
                    rule.description, rule.why, rule.fix, rule.id);
    r.help_page = fmt::format("lints.md#{}", rule.id);
    r.level = sarif_level(rule.severity);
    r.tag = "lint";
    rules.push_back(sarif_rule(r));
  }
  return rules;
}

Json sarif_result(const SarifContext& context, const Finding& f, const std::string& spec_path,
                  const std::string* suppression_reason) {
  const std::string& file = f.file.empty() ? spec_path : f.file;
  Json result = {{"ruleId", f.rule},
                 {"ruleIndex", rule_index(f.rule)},
                 {"level", sarif_level(f.severity)},
                 {"message", {{"text", f.message}}},
                 {"locations", Json::array({sarif_location(context, file, f.line, f.column, 1)})},
                 {"partialFingerprints", {{"rippleFinding/v1", f.rule + ":" + f.element}}}};
  if (suppression_reason)
    result["suppressions"] =
        Json::array({{{"kind", "inSource"}, {"justification", *suppression_reason}}});
  return result;
}

std::string location_text(const Finding& f, const std::string& spec_path) {
  const std::string& file = f.file.empty() ? spec_path : f.file;
  return f.line > 0 ? fmt::format("{}:{}:{}", file, f.line, f.column) : file;
}

// A rule's test case: failed when the rule has a finding of severity error or warning. Findings
// of severity info do not fail it (analyze exits 0 on them); the other formats list them.
JunitCase junit_case(const analyzers::LintRule& rule, const std::vector<const Finding*>& fired,
                     const std::string& spec_path) {
  JunitCase c = passing_case("ripple.lint", std::string(rule.id));
  std::size_t failing = 0;
  for (const Finding* f : fired) {
    if (f->severity == Severity::Info) continue;
    ++failing;
    c.text += fmt::format("{}: {}: {}\n", location_text(*f, spec_path),
                          analyzers::to_string(f->severity), f->message);
  }
  if (failing == 0) return c;
  c.outcome = JunitOutcome::Failed;
  c.message = fmt::format("{} finding(s): {}", failing, rule.title);
  c.type = std::string(rule.id);
  return c;
}

const char* codequality_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "major";
    case Severity::Warning:
      return "minor";
    case Severity::Info:
      break;
  }
  return "info";
}

const char* github_command(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      break;
  }
  return "notice";
}

}  // namespace

std::string render_analyze_sarif(const AnalyzeDocument& doc) {
  SarifContext context = doc.sarif;
  if (context.command.empty()) context.command = "analyze";
  Json results = Json::array();
  for (const Finding& f : doc.analysis.findings)
    results.push_back(sarif_result(context, f, doc.spec_path, nullptr));
  for (const analyzers::SuppressedFinding& s : doc.analysis.suppressed)
    results.push_back(sarif_result(context, s.finding, doc.spec_path, &s.reason));
  return sarif_document(context, doc.spec_path, analyze_sarif_rules(), std::move(results),
                        Json::array());
}

std::string render_analyze_junit(const AnalyzeDocument& doc) {
  const auto& rules = analyzers::lint_rules();
  std::vector<std::vector<const Finding*>> fired(rules.size());
  for (const Finding& f : doc.analysis.findings)
    if (const int i = rule_index(f.rule); i >= 0) fired[i].push_back(&f);
  JunitSuite suite{"ripple analyze " + doc.spec_path, {}};
  for (std::size_t i = 0; i < rules.size(); ++i)
    suite.cases.push_back(junit_case(rules[i], fired[i], doc.spec_path));
  return render_junit(suite);
}

std::string render_analyze_github(const AnalyzeDocument& doc) {
  std::string out;
  for (const Finding& f : doc.analysis.findings) {
    const analyzers::LintRule* rule = analyzers::find_lint_rule(f.rule);
    const std::string title =
        "ripple " + f.rule + (rule ? ": " + std::string(rule->title) : std::string());
    out += fmt::format("::{} file={}", github_command(f.severity),
                       github_property(f.file.empty() ? doc.spec_path : f.file));
    if (f.line > 0)
      out += fmt::format(",line={},col={},endLine={},endColumn={}", f.line, f.column, f.line,
                         f.column);
    out += ",title=" + github_property(title) + "::" + github_data(f.message) + "\n";
  }
  const Severity levels[] = {Severity::Error, Severity::Warning, Severity::Info};
  int counts[3] = {};
  for (int i = 0; i < 3; ++i) counts[i] = count_findings(doc.analysis.findings, levels[i]);
  out += "::notice title=ripple analyze::" +
         github_data(fmt::format(
             "ripple analyze {}: {} errors, {} warnings, {} info, {} suppressed", doc.spec_path,
             counts[0], counts[1], counts[2], doc.analysis.suppressed.size())) +
         "\n";
  return out;
}

std::string render_analyze_codequality(const AnalyzeDocument& doc) {
  std::vector<CodeQualityIssue> issues;
  for (const Finding& f : doc.analysis.findings)
    issues.push_back({f.rule, f.message, codequality_severity(f.severity),
                      f.file.empty() ? doc.spec_path : f.file, f.line, f.element});
  return render_codequality(doc.sarif, issues);
}

}  // namespace ripple::cli
