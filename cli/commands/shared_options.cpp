#include "cli/commands/shared_options.h"

#include <algorithm>
#include <string_view>

namespace ripple::cli {

void add_spec_argument(CLI::App& command, std::string& path) {
  command.add_option("SPEC", path, "Spec file (YAML)")->required();
}

void add_scenario_option(CLI::App& command, std::string& path) {
  command.add_option("--scenario", path,
                     "Scenario file whose workload, faults and gates replace the spec's");
}

void add_format_option(CLI::App& command, std::string& format, std::vector<std::string> formats) {
  command.add_option("--format", format, "Output format")
      ->check(CLI::IsMember(std::move(formats)))
      ->capture_default_str();
}

namespace {

// A seed is a whole number 0..2^64-1 written in decimal digits. Checked on the text because the
// conversion to uint64 takes "-1" for 2^64-1 and saturates past 2^64 without a word.
std::string seed_problem(const std::string& text) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const std::string_view kMax = "18446744073709551615";
  const std::string_view number =
      std::string_view(text).substr(std::min(text.find_first_not_of('0'), text.size()));
  if (digits && (number.size() < kMax.size() || (number.size() == kMax.size() && number <= kMax)))
    return "";
  return "a seed is a whole number from 0 to 18446744073709551615, not `" + text + "`";
}

// A whole number 0..2^64-1 in decimal digits, checked on its text (as --seed).
std::string count_problem(const char* what, const std::string& text) {
  return seed_problem(text).empty()
             ? ""
             : std::string(what) + " is a whole number from 0 to 18446744073709551615, not `" +
                   text + "`";
}

}  // namespace

void add_budget_options(CLI::App& command, BudgetFlags& flags) {
  command
      .add_option("--max-events", flags.max_events,
                  "Refuse or stop a simulation past this many events (0: no limit)")
      ->check(CLI::Validator(
          [](const std::string& text) { return count_problem("--max-events", text); }, "N"))
      ->capture_default_str();
  command
      .add_option("--max-memory", flags.max_memory,
                  "Refuse or stop a simulation whose state grows past this size (0B: no limit)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            const auto size = model::parse_size(text);
            return size.ok() ? std::string() : size.error.message;
          },
          "SIZE"))
      ->capture_default_str();
}

sim::WorkBudget work_budget(const BudgetFlags& flags) {
  sim::WorkBudget budget;
  budget.max_events = flags.max_events;
  budget.max_memory_bytes =
      static_cast<std::uint64_t>(model::parse_size(flags.max_memory).value.value_or(0));
  return budget;
}

std::string stopped_over_budget(const sim::WorkBudget& budget) {
  return "the simulation went past its budget (" + std::to_string(budget.max_events) + " events, " +
         std::to_string(budget.max_memory_bytes >> 20) +
         " MiB of pending events) and stopped early, so it has no result; shorten the run or "
         "raise the budget with --max-events N or --max-memory SIZE";
}

void add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed, const char* help) {
  command.add_option("--seed", seed, help)->check(CLI::Validator(seed_problem, "UINT64"));
}

void add_replication_options(CLI::App& command, SimulationFlags& flags, const char* help) {
  command.add_option("--replications", flags.replications, help)
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command
      .add_option("--threads", flags.threads,
                  "Threads running replications (0: all cores); never changes the results")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  add_budget_options(command, flags.budget);
}

sim::SimulationOptions simulation_options(const SimulationFlags& flags) {
  sim::SimulationOptions options;
  options.seed = flags.seed;
  options.replications = flags.replications;
  options.threads = flags.threads;
  options.budget = work_budget(flags.budget);
  return options;
}

std::optional<model::Duration> duration_flag(const char* flag, const std::string& text, Io& io) {
  const model::Parsed<model::Duration> parsed = model::parse_duration(text);
  if (!parsed.ok()) {
    usage_error(io, std::string(flag) + ": " + parsed.error.message);
    return std::nullopt;
  }
  return parsed.value;
}

}  // namespace ripple::cli
