#include "cli/render/render_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/format/figures.h"
#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/escape.h"
#include "cli/render/estimate_json.h"
#include "cli/render/lists.h"
#include "cli/render/terminal.h"
#include "model/gate_metric.h"

namespace ripple::cli {
namespace {

std::string title(DiffSection section, const SpecDiff& diff) {
  switch (section) {
    case DiffSection::Elements:
      return "Elements added or removed";
    case DiffSection::Edges:
      return "Edges (calls, publishes, callbacks)";
    case DiffSection::Coupling:
      return "Coupling";
    case DiffSection::Contracts:
      return "Event contracts";
    case DiffSection::Amplification:
      return "Amplification (requests per entry request or event)";
    case DiffSection::BlastRadius:
      return "Blast radius";
    case DiffSection::Findings:
      return "Findings";
    case DiffSection::Simulation:
      return fmt::format(
          "Simulated (seed {}, {} paired replication{}: base and head replication i share a seed)",
          diff.seed, diff.replications, diff.replications == 1 ? "" : "s");
  }
  return "";
}

// Figures sections compare numbers; the others describe things.
bool has_figures(DiffSection section) {
  return section == DiffSection::Coupling || section == DiffSection::Amplification ||
         section == DiffSection::BlastRadius || section == DiffSection::Simulation;
}

// In the unit of the gate metric named `what`, when it names one (p99, p99_lag, error_rate,
// utilization, blast_radius, ...); a plain figure otherwise.
std::string value_text(const std::string& what, std::optional<double> v) {
  if (!v) return "";
  const std::optional<model::GateMetric> metric = model::find_gate_metric(what);
  const model::GateValue unit =
      metric ? model::gate_metric_info(*metric).value : model::GateValue::Number;
  if (unit == model::GateValue::Ratio)
    return fmt::format("{}%", Figure{*v * 100, FigureStyle::Compact});
  if (unit == model::GateValue::Duration)
    return fmt::format("{} ms", Figure{*v, FigureStyle::Compact});
  return to_string(Figure{*v, FigureStyle::Compact});
}

// Changes of one section, worse first, then better, then neutral (stable within each).
std::vector<const Change*> section_changes(const SpecDiff& diff, DiffSection section) {
  std::vector<const Change*> out;
  for (const Verdict v : {Verdict::Worse, Verdict::Better, Verdict::Neutral})
    for (const Change& c : diff.changes)
      if (c.section == section && c.verdict == v) out.push_back(&c);
  return out;
}

std::string verdict_word(Verdict v, const Style& style) {
  switch (v) {
    case Verdict::Worse:
      return style.error("worse  ");
    case Verdict::Better:
      return style.good("better ");
    case Verdict::Neutral:
      return style.dim("changed");
  }
  return "";
}

std::string change_sentence(const Change& c) {
  if (c.section == DiffSection::Findings)
    return fmt::format("{} `{}` at {}: {}", c.kind == ChangeKind::Added ? "new" : "gone", c.what,
                       c.subject, c.detail);
  if (!has_figures(c.section) || !c.before || !c.after) return c.detail;
  std::string text = fmt::format("{} of `{}`: {} -> {}", c.what, c.subject,
                                 value_text(c.what, c.before), value_text(c.what, c.after));
  if (!c.note.empty()) text += "; " + c.note;
  return text;
}

std::string md_verdict(Verdict v) {
  switch (v) {
    case Verdict::Worse:
      return "**worse**";
    case Verdict::Better:
      return "better";
    case Verdict::Neutral:
      return "changed";
  }
  return "";
}

std::string md_table(const std::vector<const Change*>& changes, DiffSection section) {
  std::string out;
  if (section == DiffSection::Simulation) {
    out += "| | metric | of | base | head | paired difference |\n|---|---|---|--:|--:|---|\n";
    for (const Change* c : changes)
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_verdict(c->verdict), c->what,
                         markdown_code(c->subject), value_text(c->what, c->before),
                         value_text(c->what, c->after), markdown_prose(c->note));
    return out;
  }
  if (has_figures(section)) {
    out += "| | metric | of | base | head |\n|---|---|---|--:|--:|\n";
    for (const Change* c : changes)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", md_verdict(c->verdict), c->what,
                         markdown_code(c->subject), value_text(c->what, c->before),
                         value_text(c->what, c->after));
    return out;
  }
  out += "| | change | subject | detail |\n|---|---|---|---|\n";
  for (const Change* c : changes)
    out += fmt::format("| {} | {}{} | {} | {} |\n", md_verdict(c->verdict), c->what,
                       c->kind == ChangeKind::Changed ? "" : std::string(" ") + to_string(c->kind),
                       markdown_code(c->subject), markdown_prose(c->detail));
  return out;
}

}  // namespace

std::string diff_verdict(const SpecDiff& diff) {
  const int worse = diff.count(Verdict::Worse);
  const int better = diff.count(Verdict::Better);
  const int neutral = diff.count(Verdict::Neutral);
  if (diff.changes.empty()) return "no change";
  if (worse == 0)
    return fmt::format("changed, nothing got worse ({} better, {} neutral)", better, neutral);
  std::vector<std::string> parts;
  for (const DiffSection s : kDiffSections)
    if (const int n = diff.count(s, Verdict::Worse); n > 0)
      parts.push_back(fmt::format("{} {}", n, to_string(s)));
  return fmt::format("{} got worse ({}), {} better, {} neutral", counted(worse, "change"),
                     fmt::join(parts, ", "), better, neutral);
}

std::string render_diff_text(const DiffDocument& doc, Color color) {
  const Style style(color);
  const SpecDiff& d = doc.diff;
  std::string out = style.bold(fmt::format("ripple diff {} -> {}", terminal_text(doc.base_label),
                                           terminal_text(doc.head_label))) +
                    "\n";
  const std::string verdict = diff_verdict(d);
  out += (d.worse() ? style.error(verdict) : style.good(verdict)) + "\n";
  for (const DiffSection s : kDiffSections) {
    const auto changes = section_changes(d, s);
    if (changes.empty()) continue;
    out += "\n" + style.bold(title(s, d)) + "\n";
    for (const Change* c : changes)
      out += "  " + verdict_word(c->verdict, style) + "  " + change_sentence(*c) + "\n";
  }
  if (!d.simulated)
    out += "\n" +
           style.dim(
               "(not simulated: add --simulate to compare latency, errors, lag, lost events, "
               "utilization and backlog)") +
           "\n";
  else
    out += "\n" +
           style.dim(fmt::format(
               "(simulated figures: means over {} replications; worse or better only when the "
               "95% interval of the paired difference excludes 0 and the change exceeds its "
               "tolerance)",
               d.replications)) +
           "\n";
  return out;
}

namespace {

Json change_json(const Change& c, PerReplication per_replication) {
  Json change = {{"section", to_string(c.section)},
                 {"kind", to_string(c.kind)},
                 {"verdict", to_string(c.verdict)},
                 {"what", c.what},
                 {"subject", c.subject},
                 {"before", nullable(c.before)},
                 {"after", nullable(c.after)},
                 {"detail", c.detail}};
  if (!c.paired) return change;
  change["before_ci"] = bounds_json(c.base_values->ci);
  change["after_ci"] = bounds_json(c.head_values->ci);
  change["difference"] = {{"value", c.paired->difference.value},
                          {"ci", bounds_json(c.paired->difference.ci)},
                          {"significance", to_string(c.paired->significance)}};
  if (per_replication == PerReplication::Shown)
    change["per_replication"] = {{"base", c.base_values->per_replication},
                                 {"head", c.head_values->per_replication},
                                 {"difference", c.paired->difference.per_replication}};
  return change;
}

}  // namespace

std::string render_diff_json(const DiffDocument& doc, PerReplication per_replication) {
  const SpecDiff& d = doc.diff;
  Json changes = Json::array();
  for (const Change& c : d.changes) changes.push_back(change_json(c, per_replication));
  return json_text(versioned({{"worse", d.worse()},
                              {"summary",
                               {{"worse", d.count(Verdict::Worse)},
                                {"better", d.count(Verdict::Better)},
                                {"neutral", d.count(Verdict::Neutral)}}},
                              {"base", doc.base_label},
                              {"head", doc.head_label},
                              {"simulated", d.simulated},
                              {"seed", d.simulated ? Json(d.seed) : Json(nullptr)},
                              {"replications", d.simulated ? Json(d.replications) : Json(nullptr)},
                              {"changes", std::move(changes)}}));
}

std::string render_diff_markdown(const DiffDocument& doc) {
  const SpecDiff& d = doc.diff;
  std::string out = fmt::format("**Ripple diff: {}**\n\n", diff_verdict(d));
  out +=
      fmt::format("{} → {}{}\n", markdown_code(doc.base_label), markdown_code(doc.head_label),
                  d.simulated ? fmt::format(", simulated with seed {} over {} paired replications",
                                            d.seed, d.replications)
                              : "");
  for (const DiffSection s : kDiffSections) {
    const auto changes = section_changes(d, s);
    if (changes.empty()) continue;
    out += "\n#### " + title(s, d) + "\n\n" + md_table(changes, s);
  }
  return out;
}

}  // namespace ripple::cli
