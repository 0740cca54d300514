#include "cli/review/gate_eval.h"

#include <algorithm>
#include <cmath>

namespace ripple::cli {
namespace {

// What a metric's value is, or why there is none.
struct Measured {
  std::optional<double> value;
  std::string reason;  // why undefined, or a note on a defined value
};

Measured undefined(std::string reason) { return {std::nullopt, std::move(reason)}; }

bool is_latency(const std::string& metric) {
  return metric == "p50" || metric == "p90" || metric == "p99" || metric == "p999" ||
         metric == "mean" || metric == "max";
}

bool is_lag(const std::string& metric) {
  return metric == "max_lag" || metric == "mean_lag" || metric == "p99_lag";
}

double latency_of(const sim::LatencySummary& l, const std::string& metric) {
  if (metric == "p50") return l.p50_ms;
  if (metric == "p90") return l.p90_ms;
  if (metric == "p99" || metric == "p99_lag") return l.p99_ms;
  if (metric == "p999") return l.p999_ms;
  if (metric == "mean" || metric == "mean_lag") return l.mean_ms;
  return l.max_ms;
}

const sim::OperationResult* find_operation(const sim::SimulationResult& r,
                                           const std::string& name) {
  for (const sim::OperationResult& op : r.operations)
    if (op.name == name) return &op;
  return nullptr;
}

Measured operation_metric(const std::string& metric, const std::string& name,
                          const sim::SimulationResult& r) {
  const sim::OperationResult* op = find_operation(r, name);
  if (op == nullptr || op->count == 0)
    return undefined("`" + name + "` received no requests in the simulation");
  if (metric == "error_rate") return {op->error_rate, ""};
  if (op->count == op->rejected)
    return undefined("every request to `" + name + "` was rejected, so it has no latency");
  return {latency_of(op->latency, metric), ""};
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

Measured lag_metric(const std::string& metric, const std::string& name,
                    const sim::SimulationResult& r) {
  for (const sim::ConsumerResult& c : r.consumers) {
    if (c.name != name) continue;
    if (c.delivered == 0) return undefined(no_delivery_reason(c));
    return {latency_of(c.lag, metric), ""};
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

Measured simulated_metric(const model::Gate& gate, const sim::SimulationResult* r) {
  if (r == nullptr) return undefined("needs a simulation, and none was run");
  if (is_lag(gate.metric)) return lag_metric(gate.metric, gate.argument, *r);
  if (gate.metric == "recovery_time") return recovery_metric(gate.argument, *r);
  return operation_metric(gate.metric, gate.argument, *r);
}

Measured amplification_metric(const model::Gate& gate, const analyzers::Analysis& a) {
  for (const analyzers::Amplification& amp : a.amplification) {
    if (amp.name != gate.argument) continue;
    const double value =
        gate.metric == "amplification" ? amp.nominal.requests : amp.worst_case.requests;
    return {value, amp.cycles_cut ? "a call cycle was cut, so the figure is partial" : ""};
  }
  return undefined("the analyzer has no amplification for `" + gate.argument + "`");
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

Measured static_metric(const model::Gate& gate, const analyzers::Analysis& a) {
  const std::string& m = gate.metric;
  if (m == "no sync_cycles")
    return {static_cast<double>(a.coupling.sync_cycles.size() + a.coupling.operation_cycles.size()),
            ""};
  if (m == "amplification" || m == "worst_case_amplification") return amplification_metric(gate, a);
  if (m == "blast_radius") return blast_radius_metric(gate.argument, a);
  if (m == "instability") return instability_metric(gate.argument, a);
  if (m == "callbacks") return callbacks_metric(gate.argument, a);
  if (m == "findings") return findings_metric(gate.argument, a);
  return undefined("unknown gate metric `" + m + "`");
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

bool gate_needs_simulation(const model::Gate& gate) {
  return is_latency(gate.metric) || is_lag(gate.metric) || gate.metric == "error_rate" ||
         gate.metric == "recovery_time";
}

bool needs_simulation(const std::vector<model::Gate>& gates) {
  return std::any_of(gates.begin(), gates.end(), gate_needs_simulation);
}

GateUnit gate_unit(const std::string& metric) {
  if (is_latency(metric) || is_lag(metric) || metric == "recovery_time")
    return GateUnit::Milliseconds;
  if (metric == "error_rate" || metric == "blast_radius") return GateUnit::Ratio;
  if (metric == "findings" || metric == "no sync_cycles") return GateUnit::Count;
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
  out.comparison = gate.metric == "no sync_cycles" ? model::Comparison::Equal : gate.comparison;
  out.threshold = gate.metric == "no sync_cycles" ? 0 : gate.threshold;
  if (gate.loc.file >= 0 && gate.loc.file < static_cast<int>(spec.files.size()))
    out.file = spec.files[gate.loc.file];
  out.line = gate.loc.line;
  out.column = gate.loc.column;
  const Measured measured = gate_needs_simulation(gate) ? simulated_metric(gate, simulation)
                                                        : static_metric(gate, analysis);
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
