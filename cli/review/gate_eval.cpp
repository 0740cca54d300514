#include "cli/review/gate_eval.h"

#include <algorithm>
#include <cmath>

#include "simulator/figures.h"

namespace ripple::cli {
namespace {

// What a metric's value is, or why there is none.
struct Measured {
  std::optional<double> value;
  std::string reason;  // why undefined, or a note on a defined value
};

Measured undefined(std::string reason) { return {std::nullopt, std::move(reason)}; }

// Stands in for the simulation of analysis-only gates, which never read it.
const sim::SimulationResult kNoSimulation{};

// Which figure of a latency summary a metric reads.
enum class Statistic { P50, P90, P99, P999, Mean, Max };

double statistic_of(const sim::LatencySummary& l, Statistic statistic) {
  switch (statistic) {
    case Statistic::P50:
      return l.p50_ms;
    case Statistic::P90:
      return l.p90_ms;
    case Statistic::P99:
      return l.p99_ms;
    case Statistic::P999:
      return l.p999_ms;
    case Statistic::Mean:
      return l.mean_ms;
    case Statistic::Max:
      return l.max_ms;
  }
  return l.max_ms;
}

const sim::OperationResult* find_operation(const sim::SimulationResult& r,
                                           const std::string& name) {
  for (const sim::OperationResult& op : r.operations)
    if (op.name == name) return &op;
  return nullptr;
}

bool received_requests(const sim::OperationResult* op) { return op != nullptr && op->count > 0; }

Measured no_requests(const std::string& name) {
  return undefined("`" + name + "` received no requests in the simulation");
}

Measured error_rate_metric(const std::string& name, const sim::SimulationResult& r) {
  const sim::OperationResult* op = find_operation(r, name);
  if (!received_requests(op)) return no_requests(name);
  return {op->error_rate, ""};
}

Measured latency_metric(const std::string& name, Statistic statistic,
                        const sim::SimulationResult& r) {
  const sim::OperationResult* op = find_operation(r, name);
  if (!received_requests(op)) return no_requests(name);
  if (op->count == op->rejected)
    return undefined("every request to `" + name + "` was rejected, so it has no latency");
  return {statistic_of(op->latency, statistic), ""};
}

// Why a consumer has no lag: nothing reached it, or what did never finished.
std::string no_delivery_reason(const sim::ConsumerResult& c) {
  std::string reason = "`" + c.name + "` handled no event in the measured run";
  if (c.waiting > 0)
    reason +=
        " (" + std::to_string(c.waiting) + " still waiting at the end: its backlog never drained)";
  else if (c.lost > 0)
    reason += " (" + std::to_string(c.lost) + " lost)";
  return reason;
}

Measured lag_metric(const std::string& name, Statistic statistic, const sim::SimulationResult& r) {
  for (const sim::ConsumerResult& c : r.consumers) {
    if (c.name != name) continue;
    if (c.delivered == 0) return undefined(no_delivery_reason(c));
    return {statistic_of(c.lag, statistic), ""};
  }
  return undefined("`" + name + "` is not in the simulation results");
}

// The slowest recovery over every fault on the component; undefined if any never recovered.
Measured recovery_metric(const std::string& component, const sim::SimulationResult& r) {
  std::optional<double> worst;
  bool seen = false;
  for (const sim::FaultResult& f : r.faults) {
    if (f.target != component) continue;
    seen = true;
    if (!f.recovery_time_ms)
      return undefined("the system never recovered from the `" + f.mode + "` fault on `" +
                       component + "` within the run");
    worst = std::max(worst.value_or(0), *f.recovery_time_ms);
  }
  if (!seen) return undefined("no fault on `" + component + "` in the simulation");
  return {worst, ""};
}

// A count of a consumer's events (lost, duplicates, ...), per replication.
Measured consumer_count_metric(const model::Gate& gate, const sim::SimulationResult& r) {
  const auto value = sim::figure_value(r, gate.metric, gate.argument);
  if (!value) return undefined("`" + gate.argument + "` is not in the simulation results");
  return {value, r.replications > 1 ? "mean over replications" : ""};
}

Measured utilization_metric(const std::string& service, const sim::SimulationResult& r) {
  const auto value = sim::figure_value(r, model::GateMetric::Utilization, service);
  if (!value) return undefined("`" + service + "` is not in the simulation results");
  return {value, ""};
}

Measured backlog_metric(const model::Gate& gate, const sim::SimulationResult& r) {
  const auto value = sim::figure_value(r, gate.metric, gate.argument);
  if (!value) return undefined("`" + gate.argument + "` is not in the simulation results");
  return {value, ""};
}

Measured throughput_metric(const std::string& name, const sim::SimulationResult& r) {
  const sim::OperationResult* op = find_operation(r, name);
  if (op == nullptr) return {0.0, "`" + name + "` received no requests in the simulation"};
  return {op->throughput_per_s, ""};
}

// The slowest recovery over every spike of the sources targeting the operation.
Measured spike_recovery_metric(const std::string& operation, const sim::SimulationResult& r) {
  bool seen = false;
  for (const sim::SpikeResult& s : r.spikes) {
    if (s.operation != operation) continue;
    seen = true;
    if (!s.recovery_time_ms)
      return undefined("the system never recovered from the spike of `" + operation + "` at " +
                       model::format_duration(model::Duration{std::llround(s.at_ms * 1e6)}) +
                       " within the run");
  }
  if (!seen) return undefined("no spike of `" + operation + "` in the simulation");
  return {sim::figure_value(r, model::GateMetric::SpikeRecoveryTime, operation), ""};
}

// Which amplification figure a metric reads.
enum class Retries { Nominal, WorstCase };

Measured amplification_metric(const std::string& name, Retries retries,
                              const analyzers::Analysis& a) {
  for (const analyzers::Amplification& amp : a.amplification) {
    if (amp.name != name) continue;
    const double value =
        retries == Retries::Nominal ? amp.nominal.requests : amp.worst_case.requests;
    return {value, amp.cycles_cut ? "a call cycle was cut, so the figure is partial" : ""};
  }
  return undefined("the analyzer has no amplification for `" + name + "`");
}

Measured blast_radius_metric(const std::string& component, const analyzers::Analysis& a) {
  for (const analyzers::Cascade& c : a.cascades)
    if (c.component == component) return {c.blast_radius, ""};
  return undefined("the analyzer has no cascade for `" + component + "`");
}

Measured instability_metric(const std::string& service, const analyzers::Analysis& a) {
  for (const analyzers::ServiceCoupling& s : a.coupling.services) {
    if (s.name != service) continue;
    if (!s.instability)
      return undefined("`" + service + "` has no coupling at all (ce + ca = 0), so no instability");
    return {*s.instability, ""};
  }
  return undefined("the analyzer has no coupling for `" + service + "`");
}

Measured callbacks_metric(const std::string& event, const analyzers::Analysis& a) {
  for (const analyzers::EventProfile& e : a.events)
    if (e.name == event) return {e.callbacks, ""};
  return undefined("the analyzer has no profile for `" + event + "`");
}

Measured findings_metric(const std::string& selector, const analyzers::Analysis& a) {
  const auto matches = [&](const analyzers::Finding& f) {
    return f.rule == selector || selector == analyzers::to_string(f.severity);
  };
  return {static_cast<double>(std::count_if(a.findings.begin(), a.findings.end(), matches)), ""};
}

Measured sync_cycles_metric(const analyzers::Analysis& a) {
  return {static_cast<double>(a.coupling.sync_cycles.size() + a.coupling.operation_cycles.size()),
          ""};
}

// The one dispatch over metrics: a metric added to model::GateMetric without a case here does
// not compile (-Wswitch, -Werror).
Measured measure(const model::Gate& gate, const analyzers::Analysis& a,
                 const sim::SimulationResult* simulation) {
  using model::GateMetric;
  if (model::needs_simulation(gate.metric) && simulation == nullptr)
    return undefined("needs a simulation, and none was run");
  const std::string& arg = gate.argument;
  const sim::SimulationResult& r = simulation != nullptr ? *simulation : kNoSimulation;
  switch (gate.metric) {
    case GateMetric::P50:
      return latency_metric(arg, Statistic::P50, r);
    case GateMetric::P90:
      return latency_metric(arg, Statistic::P90, r);
    case GateMetric::P99:
      return latency_metric(arg, Statistic::P99, r);
    case GateMetric::P999:
      return latency_metric(arg, Statistic::P999, r);
    case GateMetric::Mean:
      return latency_metric(arg, Statistic::Mean, r);
    case GateMetric::Max:
      return latency_metric(arg, Statistic::Max, r);
    case GateMetric::ErrorRate:
      return error_rate_metric(arg, r);
    case GateMetric::MaxLag:
      return lag_metric(arg, Statistic::Max, r);
    case GateMetric::MeanLag:
      return lag_metric(arg, Statistic::Mean, r);
    case GateMetric::P99Lag:
      return lag_metric(arg, Statistic::P99, r);
    case GateMetric::RecoveryTime:
      return recovery_metric(arg, r);
    case GateMetric::Amplification:
      return amplification_metric(arg, Retries::Nominal, a);
    case GateMetric::WorstCaseAmplification:
      return amplification_metric(arg, Retries::WorstCase, a);
    case GateMetric::BlastRadius:
      return blast_radius_metric(arg, a);
    case GateMetric::Instability:
      return instability_metric(arg, a);
    case GateMetric::Callbacks:
      return callbacks_metric(arg, a);
    case GateMetric::Findings:
      return findings_metric(arg, a);
    case GateMetric::NoSyncCycles:
      return sync_cycles_metric(a);
    case GateMetric::Lost:
    case GateMetric::Duplicates:
    case GateMetric::HarmfulDuplicates:
    case GateMetric::DeadLettered:
    case GateMetric::OutOfOrder:
      return consumer_count_metric(gate, r);
    case GateMetric::Utilization:
      return utilization_metric(arg, r);
    case GateMetric::Backlog:
    case GateMetric::MaxBacklog:
      return backlog_metric(gate, r);
    case GateMetric::Throughput:
      return throughput_metric(arg, r);
    case GateMetric::SpikeRecoveryTime:
      return spike_recovery_metric(arg, r);
  }
  return undefined("unknown gate metric");
}

// Equality for ==: figures such as 0.1 + 0.2 come from sums, so allow rounding error.
bool nearly_equal(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

bool holds(model::Comparison comparison, double value, double threshold) {
  switch (comparison) {
    case model::Comparison::Less:
      return value < threshold;
    case model::Comparison::LessEqual:
      return value <= threshold || nearly_equal(value, threshold);
    case model::Comparison::Greater:
      return value > threshold;
    case model::Comparison::GreaterEqual:
      return value >= threshold || nearly_equal(value, threshold);
    case model::Comparison::Equal:
      return nearly_equal(value, threshold);
  }
  return false;
}

}  // namespace

bool GateReport::passed() const {
  return std::all_of(gates.begin(), gates.end(), [](const GateOutcome& g) { return g.passed; });
}

int GateReport::failed_count() const {
  return static_cast<int>(
      std::count_if(gates.begin(), gates.end(), [](const GateOutcome& g) { return !g.passed; }));
}

bool gate_needs_simulation(model::GateMetric metric) { return model::needs_simulation(metric); }

bool gate_needs_simulation(const model::Gate& gate) { return gate_needs_simulation(gate.metric); }

bool needs_simulation(const std::vector<model::Gate>& gates) {
  return std::any_of(gates.begin(), gates.end(),
                     [](const model::Gate& g) { return gate_needs_simulation(g); });
}

GateUnit gate_unit(model::GateMetric metric) {
  switch (model::gate_metric_info(metric).value) {
    case model::GateValue::Duration:
      return GateUnit::Milliseconds;
    case model::GateValue::Ratio:
      return GateUnit::Ratio;
    case model::GateValue::Number:
      return GateUnit::Number;
    case model::GateValue::Count:
      return GateUnit::Count;
  }
  return GateUnit::Number;
}

const char* comparison_symbol(model::Comparison comparison) {
  switch (comparison) {
    case model::Comparison::Less:
      return "<";
    case model::Comparison::LessEqual:
      return "<=";
    case model::Comparison::Greater:
      return ">";
    case model::Comparison::GreaterEqual:
      return ">=";
    case model::Comparison::Equal:
      return "==";
  }
  return "?";
}

GateOutcome evaluate_gate(const model::Spec& spec, const model::Gate& gate,
                          const analyzers::Analysis& analysis,
                          const sim::SimulationResult* simulation) {
  GateOutcome out;
  out.expr = gate.text;
  out.metric = gate.metric;
  out.argument = gate.argument;
  out.unit = gate_unit(gate.metric);
  // `no sync_cycles` carries no comparison: it means "the count of cycles is 0".
  const bool count_must_be_zero =
      model::gate_metric_info(gate.metric).argument == model::GateArgument::None;
  out.comparison = count_must_be_zero ? model::Comparison::Equal : gate.comparison;
  out.threshold = count_must_be_zero ? 0 : gate.threshold;
  if (gate.loc.file >= 0 && gate.loc.file < static_cast<int>(spec.files.size()))
    out.file = spec.files[gate.loc.file];
  out.line = gate.loc.line;
  out.column = gate.loc.column;
  const Measured measured = measure(gate, analysis, simulation);
  out.value = measured.value;
  out.reason = measured.reason;
  out.met = out.value && holds(out.comparison, *out.value, out.threshold);
  out.passed = out.met;
  return out;
}

GateReport evaluate_gates(const model::Spec& spec, const analyzers::Analysis& analysis,
                          const sim::SimulationResult* simulation) {
  GateReport report;
  for (const model::Gate& gate : spec.gates)
    report.gates.push_back(evaluate_gate(spec, gate, analysis, simulation));
  if (simulation != nullptr)
    report.simulation =
        SimulationRun{simulation->seed, simulation->replications, simulation->duration_ms};
  return report;
}

bool better_value(model::Comparison comparison, double threshold, std::optional<double> a,
                  std::optional<double> b) {
  if (!a) return false;
  if (!b) return true;
  switch (comparison) {
    case model::Comparison::Less:
    case model::Comparison::LessEqual:
      return *a < *b;
    case model::Comparison::Greater:
    case model::Comparison::GreaterEqual:
      return *a > *b;
    case model::Comparison::Equal:
      return std::fabs(*a - threshold) < std::fabs(*b - threshold);
  }
  return false;
}

}  // namespace ripple::cli
