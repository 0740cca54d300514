#include "cli/review/design_review.h"

#include <algorithm>

namespace ripple::cli {
namespace {

using analyzers::Analysis;

std::optional<std::size_t> largest_entry_amplification(const Analysis& a) {
  std::optional<std::size_t> worst;
  for (std::size_t i = 0; i < a.amplification.size(); ++i) {
    const analyzers::Amplification& x = a.amplification[i];
    if (x.kind == analyzers::AmplificationKind::EntryOperation &&
        (!worst || x.worst_case.requests > a.amplification[*worst].worst_case.requests))
      worst = i;
  }
  return worst;
}

std::optional<std::size_t> widest_cascade(const Analysis& a) {
  std::optional<std::size_t> worst;
  for (std::size_t i = 0; i < a.cascades.size(); ++i) {
    const analyzers::Cascade& c = a.cascades[i];
    if (!worst) {
      worst = i;
      continue;
    }
    const analyzers::Cascade& w = a.cascades[*worst];
    if (c.blast_radius > w.blast_radius ||
        (c.blast_radius == w.blast_radius && longest_chain(c) > longest_chain(w)))
      worst = i;
  }
  return worst;
}

int unrecovered_faults(const sim::SimulationResult* s) {
  if (s == nullptr) return 0;
  int n = 0;
  for (const sim::FaultResult& f : s->faults) n += !f.recovery_time_ms && f.at_ms < s->duration_ms;
  return n;
}

// Marks the gates that could not be evaluated and counts the failures.
void count_gates(const model::Spec& spec, bool simulated, GateTally& tally) {
  for (std::size_t i = 0; i < tally.report.gates.size(); ++i) {
    const bool skipped = !simulated && gate_needs_simulation(spec.gates[i]);
    tally.not_evaluated.push_back(skipped ? 1 : 0);
    tally.skipped += skipped ? 1 : 0;
    tally.failed += !skipped && !tally.report.gates[i].passed ? 1 : 0;
  }
}

// The replication values of one figure (nullopt ones left out).
template <typename Read>
Estimate replication_estimate(const ReplicatedSimulation* run, Read read) {
  if (run == nullptr) return {};
  return estimate(replication_values(*run, read));
}

void add_losses(const ReplicatedSimulation& run, Attention& out) {
  const std::vector<sim::ConsumerResult>& consumers = run.merged.consumers;
  Order order;
  for (std::size_t c = 0; c < consumers.size(); ++c)
    if (consumers[c].lost > 0 || consumers[c].dead_lettered > 0) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (consumers[a].lost != consumers[b].lost) return consumers[a].lost > consumers[b].lost;
    return consumers[a].dead_lettered > consumers[b].dead_lettered;
  });
  for (const std::size_t c : order)
    out.losses.push_back({c, replication_estimate(&run, [c](const sim::SimulationResult& r) {
                            return c < r.consumers.size()
                                       ? std::optional(static_cast<double>(r.consumers[c].lost))
                                       : std::nullopt;
                          })});
}

void add_error_rates(const ReplicatedSimulation& run, Attention& out) {
  const std::vector<sim::OperationResult>& ops = run.merged.operations;
  Order order;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (ops[i].entry) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return ops[a].error_rate > ops[b].error_rate;
  });
  if (order.size() > kAttentionOperations) order.resize(kAttentionOperations);
  for (const std::size_t i : order) {
    const std::string& name = ops[i].name;
    out.error_rates.push_back({i, replication_estimate(&run, [&](const sim::SimulationResult& r) {
                                 for (const sim::OperationResult& op : r.operations)
                                   if (op.name == name && op.count > 0)
                                     return std::optional(op.error_rate);
                                 return std::optional<double>();
                               })});
  }
}

}  // namespace

Attention needs_attention(const Analysis& analysis, const GateTally& gates,
                          const ReplicatedSimulation* simulation) {
  Attention out;
  const std::vector<GateOutcome>& outcomes = gates.report.gates;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    if (!gates.not_evaluated[i] && !outcomes[i].passed) out.gates.push_back(i);
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i].passed && outcomes[i].verdict == IntervalVerdict::Marginal)
      out.gates.push_back(i);
  for (std::size_t i = 0; i < analysis.findings.size(); ++i) {
    if (out.findings.size() >= kAttentionFindings) break;
    if (analysis.findings[i].severity != analyzers::Severity::Info) out.findings.push_back(i);
  }
  if (simulation != nullptr) {
    add_losses(*simulation, out);
    add_error_rates(*simulation, out);
  }
  return out;
}

GateTally tally_gates(const model::Spec& spec, const Analysis& analysis,
                      const ReplicatedSimulation* simulation) {
  GateTally tally;
  tally.report = evaluate_gates(spec, analysis, simulation);
  count_gates(spec, simulation != nullptr, tally);
  return tally;
}

GateTally tally_gates(const model::Spec& spec, const Analysis& analysis,
                      const sim::SimulationResult* simulation) {
  GateTally tally;
  tally.report = evaluate_gates(spec, analysis, simulation);
  count_gates(spec, simulation != nullptr, tally);
  return tally;
}

DesignSummary summarize_design(const model::Spec& spec, const Analysis& a,
                               const sim::SimulationResult* simulation) {
  DesignSummary s;
  s.largest_entry_amplification = largest_entry_amplification(a);
  s.widest_cascade = widest_cascade(a);
  for (const analyzers::Cascade& c : a.cascades)
    s.components_taking_all_traffic += c.blast_radius >= 1;
  for (const analyzers::ServiceCoupling& service : a.coupling.services)
    s.services_with_hidden_coupling += service.ce_hidden > 0;
  for (const analyzers::EventProfile& e : a.events) s.callback_rate += e.callback_rate;
  s.unrecovered_faults = unrecovered_faults(simulation);
  s.gates = tally_gates(spec, a, simulation);
  return s;
}

DesignReview review_design(const model::Spec& spec, const Analysis& analysis,
                           const sim::SimulationResult* simulation) {
  if (simulation == nullptr)
    return review_design(spec, analysis, static_cast<const ReplicatedSimulation*>(nullptr));
  // The merged result alone stands for one replication: no intervals.
  const ReplicatedSimulation run{*simulation, {*simulation}};
  return review_design(spec, analysis, &run);
}

DesignReview review_design(const model::Spec& spec, const Analysis& analysis,
                           const ReplicatedSimulation* simulation) {
  const sim::SimulationResult* merged = simulation ? &simulation->merged : nullptr;
  DesignReview r;
  r.summary = summarize_design(spec, analysis, merged);
  r.summary.gates = tally_gates(spec, analysis, simulation);
  r.attention = needs_attention(analysis, r.summary.gates, simulation);
  r.ranking = rank_analysis(analysis);
  r.coupling = most_coupled_then_hidden(analysis);
  r.cascades = widest_cascades_then_longest(analysis);
  if (merged) r.simulation_ranking = rank_simulation(*merged);
  r.graph = build_component_graph(spec, analysis);
  return r;
}

}  // namespace ripple::cli
