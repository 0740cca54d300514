#include "cli/review/design_review.h"

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

}  // namespace

GateTally tally_gates(const model::Spec& spec, const Analysis& analysis,
                      const sim::SimulationResult* simulation) {
  GateTally tally;
  tally.report = evaluate_gates(spec, analysis, simulation);
  for (std::size_t i = 0; i < tally.report.gates.size(); ++i) {
    const bool skipped = simulation == nullptr && gate_needs_simulation(spec.gates[i]);
    tally.not_evaluated.push_back(skipped ? 1 : 0);
    tally.skipped += skipped ? 1 : 0;
    tally.failed += !skipped && !tally.report.gates[i].met ? 1 : 0;
  }
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
  DesignReview r;
  r.summary = summarize_design(spec, analysis, simulation);
  r.ranking = rank_analysis(analysis);
  r.coupling = most_coupled_then_hidden(analysis);
  r.cascades = widest_cascades_then_longest(analysis);
  if (simulation) r.simulation_ranking = rank_simulation(*simulation);
  r.graph = build_component_graph(spec, analysis);
  return r;
}

}  // namespace ripple::cli
