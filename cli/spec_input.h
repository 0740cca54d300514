#pragma once

// Reading and loading the spec (and scenario) a command names, shared by every command that
// takes a SPEC argument, and the one way a command reports what loading found: compiler-style
// diagnostics on io.err, then a summary line when there is no spec to work on.

#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "model/loader.h"

namespace ripple::cli {

struct SpecInput {
  std::string spec_path;      // "-": the standard input
  std::string scenario_path;  // empty when none; "-": the standard input
};

// The name diagnostics give the standard input.
inline constexpr const char* kStdinName = "<stdin>";

// Reads `path` as read_source_file does, or the whole standard input when `path` is "-" (named
// kStdinName, refused past limits.max_bytes).
[[nodiscard]] model::ReadResult read_input_file(const std::string& path,
                                                const model::LoadLimits& limits = {});

// Reads the files and loads them. Returns the loaded result (diagnostics included); a file that
// cannot be read yields one diagnostic and no spec.
[[nodiscard]] model::LoadResult load_input(const SpecInput& input);

// A spec as it is at a git revision: `git show REF:<path of `head_path` in its repository>`.
struct GitInput {
  std::optional<model::LoadResult> loaded;  // empty when git could not show the file
  std::string label;                        // "origin/main:examples/shop.yaml"
  std::string error;                        // one line, when loaded is empty
};
[[nodiscard]] GitInput load_git_input(const std::string& ref, const std::string& head_path);

// Whether diagnostics also go to stdout as GitHub workflow commands (`--format github`).
enum class GithubAnnotations { Off, On };

// Reports a load for a command that needs a valid spec: every diagnostic on io.err (and, with
// annotations On, on io.out as workflow commands) and, when `spec` is empty or a diagnostic is an
// error, the line "<where>: 2 errors, 1 warning". Returns the spec when it can be used.
[[nodiscard]] std::optional<model::Spec> accept_spec(
    std::optional<model::Spec> spec, const model::Diagnostics& diagnostics,
    const std::string& where, Io& io, GithubAnnotations annotations = GithubAnnotations::Off);

// A warning when simulating `spec` as written (its duration, one replication, the default
// budget) would be refused as over budget (sim::check_budget), for validate and analyze: a spec
// that passes them should not be one that simulate refuses.
[[nodiscard]] std::optional<model::Diagnostic> budget_warning(const model::Spec& spec,
                                                              const std::string& file);

// load_input, then accept_spec naming the spec file.
[[nodiscard]] std::optional<model::Spec> load_or_report(const SpecInput& input, Io& io);

}  // namespace ripple::cli
