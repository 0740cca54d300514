// Gathers the report: summary and verdict, charts from the simulation's time series; the diagram
// (report_diagram.cpp) and the tables (report_tables.cpp) come from their own files. What to
// headline comes from review_design (cli/review/design_review.h); this file words it.

#include "cli/render/report_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cli/format/figures.h"
#include "cli/render/lists.h"
#include "cli/render/render_analyze.h"
#include "cli/render/render_gate.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using analyzers::Severity;

std::string components_text(const model::Spec& spec) {
  return fmt::format("{}, {}, {}, {}", counted(spec.services.size(), "service", "services"),
                     counted(spec.brokers.size(), "broker", "brokers"),
                     counted(spec.stores.size(), "store", "stores"),
                     counted(spec.events.size(), "event", "events"));
}

std::string traffic_text(const model::Spec& spec) {
  std::vector<std::string> parts;
  for (const model::RateSource& s : spec.workload.sources)
    parts.push_back(fmt::format(
        "{} at {}", spec.operations[static_cast<std::size_t>(s.to)].full_name, Rate{s.rate}));
  for (const model::ReconnectSource& r : spec.workload.reconnects)
    parts.push_back(fmt::format("{} clients reconnecting to {}", r.clients,
                                spec.operations[static_cast<std::size_t>(r.to)].full_name));
  if (parts.empty()) return "none (no workload sources)";
  std::string out = fmt::format(
      "{}",
      fmt::join(parts.begin(),
                parts.begin() + static_cast<long>(std::min<std::size_t>(4, parts.size())), "; "));
  if (parts.size() > 4) out += fmt::format("; and {} more", parts.size() - 4);
  return out;
}

void add_findings(const Analysis& a, Report& r) {
  const int errors = count_findings(a.findings, Severity::Error);
  const int warnings = count_findings(a.findings, Severity::Warning);
  const int infos = count_findings(a.findings, Severity::Info);
  r.summary.push_back(
      {"Findings",
       fmt::format("{}, {}, {} info, {} suppressed",
                   counted(static_cast<std::size_t>(errors), "error", "errors"),
                   counted(static_cast<std::size_t>(warnings), "warning", "warnings"), infos,
                   a.suppressed.size()),
       errors > 0 ? Tone::Bad : Tone::Neutral});
  if (errors > 0) {
    r.verdict = fmt::format("Needs work: {} error-severity {}.", errors,
                            errors == 1 ? "finding" : "findings");
    r.verdict_tone = Tone::Bad;
  } else if (warnings > 0) {
    r.verdict = fmt::format("No error-severity findings; {} to review.",
                            counted(static_cast<std::size_t>(warnings), "warning", "warnings"));
  } else {
    r.verdict = "No error-severity findings and no warnings.";
    r.verdict_tone = Tone::Good;
  }
}

void add_amplification(const Analysis& a, const DesignSummary& summary, Report& r) {
  if (!summary.largest_entry_amplification) return;
  const analyzers::Amplification& worst = a.amplification[*summary.largest_entry_amplification];
  r.summary.push_back(
      {"Largest amplification",
       fmt::format("{}: {} downstream requests per entry request nominal, {} worst case",
                   worst.name, Figure{worst.nominal.requests}, Figure{worst.worst_case.requests}),
       Tone::Neutral});
}

void add_cascade(const Analysis& a, const DesignSummary& summary, Report& r) {
  if (!summary.widest_cascade) return;
  const analyzers::Cascade& worst = a.cascades[*summary.widest_cascade];
  std::string text = fmt::format("{} ({}): {}% of entry traffic fails while it is down",
                                 worst.component, analyzers::to_string(worst.kind),
                                 Figure{std::round(worst.blast_radius * 1000) / 10});
  if (summary.components_taking_all_traffic > 1)
    text += fmt::format("; {} components take down all entry traffic",
                        summary.components_taking_all_traffic);
  r.summary.push_back(
      {"Widest blast radius", text, worst.blast_radius >= 0.5 ? Tone::Bad : Tone::Neutral});
}

void add_coupling(const Analysis& a, const DesignSummary& summary, Report& r) {
  const int hidden = summary.services_with_hidden_coupling;
  r.summary.push_back(
      {"Hidden coupling",
       fmt::format("{} call back owners for fields events do not carry ({} callbacks/s)",
                   counted(static_cast<std::size_t>(hidden), "service", "services"),
                   Figure{summary.callback_rate}),
       hidden > 0 ? Tone::Bad : Tone::Good});
  if (!a.coupling.sync_cycles.empty())
    r.summary.push_back(
        {"Sync cycles", fmt::format("{}", a.coupling.sync_cycles.size()), Tone::Bad});
}

// " (95% interval [1.2%, 1.9%])" from an estimate in the unit that `format` writes, or "".
template <typename Format>
std::string estimate_interval_text(const Estimate& e, Format format) {
  if (!e.ci) return "";
  return " (95% interval [" + format(e.ci->low) + ", " + format(e.ci->high) + "])";
}

std::string percent_text(double ratio) { return fmt::format("{:.3f}%", ratio * 100); }
std::string events_text(double n) { return to_string(Figure{n}); }

void add_attention_gates(const GateTally& gates, const Attention& attention, Report& r) {
  for (const std::size_t i : attention.gates) {
    const GateOutcome& g = gates.report.gates[i];
    const bool marginal = g.verdict == IntervalVerdict::Marginal;
    std::string value = "`" + g.expr + "`: value " + format_gate_value(g.value, g.unit);
    if (g.ci) value += ", 95% interval " + format_gate_interval(g);
    value += ", threshold " + format_gate_threshold(g);
    if (!g.reason.empty()) value += " (" + g.reason + ")";
    const char* label = !marginal  ? "Gate failed"
                        : g.passed ? "Gate marginal (counted as passed)"
                                   : "Gate marginal (counted as failed)";
    r.attention.push_back({label, value, g.passed ? Tone::Neutral : Tone::Bad});
  }
}

void add_attention(const ReportInput& input, Report& r) {
  const Attention& attention = input.review.attention;
  add_attention_gates(input.review.summary.gates, attention, r);
  for (const std::size_t i : attention.findings) {
    const analyzers::Finding& f = input.analysis.findings[i];
    r.attention.push_back({fmt::format("Finding ({})", analyzers::to_string(f.severity)),
                           "`" + f.rule + "` at `" + f.element + "`: " + f.message,
                           f.severity == Severity::Error ? Tone::Bad : Tone::Neutral});
  }
  const sim::SimulationResult* s = input.simulation;
  if (s == nullptr) return;
  for (const AttentionFigure& loss : attention.losses) {
    const sim::ConsumerResult& c = s->consumers[loss.index];
    std::string value = "`" + c.name + "`: ";
    if (c.lost > 0)
      value += fmt::format("{} lost per replication{}", events_text(loss.estimate.value),
                           estimate_interval_text(loss.estimate, events_text));
    if (c.lost > 0 && c.dead_lettered > 0) value += ", ";
    if (c.dead_lettered > 0)
      value += fmt::format("{} dead-lettered over {} replication{}", c.dead_lettered,
                           s->replications, s->replications == 1 ? "" : "s");
    r.attention.push_back({c.lost > 0 ? "Lost events" : "Dead-lettered events", value, Tone::Bad});
  }
  for (const AttentionFigure& rate : attention.error_rates) {
    const sim::OperationResult& op = s->operations[rate.index];
    if (op.errors == 0) continue;
    r.attention.push_back({"Error rate",
                           fmt::format("`{}`: {}{}", op.name, percent_text(rate.estimate.value),
                                       estimate_interval_text(rate.estimate, percent_text)),
                           op.error_rate > 0.01 ? Tone::Bad : Tone::Neutral});
  }
}

void add_simulation(const sim::SimulationResult* s, const DesignReview& review, Report& r) {
  const DesignSummary& summary = review.summary;
  if (!s) {
    r.summary.push_back({"Simulation", "not run (--no-simulate)", Tone::Neutral});
    return;
  }
  // The entry operations with the highest error rate (review.attention's order).
  for (const AttentionFigure& figure : review.attention.error_rates) {
    const sim::OperationResult& op = s->operations[figure.index];
    r.summary.push_back(
        {"Simulated " + op.name,
         fmt::format("p99 {:.2f} ms, mean {:.2f} ms, error rate {:.3f}%, {:.1f} requests/s",
                     op.latency.p99_ms, op.latency.mean_ms, op.error_rate * 100,
                     op.throughput_per_s),
         op.error_rate > 0.01 ? Tone::Bad : Tone::Neutral});
  }
  const int unrecovered = summary.unrecovered_faults;
  if (!s->faults.empty())
    r.summary.push_back(
        {"Faults",
         fmt::format("{} injected, {} not recovered within the run", s->faults.size(), unrecovered),
         unrecovered > 0 ? Tone::Bad : Tone::Good});
  r.summary.push_back({"Simulation run",
                       fmt::format("{} simulated ({} warmup excluded), seed {}, {} replication{}",
                                   Span{s->duration_ms}, Span{s->warmup_ms}, s->seed,
                                   s->replications, s->replications == 1 ? "" : "s"),
                       Tone::Neutral});
}

void add_gates(const ReportInput& input, Report& r) {
  if (input.spec.gates.empty()) return;
  const GateTally& gates = input.review.summary.gates;
  const int failed = gates.failed, skipped = gates.skipped;
  const int total = static_cast<int>(gates.report.gates.size());
  std::string text = fmt::format("{} of {} pass", total - failed - skipped, total);
  if (failed > 0) text += fmt::format(", {} fail", failed);
  if (const int marginal = gates.report.marginal_count(); marginal > 0)
    text += fmt::format(" ({} marginal)", marginal);
  if (skipped > 0) text += fmt::format(", {} need the simulation (not run)", skipped);
  r.summary.push_back({"Gates", text, failed > 0 ? Tone::Bad : Tone::Good});
  if (failed > 0) {
    r.verdict += fmt::format(" {} of {} gates fail.", failed, total);
    r.verdict_tone = Tone::Bad;
  }
}

std::vector<Point> downsample(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  const std::size_t bucket = std::max<std::size_t>(1, (n + kMaxChartPoints - 1) / kMaxChartPoints);
  std::vector<Point> out;
  for (std::size_t i = 0; i < n; i += bucket) {
    double peak = y[i];
    for (std::size_t j = i; j < std::min(n, i + bucket); ++j) peak = std::max(peak, y[j]);
    out.push_back({x[i], peak});  // the peak keeps short spikes visible
  }
  return out;
}

Chart chart_frame(std::string id, std::string title, std::string y_label,
                  const sim::SimulationResult& s) {
  Chart c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.y_label = std::move(y_label);
  c.x_label = "time since the start of the run (s)";
  c.x_max = s.duration_ms / 1000;
  c.x_ticks = nice_ticks(c.x_max);
  c.x_max = std::max(c.x_max, 1e-9);
  for (const sim::FaultResult& f : s.faults) {
    const double from = f.at_ms / 1000, to = std::min(c.x_max, (f.at_ms + f.for_ms) / 1000);
    if (from < c.x_max && to > from) c.faults.push_back({from, to, f.target + " " + f.mode});
  }
  return c;
}

void finish_chart(Chart& c) {
  double peak = 0;
  for (const ChartLine& line : c.lines)
    for (const Point& p : line.points) peak = std::max(peak, p.y);
  c.y_ticks = nice_ticks(peak);
  c.y_max = c.y_ticks.back();
}

Chart entry_chart(const sim::SimulationResult& s, std::string id, std::string title,
                  std::string unit, double scale,
                  const std::vector<double> sim::EntrySeries::*values) {
  Chart c = chart_frame(std::move(id), std::move(title), std::move(unit), s);
  std::vector<double> x;
  for (double start : s.series.start_ms) x.push_back(start / 1000);
  for (std::size_t i = 0; i < std::min(kMaxChartLines, s.series.entries.size()); ++i) {
    const sim::EntrySeries& e = s.series.entries[i];
    std::vector<double> y = e.*values;
    for (double& v : y) v *= scale;
    c.lines.push_back({e.operation, downsample(x, y)});
  }
  finish_chart(c);
  return c;
}

Chart queue_chart(const sim::SimulationResult& s, const SimulationRanking& ranking) {
  Chart c = chart_frame("queues", "Waiting requests per service",
                        "queue length (requests, all replicas)", s);
  std::vector<double> x;
  for (double start : s.series.start_ms) x.push_back(start / 1000);
  for (std::size_t i : ranking.queues) {
    if (c.lines.size() >= kMaxChartLines) break;
    c.lines.push_back({s.series.queues[i].service, downsample(x, s.series.queues[i].queue_length)});
  }
  finish_chart(c);
  return c;
}

Chart backlog_chart(const sim::SimulationResult& s) {
  Chart c = chart_frame("backlog", "Events waiting in brokers (consumer lag building up)",
                        "backlog (events)", s);
  std::vector<double> x;
  for (double start : s.series.start_ms) x.push_back(start / 1000);
  for (const sim::BacklogSeries& b : s.series.backlogs) {
    if (c.lines.size() >= kMaxChartLines) break;
    if (std::none_of(b.backlog.begin(), b.backlog.end(), [](double v) { return v > 0; })) continue;
    c.lines.push_back({b.broker, downsample(x, b.backlog)});
  }
  finish_chart(c);
  return c;
}

}  // namespace

std::vector<double> nice_ticks(double max) {
  if (!(max > 0) || !std::isfinite(max)) return {0, 0.25, 0.5, 0.75, 1};
  const double raw = max / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (int i = 0; ticks.empty() || ticks.back() < max * (1 - 1e-12); ++i) ticks.push_back(i * step);
  return ticks;
}

std::vector<Chart> build_charts(const sim::SimulationResult& s, const SimulationRanking& ranking) {
  std::vector<Chart> charts;
  if (s.series.start_ms.empty()) return charts;
  charts.push_back(entry_chart(s, "latency", "p99 latency of entry requests, end to end",
                               "p99 latency (ms)", 1, &sim::EntrySeries::p99_ms));
  charts.push_back(entry_chart(s, "errors", "Error rate of entry requests", "error rate (%)", 100,
                               &sim::EntrySeries::error_rate));
  charts.push_back(entry_chart(s, "throughput", "Completed entry requests",
                               "throughput (requests/s)", 1, &sim::EntrySeries::throughput_per_s));
  Chart queues = queue_chart(s, ranking);
  if (!queues.lines.empty()) charts.push_back(std::move(queues));
  Chart backlog = backlog_chart(s);
  if (!backlog.lines.empty()) charts.push_back(std::move(backlog));
  return charts;
}

Report build_report(const ReportInput& input) {
  const model::Spec& spec = input.spec;
  Report r;
  r.title = spec.name;
  r.description = spec.description;
  r.date = input.date;
  r.summary.push_back({"Components", components_text(spec), Tone::Neutral});
  r.summary.push_back({"Entry traffic", traffic_text(spec), Tone::Neutral});
  const DesignSummary& summary = input.review.summary;
  add_findings(input.analysis, r);
  add_amplification(input.analysis, summary, r);
  add_cascade(input.analysis, summary, r);
  add_coupling(input.analysis, summary, r);
  add_simulation(input.simulation, input.review, r);
  add_gates(input, r);
  add_attention(input, r);
  r.diagram = build_diagram(spec, input.review.graph);
  if (input.simulation && input.review.simulation_ranking)
    r.charts = build_charts(*input.simulation, *input.review.simulation_ranking);
  r.charts_note = input.simulation
                      ? "Per-consumer lag over time is not in the simulation's time series; the "
                        "broker backlog chart (when any event waited) shows lag building up, and "
                        "the consumers table gives lag percentiles."
                      : "No charts: the simulation was skipped (--no-simulate).";
  r.tables = build_tables(input);
  if (input.sweep) add_sweep(*input.sweep, r);
  return r;
}

}  // namespace ripple::cli
