#pragma once

// Evaluation of a spec's gates over analysis and simulation results, for `ripple gate`.
//
//   const bool simulate = needs_simulation(spec.gates);
//   GateReport report = evaluate_gates(spec, analysis, simulate ? &run : nullptr);
//   apply_baseline(report, baseline);   // optional: only regressions fail
//
// A simulated gate is measured in each replication (cli/review/replicated.h). With two or more
// replications its value is the mean of the replication values, its interval their 95% Student t
// interval (cli/review/estimates.h), and its verdict pass (the interval lies entirely on the
// passing side of the threshold), fail (entirely on the failing side) or marginal (it straddles
// the threshold; counted as failed unless MarginalPolicy::Pass). With one replication the verdict
// is pass or fail on the value alone. A replication in which the value is undefined makes the
// gate's value undefined.
//
// Values are in the metric's unit: milliseconds for durations, 0..1 for ratios, plain numbers
// for amplification, instability and callbacks, counts for findings and `no sync_cycles`
// (the number of sync cycles). A value the run cannot define (an operation that received no
// requests, a fault the system never recovered from, a service with no coupling at all) is
// nullopt, and its gate fails with a reason that says why.

#include <optional>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/review/estimates.h"
#include "cli/review/replicated.h"
#include "model/spec.h"
#include "simulator/results.h"

namespace ripple::cli {

enum class GateUnit { Milliseconds, Ratio, Number, Count };

// How a failing gate compares with the baseline (when one is given).
enum class BaselineState {
  None,       // no baseline, or the gate passes
  New,        // fails now and did not fail in the baseline (or is not in it)
  Worse,      // failed in the baseline too, with a better value (or new findings appeared)
  Unchanged,  // failed in the baseline with an equal or worse value: reported, does not fail
};

struct GateOutcome {
  std::string expr;  // as written in the spec
  model::GateMetric metric = model::GateMetric::P99;
  std::string argument;  // "" for `no sync_cycles`
  model::Comparison comparison = model::Comparison::Less;
  double threshold = 0;  // in `unit`
  GateUnit unit = GateUnit::Number;
  std::optional<double> value;  // in `unit`; nullopt when undefined (see reason)
  bool simulated = false;       // the value comes from the simulation
  std::optional<Bounds> ci;     // 95% interval of the value over >= 2 replications, in `unit`
  std::vector<double> per_replication;  // simulated: the value in each replication, in order
  // pass, fail or marginal (interval straddling the threshold); fail when the value is undefined
  IntervalVerdict verdict = IntervalVerdict::Fail;
  bool met = false;     // verdict is pass
  bool passed = false;  // met, a marginal gate under MarginalPolicy::Pass, or a failure the
                        // baseline already had
  std::string reason;   // why it failed or is undefined; notes on a passing value
  BaselineState baseline = BaselineState::None;
  std::optional<double> baseline_value;  // the baseline's value, when the gate is in it
  std::string file;                      // spec.files[loc.file]
  int line = 0;                          // 1-based; 0 = unknown
  int column = 0;
};

// A finding as the baseline keeps it.
struct FindingKey {
  std::string rule;
  std::string element;
  std::string message;
};

struct SimulationRun {
  std::uint64_t seed = 0;
  int replications = 1;
  double simulated_ms = 0;  // simulated time of one replication, warmup included
};

struct GateReport {
  std::vector<GateOutcome> gates;  // in spec order (spec gates, then those of --gates files)
  std::optional<SimulationRun> simulation;  // present when the simulator ran
  bool baseline_used = false;
  std::vector<FindingKey> new_findings;    // with a baseline: findings it does not have
  std::vector<FindingKey> fixed_findings;  // with a baseline: its findings that are gone

  // Every gate passed (met, or a failure the baseline already had).
  [[nodiscard]] bool passed() const;
  [[nodiscard]] int failed_count() const;
  [[nodiscard]] int marginal_count() const;  // gates whose verdict is marginal
};

// How a marginal verdict counts (`ripple gate --marginal fail|pass`).
enum class MarginalPolicy { Fail, Pass };

// Whether the metric comes from the simulator (latency, error rate, lag, recovery), as
// model::gate_metric_table() says.
[[nodiscard]] bool gate_needs_simulation(model::GateMetric metric);
[[nodiscard]] bool gate_needs_simulation(const model::Gate& gate);
[[nodiscard]] bool needs_simulation(const std::vector<model::Gate>& gates);

// The unit of the metric's value, from its value kind in model::gate_metric_table().
[[nodiscard]] GateUnit gate_unit(model::GateMetric metric);

// Evaluates one gate. `simulation` may be null only when !gate_needs_simulation(gate) (a gate
// that needs it then fails with a reason).
[[nodiscard]] GateOutcome evaluate_gate(const model::Spec& spec, const model::Gate& gate,
                                        const analyzers::Analysis& analysis,
                                        const ReplicatedSimulation* simulation,
                                        MarginalPolicy marginal = MarginalPolicy::Fail);

// Evaluates every gate of the spec, in order. `simulation` as in evaluate_gate.
[[nodiscard]] GateReport evaluate_gates(const model::Spec& spec,
                                        const analyzers::Analysis& analysis,
                                        const ReplicatedSimulation* simulation,
                                        MarginalPolicy marginal = MarginalPolicy::Fail);

// As above on a merged result alone: no per-replication values, so no interval (pass or fail on
// the value).
[[nodiscard]] GateOutcome evaluate_gate(const model::Spec& spec, const model::Gate& gate,
                                        const analyzers::Analysis& analysis,
                                        const sim::SimulationResult* simulation);
[[nodiscard]] GateReport evaluate_gates(const model::Spec& spec,
                                        const analyzers::Analysis& analysis,
                                        const sim::SimulationResult* simulation);

// Whether `a` is a better value than `b` for a gate compared with `comparison` against
// `threshold`: lower for < and <=, higher for > and >=, closer to the threshold for ==.
// An undefined value is worse than any defined one.
[[nodiscard]] bool better_value(model::Comparison comparison, double threshold,
                                std::optional<double> a, std::optional<double> b);

// "<", "<=", ">", ">=", "==".
[[nodiscard]] const char* comparison_symbol(model::Comparison comparison);

}  // namespace ripple::cli
