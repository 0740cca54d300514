#include "cli/ci_output.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "cli/git_show.h"
#include "cli/render/render_diagnostics.h"
#include "cli/render/render_failure.h"

namespace ripple::cli {
namespace {

std::string as_directory(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().generic_string();
  if (text.empty() || text.back() != '/') text += '/';
  return text;
}

// The git working tree's top level holding `dir`, or empty when there is none (or no git).
std::string git_top_level(const std::filesystem::path& dir) {
  const ProcessResult top =
      run_process({"git", "-C", dir.string(), "rev-parse", "--show-toplevel"});
  if (top.exit_code != 0) return "";
  std::string text = top.out;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

SarifContext sarif_context(const CiOutput& output, int exit_code) {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  SarifContext context{output.command, "", ec ? "" : as_directory(cwd), exit_code};
  if (!output.source_root.empty()) {
    context.source_root = as_directory(std::filesystem::absolute(output.source_root, ec));
  } else if (!ec) {
    const std::string top = git_top_level(cwd);
    context.source_root = top.empty() ? context.working_dir : as_directory(top);
  }
  return context;
}

int fail_with_document(const CiOutput& output, const model::Diagnostics& diagnostics, Io& io) {
  const std::string& format = output.format;
  if (format == "json")
    io.out << render_failure_json(output.command, diagnostics);
  else if (format == "sarif")
    io.out << render_failure_sarif(sarif_context(output, kExitBadInput), output.spec_path,
                                   diagnostics);
  else if (format == "junit")
    io.out << render_failure_junit(output.command, output.spec_path, diagnostics);
  else if (format == "codequality")
    io.out << render_failure_codequality(sarif_context(output, kExitBadInput), diagnostics);
  else if (format == "github")
    io.out << render_diagnostics_github(diagnostics);
  return kExitBadInput;
}

model::Diagnostic file_problem(std::string file, std::string message) {
  model::Diagnostic d;
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

int fail_with_message(const CiOutput& output, const std::string& file, const std::string& message,
                      Io& io) {
  usage_error(io, message);
  return fail_with_document(output, {file_problem(file, message)}, io);
}

void add_source_root_option(CLI::App& command, std::string& dir) {
  command.add_option("--source-root", dir,
                     "Directory SARIF and Code Quality paths are relative to (%SRCROOT%; default: "
                     "the git top level, else the current directory)");
}

}  // namespace ripple::cli
