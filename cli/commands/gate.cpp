// ripple gate SPEC [--scenario FILE] [--gates FILE]... [--baseline FILE] [--write-baseline FILE]
//                  [--seed N] [--replications N] [--threads N] [--marginal fail|pass]
//                  [--source-root DIR] [--format text|json|junit|sarif|github|codequality]
//                  [--per-replication]
// Evaluates the spec's gates (and those of --gates files) over the analysis and, when a gate
// needs it, a simulation of 5 replications by default: a simulated gate passes, fails or is
// marginal by its 95% interval (cli/review/gate_eval.h). Exit 0 when every gate passes, 1 when one
// fails, 2 on bad input (the spec, a gates file or the baseline; a machine format still gets one
// document, made of the diagnostics), 3 on an internal error or when an output cannot be written.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <ostream>

#include "analyzers/analysis.h"
#include "cli/ci_output.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/render/render_gate.h"
#include "cli/render/terminal.h"
#include "cli/review/gate_baseline.h"
#include "cli/review/gate_eval.h"
#include "cli/review/replicated.h"
#include "cli/spec_input.h"
#include "simulator/simulate.h"

namespace ripple::cli {
namespace {

struct GateOptions {
  std::string spec;
  std::string scenario;
  std::vector<std::string> gates_files;
  std::string baseline;
  std::string write_baseline;
  SimulationFlags simulation;
  std::string format = "text";
  std::string source_root;
  std::string output;             // -o FILE; empty: stdout
  std::string marginal = "fail";  // how a marginal verdict counts
  bool per_replication = false;   // JSON: each replication's value
};

// The spec with the gates of every --gates file added; nullopt after reporting problems (their
// diagnostics in `ds`).
std::optional<model::Spec> load_with_gates(const GateOptions& options, model::Diagnostics& ds,
                                           Io& io) {
  model::LoadResult loaded = load_input({options.spec, options.scenario});
  ds = loaded.diagnostics;
  if (loaded.spec) {
    for (const std::string& path : options.gates_files) {
      const model::ReadResult read = model::read_source_file(path);
      if (read.error) {
        ds.push_back(*read.error);
        continue;
      }
      const model::Diagnostics added = model::add_gates_file(*loaded.spec, *read.file);
      ds.insert(ds.end(), added.begin(), added.end());
    }
  }
  // Name the file that holds the errors: the spec, or the gates file(s) when the spec loaded.
  std::string where = options.spec;
  if (loaded.spec) {
    const auto error = std::find_if(ds.begin(), ds.end(), [](const model::Diagnostic& d) {
      return d.severity == model::Severity::Error;
    });
    if (error != ds.end()) where = error->file;
  }
  // With --format github the diagnostics also annotate the pull request.
  return accept_spec(std::move(loaded.spec), ds, where, io,
                     options.format == "github" ? GithubAnnotations::On : GithubAnnotations::Off);
}

// The baseline, or nullopt with `problem` set ("baseline FILE: why").
std::optional<Baseline> read_baseline(const std::string& path, std::string& problem) {
  const model::ReadResult read = model::read_source_file(path);
  if (read.error) {
    problem = "baseline " + read.error->file + ": " + read.error->message;
    return std::nullopt;
  }
  BaselineParse parsed = parse_baseline(read.file->text);
  if (!parsed.baseline) problem = "baseline " + path + ": " + parsed.error;
  return std::move(parsed.baseline);
}

std::string render(const GateOptions& options, const GateDocument& doc, const Io& io) {
  if (options.format == "json")
    return render_gate_json(
        doc, options.per_replication ? PerReplication::Shown : PerReplication::Hidden);
  if (options.format == "junit") return render_gate_junit(doc);
  if (options.format == "sarif") return render_gate_sarif(doc);
  if (options.format == "github") return render_gate_github(doc);
  if (options.format == "codequality") return render_gate_codequality(doc);
  return render_gate_text(doc, io.out_color);
}

struct Simulated {
  std::optional<ReplicatedSimulation> result;
  double wall_seconds = 0;
};

// Runs the simulator when some gate needs it. Returns the problem with the options, if any.
std::optional<std::string> simulate_if_needed(const model::Spec& spec, const GateOptions& options,
                                              Simulated& out, Io& io) {
  if (!needs_simulation(spec.gates)) return std::nullopt;
  sim::SimulationOptions sim_options = simulation_options(options.simulation);
  if (auto problem = sim::check_options(spec, sim_options)) return problem;
  const auto started = std::chrono::steady_clock::now();
  const std::unique_ptr<ProgressBar> progress = attach_progress_bar(sim_options, io, "simulating");
  out.result = simulate_replicated(spec, sim_options);
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (out.result->merged.over_budget) return stopped_over_budget(sim_options.budget);
  return std::nullopt;
}

bool write_baseline(const std::string& path, const Baseline& baseline, Io& io) {
  if (const auto problem = replace_file(path, render_baseline_json(baseline))) {
    usage_error(io, "cannot write the baseline to `" + path + "`: " + *problem);
    return false;
  }
  return true;
}

int run_gate(const GateOptions& options, Io& io) {
  CiOutput output{"gate", options.format, options.spec, options.source_root};
  model::Diagnostics diagnostics;
  const std::optional<model::Spec> spec = load_with_gates(options, diagnostics, io);
  if (!spec) {
    if (options.format == "github") return kExitBadInput;  // annotated already
    return fail_with_document(output, diagnostics, io);
  }
  std::optional<Baseline> baseline;
  std::string problem;
  if (!options.baseline.empty() && !(baseline = read_baseline(options.baseline, problem)))
    return fail_with_message(output, options.baseline, problem, io);

  const analyzers::Analysis analysis = analyzers::analyze(*spec);
  Simulated simulated;
  if (const auto invalid = simulate_if_needed(*spec, options, simulated, io))
    return fail_with_message(output, options.spec, *invalid, io);
  const MarginalPolicy marginal =
      options.marginal == "pass" ? MarginalPolicy::Pass : MarginalPolicy::Fail;
  GateReport report =
      evaluate_gates(*spec, analysis, simulated.result ? &*simulated.result : nullptr, marginal);
  if (!options.write_baseline.empty() &&
      !write_baseline(options.write_baseline, make_baseline(spec->name, analysis, report), io))
    return kExitInternal;  // a write error: never a pass
  if (baseline) apply_baseline(report, analysis, *baseline);

  const int exit_code = report.passed() ? kExitOk : kExitCheckFailed;
  const bool rooted = options.format == "sarif" || options.format == "codequality";
  const SarifContext context = rooted ? sarif_context(output, exit_code) : SarifContext{};
  io.out << render(options, {report, options.spec, spec->name, context}, io);
  if (options.format == "text" && simulated.result && !io.quiet)
    io.err << Style(io.err_color).dim(fmt::format("wall time {:.2f} s", simulated.wall_seconds))
           << "\n";
  return exit_code;
}

}  // namespace

void add_gate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GateOptions>();
  CLI::App* sub = app.add_subcommand(
      "gate", "Evaluate the spec's gates on analysis and simulation: exit 1 when one fails");
  add_spec_argument(*sub, options->spec);
  add_scenario_option(*sub, options->scenario);
  sub->add_option("--gates", options->gates_files,
                  "Gates file (`gates:` list) whose gates are added to the spec's; repeatable")
      ->allow_extra_args(false);
  sub->add_option("--baseline", options->baseline,
                  "Baseline JSON: fail only on gates and findings that got worse since");
  sub->add_option("--write-baseline", options->write_baseline,
                  "Write the current findings and gate values to this baseline JSON file");
  add_seed_option(*sub, options->simulation.seed,
                  "Simulation seed (default: the spec's workload.seed)");
  options->simulation.replications = kCheckReplications;
  add_replication_options(*sub, options->simulation,
                          "Independent simulation replications (a simulated gate is judged on "
                          "their 95% interval)");
  sub->add_option("--marginal", options->marginal,
                  "How a gate whose interval straddles its threshold counts")
      ->check(CLI::IsMember({"fail", "pass"}))
      ->capture_default_str();
  sub->add_flag("--per-replication", options->per_replication,
                "With --format json, add each replication's value of every simulated gate");
  add_format_option(*sub, options->format,
                    {"text", "json", "junit", "sarif", "github", "codequality"});
  add_source_root_option(*sub, options->source_root);
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<GateOptions>(run_gate));
}

}  // namespace ripple::cli
