#pragma once

// The structural comparison behind `ripple diff`: what changed between two versions of a spec,
// and whether each change makes the design worse, better, or is neutral.
//
//   SpecDiff d = diff_specs({base, base_analysis, nullptr}, {head, head_analysis, nullptr});
//
// Elements and edges are matched by name ("order.place", "shipping:OrderPlaced",
// "order.place -> payment.charge"), never by id, since ids shift between versions. Changes are
// listed by section in a fixed order (see Section), then in the order of the head spec (removed
// things in the order of the base). Counts and figures use the analyzers' units (requests per
// entry request or per event, ratios 0..1) and milliseconds for simulated latency.

#include <optional>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/review/estimates.h"
#include "cli/review/replicated.h"
#include "model/spec.h"
#include "simulator/results.h"

namespace ripple::cli {

enum class DiffSection {
  Elements,       // services, operations, events, consumers added or removed
  Edges,          // calls, publishes, callbacks added or removed
  Coupling,       // ce / ca / sync / async / hidden of services in both; sync cycles
  Contracts,      // broken event contracts
  Amplification,  // nominal and worst-case requests per entry request or per event
  BlastRadius,    // share of entry traffic lost while a component is down
  Findings,       // lint findings new or gone (matched by rule and element)
  Simulation,     // simulated figures, paired replication by replication (same seeds)
};

// The sections in the order every renderer shows them: what breaks consumers first.
inline constexpr DiffSection kDiffSections[] = {
    DiffSection::Contracts,   DiffSection::Coupling, DiffSection::Amplification,
    DiffSection::BlastRadius, DiffSection::Findings, DiffSection::Simulation,
    DiffSection::Elements,    DiffSection::Edges,
};

enum class ChangeKind { Added, Removed, Changed };
enum class Verdict { Worse, Better, Neutral };

struct Change {
  DiffSection section = DiffSection::Elements;
  ChangeKind kind = ChangeKind::Changed;
  Verdict verdict = Verdict::Neutral;
  std::string what;     // "service", "call", "ce_hidden", "field removed", "p99", a lint rule
  std::string subject;  // "payment", "order.place -> payment.charge", "OrderPlaced"
  std::optional<double> before;  // figures, for Changed; in the section's unit
  std::optional<double> after;
  std::string detail;  // one human sentence (for simulated figures: with the paired interval)
  // Simulated figures: each side's replication values and their paired difference (head_i -
  // base_i); before and after are then the means of the replication values.
  std::optional<Estimate> base_values;
  std::optional<Estimate> head_values;
  std::optional<PairedDifference> paired;
  // Simulated figures: "difference +3.2 ms, 95% interval [+2.9 ms, +3.5 ms]" or "no significant
  // change (difference -4.1 ms, 95% interval [-12 ms, +3.8 ms])".
  std::string note;
};

// One version of the spec with what was computed on it.
struct DiffSide {
  const model::Spec& spec;
  const analyzers::Analysis& analysis;
  // Both or neither; run with the same options and seed (common random numbers: replication i
  // of both sides shares its seed).
  const ReplicatedSimulation* simulation = nullptr;
};

// The simulated comparison is paired: for each figure of sim::figures() that both sides have
// (entry p99, error rate and throughput; consumer p99 lag, losses, duplicates, dead letters, out
// of order; service utilization; broker backlog; recovery times), d_i = head_i - base_i over the
// replications, and its 95% Student t interval decides. A figure is worse (or better) only when
// the interval excludes zero AND the mean difference is beyond the figure's tolerance (below).
// Otherwise the change is neutral: "no significant change" when the interval contains zero,
// "within tolerance" when it does not but the move is smaller; throughput follows the workload
// and is never judged. A recovery that happens in every base replication and never within the
// run in some head replication is worse (and the reverse better). One replication gives no
// interval: every simulated change is neutral. Same seed, same spec: identical replications,
// d_i = 0, no change listed.
// Tolerances: p99 and p99_lag 5% of the base mean; error rate 0.1 percentage points; lost,
// duplicates, harmful_duplicates, dead_lettered, out_of_order (per replication), backlog and
// max_backlog 5% of the base and at least one event; utilization 2 percentage points;
// recovery_time and spike_recovery_time 10% and at least 1 s.
inline constexpr double kP99Tolerance = 0.05;
inline constexpr double kErrorRateTolerance = 0.001;
inline constexpr double kCountTolerance = 0.05;
inline constexpr double kCountToleranceEvents = 1;
inline constexpr double kUtilizationTolerance = 0.02;
inline constexpr double kRecoveryTolerance = 0.1;
inline constexpr double kRecoveryToleranceMs = 1000;

struct SpecDiff {
  std::vector<Change> changes;
  bool simulated = false;
  std::uint64_t seed = 0;  // of both simulations, when simulated
  int replications = 0;    // paired replications, when simulated

  [[nodiscard]] int count(Verdict verdict) const;
  [[nodiscard]] int count(DiffSection section, Verdict verdict) const;
  [[nodiscard]] bool worse() const { return count(Verdict::Worse) > 0; }
};

[[nodiscard]] SpecDiff diff_specs(const DiffSide& base, const DiffSide& head);

[[nodiscard]] const char* to_string(DiffSection section);  // "elements", "blast_radius", ...
[[nodiscard]] const char* to_string(ChangeKind kind);      // "added", "removed", "changed"
[[nodiscard]] const char* to_string(Verdict verdict);      // "worse", "better", "neutral"

}  // namespace ripple::cli
