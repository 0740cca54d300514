// ripple diff BASE HEAD [--simulate] [--seed N] [--replications N] [--threads N]
//                       [--fail-on worse|never] [--per-replication]
//                       [--source-root DIR] [--format text|json|markdown|sarif|junit|github]
// ripple diff --base-ref REF HEAD [...]   (BASE is `git show REF:<HEAD's path in the repo>`)
// What got worse between two versions of a spec: elements and edges added or removed, coupling,
// broken event contracts, amplification, blast radius, new findings and, with --simulate, the
// simulated figures over 5 replications by default, base and head replication i under the same
// seed, judged on the 95% interval of the paired difference (cli/review/spec_diff.h). Exit 0;
// 1 with --fail-on worse when something got worse (significantly, for a simulated figure); 2 on
// bad input (a spec, a missing ref or path; a machine format still
// gets one document, made of the diagnostics).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "analyzers/analysis.h"
#include "cli/ci_output.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/render/render_diff.h"
#include "cli/review/replicated.h"
#include "cli/review/spec_diff.h"
#include "cli/spec_input.h"
#include "simulator/simulate.h"

namespace ripple::cli {
namespace {

struct DiffOptions {
  std::vector<std::string> files;  // BASE HEAD, or HEAD alone with --base-ref
  std::string base_ref;
  bool simulate = false;
  SimulationFlags simulation;
  bool per_replication = false;  // JSON: each replication's values
  std::string fail_on = "never";
  std::string format = "text";
  std::string source_root;
  std::string output;  // -o FILE; empty: stdout
};

// What loading found wrong, for the failure document of a machine format.
struct LoadProblems {
  model::Diagnostics diagnostics;
  void add(const model::Diagnostics& ds) {
    diagnostics.insert(diagnostics.end(), ds.begin(), ds.end());
  }
};

std::optional<model::Spec> load_from_git(const std::string& ref, const std::string& head_path,
                                         std::string& label, LoadProblems& problems, Io& io) {
  GitInput input = load_git_input(ref, head_path);
  label = input.label;
  if (!input.loaded) {
    usage_error(io, input.error);
    problems.add({file_problem(head_path, input.error)});
    return std::nullopt;
  }
  problems.add(input.loaded->diagnostics);
  return accept_spec(std::move(input.loaded->spec), input.loaded->diagnostics, input.label, io);
}

std::optional<model::Spec> load_file(const std::string& path, LoadProblems& problems, Io& io) {
  model::LoadResult loaded = load_input({path, ""});
  problems.add(loaded.diagnostics);
  return accept_spec(std::move(loaded.spec), loaded.diagnostics, path, io);
}

struct Side {
  model::Spec spec;
  analyzers::Analysis analysis;
  std::optional<ReplicatedSimulation> simulation;
  std::string label;
};

// Simulates both sides with the same options and seed (--seed, else the head's workload seed),
// so that replication i of both shares its random streams.
bool simulate_both(Side& base, Side& head, const DiffOptions& options, LoadProblems& problems,
                   Io& io) {
  sim::SimulationOptions sim_options = simulation_options(options.simulation);
  sim_options.seed = options.simulation.seed.value_or(head.spec.workload.seed);
  for (Side* side : {&base, &head}) {
    if (const auto problem = sim::check_options(side->spec, sim_options)) {
      usage_error(io, side->label + ": " + *problem);
      problems.add({file_problem(side->label, *problem)});
      return false;
    }
    sim::SimulationOptions with_bar = sim_options;
    const std::unique_ptr<ProgressBar> progress =
        attach_progress_bar(with_bar, io, "simulating " + side->label);
    side->simulation = simulate_replicated(side->spec, with_bar);
    if (side->simulation->merged.over_budget) {
      const std::string problem = stopped_over_budget(sim_options.budget);
      usage_error(io, side->label + ": " + problem);
      problems.add({file_problem(side->label, problem)});
      return false;
    }
  }
  return true;
}

std::string render(const DiffOptions& options, const DiffDocument& doc, const Io& io) {
  if (options.format == "json")
    return render_diff_json(
        doc, options.per_replication ? PerReplication::Shown : PerReplication::Hidden);
  if (options.format == "markdown") return render_diff_markdown(doc);
  if (options.format == "sarif") return render_diff_sarif(doc);
  if (options.format == "junit") return render_diff_junit(doc);
  if (options.format == "github") return render_diff_github(doc);
  return render_diff_text(doc, io.out_color);
}

// Both versions loaded, or nullopt after reporting why not.
std::optional<std::pair<Side, Side>> load_sides(const DiffOptions& options, LoadProblems& problems,
                                                Io& io) {
  const bool from_git = !options.base_ref.empty();
  if (options.files.size() != (from_git ? 1u : 2u)) {
    const char* problem = from_git ? "with --base-ref, give only the HEAD spec"
                                   : "give two specs, BASE and HEAD (or --base-ref REF and HEAD)";
    usage_error(io, problem);
    problems.add({file_problem(options.files.back(), problem)});
    return std::nullopt;
  }
  const std::string& head_path = options.files.back();
  std::string base_label = options.files.front();
  std::optional<model::Spec> base =
      from_git ? load_from_git(options.base_ref, head_path, base_label, problems, io)
               : load_file(options.files.front(), problems, io);
  if (!base) return std::nullopt;
  std::optional<model::Spec> head = load_file(head_path, problems, io);
  if (!head) return std::nullopt;
  std::pair<Side, Side> sides{Side{std::move(*base), {}, std::nullopt, base_label},
                              Side{std::move(*head), {}, std::nullopt, head_path}};
  sides.first.analysis = analyzers::analyze(sides.first.spec);
  sides.second.analysis = analyzers::analyze(sides.second.spec);
  return sides;
}

int run_diff(const DiffOptions& options, Io& io) {
  const CiOutput output{"diff", options.format, options.files.back(), options.source_root};
  LoadProblems problems;
  auto sides = load_sides(options, problems, io);
  if (!sides) return fail_with_document(output, problems.diagnostics, io);
  auto& [base, head] = *sides;
  if (options.simulate && !simulate_both(base, head, options, problems, io))
    return fail_with_document(output, problems.diagnostics, io);
  const SpecDiff diff =
      diff_specs({base.spec, base.analysis, base.simulation ? &*base.simulation : nullptr},
                 {head.spec, head.analysis, head.simulation ? &*head.simulation : nullptr});
  const int exit_code = options.fail_on == "worse" && diff.worse() ? kExitCheckFailed : kExitOk;
  const SarifContext context =
      options.format == "sarif" ? sarif_context(output, exit_code) : SarifContext{};
  io.out << render(options, {diff, base.label, head.label, context}, io);
  return exit_code;
}

}  // namespace

void add_diff_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand(
      "diff", "What got worse between two versions of a spec: coupling, contracts, amplification");
  sub->add_option("SPECS", options->files, "BASE HEAD, or only HEAD with --base-ref")
      ->required()
      ->expected(1, 2)
      ->type_name("SPEC");
  sub->add_option("--base-ref", options->base_ref,
                  "Read BASE from git: `git show REF:<HEAD's path in the repository>`");
  sub->add_flag("--simulate", options->simulate,
                "Also simulate both, replication i of each under the same seed, and compare "
                "their figures on the 95% interval of the paired difference");
  add_seed_option(*sub, options->simulation.seed, "Seed of both simulations (default: HEAD's)");
  options->simulation.replications = kCheckReplications;
  add_replication_options(*sub, options->simulation,
                          "Replications of each side with --simulate (paired by seed)");
  sub->add_flag("--per-replication", options->per_replication,
                "With --format json, add each replication's values of every simulated change");
  sub->add_option("--fail-on", options->fail_on, "Exit 1 when something got worse, or never")
      ->check(CLI::IsMember({"worse", "never"}))
      ->capture_default_str();
  add_format_option(*sub, options->format,
                    {"text", "json", "markdown", "sarif", "junit", "github"});
  add_source_root_option(*sub, options->source_root);
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<DiffOptions>(run_diff));
}

}  // namespace ripple::cli
