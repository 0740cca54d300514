#pragma once

// What the commands share on the command line, added in one place so that a flag reads the same
// in every command's help: the SPEC argument, --scenario, --format, the simulation flags
// (--seed, --replications, --threads), duration flags; and how a chosen command becomes the
// action run() runs.
//
//   void add_sweep_command(CLI::App& app, Action& action) {
//     auto options = std::make_shared<SweepOptions>();
//     CLI::App* sub = app.add_subcommand("sweep", "...");
//     add_spec_argument(*sub, options->spec);
//     add_replication_options(*sub, options->simulation, "Independent replications per point");
//     add_format_option(*sub, options->format, {"text", "json"});
//     run_when_chosen(*sub, action, options, run_sweep);
//   }

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "model/units.h"
#include "simulator/simulate.h"

namespace ripple::cli {

// The required SPEC argument: "Spec file (YAML)".
void add_spec_argument(CLI::App& command, std::string& path);
// --scenario FILE, whose workload, faults and gates replace the spec's.
void add_scenario_option(CLI::App& command, std::string& path);
// --format, one of `formats` (the first is the default, shown in the help).
void add_format_option(CLI::App& command, std::string& format, std::vector<std::string> formats);

// Replications run by default by the commands that judge (gate, diff --simulate, report): enough
// for a Student t interval of every figure (docs/simulator.md). `simulate` runs 1 by default.
inline constexpr int kCheckReplications = 5;
// --max-events N and --max-memory SIZE: the work budget of a simulation (sim::WorkBudget; a run
// whose estimate is over it is refused, one that goes over it stops; docs/simulator.md).
struct BudgetFlags {
  std::uint64_t max_events = sim::WorkBudget{}.max_events;
  std::string max_memory = "2GiB";
};
void add_budget_options(CLI::App& command, BudgetFlags& flags);
// The budget the flags give. REQUIRES: the flags passed add_budget_options' checks.
[[nodiscard]] sim::WorkBudget work_budget(const BudgetFlags& flags);
// The error for a run that went past `budget` and stopped early (SimulationResult::over_budget).
[[nodiscard]] std::string stopped_over_budget(const sim::WorkBudget& budget);

// The simulation flags of the commands that simulate.
struct SimulationFlags {
  std::optional<std::uint64_t> seed;  // default: the spec's workload.seed
  int replications = 1;
  int threads = 0;  // 0: one per hardware thread (results do not depend on it)
  BudgetFlags budget;
};

// --seed N; `help` says what it seeds and its default.
void add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed, const char* help);
// --replications N (1..100000, `help` says what they add) and --threads N (0..1024), and the
// budget flags.
void add_replication_options(CLI::App& command, SimulationFlags& flags, const char* help);

// The simulator's options for `flags` (duration and series step as the spec's).
[[nodiscard]] sim::SimulationOptions simulation_options(const SimulationFlags& flags);

// A duration given to `flag` ("--duration", "--series-step"), or nullopt after reporting the
// usage error ("--duration: unknown duration unit `x`") on io.err.
[[nodiscard]] std::optional<model::Duration> duration_flag(const char* flag,
                                                           const std::string& text, Io& io);

// When `command` is chosen, `action` becomes run(*options, io).
template <typename Options, typename Run>
void run_when_chosen(CLI::App& command, Action& action, std::shared_ptr<Options> options, Run run) {
  command.callback(
      [options, run, &action] { action = [options, run](Io& io) { return run(*options, io); }; });
}

}  // namespace ripple::cli
