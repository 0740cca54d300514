#pragma once

// Where a SARIF document is written from, as the shell found it: the renderers of analyze, gate,
// diff and of invalid input take it to make artifact URIs relative to %SRCROOT% and to record the
// invocation. Plain data, no JSON.

#include <string>

namespace ripple::cli {

struct SarifContext {
  std::string command;      // "analyze", "gate", "diff", "validate": automationDetails.id
  std::string source_root;  // absolute directory ending in '/', the value of %SRCROOT%; empty:
                            // file names stay as given (relative) and no uriBaseId is written
  std::string working_dir;  // absolute directory ending in '/', where relative file names start
  int exit_code = 0;        // of this invocation
};

}  // namespace ripple::cli
