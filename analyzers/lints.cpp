#include "analyzers/lints.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "analyzers/lint_catalog.h"

namespace ripple::analyzers::detail {

Finding make_finding(const model::Spec& spec, std::string_view rule, const model::SourceLoc& loc,
                     std::string element, std::string message) {
  const LintRule* entry = find_lint_rule(rule);
  Finding finding;
  finding.rule = std::string(rule);
  finding.severity = entry ? entry->severity : Severity::Warning;
  finding.element = std::move(element);
  if (loc.file >= 0 && static_cast<std::size_t>(loc.file) < spec.files.size())
    finding.file = spec.files[loc.file];
  finding.line = loc.line;
  finding.column = loc.column;
  finding.message = std::move(message);
  if (entry) {
    finding.why = std::string(entry->why);
    finding.fix = std::string(entry->fix);
  }
  return finding;
}

std::string duration_text(model::Duration d) { return model::format_duration(d); }

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

void finish_findings(const model::Spec& spec, Analysis& analysis) {
  std::vector<Finding> kept;
  std::vector<char> used(spec.suppressions.size(), 0);
  for (Finding& finding : analysis.findings) {
    const auto match = std::find_if(spec.suppressions.begin(), spec.suppressions.end(),
                                    [&](const model::Suppression& s) {
                                      return s.rule == finding.rule && s.element == finding.element;
                                    });
    if (match == spec.suppressions.end()) {
      kept.push_back(std::move(finding));
      continue;
    }
    used[match - spec.suppressions.begin()] = 1;
    analysis.suppressed.push_back({std::move(finding), match->reason});
  }
  const auto key = [](const Finding& f) {
    return std::tie(f.severity, f.file, f.line, f.column, f.rule, f.message, f.element);
  };
  std::sort(kept.begin(), kept.end(),
            [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  std::sort(analysis.suppressed.begin(), analysis.suppressed.end(),
            [&](const SuppressedFinding& a, const SuppressedFinding& b) {
              return key(a.finding) < key(b.finding);
            });
  analysis.findings = std::move(kept);
  for (std::size_t i = 0; i < used.size(); ++i)
    if (!used[i]) analysis.unused_suppressions.push_back(static_cast<int>(i));
}

}  // namespace ripple::analyzers::detail
