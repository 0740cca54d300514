// The report's tables (part of report_model.h). Cells are formatted here, units go in the
// column headers, and long tables keep their worst rows (review's orders) up to kMaxTableRows.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "analyzers/cascade_names.h"
#include "cli/format/figures.h"
#include "cli/render/lists.h"
#include "cli/render/render_analyze.h"
#include "cli/render/render_gate.h"
#include "cli/render/report_model.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;

std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }
std::string percent(double ratio, int decimals) { return fixed(ratio * 100, decimals); }

ReportTable table(std::string id, std::string title, std::string note,
                  std::vector<std::string> header, std::vector<char> numeric) {
  ReportTable t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.note = std::move(note);
  t.header = std::move(header);
  t.numeric = std::move(numeric);
  return t;
}

// The first kMaxTableRows of `order` (review's worst-first order, or the results' own order).
Order capped(Order order, ReportTable& t) {
  t.total_rows = order.size();
  if (order.size() > kMaxTableRows) order.resize(kMaxTableRows);
  return order;
}

template <typename T>
Order in_order(const std::vector<T>& items) {
  Order order(items.size());
  std::iota(order.begin(), order.end(), 0);
  return order;
}

ReportTable coupling(const Analysis& a, const DesignReview& review) {
  ReportTable t = table(
      "coupling", "Coupling",
      "Counts of distinct services. Ce (efferent): services this one depends on; Ca (afferent): "
      "services that depend on it; instability = Ce / (Ca + Ce), 0 stable to 1 unstable. Ce is "
      "split into sync calls, async (consumed events) and hidden (owners called back for fields "
      "an event does not carry). Most dependent first.",
      {"service", "Ce (services)", "Ca (services)", "instability (0-1)", "sync Ce (services)",
       "async Ce (services)", "hidden Ce (services)"},
      {0, 1, 1, 1, 1, 1, 1});
  const auto& services = a.coupling.services;
  for (std::size_t i : capped(review.coupling, t)) {
    const analyzers::ServiceCoupling& s = services[i];
    t.rows.push_back({s.name, std::to_string(s.ce), std::to_string(s.ca),
                      s.instability ? fixed(*s.instability, 2) : "-", std::to_string(s.ce_sync),
                      std::to_string(s.ce_async), std::to_string(s.ce_hidden)});
  }
  t.empty_text = "The spec declares no services.";
  return t;
}

ReportTable amplification(const Analysis& a, const DesignReview& review) {
  ReportTable t = table(
      "amplification", "Amplification",
      "Downstream work caused by one entry request or one published event (the request or event "
      "itself not counted). Nominal: every call made once; worst case: every call attempted "
      "retry.attempts times, multiplying through nested layers. Worst row first.",
      {"per entry request / event", "requests (nominal)", "requests (worst case)",
       "worst-case multiplier (x)", "deliveries", "callbacks", "store transactions",
       "event bytes (B)"},
      {0, 1, 1, 1, 1, 1, 1, 1});
  for (std::size_t i : capped(review.ranking.amplification, t)) {
    const analyzers::Amplification& x = a.amplification[i];
    const bool event = x.kind == analyzers::AmplificationKind::Event;
    t.rows.push_back(
        {(event ? "event " : "") + x.name + (x.cycles_cut ? " (cycle cut)" : ""),
         to_string(Figure{x.nominal.requests}), to_string(Figure{x.worst_case.requests}),
         to_string(Figure{x.worst_case_multiplier}), to_string(Figure{x.nominal.deliveries}),
         to_string(Figure{x.nominal.callbacks}), to_string(Figure{x.nominal.transactions}),
         to_string(Figure{x.nominal.bytes})});
  }
  t.empty_text = "No entry operation and no event.";
  return t;
}

ReportTable cascades(const model::Spec& spec, const Analysis& a, const DesignReview& review) {
  ReportTable t = table(
      "cascades", "Cascades",
      "What fails while one component is down. Blast radius: share of all entry traffic (by "
      "rate) whose entry operation fails. Stalled consumers wait for the component; lost events "
      "are never delivered. Components whose failure reaches nothing else are left out.",
      {"component", "kind", "blast radius (% of entry traffic)", "failing entries",
       "stalled consumers", "lost events", "longest chain"},
      {0, 0, 1, 0, 0, 0, 0});
  for (std::size_t i : capped(review.cascades, t)) {
    const analyzers::Cascade& c = a.cascades[i];
    constexpr std::size_t kShown = 5;
    t.rows.push_back({c.component, analyzers::to_string(c.kind), percent(c.blast_radius, 1),
                      list_first(analyzers::operation_names(spec, c.failed_entry_ids, kShown),
                                 c.counts.failed_entries, kShown),
                      list_first(analyzers::consumer_names(spec, c.stalled_consumer_ids, kShown),
                                 c.counts.stalled_consumers, kShown),
                      list_first(analyzers::event_names(spec, c.lost_event_ids, kShown),
                                 c.counts.lost_events, kShown),
                      cascade_chain_text(analyzers::chain_names(spec, c, c.longest_path_ids))});
  }
  t.empty_text = "No component failure reaches anything else.";
  return t;
}

ReportTable thin_fat(const Analysis& a, const DesignReview& review) {
  ReportTable t = table(
      "events", "Thin versus fat events",
      "Bytes: size of the carried fields. Callbacks per delivery: callbacks one event causes / "
      "its deliveries. Callback rate: callbacks per second at the workload's rates. Fat variant: "
      "the event plus every field some consumer needs and it lacks. Most callbacks first.",
      {"event", "bytes (B)", "consumers", "publish rate (/s)", "callbacks per delivery",
       "callback rate (/s)", "fat bytes (B)", "fields the fat variant adds"},
      {0, 1, 1, 1, 1, 1, 1, 0});
  for (std::size_t i : capped(review.ranking.events, t)) {
    const analyzers::EventProfile& e = a.events[i];
    t.rows.push_back({e.name, std::to_string(e.bytes), std::to_string(e.consumers),
                      to_string(Figure{e.publish_rate}),
                      to_string(Figure{e.callbacks_per_delivery}),
                      to_string(Figure{e.callback_rate}), std::to_string(e.fat_bytes),
                      e.fat_fields.empty() ? "-" : list_text(e.fat_fields, 8)});
  }
  t.empty_text = "The spec declares no events.";
  return t;
}

ReportTable operations(const sim::SimulationResult& r, const SimulationRanking& ranking) {
  ReportTable t = table(
      "sim-operations", "Simulated operations",
      "Latency from the request's arrival at the service (queueing included) to its response: "
      "end to end for entry operations, per attempt for calls. Error rate: failed requests / "
      "completed requests. Entry operations first.",
      {"operation", "entry", "count (requests)", "errors (requests)", "error rate (%)",
       "throughput (/s)", "mean (ms)", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)"},
      {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  for (std::size_t i : capped(ranking.operations, t)) {
    const sim::OperationResult& op = r.operations[i];
    const sim::LatencySummary& l = op.latency;
    t.rows.push_back({op.name, op.entry ? "yes" : "", std::to_string(op.count),
                      std::to_string(op.errors), percent(op.error_rate, 3),
                      fixed(op.throughput_per_s, 1), fixed(l.mean_ms, 2), fixed(l.p50_ms, 2),
                      fixed(l.p90_ms, 2), fixed(l.p99_ms, 2), fixed(l.max_ms, 2)});
  }
  t.empty_text = "No operation received requests.";
  return t;
}

ReportTable consumers(const sim::SimulationResult& r, const SimulationRanking& ranking) {
  ReportTable t = table(
      "sim-consumers", "Simulated consumers",
      "Lag: from the publish of an event to the end of its handling by the consumer. Counts are "
      "events.",
      {"consumer", "delivered", "duplicates", "out of order", "dead-lettered", "lost",
       "lag mean (ms)", "lag p99 (ms)", "lag max (ms)"},
      {0, 1, 1, 1, 1, 1, 1, 1, 1});
  bool any = false;
  for (std::size_t i : capped(ranking.consumers, t)) {
    const sim::ConsumerResult& c = r.consumers[i];
    any = any || c.delivered > 0;
    t.rows.push_back({c.name, std::to_string(c.delivered), std::to_string(c.duplicates),
                      std::to_string(c.out_of_order), std::to_string(c.dead_lettered),
                      std::to_string(c.lost), fixed(c.lag.mean_ms, 2), fixed(c.lag.p99_ms, 2),
                      fixed(c.lag.max_ms, 2)});
  }
  if (!any && !t.rows.empty()) t.note += " No consumer received a delivery in this run.";
  t.empty_text = "The spec declares no consumers.";
  return t;
}

ReportTable services(const sim::SimulationResult& r, const SimulationRanking& ranking) {
  ReportTable t = table(
      "sim-services", "Simulated services",
      "Utilization: busy worker time / (replicas x workers x measured time). Rejected: requests "
      "refused because the replica's queue was full. Busiest first.",
      {"service", "utilization (%)", "rejected (requests)", "max queue (requests)"}, {0, 1, 1, 1});
  for (std::size_t i : capped(ranking.services, t)) {
    const sim::ServiceResult& s = r.services[i];
    t.rows.push_back({s.name, percent(s.utilization, 1), std::to_string(s.rejected),
                      std::to_string(s.max_queue)});
  }
  return t;
}

ReportTable measured(const sim::SimulationResult& r, const Analysis& a) {
  ReportTable t =
      table("sim-amplification", "Measured versus static amplification",
            "Downstream requests per entry request: as the simulation counted them (retries and "
            "callbacks included), and as the analyzers predict (nominal and worst case).",
            {"entry operation", "measured (requests per entry)", "static nominal (requests)",
             "static worst case (requests)"},
            {0, 1, 1, 1});
  for (std::size_t i : capped(in_order(r.amplification), t)) {
    const sim::AmplificationResult& m = r.amplification[i];
    std::string nominal = "-", worst = "-";
    for (const analyzers::Amplification& x : a.amplification)
      if (x.name == m.operation && x.kind == analyzers::AmplificationKind::EntryOperation) {
        nominal = to_string(Figure{x.nominal.requests});
        worst = to_string(Figure{x.worst_case.requests});
      }
    t.rows.push_back({m.operation, fixed(m.requests_per_entry, 3), nominal, worst});
  }
  t.empty_text = "No entry operation.";
  return t;
}

ReportTable faults(const sim::SimulationResult& r) {
  ReportTable t =
      table("sim-faults", "Faults and recovery",
            "Recovery time: from the end of the fault's window to the start of the first ten "
            "consecutive series steps whose entry error rate and p99 are back within 10% of their "
            "values before the fault; \"never\" when that does not happen in the run.",
            {"component", "mode", "at (time)", "for (time)", "recovery time"}, {0, 0, 1, 1, 1});
  for (std::size_t i : capped(in_order(r.faults), t)) {
    const sim::FaultResult& f = r.faults[i];
    t.rows.push_back({f.target, f.mode, to_string(Span{f.at_ms}), to_string(Span{f.for_ms}),
                      f.recovery_time_ms ? to_string(Span{*f.recovery_time_ms}) : "never"});
  }
  t.empty_text = "The scenario injects no fault.";
  return t;
}

std::string where(const analyzers::Finding& f) {
  if (f.line == 0) return f.file;
  return fmt::format("{}:{}:{}", f.file, f.line, f.column);
}

ReportTable findings(const Analysis& a) {
  ReportTable t = table("findings", "Findings",
                        "Lint findings, most severe first: what was found, why it matters and "
                        "how to fix it (docs/lints.md).",
                        {"severity", "rule", "where", "finding", "why", "fix"}, {0, 0, 0, 0, 0, 0});
  for (std::size_t i : capped(in_order(a.findings), t)) {
    const analyzers::Finding& f = a.findings[i];
    t.rows.push_back({analyzers::to_string(f.severity), f.rule, where(f), f.message, f.why, f.fix});
  }
  t.empty_text = "No findings.";
  return t;
}

std::string gate_result(const GateTally& tally, std::size_t gate) {
  if (tally.not_evaluated[gate]) return "not evaluated: needs the simulation (--no-simulate)";
  return tally.report.gates[gate].met ? "pass" : "FAIL";
}

ReportTable gates(const GateTally& tally) {
  ReportTable t =
      table("gates", "Gates",
            "The spec's gates, evaluated as `ripple gate` does on this analysis and "
            "simulation (same seed). Value and threshold in the metric's unit.",
            {"gate", "where", "value", "threshold", "result", "note"}, {0, 0, 1, 1, 0, 0});
  const GateReport& report = tally.report;
  for (std::size_t i : capped(in_order(report.gates), t)) {
    const GateOutcome& g = report.gates[i];
    t.rows.push_back({g.expr, g.line > 0 ? fmt::format("{}:{}", g.file, g.line) : g.file,
                      format_gate_value(g.value, g.unit), format_gate_threshold(g),
                      gate_result(tally, i), g.reason});
  }
  t.empty_text = "The spec declares no gates.";
  return t;
}

}  // namespace

std::vector<ReportTable> build_tables(const ReportInput& input) {
  const Analysis& a = input.analysis;
  const DesignReview& review = input.review;
  std::vector<ReportTable> out{findings(a), coupling(a, review), amplification(a, review),
                               cascades(input.spec, a, review), thin_fat(a, review)};
  if (input.simulation && review.simulation_ranking) {
    const sim::SimulationResult& r = *input.simulation;
    const SimulationRanking& ranking = *review.simulation_ranking;
    out.push_back(operations(r, ranking));
    out.push_back(consumers(r, ranking));
    out.push_back(services(r, ranking));
    out.push_back(measured(r, a));
    out.push_back(faults(r));
  }
  out.push_back(gates(review.summary.gates));
  return out;
}

}  // namespace ripple::cli
