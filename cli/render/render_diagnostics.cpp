#include "cli/render/render_diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/escape.h"
#include "cli/render/lists.h"
#include "cli/render/terminal.h"

namespace ripple::cli {
namespace {

int count(const model::Diagnostics& ds, model::Severity severity) {
  return static_cast<int>(std::count_if(
      ds.begin(), ds.end(), [&](const model::Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace

// Every text of a diagnostic may hold bytes of the spec or its file name, so each goes through
// terminal_text: one diagnostic never prints more lines than these, nor a control character.
std::string render_diagnostic_text(const model::Diagnostic& d, Color color) {
  const Style style(color);
  std::string location = terminal_path(d.file);
  if (d.line > 0) location += fmt::format(":{}:{}", d.line, d.column);
  const bool is_error = d.severity == model::Severity::Error;
  std::string out = style.bold(location + ":") + " " +
                    (is_error ? style.error("error:") : style.warning("warning:")) + " " +
                    terminal_text(d.message) + "\n";
  if (d.line > 0 && !d.source_line.empty()) {
    const std::string number = std::to_string(d.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", number, terminal_source_line(d.source_line));
    // The caret goes under the shown text: the escaped prefix, tabs kept so it lines up.
    const auto prefix_length = static_cast<std::size_t>(std::max(d.column - 1, 0));
    std::string pad = terminal_source_line(
        std::string_view(d.source_line).substr(0, std::min(prefix_length, d.source_line.size())));
    for (char& c : pad)
      if (c != '\t') c = ' ';
    const std::string marker = "^" + std::string(std::max(d.length, 1) - 1, '~');
    out += fmt::format(" {} | {}{}\n", gutter, pad, style.good(marker));
  }
  if (!d.hint.empty()) out += style.info("hint:") + " " + terminal_text(d.hint) + "\n";
  return out;
}

std::string render_diagnostics_text(const model::Diagnostics& ds, Color color) {
  std::string out;
  for (const model::Diagnostic& d : ds) out += render_diagnostic_text(d, color);
  return out;
}

std::string count_summary(const model::Diagnostics& ds) {
  const int errors = count(ds, model::Severity::Error);
  const int warnings = count(ds, model::Severity::Warning);
  if (errors == 0 && warnings == 0) return "no problems";
  if (warnings == 0) return counted(errors, "error");
  if (errors == 0) return counted(warnings, "warning");
  return counted(errors, "error") + ", " + counted(warnings, "warning");
}

std::string render_validation_json(const std::vector<FileOutcome>& files,
                                   const model::Diagnostics& ds) {
  Json file_list = Json::array();
  for (const FileOutcome& f : files) {
    model::Diagnostics mine;
    std::copy_if(ds.begin(), ds.end(), std::back_inserter(mine),
                 [&](const model::Diagnostic& d) { return d.file == f.file; });
    file_list.push_back({{"file", f.file},
                         {"valid", f.valid},
                         {"errors", count(mine, model::Severity::Error)},
                         {"warnings", count(mine, model::Severity::Warning)}});
  }
  Json diagnostics = Json::array();
  for (const model::Diagnostic& d : ds)
    diagnostics.push_back({{"file", d.file},
                           {"line", d.line},
                           {"column", d.column},
                           {"severity", model::to_string(d.severity)},
                           {"message", d.message},
                           {"hint", d.hint}});
  const bool valid =
      std::all_of(files.begin(), files.end(), [](const FileOutcome& f) { return f.valid; });
  return json_text(versioned({{"valid", valid},
                              {"files", std::move(file_list)},
                              {"diagnostics", std::move(diagnostics)}}));
}

std::string render_diagnostics_github(const model::Diagnostics& ds) {
  std::string out;
  for (const model::Diagnostic& d : ds) {
    out += d.severity == model::Severity::Error ? "::error " : "::warning ";
    out += "file=" + github_property(d.file);
    if (d.line > 0)
      out += fmt::format(",line={},col={},endLine={},endColumn={}", d.line, d.column, d.line,
                         d.column + std::max(d.length, 1) - 1);
    out += d.severity == model::Severity::Error ? ",title=ripple%3A invalid spec"
                                                : ",title=ripple%3A spec warning";
    out += "::" + github_data(d.hint.empty() ? d.message : d.message + " (" + d.hint + ")") + "\n";
  }
  return out;
}

}  // namespace ripple::cli
