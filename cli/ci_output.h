#pragma once

// What the commands share for their machine formats: the SARIF context (source root and working
// directory, from --source-root or git), and the one valid document a machine format still gets
// when the input is invalid (exit 2): `ripple analyze --format sarif bad.yaml` writes a SARIF run
// whose results are the spec's diagnostics, never 0 bytes.

#include <string>

#include "cli/app.h"
#include "cli/render/sarif_context.h"
#include "model/diagnostic.h"

namespace ripple::cli {

// A command's machine format, and what its documents name.
struct CiOutput {
  std::string command;      // "analyze", "gate", "diff", "simulate"
  std::string format;       // --format: "json", "sarif", "junit", "github", "codequality", ...
  std::string spec_path;    // the SPEC argument (HEAD for diff)
  std::string source_root;  // --source-root, empty when not given
};

// The SARIF context of `output`: %SRCROOT% is --source-root (made absolute), else the top level
// of the git working tree holding the current directory, else the current directory.
[[nodiscard]] SarifContext sarif_context(const CiOutput& output, int exit_code);

// Writes the failure document of output.format for `diagnostics` on io.out (nothing for text
// and markdown, whose diagnostics are on stderr already) and returns kExitBadInput.
int fail_with_document(const CiOutput& output, const model::Diagnostics& diagnostics, Io& io);

// A problem with a whole file or with the command line, as a diagnostic of `file` (line 0).
[[nodiscard]] model::Diagnostic file_problem(std::string file, std::string message);

// usage_error(io, message) on stderr, then fail_with_document with file_problem(file, message).
int fail_with_message(const CiOutput& output, const std::string& file, const std::string& message,
                      Io& io);

// `--source-root DIR` for the commands that write SARIF or Code Quality.
void add_source_root_option(CLI::App& command, std::string& dir);

}  // namespace ripple::cli
