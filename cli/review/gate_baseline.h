#pragma once

// The baseline of `ripple gate`: the findings and gate values of an accepted state of a spec,
// written by `--write-baseline FILE` and read by `--baseline FILE`, so that CI fails only on what
// got worse since. Format (JSON, documented in docs/ci.md):
//
//   {"ripple_baseline": 1, "spec": "shop",
//    "findings": [{"rule": "nested-retries", "element": "order.place", "message": "..."}],
//    "gates": [{"expr": "p99(gateway.checkout) < 300ms", "value": 412.5, "passed": false}]}
//
// Gate values are in the gate's unit (ms, 0..1, numbers, counts); null when undefined.

#include <optional>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/review/gate_eval.h"

namespace ripple::cli {

struct BaselineGate {
  std::string expr;
  std::optional<double> value;
  bool passed = false;  // the comparison held when the baseline was written
};

struct Baseline {
  std::string spec;  // the spec's name (informational)
  std::vector<FindingKey> findings;
  std::vector<BaselineGate> gates;
};

// The baseline of the current state: unsuppressed findings and every gate's value.
[[nodiscard]] Baseline make_baseline(const std::string& spec_name,
                                     const analyzers::Analysis& analysis, const GateReport& report);

[[nodiscard]] std::string render_baseline_json(const Baseline& baseline);

struct BaselineParse {
  std::optional<Baseline> baseline;
  std::string error;  // why the text is not a baseline, when baseline is empty
};

// Reads a baseline document. Unknown keys are ignored (later versions may add some).
[[nodiscard]] BaselineParse parse_baseline(const std::string& text);

// Marks what the baseline already had:
//  * findings are matched by rule and element (one for one, so a second finding of the same
//    rule on the same element is new); report.new_findings and fixed_findings are filled;
//  * a failing gate that also failed in the baseline (same expression) with an equal or better
//    value is Unchanged and passes; for a findings gate, any new finding it counts makes it Worse;
//  * any other failing gate is New or Worse and still fails.
void apply_baseline(GateReport& report, const analyzers::Analysis& analysis,
                    const Baseline& baseline);

}  // namespace ripple::cli
