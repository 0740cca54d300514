// ripple analyze SPEC [--scenario FILE] [--strict] [--full] [--source-root DIR]
//                    [--format text|json|markdown|sarif|junit|github|codequality]
// Runs every graph analyzer (coupling, amplification, cascades, thin/fat, lints) without
// simulation. Cascades keep exact counts and the first entries of each list; --full has the JSON
// list every entry, each cascade expanded while it is written. Exit 0; 1 with --strict when a
// finding of severity error remains after suppressions; 2 when the spec is invalid (validate's
// diagnostics on stderr, and in a machine format the failure document on stdout).

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>

#include "analyzers/analysis.h"
#include "analyzers/cascade_explorer.h"
#include "cli/ci_output.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/render/render_analyze.h"
#include "cli/render/render_diagnostics.h"
#include "cli/review/rankings.h"
#include "cli/spec_input.h"

namespace ripple::cli {
namespace {

struct AnalyzeOptions {
  std::string spec;
  std::string scenario;
  std::string format = "text";
  bool strict = false;
  std::string source_root;
  bool full = false;
  std::string output;  // -o FILE; empty: stdout
};

std::string render(const AnalyzeOptions& options, const AnalyzeDocument& doc, const Io& io) {
  if (options.format == "markdown") return render_analyze_markdown(doc);
  if (options.format == "sarif") return render_analyze_sarif(doc);
  if (options.format == "junit") return render_analyze_junit(doc);
  if (options.format == "github") return render_analyze_github(doc);
  if (options.format == "codequality") return render_analyze_codequality(doc);
  return render_analyze_text(doc, io.out_color);
}

int run_analyze(const AnalyzeOptions& options, Io& io) {
  const CiOutput output{"analyze", options.format, options.spec, options.source_root};
  const model::LoadResult loaded = load_input({options.spec, options.scenario});
  const std::optional<model::Spec> spec =
      accept_spec(loaded.spec, loaded.diagnostics, options.spec, io);
  if (!spec) return fail_with_document(output, loaded.diagnostics, io);
  if (const auto warning = budget_warning(*spec, options.spec))
    io.err << render_diagnostic_text(*warning, io.err_color);
  const analyzers::Analysis analysis = analyzers::analyze(*spec);
  const AnalysisRanking ranking = rank_analysis(analysis);
  const bool errors = count_findings(analysis.findings, analyzers::Severity::Error) > 0;
  const int exit_code = options.strict && errors ? kExitCheckFailed : kExitOk;
  const bool rooted = options.format == "sarif" || options.format == "codequality";
  const SarifContext context = rooted ? sarif_context(output, exit_code) : SarifContext{};
  AnalyzeDocument doc{*spec, analysis, ranking, options.spec, context};
  if (options.format == "json") {
    std::optional<analyzers::CascadeExplorer> explorer;
    if (options.full) {
      explorer.emplace(*spec);
      doc.full_cascade = [&explorer](const analyzers::Cascade& c) {
        return explorer->expand(c.kind, c.component_id);
      };
    }
    write_analyze_json(doc, [&io](std::string_view text) { io.out << text; });
  } else {
    io.out << render(options, doc, io);
  }
  return exit_code;
}

}  // namespace

void add_analyze_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* sub = app.add_subcommand(
      "analyze",
      "Coupling, amplification, cascades, thin/fat events and lints, without simulation");
  add_spec_argument(*sub, options->spec);
  add_scenario_option(*sub, options->scenario);
  add_format_option(*sub, options->format,
                    {"text", "json", "markdown", "sarif", "junit", "github", "codequality"});
  add_source_root_option(*sub, options->source_root);
  sub->add_flag("--strict", options->strict, "Exit 1 when a finding of severity error remains");
  sub->add_flag("--full", options->full,
                "JSON: list every entry of each cascade's lists (by default the first 10 and the "
                "counts)");
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<AnalyzeOptions>(run_analyze));
}

}  // namespace ripple::cli
