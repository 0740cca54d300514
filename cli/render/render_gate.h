#pragma once

// Renderers of `ripple gate`: pure functions from a GateReport to one document.
//   text    one row per gate: status (pass, FAIL, marginal, known), expression, value, its 95%
//           interval, threshold, location; reasons below
//   json    {"passed", "gates": [{"expr", "value", "ci", "verdict", "passed", "line", ...}], ...}
//           (design.md keys plus: file, column, metric, argument, comparison, threshold, unit,
//           simulated, met, reason, baseline state; per_replication with PerReplication::Shown;
//           "summary" with "marginal", "simulation", "baseline")
//   junit   one test case per gate; a failure carries the value and the threshold
//   sarif   SARIF 2.1.0, one result per failed gate at the gate's line
//   codequality  GitLab Code Quality: one issue per failed gate (major; info when known)
//   github  workflow commands: `::error file=F,line=L,col=C::...` per failed gate, `::warning`
//           per failure the baseline already had and per marginal gate counted as passed
//           (--marginal pass), and one `::notice` summary
// A marginal gate is shown as marginal everywhere. Counted as failed it is reported as a failed
// gate is; counted as passed (--marginal pass) it is a warning (SARIF warning, Code Quality
// minor, GitHub ::warning, a passed JUnit case).
// Values are shown in the gate's unit: durations in ms (s from 1000 ms), ratios as percent in
// text, 0..1 in JSON.

#include <string>

#include "cli/render/per_replication.h"
#include "cli/render/sarif_context.h"
#include "cli/render/terminal.h"
#include "cli/review/gate_eval.h"

namespace ripple::cli {

struct GateDocument {
  const GateReport& report;
  std::string spec_path;  // as the user wrote it
  std::string spec_name;
  SarifContext sarif = {};  // SARIF's source root and invocation; Code Quality's root
};

[[nodiscard]] std::string render_gate_text(const GateDocument& doc, Color color);
[[nodiscard]] std::string render_gate_json(const GateDocument& doc,
                                           PerReplication per_replication = PerReplication::Hidden);
[[nodiscard]] std::string render_gate_junit(const GateDocument& doc);
[[nodiscard]] std::string render_gate_sarif(const GateDocument& doc);
[[nodiscard]] std::string render_gate_github(const GateDocument& doc);
[[nodiscard]] std::string render_gate_codequality(const GateDocument& doc);

// A gate value or threshold with its unit: "412 ms", "1.5 s", "0.5%", "30", "2".
[[nodiscard]] std::string format_gate_value(double value, GateUnit unit);
// "412 ms", or "undefined" when there is no value.
[[nodiscard]] std::string format_gate_value(std::optional<double> value, GateUnit unit);
// "[398 ms, 430 ms]", or "" without an interval.
[[nodiscard]] std::string format_gate_interval(const GateOutcome& gate);
// The threshold side: "< 300 ms", "== 0".
[[nodiscard]] std::string format_gate_threshold(const GateOutcome& gate);

}  // namespace ripple::cli
