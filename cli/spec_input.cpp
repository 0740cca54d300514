#include "cli/spec_input.h"

#include <ostream>

#include "cli/render/render_diagnostics.h"

namespace ripple::cli {

model::LoadResult load_input(const SpecInput& input) {
  model::LoadResult result;
  const model::ReadResult spec = model::read_source_file(input.spec_path);
  if (spec.error) {
    result.diagnostics.push_back(*spec.error);
    return result;
  }
  std::optional<model::SourceFile> scenario;
  if (!input.scenario_path.empty()) {
    model::ReadResult read = model::read_source_file(input.scenario_path);
    if (read.error) {
      result.diagnostics.push_back(*read.error);
      return result;
    }
    scenario = std::move(read.file);
  }
  return model::load_spec(*spec.file, scenario);
}

std::optional<model::Spec> load_or_report(const SpecInput& input, Io& io) {
  model::LoadResult result = load_input(input);
  io.err << render_diagnostics_text(result.diagnostics, io.err_color);
  if (!result.spec) {
    io.err << input.spec_path << ": " << count_summary(result.diagnostics) << "\n";
    return std::nullopt;
  }
  return std::move(result.spec);
}

}  // namespace ripple::cli
