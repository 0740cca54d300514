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
  Simulation,     // p99 and error rate of entry operations, consumer lag, lost, duplicate,
                  // dead-lettered and out-of-order events, utilization, backlog and recovery,
                  // under the same seed
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
  std::string detail;  // one human sentence
};

// One version of the spec with what was computed on it.
struct DiffSide {
  const model::Spec& spec;
  const analyzers::Analysis& analysis;
  const sim::SimulationResult* simulation = nullptr;  // both or neither
};

// Tolerances of the simulated comparison: a p99 counts as worse above base x 1.05 (and better
// below x 0.95); an error rate counts as worse 0.1 percentage points above the base. Smaller
// moves are shown as neutral changes. Same seed, same spec: identical figures, no change.
inline constexpr double kP99Tolerance = 0.05;
inline constexpr double kErrorRateTolerance = 0.001;
// The event side and capacity (sim::figures, same names as the gate metrics): p99_lag moves by
// kP99Tolerance of the base; lost, duplicates, harmful_duplicates, dead_lettered, out_of_order
// (per replication), backlog and max_backlog by 5% of the base and at least one event;
// utilization by 2 percentage points; recovery_time and spike_recovery_time by 10% and at least
// 1s (never recovering within the run is worse than any recovery).
inline constexpr double kCountTolerance = 0.05;
inline constexpr double kCountToleranceEvents = 1;
inline constexpr double kUtilizationTolerance = 0.02;
inline constexpr double kRecoveryTolerance = 0.1;
inline constexpr double kRecoveryToleranceMs = 1000;

struct SpecDiff {
  std::vector<Change> changes;
  bool simulated = false;
  std::uint64_t seed = 0;  // of both simulations, when simulated

  [[nodiscard]] int count(Verdict verdict) const;
  [[nodiscard]] int count(DiffSection section, Verdict verdict) const;
  [[nodiscard]] bool worse() const { return count(Verdict::Worse) > 0; }
};

[[nodiscard]] SpecDiff diff_specs(const DiffSide& base, const DiffSide& head);

[[nodiscard]] const char* to_string(DiffSection section);  // "elements", "blast_radius", ...
[[nodiscard]] const char* to_string(ChangeKind kind);      // "added", "removed", "changed"
[[nodiscard]] const char* to_string(Verdict verdict);      // "worse", "better", "neutral"

}  // namespace ripple::cli
