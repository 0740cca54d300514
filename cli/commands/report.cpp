// ripple report SPEC -o DIR [--scenario FILE] [--seed N] [--replications N] [--threads N]
//                    [--no-simulate] [--date TEXT] [--sweep SWEEP.json]
// Writes a design-review report: DIR/report.html (self-contained: inline CSS and SVG, no request
// leaves the page) and DIR/report.md (GitHub Markdown with a Mermaid diagram). Same spec and seed
// give byte-identical files: no clock is read; --date adds a date line when wanted.
// Exit 0; 2 on bad input or when DIR is not a directory; 3 when a file cannot be written.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <utility>

#include "analyzers/analysis.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/render/escape.h"
#include "cli/render/render_report_html.h"
#include "cli/render/render_report_markdown.h"
#include "cli/render/report_model.h"
#include "cli/review/design_review.h"
#include "cli/review/replicated.h"
#include "cli/review/sweep_json.h"
#include "cli/spec_input.h"
#include "simulator/simulate.h"

namespace ripple::cli {
namespace {

struct ReportOptions {
  std::string spec;
  std::string scenario;
  std::string out_dir;
  SimulationFlags simulation;
  bool no_simulate = false;
  std::string date;
  std::string sweep;  // --sweep FILE: a sweep's JSON to draw
};

// Makes sure `dir` exists as a directory; the problem as text otherwise.
std::optional<std::string> prepare_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    return "-o `" + dir.string() + "` exists and is not a directory";
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create `" + dir.string() + "`: " + ec.message();
  return std::nullopt;
}

int run_report(const ReportOptions& given, Io& io) {
  const std::optional<model::Spec> spec = load_or_report({given.spec, given.scenario}, io);
  if (!spec) return kExitBadInput;
  const analyzers::Analysis analysis = analyzers::analyze(*spec);
  std::optional<ReplicatedSimulation> simulation;
  if (!given.no_simulate) {
    sim::SimulationOptions options = simulation_options(given.simulation);
    if (const auto problem = sim::check_options(*spec, options)) return usage_error(io, *problem);
    const std::unique_ptr<ProgressBar> progress = attach_progress_bar(options, io, "simulating");
    simulation = simulate_replicated(*spec, options);
    if (simulation->merged.over_budget) return usage_error(io, stopped_over_budget(options.budget));
  }
  const sim::SimulationResult* simulated = simulation ? &simulation->merged : nullptr;
  const DesignReview review = review_design(*spec, analysis, simulation ? &*simulation : nullptr);
  std::optional<SweepDocument> sweep;
  if (!given.sweep.empty()) {
    const model::ReadResult read = read_input_file(given.sweep);
    if (read.error)
      return usage_error(io, "--sweep " + terminal_path(given.sweep) + ": " + read.error->message);
    SweepParse parsed = parse_sweep_json(read.file->text);
    if (!parsed.doc)
      return usage_error(
          io, "--sweep " + terminal_path(given.sweep) + ": " + terminal_text(parsed.error));
    if (parsed.doc->shards > 0)
      return usage_error(io, "--sweep " + terminal_path(given.sweep) +
                                 " is one shard of a sweep: `ripple merge` the shards first");
    if (parsed.doc->result.spec_name != spec->name)
      return usage_error(io, "--sweep " + terminal_path(given.sweep) + " is a sweep of `" +
                                 terminal_text(parsed.doc->result.spec_name) + "`, not of `" +
                                 terminal_text(spec->name) + "`");
    sweep = std::move(parsed.doc);
  }
  const Report report =
      build_report({*spec, analysis, simulated, review, given.date, sweep ? &*sweep : nullptr});
  const std::filesystem::path dir(given.out_dir);
  if (const auto problem = prepare_dir(dir)) return usage_error(io, *problem);
  const std::filesystem::path html = dir / "report.html", markdown = dir / "report.md";
  // A report that could not be written must not pass a CI job: exit 3, as any write error.
  for (const auto& [path, text] : {std::pair{html, render_report_html(report)},
                                   std::pair{markdown, render_report_markdown(report)}}) {
    const std::optional<std::string> problem = replace_file(path.string(), text);
    if (!problem) continue;
    usage_error(io, "cannot write `" + path.string() + "`: " + *problem);
    return kExitInternal;
  }
  io.err << "wrote " << html.string() << " and " << markdown.string() << "\n";
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report", "Design-review report: self-contained HTML (diagram, charts, tables) and Markdown");
  add_spec_argument(*sub, options->spec);
  sub->add_option("-o,--output", options->out_dir, "Directory to write report.html and report.md")
      ->required();
  add_scenario_option(*sub, options->scenario);
  add_seed_option(*sub, options->simulation.seed,
                  "Simulation seed (default: the spec's workload.seed)");
  options->simulation.replications = kCheckReplications;
  add_replication_options(*sub, options->simulation,
                          "Independent simulation replications (gates and figures with 95% "
                          "intervals)");
  sub->add_flag("--no-simulate", options->no_simulate,
                "Skip the simulation: no charts and no simulated tables");
  sub->add_option("--date", options->date,
                  "Text shown as the report's date (none by default, so reruns are identical)");
  sub->add_option("--sweep", options->sweep,
                  "A `ripple sweep --format json` result (or a merge of its shards) to chart");
  run_when_chosen(*sub, action, options, run_report);
}

}  // namespace ripple::cli
