#include "cli/render/render_gate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/format/figures.h"
#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/codequality.h"
#include "cli/render/escape.h"
#include "cli/render/estimate_json.h"
#include "cli/render/junit.h"
#include "cli/render/sarif.h"
#include "cli/render/terminal.h"

namespace ripple::cli {
namespace {

const char* unit_name(GateUnit unit) {
  switch (unit) {
    case GateUnit::Milliseconds:
      return "ms";
    case GateUnit::Ratio:
      return "ratio";
    case GateUnit::Number:
      return "number";
    case GateUnit::Count:
      return "count";
  }
  return "number";
}

const char* baseline_name(BaselineState state) {
  switch (state) {
    case BaselineState::None:
      return "none";
    case BaselineState::New:
      return "new";
    case BaselineState::Worse:
      return "worse";
    case BaselineState::Unchanged:
      return "unchanged";
  }
  return "none";
}

std::string location(const GateOutcome& g) {
  if (g.line == 0) return g.file;
  return fmt::format("{}:{}:{}", g.file, g.line, g.column);
}

// "value 412 ms, 95% interval [398 ms, 430 ms], threshold < 300 ms: marginal" or
// "value undefined (reason)".
std::string verdict(const GateOutcome& g) {
  std::string text = "value " + format_gate_value(g.value, g.unit);
  if (g.ci) text += ", 95% interval " + format_gate_interval(g);
  text += ", threshold " + format_gate_threshold(g);
  if (g.verdict == IntervalVerdict::Marginal)
    text += g.passed ? ": marginal (counted as passed)" : ": marginal (the interval straddles it)";
  if (!g.reason.empty()) text += " (" + g.reason + ")";
  if (g.baseline == BaselineState::Unchanged || g.baseline == BaselineState::Worse)
    text += "; baseline " + format_gate_value(g.baseline_value, g.unit);
  return text;
}

std::string summary_line(const GateReport& r) {
  const int total = static_cast<int>(r.gates.size());
  const int failed = r.failed_count();
  const int known =
      static_cast<int>(std::count_if(r.gates.begin(), r.gates.end(), [](const auto& g) {
        return g.baseline == BaselineState::Unchanged;
      }));
  const int marginal = r.marginal_count();
  std::string text =
      fmt::format("{} of {} gate{} passed", total - failed, total, total == 1 ? "" : "s");
  if (failed > 0) text += fmt::format(", {} failed", failed);
  if (marginal > 0) text += fmt::format(" ({} marginal)", marginal);
  if (known > 0) text += fmt::format(" ({} failing as in the baseline)", known);
  return text;
}

std::string simulation_line(const GateReport& r) {
  if (!r.simulation) return "no simulation needed (static gates only)";
  const SimulationRun& s = *r.simulation;
  return fmt::format("simulated {} of traffic, seed {}, {} replication{}{}",
                     Span{s.simulated_ms, SpanStyle::Run}, s.seed, s.replications,
                     s.replications == 1 ? "" : "s",
                     s.replications == 1 ? " (no interval: simulated gates judged on one value)"
                                         : " (simulated gates judged on their 95% interval)");
}

// Padded to 8 columns.
std::string status_word(const GateOutcome& g, const Style& style) {
  if (g.baseline == BaselineState::Unchanged) return style.warning("known   ");
  if (g.verdict == IntervalVerdict::Marginal) return style.warning("marginal");
  return g.passed ? style.good("pass    ") : style.error("FAIL    ");
}

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string text_rows(const GateReport& r, const Style& style) {
  std::size_t expr_width = 4, value_width = 5, threshold_width = 9, interval_width = 0;
  for (const GateOutcome& g : r.gates) {
    expr_width = std::max(expr_width, g.expr.size());
    value_width = std::max(value_width, format_gate_value(g.value, g.unit).size());
    threshold_width = std::max(threshold_width, format_gate_threshold(g).size());
    interval_width = std::max(interval_width, format_gate_interval(g).size());
  }
  // The interval column only when some gate has one.
  if (interval_width > 0) interval_width = std::max<std::size_t>(interval_width, 12) + 2;
  const auto interval_cell = [&](const std::string& text) {
    return interval_width > 0 ? padded(text, interval_width) : std::string();
  };
  std::string out = style.dim("  " + padded("", 10) + padded("gate", expr_width + 2) +
                              padded("value", value_width + 2) + interval_cell("95% interval") +
                              padded("threshold", threshold_width + 2) + "where") +
                    "\n";
  for (const GateOutcome& g : r.gates) {
    out += "  " + status_word(g, style) + "  " + padded(g.expr, expr_width + 2) +
           padded(format_gate_value(g.value, g.unit), value_width + 2) +
           interval_cell(format_gate_interval(g)) +
           padded(format_gate_threshold(g), threshold_width + 2) + location(g) + "\n";
    std::vector<std::string> notes;
    if (!g.reason.empty()) notes.push_back(g.reason);
    if (g.verdict == IntervalVerdict::Marginal)
      notes.push_back(g.passed ? "the interval straddles the threshold; counted as passed"
                               : "the interval straddles the threshold; counted as failed "
                                 "(--marginal pass to accept)");
    if (g.baseline == BaselineState::Unchanged || g.baseline == BaselineState::Worse)
      notes.push_back("baseline value " + format_gate_value(g.baseline_value, g.unit));
    if (g.baseline == BaselineState::New) notes.push_back("new since the baseline");
    if (!notes.empty())
      out += "            " + style.dim(fmt::format("{}", fmt::join(notes, "; "))) + "\n";
  }
  return out;
}

std::string text_baseline(const GateReport& r) {
  if (!r.baseline_used) return "";
  std::string out = fmt::format("\nbaseline: {} new finding{}, {} fixed\n", r.new_findings.size(),
                                r.new_findings.size() == 1 ? "" : "s", r.fixed_findings.size());
  for (const FindingKey& f : r.new_findings)
    out += fmt::format("  new    {} at {}: {}\n", f.rule, f.element, f.message);
  for (const FindingKey& f : r.fixed_findings)
    out += fmt::format("  fixed  {} at {}\n", f.rule, f.element);
  return out;
}

// ---------------------------------------------------------------------------------------------

Json gate_json(const GateOutcome& g, const GateReport& report, PerReplication per_replication) {
  Json gate = {{"expr", g.expr},
               {"value", nullable(g.value)},
               {"ci", bounds_json(g.ci)},
               {"verdict", to_string(g.verdict)},
               {"passed", g.passed},
               {"line", g.line},
               {"column", g.column},
               {"file", g.file},
               {"metric", model::to_string(g.metric)},
               {"argument", g.argument},
               {"comparison", comparison_symbol(g.comparison)},
               {"threshold", g.threshold},
               {"unit", unit_name(g.unit)},
               {"simulated", g.simulated},
               {"met", g.met},
               {"reason", g.reason}};
  if (per_replication == PerReplication::Shown && g.simulated)
    gate["per_replication"] = g.per_replication;
  if (report.baseline_used) {
    gate["baseline"] = baseline_name(g.baseline);
    gate["baseline_value"] = nullable(g.baseline_value);
  }
  return gate;
}

Json findings_json(const std::vector<FindingKey>& findings) {
  Json list = Json::array();
  for (const FindingKey& f : findings)
    list.push_back({{"rule", f.rule}, {"element", f.element}, {"message", f.message}});
  return list;
}

JunitCase junit_case(const GateOutcome& g) {
  JunitCase c = passing_case("ripple.gate", g.expr);
  if (g.met) return c;
  if (g.passed && g.verdict == IntervalVerdict::Marginal) return c;  // --marginal pass
  c.message = verdict(g);
  if (g.passed) {  // failing as in the baseline: not a new failure
    c.outcome = JunitOutcome::Skipped;
    c.message = "failing as in the baseline: " + c.message;
    return c;
  }
  c.outcome = JunitOutcome::Failed;
  c.type = g.verdict == IntervalVerdict::Marginal ? std::string("marginal")
                                                  : std::string(model::to_string(g.metric));
  c.text = location(g) + ": " + g.expr + " failed: " + verdict(g);
  return c;
}

// The gate's expression as it stands on its line: the region SARIF and GitHub underline.
int expr_length(const GateOutcome& g) { return std::max(static_cast<int>(g.expr.size()), 1); }

Json gate_sarif_rules() {
  SarifRule rule;
  rule.id = "gate";
  rule.name = "RippleGate";
  rule.short_description = "A gate of the spec failed";
  rule.full_description =
      "A line of the spec's `gates:` (or of a --gates file) does not hold for the current "
      "design: a latency, error rate, lag, recovery, amplification, blast radius, coupling or "
      "findings threshold is exceeded, or the value is undefined.";
  rule.help_text = "Change the design or the workload until the gate holds. See docs/ci.md.";
  rule.help_page = "ci.md#ripple-gate";
  rule.level = "error";
  rule.tag = "gate";
  return Json::array({sarif_rule(rule)});
}

// "failed", "is marginal": how the gate's message names what happened.
std::string outcome_words(const GateOutcome& g) {
  return g.verdict == IntervalVerdict::Marginal ? "is marginal" : "failed";
}

// Failed gates are errors; failures the baseline had are notes; marginal gates counted as
// passed are warnings.
const char* sarif_level(const GateOutcome& g) {
  if (g.baseline == BaselineState::Unchanged) return "note";
  return g.passed ? "warning" : "error";
}

Json sarif_result(const SarifContext& context, const GateOutcome& g, const GateReport& report) {
  const bool known = g.baseline == BaselineState::Unchanged;
  Json result = {
      {"ruleId", "gate"},
      {"ruleIndex", 0},
      {"level", sarif_level(g)},
      {"message", {{"text", "Gate `" + g.expr + "` " + outcome_words(g) + ": " + verdict(g)}}},
      {"locations",
       Json::array({sarif_location(context, g.file, g.line, g.column, expr_length(g))})},
      {"partialFingerprints", {{"rippleGate/v1", g.expr}}}};
  if (report.baseline_used) result["baselineState"] = known ? "unchanged" : "new";
  return result;
}

std::string github_location(const GateOutcome& g) {
  std::string out = "file=" + github_property(g.file);
  if (g.line > 0)
    out += fmt::format(",line={},col={},endLine={},endColumn={}", g.line, g.column, g.line,
                       g.column + expr_length(g) - 1);
  return out;
}

}  // namespace

std::string format_gate_value(double value, GateUnit unit) {
  switch (unit) {
    case GateUnit::Milliseconds:
      return to_string(Span{value, SpanStyle::Gate});
    case GateUnit::Ratio:
      return fmt::format("{}%", Figure{value * 100, FigureStyle::Significant});
    case GateUnit::Number:
    case GateUnit::Count:
      break;
  }
  return to_string(Figure{value, FigureStyle::Significant});
}

std::string format_gate_value(std::optional<double> value, GateUnit unit) {
  return value ? format_gate_value(*value, unit) : "undefined";
}

std::string format_gate_interval(const GateOutcome& gate) {
  if (!gate.ci) return "";
  return "[" + format_gate_value(gate.ci->low, gate.unit) + ", " +
         format_gate_value(gate.ci->high, gate.unit) + "]";
}

std::string format_gate_threshold(const GateOutcome& gate) {
  return std::string(comparison_symbol(gate.comparison)) + " " +
         format_gate_value(gate.threshold, gate.unit);
}

std::string render_gate_text(const GateDocument& doc, Color color) {
  const Style style(color);
  const GateReport& r = doc.report;
  std::string out = style.bold(fmt::format("gates of {} ({})", terminal_text(doc.spec_name),
                                           terminal_text(doc.spec_path))) +
                    "\n" + style.dim(simulation_line(r)) + "\n\n";
  if (r.gates.empty()) {
    out += "  no gates: add `gates:` to the spec or pass --gates FILE\n";
  } else {
    out += text_rows(r, style);
  }
  out += text_baseline(r);
  const std::string summary = summary_line(r);
  out += "\n" + (r.passed() ? style.good(summary) : style.error(summary)) + "\n";
  return out;
}

std::string render_gate_json(const GateDocument& doc, PerReplication per_replication) {
  const GateReport& r = doc.report;
  Json gates = Json::array();
  for (const GateOutcome& g : r.gates) gates.push_back(gate_json(g, r, per_replication));
  const int total = static_cast<int>(r.gates.size());
  const int failed = r.failed_count();
  Json document = {{"passed", r.passed()},
                   {"gates", std::move(gates)},
                   {"spec", doc.spec_name},
                   {"summary",
                    {{"total", total},
                     {"passed", total - failed},
                     {"failed", failed},
                     {"marginal", r.marginal_count()}}},
                   {"simulation", nullptr}};
  if (r.simulation)
    document["simulation"] = {{"seed", r.simulation->seed},
                              {"replications", r.simulation->replications},
                              {"duration", r.simulation->simulated_ms}};
  if (r.baseline_used)
    document["baseline"] = {{"new_findings", findings_json(r.new_findings)},
                            {"fixed_findings", findings_json(r.fixed_findings)}};
  return json_text(versioned(std::move(document)));
}

std::string render_gate_junit(const GateDocument& doc) {
  JunitSuite suite{"ripple gate " + doc.spec_path, {}};
  for (const GateOutcome& g : doc.report.gates) suite.cases.push_back(junit_case(g));
  return render_junit(suite);
}

std::string render_gate_sarif(const GateDocument& doc) {
  SarifContext context = doc.sarif;
  if (context.command.empty()) context.command = "gate";
  Json results = Json::array();
  for (const GateOutcome& g : doc.report.gates)
    if (!g.met) results.push_back(sarif_result(context, g, doc.report));
  return sarif_document(context, doc.spec_path, gate_sarif_rules(), std::move(results),
                        Json::array());
}

std::string render_gate_codequality(const GateDocument& doc) {
  std::vector<CodeQualityIssue> issues;
  for (const GateOutcome& g : doc.report.gates) {
    if (g.met) continue;
    const bool known = g.baseline == BaselineState::Unchanged;
    const char* severity = known ? "info" : g.passed ? "minor" : "major";
    issues.push_back({"gate", "Gate `" + g.expr + "` " + outcome_words(g) + ": " + verdict(g),
                      severity, g.file.empty() ? doc.spec_path : g.file, g.line, g.expr});
  }
  return render_codequality(doc.sarif, issues);
}

std::string render_gate_github(const GateDocument& doc) {
  const GateReport& r = doc.report;
  std::string out;
  for (const GateOutcome& g : r.gates) {
    if (g.met) continue;
    const bool known = g.baseline == BaselineState::Unchanged;
    const bool marginal = g.verdict == IntervalVerdict::Marginal;
    out += known || g.passed ? "::warning " : "::error ";
    const char* title = known      ? "ripple gate (failing as in the baseline)"
                        : marginal ? (g.passed ? "ripple gate marginal (counted as passed)"
                                               : "ripple gate marginal (counted as failed)")
                                   : "ripple gate failed";
    out += github_location(g) + ",title=" + github_property(title);
    out += "::" + github_data(g.expr + ": " + verdict(g)) + "\n";
  }
  std::string summary =
      "ripple gate " + doc.spec_path + ": " + summary_line(r) + "; " + simulation_line(r);
  if (r.baseline_used)
    summary += fmt::format("; {} new finding{} since the baseline", r.new_findings.size(),
                           r.new_findings.size() == 1 ? "" : "s");
  out += "::notice title=ripple gate::" + github_data(summary) + "\n";
  return out;
}

}  // namespace ripple::cli
