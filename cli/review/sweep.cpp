#include "cli/review/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "analyzers/analysis.h"
#include "cli/review/gate_eval.h"
#include "cli/review/replicated.h"
#include "model/units.h"
#include "simulator/work_estimate.h"

namespace ripple::cli {
namespace {

// The number at the start of `text` and the unit after it ("200/s" -> 200, "/s").
bool split_number(const std::string& text, double& number, std::string& unit) {
  const char* begin = text.c_str();
  char* end = nullptr;
  number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) return false;
  unit = std::string(end);
  return unit.find_first_of("eE") != 0;  // no exponent
}

bool whole(double x) { return std::floor(x) == x && std::fabs(x) < 1e15; }

std::string unit_word(GateUnit unit) {
  switch (unit) {
    case GateUnit::Milliseconds:
      return "ms";
    case GateUnit::Ratio:
      return "ratio";
    case GateUnit::Count:
      return "count";
    case GateUnit::Number:
      return "";
  }
  return "";
}

PointValue value_of(const GateOutcome& outcome, bool is_gate) {
  PointValue v;
  v.name = outcome.expr;
  v.unit = unit_word(outcome.unit);
  v.value = outcome.value;
  v.ci = outcome.ci;
  if (is_gate) v.verdict = to_string(outcome.verdict);
  v.value_holds =
      outcome.value && comparison_holds(outcome.comparison, *outcome.value, outcome.threshold);
  return v;
}

// The figures every point reports: p99 and error rate of each entry operation, p99 lag of each
// consumer.
std::vector<model::Gate> default_figures(const model::Spec& spec) {
  std::vector<char> entry(spec.operations.size(), 0);
  for (const model::RateSource& source : spec.workload.sources) entry[source.to] = 1;
  for (const model::ReconnectSource& source : spec.workload.reconnects) entry[source.to] = 1;
  std::vector<model::Gate> figures;
  const auto add = [&](model::GateMetric metric, const char* name, const std::string& arg) {
    model::Gate gate;
    gate.metric = metric;
    gate.argument = arg;
    gate.text = std::string(name) + "(" + arg + ")";
    gate.comparison = model::Comparison::Less;
    gate.threshold = INFINITY;
    figures.push_back(std::move(gate));
  };
  for (model::OperationId op : spec.operation_ids()) {
    if (!entry[op]) continue;
    add(model::GateMetric::P99, "p99", spec.operations[op].full_name);
    add(model::GateMetric::ErrorRate, "error_rate", spec.operations[op].full_name);
  }
  for (const model::Consumer& c : spec.consumers) add(model::GateMetric::P99Lag, "p99_lag", c.name);
  return figures;
}

std::string gates_yaml(const std::vector<std::string>& gates) {
  std::string yaml = "gates:\n";
  for (const std::string& g : gates) {
    std::string quoted;
    for (char c : g) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    yaml += "  - \"" + quoted + "\"\n";
  }
  return yaml;
}

std::string first_error(const model::Diagnostics& diagnostics) {
  for (const model::Diagnostic& d : diagnostics)
    if (d.severity == model::Severity::Error)
      return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
             d.message + (d.hint.empty() ? "" : " (" + d.hint + ")");
  return "the spec did not load";
}

struct PointRun {
  SweepPoint point;
  std::string spec_name;
  double simulated_ms = 0;
  std::vector<std::string> gate_texts;
};

PointRun run_point(const SweepPlan& plan, const std::vector<model::Override>& overrides,
                   const PointLoader& load, const std::vector<std::string>& gates) {
  PointRun out;
  for (const model::Override& o : overrides) out.point.values.push_back(o.value);
  model::LoadResult loaded = load(overrides);
  if (loaded.spec && !gates.empty()) {
    const model::Diagnostics added =
        model::add_gates_file(*loaded.spec, {"--gate", gates_yaml(gates)});
    loaded.diagnostics.insert(loaded.diagnostics.end(), added.begin(), added.end());
    if (model::has_errors(added)) loaded.spec.reset();
  }
  if (!loaded.spec) {
    out.point.error = first_error(loaded.diagnostics);
    return out;
  }
  const model::Spec& spec = *loaded.spec;
  out.spec_name = spec.name;
  for (const model::Gate& g : spec.gates) out.gate_texts.push_back(g.text);
  sim::SimulationOptions options = plan.simulation;
  options.threads = std::max(1, plan.replication_threads);
  options.progress = nullptr;
  if (auto problem = sim::check_options(spec, options)) {
    out.point.error = *problem;
    return out;
  }
  const analyzers::Analysis analysis = analyzers::analyze(spec);
  const ReplicatedSimulation run = simulate_replicated(spec, options);
  if (run.merged.over_budget) {
    out.point.error = "the simulation went over its event budget";
    return out;
  }
  out.simulated_ms = run.merged.duration_ms;
  bool passed = true;
  for (const model::Gate& g : spec.gates) {
    const GateOutcome outcome = evaluate_gate(spec, g, analysis, &run);
    passed = passed && outcome.met;
    out.point.gates.push_back(value_of(outcome, true));
  }
  for (const model::Gate& g : default_figures(spec))
    out.point.figures.push_back(value_of(evaluate_gate(spec, g, analysis, &run), false));
  out.point.passed = passed;
  return out;
}

// Runs `points` (indexes into `grid`) over `threads`; results in the order of `points`.
std::vector<PointRun> run_points(const SweepPlan& plan, const PointLoader& load,
                                 const std::vector<std::vector<model::Override>>& grid,
                                 const std::vector<int>& points) {
  std::vector<PointRun> runs(points.size());
  // Biggest first (by the simulator's estimate of each point's events), so that no thread is
  // left with a long point at the end; results keep the order of `points` whatever runs first.
  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (plan.threads > 1 && points.size() > 1) {
    std::vector<double> work(points.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const model::LoadResult loaded = load(grid[static_cast<std::size_t>(points[i])]);
      if (!loaded.spec) continue;
      const auto duration = plan.simulation.duration.value_or(loaded.spec->workload.duration);
      work[i] = sim::estimate_work(*loaded.spec, {duration.ns, plan.simulation.series_step.ns,
                                                  plan.simulation.replications, 1})
                    .events;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return work[a] > work[b]; });
  }
  std::atomic<std::size_t> next{0};
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const auto work = [&] {
    for (std::size_t k = next++; k < points.size(); k = next++) {
      const std::size_t i = order[k];
      runs[i] = run_point(plan, grid[static_cast<std::size_t>(points[i])], load, plan.extra_gates);
      runs[i].point.index = points[i];
      const int finished = ++done;
      if (plan.progress) {
        const std::lock_guard<std::mutex> lock(progress_mutex);
        plan.progress(finished, static_cast<int>(points.size()));
      }
    }
  };
  const int threads = std::max(1, std::min<int>(plan.threads, static_cast<int>(points.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return runs;
}

void absorb(SweepResult& result, PointRun&& run) {
  if (result.spec_name.empty() && !run.spec_name.empty()) {
    result.spec_name = run.spec_name;
    result.simulated_ms = run.simulated_ms;
    result.gate_texts = run.gate_texts;
  }
  result.points.push_back(std::move(run.point));
}

SweepResult empty_result(const SweepPlan& plan) {
  SweepResult result;
  result.axes = plan.axes;
  result.replications = plan.simulation.replications;
  result.seed = plan.simulation.seed.value_or(0);
  return result;
}

}  // namespace

std::string plain_number(double value) {
  // Six significant digits: round, then drop trailing zeros.
  const double magnitude = value == 0 ? 0 : std::floor(std::log10(std::fabs(value)));
  const int decimals = std::clamp(5 - static_cast<int>(magnitude), 0, 12);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

VaryParse parse_vary(const std::string& text, const VaryOptions& options) {
  VaryParse out;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    out.error = "`" + text + "` is not PATH=VALUES; write `services.api.replicas=1..8` or " +
                "`workload.sources[0].rate=100/s,200/s`";
    return out;
  }
  Axis axis;
  axis.path = text.substr(0, eq);
  const std::string values = text.substr(eq + 1);
  const std::size_t dots = values.find("..");
  if (dots == std::string::npos) {
    std::size_t start = 0;
    while (start <= values.size()) {
      const std::size_t comma = std::min(values.find(',', start), values.size());
      const std::string v = values.substr(start, comma - start);
      if (v.empty()) {
        out.error = "an empty value in the list `" + values + "`";
        return out;
      }
      double number = NAN;
      std::string unit;
      if (!split_number(v, number, unit)) number = NAN;
      axis.values.push_back(v);
      axis.numbers.push_back(number);
      if (axis.values.size() == 1) axis.unit = unit;
      start = comma + 1;
    }
    axis.integer =
        std::all_of(axis.numbers.begin(), axis.numbers.end(), whole) && axis.unit.empty();
    out.axis = std::move(axis);
    return out;
  }
  const std::string a = values.substr(0, dots);
  const std::string b = values.substr(dots + 2);
  double from = 0;
  double to = 0;
  std::string unit_a;
  std::string unit_b;
  if (!split_number(a, from, unit_a) || !split_number(b, to, unit_b)) {
    out.error = "the range `" + values + "` needs a number at each end, such as `100/s..400/s`";
    return out;
  }
  if (unit_a != unit_b) {
    out.error =
        "the ends of `" + values + "` have different units (`" + unit_a + "` and `" + unit_b + "`)";
    return out;
  }
  if (options.steps < 2) {
    out.error = "--steps must be at least 2 for a range";
    return out;
  }
  if (options.log && (from <= 0 || to <= 0)) {
    out.error = "--log needs both ends of `" + values + "` above 0";
    return out;
  }
  axis.unit = unit_a;
  axis.integer = unit_a.empty() && whole(from) && whole(to);
  for (int i = 0; i < options.steps; ++i) {
    const double t = static_cast<double>(i) / (options.steps - 1);
    double x = options.log ? from * std::pow(to / from, t) : from + (to - from) * t;
    if (i == options.steps - 1) x = to;
    if (axis.integer) x = std::round(x);
    if (!axis.numbers.empty() && axis.numbers.back() == x) continue;  // integer rounding
    axis.numbers.push_back(x);
    axis.values.push_back(plain_number(x) + axis.unit);
  }
  out.axis = std::move(axis);
  return out;
}

model::Diagnostics check_gates(const model::Spec& spec, const std::string& origin,
                               const std::vector<std::string>& gates) {
  model::Spec copy = spec;
  return model::add_gates_file(copy, {origin, gates_yaml(gates)});
}

std::vector<std::vector<model::Override>> sweep_grid(const std::vector<Axis>& axes) {
  std::vector<std::vector<model::Override>> grid(1);
  for (const Axis& axis : axes) {
    std::vector<std::vector<model::Override>> next;
    for (const auto& prefix : grid)
      for (const std::string& v : axis.values) {
        auto point = prefix;
        point.push_back({axis.path, v});
        next.push_back(std::move(point));
      }
    grid = std::move(next);
  }
  return grid;
}

bool in_shard(int index, int k, int n) { return index % n == k - 1; }

SweepResult run_sweep(const SweepPlan& plan, const PointLoader& load,
                      const std::function<bool(int)>& keep) {
  const auto grid = sweep_grid(plan.axes);
  std::vector<int> points;
  for (int i = 0; i < static_cast<int>(grid.size()); ++i)
    if (!keep || keep(i)) points.push_back(i);
  SweepResult result = empty_result(plan);
  result.total_points = static_cast<int>(grid.size());
  for (PointRun& run : run_points(plan, load, grid, points)) absorb(result, std::move(run));
  return result;
}

FindResult find_boundary(const SweepPlan& plan, const std::string& gate, double precision,
                         const PointLoader& load) {
  FindResult found;
  const Axis& axis = plan.axes.front();
  found.path = axis.path;
  found.gate = gate;
  SweepPlan one = plan;
  one.extra_gates = {gate};
  found.probes = empty_result(plan);
  const auto format = [&](double x) {
    return (axis.integer ? plain_number(std::round(x)) : plain_number(x)) + axis.unit;
  };
  // Runs the point at x; whether the gate (the last of the point's gates) holds there.
  const auto holds = [&](double x) {
    SweepPlan at = one;
    at.progress = nullptr;
    const std::vector<std::vector<model::Override>> grid = {{{axis.path, format(x)}}};
    PointRun run = std::move(run_points(at, load, grid, {0}).front());
    run.point.index = found.runs++;
    // The mean decides the side: bisection converges on where the mean crosses the threshold;
    // the probes near it are typically `marginal` (their intervals straddle it).
    const bool ok =
        run.point.error.empty() && !run.point.gates.empty() && run.point.gates.back().value_holds;
    const std::string error = run.point.error;
    absorb(found.probes, std::move(run));
    if (plan.progress) plan.progress(found.runs, found.runs + 1);
    return std::make_pair(ok, error);
  };
  double lo = axis.numbers.front();
  double hi = axis.numbers.back();
  const auto [at_lo, lo_error] = holds(lo);
  const auto [at_hi, hi_error] = holds(hi);
  if (!lo_error.empty() || !hi_error.empty()) {
    found.note = !lo_error.empty() ? lo_error : hi_error;
    return found;
  }
  if (at_lo == at_hi) {
    if (at_lo) {
      found.value = hi;
      found.direction = "largest";
      found.note = "the gate holds over the whole range";
    } else {
      found.note = "the gate holds nowhere in the range";
    }
    found.low = lo;
    found.high = hi;
    return found;
  }
  // good: the end where the gate holds; bad: the other.
  double good = at_lo ? lo : hi;
  double bad = at_lo ? hi : lo;
  found.direction = good < bad ? "largest" : "smallest";
  const auto close_enough = [&] {
    if (axis.integer) return std::fabs(bad - good) <= 1;
    return std::fabs(bad - good) <= precision * std::max(std::fabs(good), std::fabs(bad));
  };
  while (!close_enough() && found.runs < 64) {
    double mid = (good + bad) / 2;
    if (axis.integer) mid = good < bad ? std::floor(mid) : std::ceil(mid);
    if (mid == good || mid == bad) break;
    if (holds(mid).first)
      good = mid;
    else
      bad = mid;
  }
  found.value = good;
  found.low = std::min(good, bad);
  found.high = std::max(good, bad);
  return found;
}

std::string digest_of(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace ripple::cli
