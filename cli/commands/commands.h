#pragma once

// One function per subcommand, each in cli/commands/<name>.cpp: it adds the subcommand with its
// options to `app` and, when the subcommand is chosen, stores what to run in `action`.

#include "cli/app.h"

namespace ripple::cli {

void add_validate_command(CLI::App& app, Action& action);
void add_analyze_command(CLI::App& app, Action& action);
void add_simulate_command(CLI::App& app, Action& action);
void add_gate_command(CLI::App& app, Action& action);
void add_diff_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_sweep_command(CLI::App& app, Action& action);
void add_merge_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, Action& action);
void add_schema_command(CLI::App& app, Action& action);
void add_version_command(CLI::App& app, Action& action);
// `completions SHELL` and `man`, generated from `app` as it is when they run.
void add_completions_command(CLI::App& app, Action& action);
void add_man_command(CLI::App& app, Action& action);

}  // namespace ripple::cli
