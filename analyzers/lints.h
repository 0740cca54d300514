#pragma once

// Internal: the lint rules (docs/lints.md). Each check appends findings; suppression and the
// final order are applied once by finish_findings().

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/dependency_graph.h"
#include "analyzers/flow.h"
#include "analyzers/flow_metrics.h"

namespace ripple::analyzers::detail {

// Per-event consumer writes above this rate (per second) without batching are flagged.
inline constexpr double kUnbatchedWriteRate = 100;
// hot-partition: the hottest partition's expected share over an even share (1 / partitions).
inline constexpr double kHotPartitionFactor = 2;

struct LintContext {
  const model::Spec& spec;
  const FlowGraph& flow;
  const FlowMetrics& metrics;
  const DependencyGraph& graph;
  const Coupling& coupling;
  std::vector<std::vector<model::ServiceId>> publishers;  // by event
};

// A finding of `rule` (severity, why and fix from the catalogue) at `loc`.
[[nodiscard]] Finding make_finding(const model::Spec& spec, std::string_view rule,
                                   const model::SourceLoc& loc, std::string element,
                                   std::string message);

// Human text for a duration: "800ms", "1.5s".
[[nodiscard]] std::string duration_text(model::Duration d);
// Human text for a number, at most 6 significant digits: "250", "1.5".
[[nodiscard]] std::string number_text(double value);

void lint_sync(const LintContext& context, std::vector<Finding>& findings);
void lint_async(const LintContext& context, std::vector<Finding>& findings);

// Removes suppressed findings (rule and element match a suppress: entry) into
// analysis.suppressed, lists the entries that matched nothing, then sorts what remains by
// severity, file, line, column, rule, message.
void finish_findings(const model::Spec& spec, Analysis& analysis);

}  // namespace ripple::analyzers::detail
