#pragma once

// Renderers of `ripple diff`: pure functions from a SpecDiff to one document.
//   text      a verdict line, then the changes by section, worst first within each
//   json      {"worse": bool, "summary": {"worse", "better", "neutral"}, "base", "head",
//              "simulated", "seed", "replications", "changes": [{"section", "kind", "verdict",
//              "what", "subject", "before", "after", "detail"}]}; a simulated change adds
//              "before_ci", "after_ci" (95% intervals of each side's replication mean),
//              "difference": {"value", "ci", "significance"} (the paired head_i - base_i) and,
//              with PerReplication::Shown, "per_replication": {"base", "head", "difference"}
//   markdown  for a pull-request comment: a short verdict line, then one table per section
//             (simulated figures with their paired difference and its interval)
// Units: blast radius and error rate 0..1 in JSON (percent in text and Markdown), p99 in ms,
// amplification in requests per entry request or per event, coupling in services.

#include <string>

#include "cli/render/per_replication.h"
#include "cli/render/sarif_context.h"
#include "cli/render/terminal.h"
#include "cli/review/spec_diff.h"

namespace ripple::cli {

struct DiffDocument {
  const SpecDiff& diff;
  std::string base_label;  // "examples/shop.yaml" or "origin/main:examples/shop.yaml"
  std::string head_label;  // also the file SARIF and GitHub annotations point at
  SarifContext sarif = {};
};

[[nodiscard]] std::string render_diff_text(const DiffDocument& doc, Color color);
[[nodiscard]] std::string render_diff_json(const DiffDocument& doc,
                                           PerReplication per_replication = PerReplication::Hidden);
[[nodiscard]] std::string render_diff_markdown(const DiffDocument& doc);
// CI formats (render_diff_ci.cpp): a result, failed test case or annotation per change that got
// worse (level error for broken contracts, warning otherwise), a passing case per other change;
// a simulated change that is not worse is a SARIF note, a passing JUnit case with its interval in
// system-out, a GitHub ::notice.
[[nodiscard]] std::string render_diff_sarif(const DiffDocument& doc);
[[nodiscard]] std::string render_diff_junit(const DiffDocument& doc);
[[nodiscard]] std::string render_diff_github(const DiffDocument& doc);

// "3 changes got worse (2 contracts, 1 findings), 1 better, 4 neutral",
// "no structural change", or "changed, nothing got worse (2 better, 3 neutral)".
[[nodiscard]] std::string diff_verdict(const SpecDiff& diff);

}  // namespace ripple::cli
