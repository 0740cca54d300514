#pragma once

// A design review: what `ripple report` says about a spec, decided here and only formatted by
// the renderers (cli/render/report_model.h): the headline facts (largest amplification, widest
// cascade, hidden coupling, faults never recovered from, how the gates fare), the worst-first
// orders of every table, and the component graph with its hottest path and worst cascade.
//
//   const DesignReview review = review_design(spec, analysis, simulation_or_null);

#include <cstddef>
#include <optional>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/review/component_graph.h"
#include "cli/review/estimates.h"
#include "cli/review/gate_eval.h"
#include "cli/review/rankings.h"
#include "cli/review/replicated.h"
#include "model/spec.h"
#include "simulator/results.h"

namespace ripple::cli {

// The spec's gates as the report shows them: evaluated like `ripple gate` does, except that
// without a simulation a gate that needs one is not evaluated (rather than failed).
struct GateTally {
  GateReport report;                // every gate of the spec, in spec order
  std::vector<char> not_evaluated;  // per gate: it needs the simulation and none was run
  int failed = 0;                   // evaluated and not met
  int skipped = 0;                  // not evaluated
};

struct DesignSummary {
  // analysis.amplification: the entry operation with the largest worst case (the first of equals)
  std::optional<std::size_t> largest_entry_amplification;
  // analysis.cascades: the widest blast radius, ties to the longest chain (the first of equals)
  std::optional<std::size_t> widest_cascade;
  int components_taking_all_traffic = 0;  // cascades with a blast radius of 1
  int services_with_hidden_coupling = 0;  // services whose hidden Ce is above 0
  double callback_rate = 0;               // callbacks per second over every event
  int unrecovered_faults = 0;             // faults within the run never recovered from
  GateTally gates;
};

// What the report opens with: what needs attention, worst first.
inline constexpr std::size_t kAttentionFindings = 5;
inline constexpr std::size_t kAttentionOperations = 3;

struct AttentionFigure {
  std::size_t index = 0;  // into the list named below
  Estimate estimate;      // per-replication values; an interval with >= 2 replications
};

struct Attention {
  // summary.gates.report.gates: the failed gates (in spec order), then the marginal ones that
  // passed (--marginal pass); a marginal gate counted as failed is among the failed.
  std::vector<std::size_t> gates;
  // analysis.findings of error, then warning severity, at most kAttentionFindings
  std::vector<std::size_t> findings;
  // simulation consumers that lost or dead-lettered events, most lost (then dead-lettered)
  // first; the estimate is of lost events per replication
  std::vector<AttentionFigure> losses;
  // simulation operations: the entry operations with the highest error rate first (ties in
  // declaration order), at most kAttentionOperations; the estimate is of the error rate
  std::vector<AttentionFigure> error_rates;
};

struct DesignReview {
  DesignSummary summary;
  Attention attention;
  AnalysisRanking ranking;
  Order coupling;  // the report's coupling table: most_coupled_then_hidden
  Order cascades;  // the report's cascades table: widest_cascades_then_longest
  std::optional<SimulationRanking> simulation_ranking;  // with a simulation
  ComponentGraph graph;
};

// REQUIRES: `analysis` is analyze(spec) and `simulation`, when not null, simulate(spec, ...).
[[nodiscard]] DesignReview review_design(const model::Spec& spec,
                                         const analyzers::Analysis& analysis,
                                         const sim::SimulationResult* simulation);
// As above with each replication's figures: gates judged on their intervals, attention figures
// with their intervals. REQUIRES: `simulation`, when not null, simulate_replicated(spec, ...).
[[nodiscard]] DesignReview review_design(const model::Spec& spec,
                                         const analyzers::Analysis& analysis,
                                         const ReplicatedSimulation* simulation);

// Parts, exposed for tests.
[[nodiscard]] DesignSummary summarize_design(const model::Spec& spec,
                                             const analyzers::Analysis& analysis,
                                             const sim::SimulationResult* simulation);
[[nodiscard]] GateTally tally_gates(const model::Spec& spec, const analyzers::Analysis& analysis,
                                    const sim::SimulationResult* simulation);
[[nodiscard]] GateTally tally_gates(const model::Spec& spec, const analyzers::Analysis& analysis,
                                    const ReplicatedSimulation* simulation);
[[nodiscard]] Attention needs_attention(const analyzers::Analysis& analysis, const GateTally& gates,
                                        const ReplicatedSimulation* simulation);

}  // namespace ripple::cli
