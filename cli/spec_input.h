#pragma once

// Reading and loading the spec (and scenario) a command names, shared by every command that
// takes a SPEC argument. Problems are written to io.err as compiler-style diagnostics.

#include <optional>
#include <string>

#include "cli/app.h"
#include "model/loader.h"

namespace ripple::cli {

struct SpecInput {
  std::string spec_path;
  std::string scenario_path;  // empty when none
};

// Reads the files and loads them. Returns the loaded result (diagnostics included); a file that
// cannot be read yields one diagnostic and no spec.
[[nodiscard]] model::LoadResult load_input(const SpecInput& input);

// Loads the input for a command that needs a valid spec: on problems, writes the diagnostics to
// io.err and returns nullopt (the caller exits with kExitBadInput). Warnings are written too.
[[nodiscard]] std::optional<model::Spec> load_or_report(const SpecInput& input, Io& io);

}  // namespace ripple::cli
