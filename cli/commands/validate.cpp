// ripple validate SPEC... [--scenario FILE] [--format text|json|github]
// Parses and checks specs; reports every problem with file:line:col and a hint.
// Exit 0 when every spec is valid (warnings allowed), 2 otherwise.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iterator>
#include <memory>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/render/escape.h"
#include "cli/render/render_diagnostics.h"
#include "cli/render/terminal.h"
#include "cli/spec_input.h"

namespace ripple::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> specs;
  std::string scenario;
  std::string format = "text";
  std::string output;  // -o FILE; empty: stdout
};

std::string describe(const model::Spec& spec) {
  const auto n = [](std::size_t count, const char* word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
  };
  return fmt::format("{}, {}, {}, {}, {}, {}", n(spec.services.size(), "service"),
                     n(spec.operations.size(), "operation"), n(spec.events.size(), "event"),
                     n(spec.consumers.size(), "consumer"), n(spec.brokers.size(), "broker"),
                     n(spec.stores.size(), "store"));
}

int run_validate(const ValidateOptions& options, Io& io) {
  model::Diagnostics all;
  std::vector<FileOutcome> outcomes;
  const Style style(io.out_color);
  std::string text;
  for (const std::string& path : options.specs) {
    model::LoadResult result = load_input({path, options.scenario});
    if (result.spec)
      if (auto warning = budget_warning(*result.spec, path))
        result.diagnostics.push_back(std::move(*warning));
    text += render_diagnostics_text(result.diagnostics, io.out_color);
    // The spec and its scenario each get their own line and count: a scenario's errors are
    // its own, not the spec's. Problems in the files the spec names (the bases it extends, a
    // trace's CSV) count under the spec.
    std::vector<std::string> files{path};
    if (!options.scenario.empty()) files.push_back(options.scenario);
    for (const std::string& file : files) {
      model::Diagnostics mine;
      std::copy_if(result.diagnostics.begin(), result.diagnostics.end(), std::back_inserter(mine),
                   [&](const model::Diagnostic& d) {
                     return d.file == file || (file == path && d.file != options.scenario);
                   });
      const bool valid = result.spec.has_value() && !model::has_errors(mine);
      FileOutcome outcome{file, valid, valid && file == path ? describe(*result.spec) : ""};
      const std::string shown = style.bold(terminal_path(file) + ":");
      if (!valid)
        text += fmt::format("{} {}\n", shown, style.error(count_summary(mine)));
      else if (file == path)
        text += fmt::format("{} {}{} ({})\n", shown, style.good("valid"),
                            mine.empty() ? "" : " with " + count_summary(mine), outcome.summary);
      else
        text += fmt::format("{} {}{}\n", shown, style.good("valid"),
                            mine.empty() ? "" : " with " + count_summary(mine));
      outcomes.push_back(std::move(outcome));
    }
    all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
  }
  if (options.format == "json")
    io.out << render_validation_json(outcomes, all);
  else if (options.format == "github")
    io.out << render_diagnostics_github(all);
  else
    io.out << text;
  const bool valid =
      std::all_of(outcomes.begin(), outcomes.end(), [](const FileOutcome& f) { return f.valid; });
  return valid ? kExitOk : kExitBadInput;
}

}  // namespace

void add_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* sub =
      app.add_subcommand("validate", "Parse and check specs; report every problem with a fix hint");
  sub->add_option("SPEC", options->specs, "Spec files (YAML)")->required();
  add_scenario_option(*sub, options->scenario);
  add_format_option(*sub, options->format, {"text", "json", "github"});
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<ValidateOptions>(run_validate));
}

}  // namespace ripple::cli
