#pragma once

// Renderers of spec diagnostics: compiler-style text, and JSON for scripts.

#include <string>
#include <vector>

#include "cli/render/terminal.h"
#include "model/diagnostic.h"

namespace ripple::cli {

//   shop.yaml:12:17: error: service `payment` has no operation `charg`
//      12 |         calls: [payment.charg]
//         |                         ^~~~~
//   hint: did you mean `payment.charge`?
[[nodiscard]] std::string render_diagnostic_text(const model::Diagnostic& d, Color color);
[[nodiscard]] std::string render_diagnostics_text(const model::Diagnostics& ds, Color color);

// "2 errors, 1 warning" ("no problems" when empty).
[[nodiscard]] std::string count_summary(const model::Diagnostics& ds);

// One file's outcome, for the JSON form of `validate`.
struct FileOutcome {
  std::string file;
  bool valid = false;
  std::string summary;  // "7 services, 3 brokers, ..." when valid
};

// {"valid": bool, "files": [{"file", "valid", "errors", "warnings"}],
//  "diagnostics": [{"file", "line", "column", "severity", "message", "hint"}]}
[[nodiscard]] std::string render_validation_json(const std::vector<FileOutcome>& files,
                                                 const model::Diagnostics& ds);

// GitHub workflow commands, one per diagnostic:
// `::error file=F,line=L,col=C,endLine=L,endColumn=C2,title=ripple%3A invalid spec::message`
// (endColumn is the last underlined column).
[[nodiscard]] std::string render_diagnostics_github(const model::Diagnostics& ds);

}  // namespace ripple::cli
