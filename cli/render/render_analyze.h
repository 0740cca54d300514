#pragma once

// Renderers of `ripple analyze`: pure functions from an analysis to one document.
//   text      readable tables, worst offenders first (review's orders; long tables cut, the
//             JSON has everything)
//   json      the stable keys of design.md ("services", "amplification", "cascades", "events",
//             "findings") plus additions ("coupling", "suppressed", "cut_edges", "summary")
//   markdown  the same tables for a design review or a pull-request comment
//   sarif     SARIF 2.1.0 for GitHub code scanning: every lint rule, every finding with its
//             location; suppressed findings carry a `suppressions` entry
//   junit     one test case per lint rule, failed when it has an error or warning finding
//   github    workflow commands: ::error/::warning/::notice per finding, then a ::notice summary
//   codequality  GitLab Code Quality: one issue per unsuppressed finding
// Units in every format: rates per second, sizes in bytes, ratios 0..1 (text shows percent).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/render/sarif_context.h"
#include "cli/render/terminal.h"
#include "cli/review/rankings.h"
#include "model/spec.h"

namespace ripple::cli {

// The complete lists of one cascade of the analysis (analyzers::CascadeExplorer::expand), asked
// for one cascade at a time while the JSON is written, so that they never all exist at once.
using FullCascade = std::function<analyzers::Cascade(const analyzers::Cascade&)>;

struct AnalyzeDocument {
  const model::Spec& spec;
  const analyzers::Analysis& analysis;
  const AnalysisRanking& ranking;  // rank_analysis(analysis): the order of the text's tables
  std::string spec_path;           // as the user wrote it; SARIF and JUnit name it
  SarifContext sarif = {};         // SARIF's source root and invocation; Code Quality's root
  // `--full`: JSON lists every entry of every cascade from here; when empty, the lists the
  // analysis keeps (with CascadeLists::Bounded, the first entries, plus "counts" where cut).
  FullCascade full_cascade = nullptr;
};

// Text rows per table before "... and N more".
inline constexpr std::size_t kTextTableRows = 15;

[[nodiscard]] std::string render_analyze_text(const AnalyzeDocument& doc, Color color);
[[nodiscard]] std::string render_analyze_markdown(const AnalyzeDocument& doc);
[[nodiscard]] std::string render_analyze_json(const AnalyzeDocument& doc);
// The same JSON, handed to `sink` piece by piece as it is made (never whole in memory).
void write_analyze_json(const AnalyzeDocument& doc,
                        const std::function<void(std::string_view)>& sink);
[[nodiscard]] std::string render_analyze_sarif(const AnalyzeDocument& doc);
[[nodiscard]] std::string render_analyze_junit(const AnalyzeDocument& doc);
[[nodiscard]] std::string render_analyze_github(const AnalyzeDocument& doc);
[[nodiscard]] std::string render_analyze_codequality(const AnalyzeDocument& doc);

// A cascade chain in words: "payments_db down -> payment.charge fails -> gateway.checkout fails".
[[nodiscard]] std::string cascade_chain_text(const std::vector<std::string>& chain);

}  // namespace ripple::cli
