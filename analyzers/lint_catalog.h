#pragma once

// The lint rules: stable id, severity, and the texts every report shows (SARIF rule metadata,
// JUnit test cases, docs/lints.md). One entry per id of model::kLintRules, in that order.

#include <string_view>
#include <vector>

#include "analyzers/analysis.h"

namespace ripple::analyzers {

struct LintRule {
  std::string_view id;  // "sync-cycle"
  Severity severity;
  std::string_view title;        // one line: "Synchronous call cycle between services"
  std::string_view description;  // what the rule detects
  std::string_view why;          // why it matters
  std::string_view fix;          // how to fix it
};

// Every rule, in model::kLintRules order.
[[nodiscard]] const std::vector<LintRule>& lint_rules();

// The rule with this id; nullptr when there is none.
[[nodiscard]] const LintRule* find_lint_rule(std::string_view id);

}  // namespace ripple::analyzers
