// ripple simulate SPEC [--scenario FILE] [--seed N] [--duration D] [--replications N]
//                      [--threads N] [--series-step D] [--series FILE.csv]
//                      [--format text|json|markdown] [--per-replication]
// Runs the workload and faults of a spec in the discrete-event simulator and reports
// per-operation latency, errors and throughput, per-service utilization, per-call retries and
// timeouts, per-consumer deliveries, duplicates, losses and lag, per-broker backlog, callbacks,
// reconnect storms, measured amplification and recovery after each fault (docs/simulator.md).
// One replication by default (the text says so); with more, the JSON gives every figure its 95%
// interval (cli/review/simulation_estimates.h). Exit 0, or 2 on bad input.

#include "simulator/simulate.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <ostream>

#include "cli/ci_output.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/render/render_simulate.h"
#include "cli/render/terminal.h"
#include "cli/review/replicated.h"
#include "cli/review/simulation_estimates.h"
#include "cli/spec_input.h"
#include "model/units.h"

namespace ripple::cli {
namespace {

struct SimulateOptions {
  std::string spec;
  std::string scenario;
  SimulationFlags simulation;
  std::string duration;  // empty: the spec's
  std::string series_step = "1s";
  std::string series_file;
  std::string format = "text";
  std::string output;            // -o FILE; empty: stdout
  bool per_replication = false;  // JSON: each replication's figures
};

// A duration flag's value, or nullopt with `problem` set ("--duration: unknown unit `x`").
std::optional<model::Duration> parse_flag(const char* flag, const std::string& text,
                                          std::string& problem) {
  const model::Parsed<model::Duration> parsed = model::parse_duration(text);
  if (parsed.ok()) return parsed.value;
  problem = std::string(flag) + ": " + parsed.error.message;
  return std::nullopt;
}

// Turns command-line text into simulator options; nullopt with `problem` set.
std::optional<sim::SimulationOptions> to_options(const SimulateOptions& given,
                                                 std::string& problem) {
  sim::SimulationOptions options = simulation_options(given.simulation);
  if (!given.duration.empty()) {
    options.duration = parse_flag("--duration", given.duration, problem);
    if (!options.duration) return std::nullopt;
  }
  const std::optional<model::Duration> step =
      parse_flag("--series-step", given.series_step, problem);
  if (!step) return std::nullopt;
  options.series_step = *step;
  return options;
}

std::string render(const sim::SimulationResult& result, const SimulationEstimates* estimates,
                   const SimulateOptions& given, Color color) {
  const std::string& format = given.format;
  if (format == "json")
    return render_simulate_json(
        result, estimates, given.per_replication ? PerReplication::Shown : PerReplication::Hidden);
  if (format == "markdown") return render_simulate_markdown(result);
  return render_simulate_text(result, color);
}

int run_simulate(const SimulateOptions& given, Io& io) {
  const CiOutput output{"simulate", given.format, given.spec, ""};
  const model::LoadResult loaded = load_input({given.spec, given.scenario});
  const std::optional<model::Spec> spec =
      accept_spec(loaded.spec, loaded.diagnostics, given.spec, io);
  if (!spec) return fail_with_document(output, loaded.diagnostics, io);
  std::string problem;
  std::optional<sim::SimulationOptions> options = to_options(given, problem);
  if (!options) return fail_with_message(output, given.spec, problem, io);
  if (const auto invalid = sim::check_options(*spec, *options))
    return fail_with_message(output, given.spec, *invalid, io);

  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<ProgressBar> progress = attach_progress_bar(*options, io, "simulating");
  // Each replication's own figures are only needed for intervals and --per-replication.
  std::optional<SimulationEstimates> estimates;
  sim::SimulationResult result;
  if (options->replications > 1 || given.per_replication) {
    ReplicatedSimulation run = simulate_replicated(*spec, *options);
    estimates = estimate_simulation(run);
    result = std::move(run.merged);
  } else {
    result = sim::simulate(*spec, *options);
  }
  progress.reset();
  if (result.over_budget)
    return fail_with_message(output, given.spec, stopped_over_budget(options->budget), io);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;

  if (!given.series_file.empty()) {
    if (const auto failed = replace_file(given.series_file, render_series_csv(result))) {
      usage_error(io, "cannot write the series to `" + given.series_file + "`: " + *failed);
      return kExitInternal;  // a write error: never a pass
    }
  }
  io.out << render(result, estimates ? &*estimates : nullptr, given, io.out_color);
  if (given.format == "text" && !io.quiet)
    io.err << Style(io.err_color).dim(fmt::format("wall time {:.2f} s", wall.count())) << "\n";
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* sub = app.add_subcommand(
      "simulate", "Run the workload and faults: latency, errors, consumer lag, retries, recovery");
  add_spec_argument(*sub, options->spec);
  add_scenario_option(*sub, options->scenario);
  add_seed_option(*sub, options->simulation.seed, "Seed (default: the spec's workload.seed)");
  sub->add_option("--duration", options->duration,
                  "Simulated duration, warmup included (default: the spec's), e.g. 10m");
  add_replication_options(*sub, options->simulation,
                          "Independent replications; > 1 adds 95% confidence intervals");
  sub->add_option("--series-step", options->series_step, "Time-series step")->capture_default_str();
  sub->add_option("--series", options->series_file, "Write the time series as CSV to this file");
  add_format_option(*sub, options->format, {"text", "json", "markdown"});
  sub->add_flag("--per-replication", options->per_replication,
                "With --format json, add each replication's value beside every figure");
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<SimulateOptions>(run_simulate));
}

}  // namespace ripple::cli
