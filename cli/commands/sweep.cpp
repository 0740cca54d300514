// ripple sweep SPEC --vary PATH=VALUES [--vary ...] [--steps N] [--log] [--gate EXPR]...
//                   [--find GATE] [--precision RATIO] [--shard K/N] [--scenario FILE]
//                   [--seed N] [--replications N] [--threads N] [--format text|json|csv] [-o FILE]
// Sets each --vary path of the spec's YAML to each of its values (several --vary make a grid),
// and judges every point as `ripple gate` does: 5 replications by default, the same seeds at
// every point, 95% intervals. With --find, bisects the one --vary range for the boundary where
// GATE stops holding. --shard K/N runs every N-th point from the K-th, as JSON for `ripple
// merge`. Exit 0; 1 when --find finds no value for which the gate holds; 2 on bad input.

#include <CLI/CLI.hpp>
#include <charconv>
#include <memory>
#include <ostream>
#include <thread>

#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/render/render_diagnostics.h"
#include "cli/render/render_sweep.h"
#include "cli/review/sweep_json.h"
#include "cli/spec_input.h"
#include "model/units.h"

namespace ripple::cli {
namespace {

struct SweepOptions {
  std::string spec;
  std::string scenario;
  std::vector<std::string> vary;
  int steps = 5;
  bool log = false;
  std::vector<std::string> gates;
  std::string find;
  std::string precision = "2%";
  std::string shard;
  SimulationFlags simulation;
  std::string format = "text";
  std::string output;
};

bool parse_shard(const std::string& text, int& k, int& n) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  const auto read = [](std::string_view s, int& out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
  };
  return read(std::string_view(text).substr(0, slash), k) &&
         read(std::string_view(text).substr(slash + 1), n) && n >= 1 && n <= 100000 && k >= 1 &&
         k <= n;
}

// The text the digest is made of: everything that decides the results.
std::string digest_text(const SweepOptions& o, const model::SourceFile& spec,
                        const std::optional<model::SourceFile>& scenario) {
  std::string text = spec.text + '\0' + (scenario ? scenario->text : std::string()) + '\0';
  for (const std::string& v : o.vary) text += v + '\0';
  for (const std::string& g : o.gates) text += g + '\0';
  text += std::to_string(o.steps) + (o.log ? "log" : "lin") + '\0' + o.find + '\0' + o.precision;
  return text;
}

int run_sweep_command(const SweepOptions& o, Io& io) {
  if (o.vary.empty()) return usage_error(io, "sweep needs at least one --vary PATH=VALUES");
  std::vector<Axis> axes;
  for (const std::string& v : o.vary) {
    VaryParse parsed = parse_vary(v, {o.steps, o.log});
    if (!parsed.axis) return usage_error(io, "--vary " + v + ": " + parsed.error);
    axes.push_back(std::move(*parsed.axis));
  }
  double precision = 0;
  if (!o.find.empty()) {
    const model::Parsed<double> p = model::parse_ratio(o.precision);
    if (!p.ok() || *p.value <= 0 || *p.value >= 1)
      return usage_error(io, "--precision must be a share above 0 and below 1, such as `2%`");
    precision = *p.value;
    if (axes.size() != 1)
      return usage_error(io, "--find searches one --vary range; give exactly one --vary");
    if (!o.shard.empty())
      return usage_error(io,
                         "--shard splits the points of a grid sweep; a --find search runs "
                         "its points one after another (run it without --shard)");
  }
  int shard = 0;
  int shards = 0;
  if (!o.shard.empty() && !parse_shard(o.shard, shard, shards))
    return usage_error(io, "--shard " + o.shard + ": write K/N with 1 <= K <= N, such as 2/8");
  if (!o.shard.empty() && o.format != "json")
    return usage_error(io, "--shard writes the JSON that `ripple merge` reads: add --format json");

  const model::ReadResult spec_file = read_input_file(o.spec);
  std::optional<model::SourceFile> scenario;
  if (!spec_file.error && !o.scenario.empty()) {
    model::ReadResult read = read_input_file(o.scenario);
    if (read.error) {
      (void)accept_spec(std::nullopt, {*read.error}, o.scenario, io);
      return kExitBadInput;
    }
    scenario = std::move(read.file);
  }
  if (spec_file.error) {
    (void)accept_spec(std::nullopt, {*spec_file.error}, o.spec, io);
    return kExitBadInput;
  }
  const PointLoader load = [&](const std::vector<model::Override>& overrides) {
    return model::load_spec(*spec_file.file, scenario, {}, {}, overrides);
  };
  // Every value is checked before anything runs: each axis alone at each of its values.
  const model::LoadResult base = load({});
  if (!accept_spec(base.spec, base.diagnostics, o.spec, io)) return kExitBadInput;
  {
    bool bad = false;
    for (const Axis& axis : axes)
      for (const std::string& value : axis.values) {
        const model::LoadResult at = load({{axis.path, value}});
        if (at.spec) continue;
        for (const model::Diagnostic& d : at.diagnostics)
          io.err << render_diagnostic_text(d, io.err_color);
        bad = true;
        break;  // one report per axis
      }
    if (bad) {
      io.err << "sweep: a --vary does not give a valid spec; nothing was run\n";
      return kExitBadInput;
    }
  }

  SweepPlan plan;
  plan.axes = axes;
  plan.extra_gates = o.gates;
  plan.simulation = simulation_options(o.simulation);
  int threads = o.simulation.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  plan.threads = threads;
  std::unique_ptr<ProgressBar> bar;
  if (io.err_is_tty && !io.quiet) {
    bar =
        std::make_unique<ProgressBar>(io.err, o.find.empty() ? "sweeping" : "searching", "points");
    plan.progress = [target = bar.get()](int done, int total) {
      sim::Progress p;
      p.replications = total;
      p.replications_done = done;
      p.fraction = total > 0 ? static_cast<double>(done) / total : 0;
      target->update(p);
    };
  }
  SweepDocument doc;
  doc.digest = digest_of(digest_text(o, *spec_file.file, scenario));
  int exit_code = kExitOk;
  if (!o.find.empty()) {
    // The gate must parse before the search starts.
    const model::Diagnostics problems = check_gates(*base.spec, "--find", {o.find});
    if (model::has_errors(problems)) {
      for (const model::Diagnostic& d : problems) io.err << render_diagnostic_text(d, io.err_color);
      return kExitBadInput;
    }
    // Probes run one after another: each gives its replications the threads.
    plan.replication_threads = plan.threads;
    plan.threads = 1;
    FindResult found = find_boundary(plan, o.find, precision, load);
    doc.result = std::move(found.probes);
    doc.result.total_points = static_cast<int>(doc.result.points.size());
    found.probes = {};
    doc.precision = precision;
    doc.find = std::move(found);
    if (!doc.find->value) exit_code = kExitCheckFailed;
  } else {
    const auto keep =
        shards > 0 ? std::function<bool(int)>([&](int i) { return in_shard(i, shard, shards); })
                   : std::function<bool(int)>();
    doc.result = run_sweep(plan, load, keep);
    doc.shard = shard;
    doc.shards = shards;
  }
  if (doc.result.seed == 0)
    doc.result.seed = plan.simulation.seed.value_or(base.spec->workload.seed);
  if (doc.result.spec_name.empty()) doc.result.spec_name = base.spec->name;
  bar.reset();
  if (o.format == "json")
    io.out << render_sweep_json(doc);
  else if (o.format == "csv")
    io.out << render_sweep_csv(doc);
  else
    io.out << render_sweep_text(doc, io.out_color);
  return exit_code;
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* sub = app.add_subcommand(
      "sweep", "Vary spec values over a grid, or search the boundary where a gate stops holding");
  add_spec_argument(*sub, options->spec);
  add_scenario_option(*sub, options->scenario);
  sub->add_option("--vary", options->vary,
                  "PATH=A..B or PATH=A,B,C: a dotted path into the spec (services.api.replicas, "
                  "workload.sources[0].rate) and its values in the field's units; repeatable (a "
                  "grid)")
      ->allow_extra_args(false);
  sub->add_option("--steps", options->steps, "Points of each A..B range, ends included")
      ->check(CLI::Range(2, 10000))
      ->capture_default_str();
  sub->add_flag("--log", options->log, "Space the points of a range evenly on a log scale");
  sub->add_option("--gate", options->gates, "A gate judged at every point, added to the spec's")
      ->allow_extra_args(false);
  sub->add_option("--find", options->find,
                  "Bisect the one --vary range for the boundary where this gate stops holding");
  sub->add_option("--precision", options->precision,
                  "--find stops when the boundary is known within this share of its value")
      ->capture_default_str();
  sub->add_option("--shard", options->shard,
                  "K/N: run only every N-th point from the K-th (JSON for `ripple merge`)");
  add_seed_option(*sub, options->simulation.seed,
                  "Simulation seed, the same at every point (default: the spec's workload.seed)");
  options->simulation.replications = kCheckReplications;
  add_replication_options(*sub, options->simulation,
                          "Replications per point (each gate is judged on their 95% interval); "
                          "--threads runs that many points at once");
  add_format_option(*sub, options->format, {"text", "json", "csv"});
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<SweepOptions>(run_sweep_command));
}

}  // namespace ripple::cli
