// diff --simulate: the simulated figures of base and head compared replication by replication
// (common random numbers), each judged on the 95% interval of its paired difference.

#include "cli/review/simulation_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/format/figures.h"
#include "simulator/figures.h"

namespace ripple::cli {
namespace {

// The smallest move of a simulated figure that counts as worse or better (see spec_diff.h).
double figure_slack(model::GateMetric metric, double before) {
  using model::GateMetric;
  switch (metric) {
    case GateMetric::P99:
    case GateMetric::P99Lag:
      return kP99Tolerance * std::fabs(before);
    case GateMetric::ErrorRate:
      return kErrorRateTolerance;
    case GateMetric::Utilization:
      return kUtilizationTolerance;
    case GateMetric::RecoveryTime:
    case GateMetric::SpikeRecoveryTime:
      return std::max(kRecoveryToleranceMs, kRecoveryTolerance * std::fabs(before));
    default:  // counts of events and backlogs
      return std::max(kCountToleranceEvents, kCountTolerance * std::fabs(before));
  }
}

// ---------------------------------------------------------------------------------------------
// Simulated figures, paired replication by replication

enum class FigureUnit { Milliseconds, Ratio, Count };

// One simulated figure of one element (sim::figures). `read` gives its value in a result, or
// nullopt when the result lacks it (the element answered nothing in that replication).
struct SimulatedFigure {
  model::GateMetric metric = model::GateMetric::P99;
  std::string what;
  std::string subject;
  FigureUnit unit = FigureUnit::Count;
  sim::Better better = sim::Better::Lower;
  std::optional<double> read(const sim::SimulationResult& r) const {
    return sim::figure_value(r, metric, subject);
  }
};

SimulatedFigure simulated_figure(const sim::Figure& f) {
  SimulatedFigure out;
  out.metric = f.metric;
  out.what = model::to_string(f.metric);
  out.subject = f.subject;
  out.better = f.better;
  switch (model::gate_metric_info(f.metric).value) {
    case model::GateValue::Duration:
      out.unit = FigureUnit::Milliseconds;
      break;
    case model::GateValue::Ratio:
      out.unit = FigureUnit::Ratio;
      break;
    case model::GateValue::Number:
    case model::GateValue::Count:
      out.unit = FigureUnit::Count;
      break;
  }
  return out;
}

// The figures both sides have (matched by metric and subject), in the head's order.
std::vector<SimulatedFigure> simulated_figures(const sim::SimulationResult& base,
                                               const sim::SimulationResult& head) {
  const std::vector<sim::Figure> in_base = sim::figures(base);
  std::vector<SimulatedFigure> out;
  for (const sim::Figure& h : sim::figures(head)) {
    const bool shared = std::any_of(in_base.begin(), in_base.end(), [&](const sim::Figure& b) {
      return b.metric == h.metric && b.subject == h.subject;
    });
    if (shared) out.push_back(simulated_figure(h));
  }
  return out;
}

// A difference with its sign and unit: "+3.2 ms", "-0.41 pp", "+12".
std::string signed_text(double value, FigureUnit unit) {
  const double shown = unit == FigureUnit::Ratio ? value * 100 : value;
  std::string text = to_string(Figure{shown, FigureStyle::Compact});
  if (shown > 0) text = "+" + text;
  switch (unit) {
    case FigureUnit::Milliseconds:
      return text + " ms";
    case FigureUnit::Ratio:
      return text + " pp";
    case FigureUnit::Count:
      break;
  }
  return text;
}

std::string value_text(double value, FigureUnit unit) {
  switch (unit) {
    case FigureUnit::Milliseconds:
      return fmt::format("{} ms", Figure{value, FigureStyle::Compact});
    case FigureUnit::Ratio:
      return fmt::format("{}%", Figure{value * 100, FigureStyle::Compact});
    case FigureUnit::Count:
      break;
  }
  return to_string(Figure{value, FigureStyle::Compact});
}

// The verdict of a paired difference: significant and beyond the tolerance.
Verdict paired_verdict(const SimulatedFigure& f, const PairedDifference& d, double base_mean) {
  if (f.better == sim::Better::Neither) return Verdict::Neutral;
  const double tolerance = figure_slack(f.metric, base_mean);
  const double change = d.difference.value;
  if (d.significance == Significance::Higher && change > tolerance) return Verdict::Worse;
  if (d.significance == Significance::Lower && -change > tolerance) return Verdict::Better;
  return Verdict::Neutral;
}

std::string paired_note(const SimulatedFigure& f, const PairedDifference& d, Verdict verdict) {
  const Estimate& e = d.difference;
  if (!e.ci)
    return "difference " + signed_text(e.value, f.unit) +
           " (one replication: no interval, not judged; run --replications 5 or more)";
  const std::string interval =
      fmt::format("difference {}, 95% interval [{}, {}]", signed_text(e.value, f.unit),
                  signed_text(e.ci->low, f.unit), signed_text(e.ci->high, f.unit));
  if (d.significance == Significance::None) return "no significant change (" + interval + ")";
  if (f.better == sim::Better::Neither) return "set by the workload, not judged (" + interval + ")";
  if (verdict == Verdict::Neutral) return "within tolerance (" + interval + ")";
  return interval;
}

void diff_figure(const SimulatedFigure& f, const ReplicatedSimulation& base,
                 const ReplicatedSimulation& head, std::vector<Change>& out) {
  std::vector<double> b, h;
  int head_only_missing = 0, base_only_missing = 0;
  const std::size_t n = std::min(base.replications.size(), head.replications.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<double> x = f.read(base.replications[i]);
    const std::optional<double> y = f.read(head.replications[i]);
    head_only_missing += x && !y ? 1 : 0;
    base_only_missing += !x && y ? 1 : 0;
    if (!x || !y) continue;  // pairs only: replication i of both sides
    b.push_back(*x);
    h.push_back(*y);
  }
  const bool recovery = f.metric == model::GateMetric::RecoveryTime ||
                        f.metric == model::GateMetric::SpikeRecoveryTime;
  if (recovery && (head_only_missing > 0) != (base_only_missing > 0)) {
    // Never recovering within the run is worse than any recovery.
    const bool worse = head_only_missing > 0;
    const int k = worse ? head_only_missing : base_only_missing;
    Change c;
    c.section = DiffSection::Simulation;
    c.kind = ChangeKind::Changed;
    c.verdict = worse ? Verdict::Worse : Verdict::Better;
    c.what = f.what;
    c.subject = f.subject;
    c.detail = fmt::format("{} of `{}`: never within the run in {} of {} replications of {}",
                           f.what, f.subject, k, n, worse ? "the head" : "the base");
    c.note = c.detail;
    out.push_back(std::move(c));
    return;
  }
  if (b.empty() || b == h) return;  // identical in every replication: no change
  const PairedDifference d = paired_difference(b, h);
  Change c;
  c.section = DiffSection::Simulation;
  c.kind = ChangeKind::Changed;
  c.what = f.what;
  c.subject = f.subject;
  c.base_values = estimate(std::move(b));
  c.head_values = estimate(std::move(h));
  c.before = c.base_values->value;
  c.after = c.head_values->value;
  c.verdict = paired_verdict(f, d, *c.before);
  c.note = paired_note(f, d, c.verdict);
  c.detail = fmt::format("{} of `{}`: {} -> {}; {}", f.what, f.subject,
                         value_text(*c.before, f.unit), value_text(*c.after, f.unit), c.note);
  c.paired = d;
  out.push_back(std::move(c));
}

}  // namespace

void diff_simulation(const ReplicatedSimulation& base, const ReplicatedSimulation& head,
                     std::vector<Change>& out) {
  for (const SimulatedFigure& f : simulated_figures(base.merged, head.merged))
    diff_figure(f, base, head, out);
}

}  // namespace ripple::cli
