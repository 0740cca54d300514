#pragma once

// What a command writes on stdout in its machine format when its input is invalid (exit 2), so
// that a CI step reading that format always gets one valid document: the spec's diagnostics as
//   json         {"ripple_version", "schema_version", "command", "valid": false, "errors",
//                 "warnings", "diagnostics": [{"file", "line", "column", "severity", "message",
//                 "hint"}]}
//   sarif        a run whose results are the located diagnostics (rule `invalid-spec` or
//                `spec-warning`) and whose invocation has exit code 2 and, for problems with a
//                whole file (line 0: unreadable, not YAML, too large), tool execution
//                notifications
//   junit        one failed test case per error (classname ripple.spec), location in the text
//   codequality  one issue per diagnostic
// (`github` is render_diagnostics_github.)

#include <string>
#include <string_view>

#include "cli/render/sarif_context.h"
#include "model/diagnostic.h"

namespace ripple::cli {

[[nodiscard]] std::string render_failure_json(std::string_view command,
                                              const model::Diagnostics& ds);
// context.exit_code is the invocation's (2).
[[nodiscard]] std::string render_failure_sarif(const SarifContext& context,
                                               std::string_view spec_path,
                                               const model::Diagnostics& ds);
[[nodiscard]] std::string render_failure_junit(std::string_view command, std::string_view spec_path,
                                               const model::Diagnostics& ds);
[[nodiscard]] std::string render_failure_codequality(const SarifContext& context,
                                                     const model::Diagnostics& ds);

}  // namespace ripple::cli
