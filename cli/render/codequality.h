#pragma once

// GitLab Code Quality reports (`--format codequality` of analyze and gate): a JSON array of
// issues, each {"description", "check_name", "fingerprint", "severity", "location": {"path",
// "lines": {"begin"}}}, which GitLab shows in the merge request's widget and diff.
// A foreign format: it carries no ripple_version (the array has no place for it).

#include <string>
#include <vector>

#include "cli/render/sarif_context.h"

namespace ripple::cli {

struct CodeQualityIssue {
  std::string check_name;   // the lint rule, "gate", "invalid-spec"
  std::string description;  // one line
  std::string severity;     // info | minor | major | critical | blocker
  std::string file;         // as ripple names it; written relative to the source root
  int line = 0;             // 1-based; 0 becomes 1
  std::string identity;     // what makes the issue itself (rule and element, the expression):
                            // the fingerprint hashes it with check_name and the path, not the line
};

// The report; `context` gives the source root that paths are relative to.
[[nodiscard]] std::string render_codequality(const SarifContext& context,
                                             const std::vector<CodeQualityIssue>& issues);

}  // namespace ripple::cli
