#include "cli/spec_input.h"

#include <algorithm>
#include <iostream>
#include <ostream>

#include "cli/git_show.h"
#include "cli/json/utf8.h"
#include "cli/render/escape.h"
#include "cli/render/render_diagnostics.h"
#include "simulator/simulate.h"

namespace ripple::cli {

model::ReadResult read_input_file(const std::string& path, const model::LoadLimits& limits) {
  if (path != "-") return model::read_source_file(path, limits);
  model::ReadResult read;
  std::string text;
  char buffer[1 << 16];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > limits.max_bytes) {
      read.error = model::Diagnostic{model::Severity::Error,
                                     kStdinName,
                                     0,
                                     0,
                                     1,
                                     "the standard input is too large: more than " +
                                         std::to_string(limits.max_bytes >> 20) + " MiB",
                                     "a spec is a description, not data",
                                     ""};
      return read;
    }
  }
  read.file = model::SourceFile{kStdinName, std::move(text)};
  return read;
}

model::LoadResult load_input(const SpecInput& input) {
  model::LoadResult result;
  const model::ReadResult spec = read_input_file(input.spec_path);
  if (spec.error) {
    result.diagnostics.push_back(*spec.error);
    return result;
  }
  std::optional<model::SourceFile> scenario;
  if (!input.scenario_path.empty()) {
    model::ReadResult read = read_input_file(input.scenario_path);
    if (read.error) {
      result.diagnostics.push_back(*read.error);
      return result;
    }
    scenario = std::move(read.file);
  }
  result = model::load_spec(*spec.file, scenario);
  for (const std::string* path : {&input.spec_path, &input.scenario_path})
    if (!is_valid_utf8(*path))
      result.diagnostics.push_back(
          {model::Severity::Warning, *path, 0, 0, 1,
           "the file name is not valid UTF-8: text output shows its bad bytes as \\xHH, the "
           "machine formats as U+FFFD",
           "rename the file so that annotations and reports point at it", ""});
  return result;
}

namespace {

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

}  // namespace

// The bases a spec at a revision extends are read at the same revision: the loader joins a base's
// path with the label's directory ("REF:dir/"), which maps back to the head file's directory.
GitInput load_git_input(const std::string& ref, const std::string& head_path) {
  const GitFile shown = git_show_file(ref, head_path);
  if (!shown.text) return {std::nullopt, shown.label, shown.error};
  const std::string label_dir = directory_of(shown.label);
  const std::string head_dir = directory_of(head_path);
  const model::FileReader read_at_ref = [&](const std::string& path) {
    model::ReadResult read;
    const std::string relative =
        path.rfind(label_dir, 0) == 0 ? path.substr(label_dir.size()) : path;
    const GitFile base = git_show_file(ref, path.front() == '/' ? path : head_dir + relative);
    if (!base.text) {
      read.error =
          model::Diagnostic{model::Severity::Error, base.label, 0, 0, 1, base.error, "", ""};
      return read;
    }
    read.file = model::SourceFile{base.label, *base.text};
    return read;
  };
  return {model::load_spec({shown.label, *shown.text}, std::nullopt, {}, read_at_ref), shown.label,
          ""};
}

namespace {

// "<where>: 2 errors\n"; when the diagnostics come from more than one file (a spec and its
// scenario), one such line per file instead, so each file's problems count under its own name.
std::string summary_by_file(const std::string& where, const model::Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const model::Diagnostic& d : diagnostics)
    if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  if (files.size() <= 1) return terminal_path(where) + ": " + count_summary(diagnostics) + "\n";
  if (std::find(files.begin(), files.end(), where) == files.end())
    files.insert(files.begin(), where);
  std::string out;
  for (const std::string& file : files) {
    model::Diagnostics mine;
    for (const model::Diagnostic& d : diagnostics)
      if (d.file == file) mine.push_back(d);
    if (file == where || !mine.empty())
      out += terminal_path(file) + ": " + count_summary(mine) + "\n";
  }
  return out;
}

}  // namespace

std::optional<model::Spec> accept_spec(std::optional<model::Spec> spec,
                                       const model::Diagnostics& diagnostics,
                                       const std::string& where, Io& io,
                                       GithubAnnotations annotations) {
  io.err << render_diagnostics_text(diagnostics, io.err_color);
  if (annotations == GithubAnnotations::On) io.out << render_diagnostics_github(diagnostics);
  if (!spec || model::has_errors(diagnostics)) {
    io.err << summary_by_file(where, diagnostics);
    return std::nullopt;
  }
  return spec;
}

std::optional<model::Diagnostic> budget_warning(const model::Spec& spec, const std::string& file) {
  const std::optional<std::string> problem = sim::check_budget(spec, sim::SimulationOptions{});
  if (!problem) return std::nullopt;
  return model::Diagnostic{model::Severity::Warning,
                           file,
                           0,
                           0,
                           1,
                           "simulating this spec as written would be refused: " + *problem,
                           "see \"Work budget\" in docs/simulator.md",
                           ""};
}

std::optional<model::Spec> load_or_report(const SpecInput& input, Io& io) {
  model::LoadResult result = load_input(input);
  const std::string where = input.spec_path == "-" ? kStdinName : input.spec_path;
  return accept_spec(std::move(result.spec), result.diagnostics, where, io);
}

}  // namespace ripple::cli
