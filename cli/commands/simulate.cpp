// ripple simulate SPEC [--scenario FILE] [--seed N] [--duration D] [--replications N]
//                      [--threads N] [--series-step D] [--series FILE.csv]
//                      [--format text|json|markdown]
// Runs the workload and faults of a spec in the discrete-event simulator and reports
// per-operation latency, errors and throughput, per-service utilization, per-call retries and
// timeouts, per-consumer deliveries, duplicates, losses and lag, per-broker backlog, callbacks,
// reconnect storms, measured amplification and recovery after each fault (docs/simulator.md).
// Exit 0, or 2 on bad input.

#include "simulator/simulate.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/render/render_simulate.h"
#include "cli/render/terminal.h"
#include "cli/spec_input.h"
#include "model/units.h"

namespace ripple::cli {
namespace {

struct SimulateOptions {
  std::string spec;
  std::string scenario;
  std::optional<std::uint64_t> seed;
  std::string duration;  // empty: the spec's
  int replications = 1;
  int threads = 0;  // 0: one per hardware thread (results do not depend on it)
  std::string series_step = "1s";
  std::string series_file;
  std::string format = "text";
};

int usage_error(Io& io, const std::string& message) {
  io.err << Style(io.err_color).error("error: ") << message << "\n";
  return kExitBadInput;
}

// Turns command-line text into simulator options; nullopt after reporting a problem.
std::optional<sim::SimulationOptions> to_options(const SimulateOptions& given, Io& io) {
  sim::SimulationOptions options;
  options.seed = given.seed;
  options.replications = given.replications;
  options.threads = given.threads;
  if (!given.duration.empty()) {
    const auto parsed = model::parse_duration(given.duration);
    if (!parsed.ok()) {
      usage_error(io, "--duration: " + parsed.error.message);
      return std::nullopt;
    }
    options.duration = *parsed.value;
  }
  const auto step = model::parse_duration(given.series_step);
  if (!step.ok()) {
    usage_error(io, "--series-step: " + step.error.message);
    return std::nullopt;
  }
  options.series_step = *step.value;
  return options;
}

std::string render(const sim::SimulationResult& result, const std::string& format, bool color) {
  if (format == "json") return render_simulate_json(result);
  if (format == "markdown") return render_simulate_markdown(result);
  return render_simulate_text(result, color);
}

int run_simulate(const SimulateOptions& given, Io& io) {
  const std::optional<model::Spec> spec = load_or_report({given.spec, given.scenario}, io);
  if (!spec) return kExitBadInput;
  const std::optional<sim::SimulationOptions> options = to_options(given, io);
  if (!options) return kExitBadInput;
  if (const auto problem = sim::check_options(*spec, *options)) return usage_error(io, *problem);

  const auto started = std::chrono::steady_clock::now();
  const sim::SimulationResult result = sim::simulate(*spec, *options);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;

  if (!given.series_file.empty()) {
    std::ofstream file(given.series_file, std::ios::binary);
    file << render_series_csv(result);
    if (!file) return usage_error(io, "cannot write the series to `" + given.series_file + "`");
  }
  io.out << render(result, given.format, io.out_color);
  if (given.format == "text")
    io.err << Style(io.err_color).dim(fmt::format("wall time {:.2f} s", wall.count())) << "\n";
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* sub = app.add_subcommand(
      "simulate", "Run the workload and faults: latency, errors, consumer lag, retries, recovery");
  sub->add_option("SPEC", options->spec, "Spec file (YAML)")->required();
  sub->add_option("--scenario", options->scenario,
                  "Scenario file whose workload, faults and gates replace the spec's");
  sub->add_option("--seed", options->seed, "Seed (default: the spec's workload.seed)");
  sub->add_option("--duration", options->duration,
                  "Simulated duration, warmup included (default: the spec's), e.g. 10m");
  sub->add_option("--replications", options->replications,
                  "Independent replications; > 1 adds 95% confidence intervals")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--threads", options->threads,
                  "Threads running replications (0: all cores); never changes the results")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub->add_option("--series-step", options->series_step, "Time-series step")->capture_default_str();
  sub->add_option("--series", options->series_file, "Write the time series as CSV to this file");
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub->callback(
      [options, &action] { action = [options](Io& io) { return run_simulate(*options, io); }; });
}

}  // namespace ripple::cli
