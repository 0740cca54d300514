// Human formats of `ripple analyze`: terminal text and Markdown. Both show the same sections,
// worst offenders first; the text cuts long tables (the JSON has everything).

#include "cli/render/render_analyze.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "analyzers/cascade_names.h"
#include "analyzers/lint_catalog.h"
#include "cli/format/figures.h"
#include "cli/render/escape.h"
#include "cli/render/lists.h"
#include "cli/render/terminal.h"

namespace ripple::cli {
namespace {

// How many names a cut list in the text shows before "and N more".
constexpr std::size_t kListedInText = 6;

using analyzers::Analysis;
using analyzers::Finding;
using analyzers::Severity;

// A table: first column left-aligned, the others right-aligned.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::string text(const Style& style) const {
    std::vector<std::size_t> width(header.size());
    std::vector<char> right(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
      width[c] = header[c].size();
      right[c] = c > 0 && numeric(c);
    }
    for (const auto& row : rows)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    std::string out = "  " + style.dim(line(header, width, right)) + "\n";
    for (const auto& row : rows) out += "  " + line(row, width, right) + "\n";
    return out;
  }

  [[nodiscard]] std::string markdown() const {
    std::string out = fmt::format("| {} |\n|", fmt::join(header, " | "));
    for (std::size_t c = 0; c < header.size(); ++c) out += numeric(c) ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : rows) {
      out += "|";
      for (const std::string& cell : row) out += " " + markdown_prose(cell) + " |";
      out += "\n";
    }
    return out;
  }

  // Whether every non-empty cell of the column is a figure ("12", "0.5", "75%", "inf").
  [[nodiscard]] bool numeric(std::size_t column) const {
    bool any = false;
    for (const auto& row : rows) {
      const std::string& cell = row[column];
      if (cell.empty()) continue;
      if (!std::isdigit(static_cast<unsigned char>(cell.front())) && cell != "inf" && cell != "-")
        return false;
      any = true;
    }
    return any;
  }

 private:
  static std::string line(const std::vector<std::string>& cells,
                          const std::vector<std::size_t>& width, const std::vector<char>& right) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += "  ";
      out += right[c] ? fmt::format("{:>{}}", cells[c], width[c])
                      : fmt::format("{:<{}}", cells[c], width[c]);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
};

std::string percent(double ratio) { return to_string(Figure{std::round(ratio * 1000) / 10}) + "%"; }

std::string severity_word(Severity severity, const Style& style) {
  const std::string word = fmt::format("{:<7}", analyzers::to_string(severity));
  switch (severity) {
    case Severity::Error:
      return style.error(word);
    case Severity::Warning:
      return style.warning(word);
    case Severity::Info:
      return style.info(word);
  }
  return word;
}

std::string location(const Finding& f) {
  if (f.line == 0) return f.file;
  return fmt::format("{}:{}:{}", f.file, f.line, f.column);
}

Table coupling_table(const Analysis& a, const Order& order, std::size_t limit) {
  Table t{
      {"service", "Ce", "Ca", "instability", "sync", "async", "hidden", "AIS", "ADS", "ACS", "SIY"},
      {}};
  const auto& services = a.coupling.services;
  for (std::size_t i = 0; i < std::min(limit, order.size()); ++i) {
    const analyzers::ServiceCoupling& s = services[order[i]];
    t.rows.push_back({s.name, std::to_string(s.ce), std::to_string(s.ca),
                      s.instability ? to_string(Figure{*s.instability}) : "-",
                      std::to_string(s.ce_sync), std::to_string(s.ce_async),
                      std::to_string(s.ce_hidden), std::to_string(s.ais), std::to_string(s.ads),
                      std::to_string(s.acs), std::to_string(s.siy)});
  }
  return t;
}

Table amplification_table(const Analysis& a, const Order& order, std::size_t limit) {
  Table t{{"per request / event", "requests", "worst case", "multiplier", "deliveries", "callbacks",
           "transactions", "bytes"},
          {}};
  for (std::size_t i = 0; i < std::min(limit, order.size()); ++i) {
    const analyzers::Amplification& x = a.amplification[order[i]];
    const bool event = x.kind == analyzers::AmplificationKind::Event;
    t.rows.push_back(
        {(event ? "event " : "") + x.name + (x.cycles_cut ? " *" : ""),
         to_string(Figure{x.nominal.requests}), to_string(Figure{x.worst_case.requests}),
         to_string(Figure{x.worst_case_multiplier}), to_string(Figure{x.nominal.deliveries}),
         to_string(Figure{x.nominal.callbacks}), to_string(Figure{x.nominal.transactions}),
         to_string(Figure{x.nominal.bytes})});
  }
  return t;
}

Table events_table(const Analysis& a, const Order& order, std::size_t limit) {
  Table t{{"event", "bytes", "consumers", "callbacks/delivery", "callbacks/s", "fat bytes",
           "fields to add"},
          {}};
  for (std::size_t i = 0; i < std::min(limit, order.size()); ++i) {
    const analyzers::EventProfile& e = a.events[order[i]];
    t.rows.push_back({e.name, std::to_string(e.bytes), std::to_string(e.consumers),
                      to_string(Figure{e.callbacks_per_delivery}),
                      to_string(Figure{e.callback_rate}), std::to_string(e.fat_bytes),
                      std::to_string(e.fat_fields.size())});
  }
  return t;
}

std::string optional_ms(const std::optional<double>& ms) {
  return ms ? to_string(Figure{std::round(*ms * 100) / 100}) : "inf";
}

Table capacity_table(const Analysis& a, const Order& order, std::size_t limit) {
  const bool peaks = std::any_of(a.capacity.begin(), a.capacity.end(),
                                 [](const auto& e) { return e.peak_utilization.has_value(); });
  Table t{{"element", "kind", "offered/s", "capacity/s", "utilization", "servers", "holding ms",
           "wait ms", "max"},
          {}};
  if (peaks) t.header.insert(t.header.begin() + 5, "at peak");
  for (std::size_t i = 0; i < std::min(limit, order.size()); ++i) {
    const analyzers::ElementCapacity& e = a.capacity[order[i]];
    std::string servers = std::to_string(e.servers);
    if (e.partition) servers += " (" + std::to_string(e.partition->partitions) + " partitions)";
    t.rows.push_back({e.name, analyzers::to_string(e.kind), to_string(Figure{e.offered_rate}),
                      e.capacity_rate ? to_string(Figure{*e.capacity_rate}) : "inf",
                      percent(e.utilization), servers, to_string(Figure{e.holding_ms}),
                      optional_ms(e.mean_wait_ms), percent(e.max_utilization)});
    if (peaks)
      t.rows.back().insert(t.rows.back().begin() + 5,
                           e.peak_utilization ? percent(*e.peak_utilization) : "-");
  }
  return t;
}

std::string backlog_line(const analyzers::Backlog& b) {
  std::string drain = b.drain_s ? "drains in " + to_string(Span{*b.drain_s * 1000, SpanStyle::Run})
                                : std::string("never drains (capacity at or below arrivals)");
  if (b.objective_s)
    drain += " (objective " + to_string(Span{*b.objective_s * 1000, SpanStyle::Run}) + ")";
  return fmt::format("after {}: {} has {} deliveries waiting, {}", b.fault_text, b.consumer_name,
                     Figure{b.backlog}, drain);
}

constexpr const char* kCapacityNote =
    "offered at the workload's rates (nominal: no retries); holding times unloaded, each call "
    "capped at its timeout; wait: M/M/c (Poisson arrivals, exponential holding times), per "
    "partition for Kafka groups";

std::string more_line(std::size_t shown, std::size_t total, const std::string& what) {
  if (shown >= total) return "";
  return fmt::format("  ... and {} more {} (--format json lists all)\n", total - shown, what);
}

std::string title_line(const AnalyzeDocument& doc) {
  std::size_t entries = 0;
  for (const auto& x : doc.analysis.amplification)
    entries += x.kind == analyzers::AmplificationKind::EntryOperation ? 1 : 0;
  return fmt::format("{}: {}, {}, {}", doc.spec.name,
                     counted(doc.spec.services.size(), "service", "services"),
                     counted(doc.spec.events.size(), "event", "events"),
                     counted(entries, "entry operation", "entry operations"));
}

std::string findings_summary(const Analysis& a) {
  const auto n = [&](Severity s) {
    return static_cast<std::size_t>(count_findings(a.findings, s));
  };
  return fmt::format(
      "{}, {}, {} info, {} suppressed", counted(n(Severity::Error), "error", "errors"),
      counted(n(Severity::Warning), "warning", "warnings"), n(Severity::Info), a.suppressed.size());
}

// --- text sections ----------------------------------------------------------------------------

// Findings grouped by rule (in the order the sorted list first meets each rule), so the why
// and fix of a rule are said once however often it fires.
std::vector<std::vector<const Finding*>> by_rule(const std::vector<Finding>& findings) {
  std::vector<std::vector<const Finding*>> groups;
  for (const Finding& f : findings) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.front()->rule == f.rule; });
    if (it == groups.end())
      groups.push_back({&f});
    else
      it->push_back(&f);
  }
  return groups;
}

std::string text_unused_suppressions(const AnalyzeDocument& doc, const Style& style) {
  std::string out;
  for (int i : doc.analysis.unused_suppressions) {
    const model::Suppression& s = doc.spec.suppressions[i];
    out += fmt::format("  {} {}: suppression of {} at {} matches no finding; remove it\n",
                       style.dim("unused "), doc.spec.where(s.loc), s.rule, s.element);
  }
  return out;
}

std::string text_findings(const Analysis& a, const Style& style) {
  std::string out = style.bold("Findings") + "  " + findings_summary(a) + "\n";
  for (const auto& group : by_rule(a.findings)) {
    const Finding& first = *group.front();
    const analyzers::LintRule* rule = analyzers::find_lint_rule(first.rule);
    out += fmt::format("  {} {} ({}){}\n", severity_word(first.severity, style),
                       style.bold(first.rule), group.size(),
                       rule ? ": " + std::string(rule->title) : "");
    for (const Finding* f : group) out += fmt::format("    {}: {}\n", location(*f), f->message);
    out += fmt::format("    {} {}\n", style.dim("fix:"), first.fix);
  }
  for (const auto& s : a.suppressed)
    out += fmt::format("  {} {}: {} [{}] ({})\n", style.dim("skipped"), location(s.finding),
                       s.finding.message, s.finding.rule, s.reason);
  return out;
}

std::string text_coupling(const Analysis& a, const AnalysisRanking& ranking, const Style& style) {
  std::string out =
      style.bold("Coupling") + "  most coupled first (Ce: depends on, Ca: depended on)\n";
  out += coupling_table(a, ranking.coupling, kTextTableRows).text(style);
  out += more_line(kTextTableRows, a.coupling.services.size(), "services");
  for (const auto& cycle : a.coupling.sync_cycles)
    out += "  " + style.error("sync cycle:") + " " + fmt::format("{}", fmt::join(cycle, " -> ")) +
           "\n";
  for (const auto& cycle : a.coupling.operation_cycles)
    out += "  " + style.error("operation cycle:") + " " +
           fmt::format("{}", fmt::join(cycle, ", ")) + "\n";
  const Order& chains = ranking.chains;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, chains.size()); ++i) {
    const analyzers::SyncChain& c = a.coupling.longest_chains[chains[i]];
    if (c.length == 0) break;
    out += fmt::format("  longest sync chain from {}: {} calls ({})\n", c.entry, c.length,
                       fmt::join(c.operations, " -> "));
  }
  return out;
}

std::string text_amplification(const Analysis& a, const AnalysisRanking& ranking,
                               const Style& style) {
  std::string out = style.bold("Amplification") +
                    "  downstream work per entry request or published event, worst case first\n";
  out += amplification_table(a, ranking.amplification, kTextTableRows).text(style);
  out += more_line(kTextTableRows, a.amplification.size(), "rows");
  if (!a.cut_edges.empty())
    out += "  * a cycle was cut at: " + list_text(a.cut_edges, kListedInText) + "\n";
  return out;
}

std::string text_cascades(const AnalyzeDocument& doc, const Style& style) {
  const Analysis& a = doc.analysis;
  const AnalysisRanking& ranking = doc.ranking;
  const Order& order = ranking.cascades;
  std::string out = style.bold("Cascades") + "  what fails while one component is down\n";
  if (order.empty()) out += "  no component failure reaches anything else\n";
  for (std::size_t i = 0; i < std::min(kTextTableRows, order.size()); ++i) {
    const analyzers::Cascade& c = a.cascades[order[i]];
    out += fmt::format("  {} ({})  blast radius {}\n", style.bold(c.component),
                       analyzers::to_string(c.kind), percent(c.blast_radius));
    constexpr std::size_t kChains = 5, kStoppers = 3, kListed = 6;
    for (std::size_t p = 0; p < std::min(kChains, c.path_ids.size()); ++p)
      out += "    " + cascade_chain_text(analyzers::chain_names(doc.spec, c, c.path_ids[p])) + "\n";
    const std::size_t chains = static_cast<std::size_t>(c.counts.failed_entries);
    if (chains > kChains) out += fmt::format("    ... and {} more chains\n", chains - kChains);
    if (c.counts.stalled_consumers > 0)
      out += "    stalls: " +
             list_first(analyzers::consumer_names(doc.spec, c.stalled_consumer_ids, kListed),
                        c.counts.stalled_consumers, kListed) +
             "\n";
    if (c.counts.lost_events > 0)
      out += "    loses: " +
             list_first(analyzers::event_names(doc.spec, c.lost_event_ids, kListed),
                        c.counts.lost_events, kListed) +
             "\n";
    for (std::size_t s = 0; s < std::min(kStoppers, c.stopper_refs.size()); ++s) {
      const analyzers::Stopper stopper = analyzers::stopper_of(doc.spec, c.stopper_refs[s]);
      out += fmt::format("    stopped at {} by {} ({})\n", stopper.at, stopper.mechanism,
                         stopper.detail);
    }
  }
  out += more_line(kTextTableRows, order.size(), "components");
  return out;
}

std::string fat_line(const analyzers::EventProfile& e) {
  return fmt::format("{}: carry {} (+{} per event) to remove {} callbacks per event ({})", e.name,
                     list_text(e.fat_fields, kListedInText), Bytes{e.bytes_added},
                     Figure{e.callbacks_removed}, Rate{e.callback_rate});
}

std::string text_events(const Analysis& a, const AnalysisRanking& ranking, const Style& style) {
  std::string out = style.bold("Events") + "  thin versus fat, most callbacks first\n";
  out += events_table(a, ranking.events, kTextTableRows).text(style);
  out += more_line(kTextTableRows, a.events.size(), "events");
  const Order& order = ranking.events;
  for (std::size_t i = 0; i < std::min<std::size_t>(5, order.size()); ++i)
    if (a.events[order[i]].callbacks > 0)
      out += "  fat variant of " + fat_line(a.events[order[i]]) + "\n";
  return out;
}

std::string text_capacity(const Analysis& a, const AnalysisRanking& ranking, const Style& style) {
  std::string out = style.bold("Capacity") + "  busiest first\n";
  if (a.capacity.empty()) return out + "  no services, stores or consumers\n";
  out += capacity_table(a, ranking.capacity, kTextTableRows).text(style);
  out += more_line(kTextTableRows, a.capacity.size(), "elements");
  out += "  " + style.dim(kCapacityNote) + "\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(kTextTableRows, a.backlogs.size()); ++i)
    out += "  " + backlog_line(a.backlogs[i]) + "\n";
  out += more_line(kTextTableRows, a.backlogs.size(), "backlogs");
  return out;
}

// --- markdown sections ------------------------------------------------------------------------

std::string markdown_findings(const Analysis& a) {
  std::string out = "## Findings\n\n" + findings_summary(a) + "\n\n";
  if (a.findings.empty()) return out;
  Table t{{"severity", "rule", "where", "message", "fix"}, {}};
  for (const Finding& f : a.findings)
    t.rows.push_back(
        {analyzers::to_string(f.severity), "`" + f.rule + "`", location(f), f.message, f.fix});
  return out + t.markdown() + "\n";
}

std::string markdown_cascades(const model::Spec& spec, const Analysis& a,
                              const AnalysisRanking& ranking) {
  std::string out = "## Cascades\n\n";
  Table t{
      {"component", "blast radius", "failing entries", "stalled consumers", "lost events", "chain"},
      {}};
  constexpr std::size_t kListed = 6;
  for (std::size_t i : ranking.cascades) {
    const analyzers::Cascade& c = a.cascades[i];
    const std::string chain =
        c.path_ids.empty()
            ? ""
            : "`" + cascade_chain_text(analyzers::chain_names(spec, c, c.path_ids.front())) + "`";
    t.rows.push_back({c.component + " (" + analyzers::to_string(c.kind) + ")",
                      percent(c.blast_radius),
                      list_first(analyzers::operation_names(spec, c.failed_entry_ids, kListed),
                                 c.counts.failed_entries, kListed),
                      list_first(analyzers::consumer_names(spec, c.stalled_consumer_ids, kListed),
                                 c.counts.stalled_consumers, kListed),
                      list_first(analyzers::event_names(spec, c.lost_event_ids, kListed),
                                 c.counts.lost_events, kListed),
                      chain});
  }
  if (t.rows.empty()) return out + "No component failure reaches anything else.\n\n";
  return out + t.markdown() + "\n";
}

}  // namespace

std::string cascade_chain_text(const std::vector<std::string>& chain) {
  if (chain.empty()) return "";
  std::string out = chain.front() + " down";
  for (std::size_t i = 1; i < chain.size(); ++i) out += " -> " + chain[i] + " fails";
  return out;
}

std::string render_analyze_text(const AnalyzeDocument& doc, Color color) {
  const Style style(color);
  const Analysis& a = doc.analysis;
  std::string out = style.bold(terminal_text(title_line(doc))) + "\n\n";
  out += text_findings(a, style) + text_unused_suppressions(doc, style) + "\n";
  out += text_coupling(a, doc.ranking, style) + "\n";
  out += text_amplification(a, doc.ranking, style) + "\n";
  out += text_cascades(doc, style) + "\n";
  out += text_events(a, doc.ranking, style) + "\n";
  out += text_capacity(a, doc.ranking, style);
  return out;
}

std::string render_analyze_markdown(const AnalyzeDocument& doc) {
  const Analysis& a = doc.analysis;
  std::string out = "# Analysis of " + markdown_text(doc.spec.name) + "\n\n" +
                    markdown_prose(title_line(doc)) + ".\n\n";
  out += markdown_findings(a);
  out += "## Coupling\n\n" +
         coupling_table(a, doc.ranking.coupling, a.coupling.services.size()).markdown() + "\n";
  for (const auto& cycle : a.coupling.sync_cycles)
    out += "- sync cycle: " + markdown_code(fmt::format("{}", fmt::join(cycle, " -> "))) + "\n";
  if (!a.coupling.sync_cycles.empty()) out += "\n";
  out +=
      "## Amplification\n\nPer entry request or published event (the request itself not "
      "counted); worst case: every call with every retry attempt.\n\n";
  out +=
      amplification_table(a, doc.ranking.amplification, a.amplification.size()).markdown() + "\n";
  out += markdown_cascades(doc.spec, a, doc.ranking);
  out += "## Events: thin versus fat\n\n" +
         events_table(a, doc.ranking.events, a.events.size()).markdown() + "\n";
  for (std::size_t i : doc.ranking.events)
    if (a.events[i].callbacks > 0) out += "- " + markdown_prose(fat_line(a.events[i])) + "\n";
  out += "\n## Capacity\n\n" + markdown_prose(std::string("Busiest first; ") + kCapacityNote) +
         ".\n\n";
  if (!a.capacity.empty())
    out += capacity_table(a, doc.ranking.capacity, a.capacity.size()).markdown() + "\n";
  for (const analyzers::Backlog& b : a.backlogs)
    out += "- " + markdown_prose(backlog_line(b)) + "\n";
  return out;
}

}  // namespace ripple::cli
