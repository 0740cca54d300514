#include "cli/spec_input.h"

#include <ostream>

#include "cli/git_show.h"
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

GitInput load_git_input(const std::string& ref, const std::string& head_path) {
  const GitFile shown = git_show_file(ref, head_path);
  if (!shown.text) return {std::nullopt, shown.label, shown.error};
  return {model::load_spec({shown.label, *shown.text}), shown.label, ""};
}

std::optional<model::Spec> accept_spec(std::optional<model::Spec> spec,
                                       const model::Diagnostics& diagnostics,
                                       const std::string& where, Io& io,
                                       GithubAnnotations annotations) {
  io.err << render_diagnostics_text(diagnostics, io.err_color);
  if (annotations == GithubAnnotations::On) io.out << render_diagnostics_github(diagnostics);
  if (!spec || model::has_errors(diagnostics)) {
    io.err << where << ": " << count_summary(diagnostics) << "\n";
    return std::nullopt;
  }
  return spec;
}

std::optional<model::Spec> load_or_report(const SpecInput& input, Io& io) {
  model::LoadResult result = load_input(input);
  return accept_spec(std::move(result.spec), result.diagnostics, input.spec_path, io);
}

}  // namespace ripple::cli
