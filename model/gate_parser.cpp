#include "model/gate_parser.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "model/lint_rules.h"
#include "model/spellcheck.h"

namespace ripple::model::detail {
namespace {

constexpr const char* kSyntaxHint =
    "write `metric(argument) < threshold`, as in `p99(gateway.checkout) < 300ms`, or `no "
    "sync_cycles`";

std::vector<std::string> rules_and_severities() {
  std::vector<std::string> out(kLintRules.begin(), kLintRules.end());
  out.insert(out.end(), {"error", "warning", "info"});
  return out;
}

bool is_entry(const Spec& spec, OperationId op) {
  return std::any_of(spec.workload.sources.begin(), spec.workload.sources.end(),
                     [&](const RateSource& s) { return s.to == op; }) ||
         std::any_of(spec.workload.reconnects.begin(), spec.workload.reconnects.end(),
                     [&](const ReconnectSource& s) { return s.to == op; });
}

template <typename T>
void add_names(std::vector<std::string>& out, const std::vector<T>& elements) {
  for (const T& e : elements) out.push_back(e.name);
}

// Checks that `argument` names what `metric` measures; returns the problem, or "".
std::string check_argument(const GateMetricInfo& metric, const std::string& argument,
                           const Spec& spec, std::vector<std::string>& candidates) {
  switch (metric.argument) {
    case GateArgument::Operation:
      for (const Operation& op : spec.operations) candidates.push_back(op.full_name);
      return spec.find_operation(argument) ? "" : "unknown operation `" + argument + "`";
    case GateArgument::EntryOrEvent: {
      for (const Operation& op : spec.operations)
        if (is_entry(spec, spec.operation_index.at(op.full_name)))
          candidates.push_back(op.full_name);
      add_names(candidates, spec.events);
      if (spec.find_event(argument)) return "";
      const auto op = spec.find_operation(argument);
      if (!op) return "unknown entry operation or event `" + argument + "`";
      return is_entry(spec, *op)
                 ? ""
                 : "`" + argument + "` is not an entry operation (no workload source targets it)";
    }
    case GateArgument::Component:
      add_names(candidates, spec.services);
      add_names(candidates, spec.stores);
      add_names(candidates, spec.brokers);
      return spec.find_service(argument) || spec.find_store(argument) || spec.find_broker(argument)
                 ? ""
                 : "unknown service, store or broker `" + argument + "`";
    case GateArgument::Consumer:
      add_names(candidates, spec.consumers);
      return spec.find_consumer(argument)
                 ? ""
                 : "unknown consumer `" + argument + "` (consumers are `service:Event`)";
    case GateArgument::FaultedComponent:
      for (const Fault& f : spec.faults) candidates.push_back(f.target_name);
      for (const Fault& f : spec.faults)
        if (f.target_name == argument) return "";
      return "no fault on `" + argument + "` in `faults:`, so it has no recovery time";
    case GateArgument::Service:
      add_names(candidates, spec.services);
      return spec.find_service(argument) ? "" : "unknown service `" + argument + "`";
    case GateArgument::Event:
      add_names(candidates, spec.events);
      return spec.find_event(argument) ? "" : "unknown event `" + argument + "`";
    case GateArgument::RuleOrSeverity:
      candidates = rules_and_severities();
      return std::find(candidates.begin(), candidates.end(), argument) != candidates.end()
                 ? ""
                 : "unknown lint rule or severity `" + argument + "`";
    case GateArgument::Broker:
      add_names(candidates, spec.brokers);
      return spec.find_broker(argument) ? "" : "unknown broker `" + argument + "`";
    case GateArgument::SpikedOperation: {
      for (const RateSource& s : spec.workload.sources)
        if (!s.spikes.empty()) candidates.push_back(spec.operations[s.to].full_name);
      const auto op = spec.find_operation(argument);
      if (!op) return "unknown operation `" + argument + "`";
      for (const RateSource& s : spec.workload.sources)
        if (s.to == *op && !s.spikes.empty()) return "";
      return "no workload source with `spikes` targets `" + argument +
             "`, so it has no spike recovery time";
    }
    case GateArgument::None:  // `no WORD` gates are parsed apart
      return "";
  }
  return "";
}

// Parses the threshold in the metric's unit (ms for durations, 0..1 for ratios).
std::optional<double> parse_threshold(const GateMetricInfo& metric, const std::string& text,
                                      std::string& problem, std::string& hint) {
  switch (metric.value) {
    case GateValue::Duration: {
      const auto d = parse_duration(text);
      if (!d.ok()) {
        problem = d.error.message;
        hint = d.error.hint;
        return std::nullopt;
      }
      return d.value->millis();
    }
    case GateValue::Ratio: {
      const auto r = parse_ratio(text);
      if (!r.ok()) {
        problem = r.error.message;
        hint = r.error.hint;
        return std::nullopt;
      }
      return *r.value;
    }
    case GateValue::Number:
    case GateValue::Count: {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || v < 0 || !std::isfinite(v) ||
          (metric.value == GateValue::Count && (v > 1e15 || v != std::floor(v)))) {
        problem =
            "`" + text + "` is not a " + (metric.value == GateValue::Count ? "count" : "number");
        hint = std::string(metric.name) + " takes a plain " +
               (metric.value == GateValue::Count ? "whole number" : "number");
        return std::nullopt;
      }
      return v;
    }
  }
  return std::nullopt;
}

// The words a `no WORD` gate may name that are metrics of their own ("sync_cycles").
std::vector<std::string> no_words() {
  std::vector<std::string> out;
  for (const GateMetricInfo& m : gate_metric_table())
    if (m.argument == GateArgument::None) out.emplace_back(std::string(m.name).substr(3));
  return out;
}

std::optional<Gate> parse_no_gate(Reader& r, const YamlNode& node, const std::string& text,
                                  Gate gate) {
  std::string what = text.substr(3);
  while (!what.empty() && what.front() == ' ') what.erase(0, 1);
  const std::size_t offset = text.size() - what.size();
  if (const auto metric = find_gate_metric("no " + what);
      metric && gate_metric_info(*metric).argument == GateArgument::None) {
    gate.metric = *metric;
    return gate;
  }
  std::vector<std::string> words(kLintRules.begin(), kLintRules.end());
  if (std::find(words.begin(), words.end(), what) != words.end()) {
    gate.metric = GateMetric::Findings;
    gate.argument = what;
    gate.comparison = Comparison::Equal;
    gate.threshold = 0;
    return gate;
  }
  const std::vector<std::string> metrics = no_words();
  words.insert(words.begin(), metrics.begin(), metrics.end());
  const auto guess = closest_match(what, words);
  r.error_at(
      node, offset, what.size(), "unknown gate `no " + what + "`",
      guess ? "did you mean `no " + *guess + "`?" : "write `no sync_cycles` or `no <lint rule>`");
  return std::nullopt;
}

// A comparison operator and the characters it takes.
struct Operator {
  Comparison comparison;
  std::size_t length;
};

std::optional<Operator> comparison_at(const std::string& text, std::size_t at) {
  static const std::pair<const char*, Comparison> kOperators[] = {{"<=", Comparison::LessEqual},
                                                                  {">=", Comparison::GreaterEqual},
                                                                  {"==", Comparison::Equal},
                                                                  {"<", Comparison::Less},
                                                                  {">", Comparison::Greater}};
  for (const auto& [symbol, comparison] : kOperators) {
    const std::size_t length = std::char_traits<char>::length(symbol);
    if (text.compare(at, length, symbol) == 0) return Operator{comparison, length};
  }
  return std::nullopt;
}

// The threshold written from text[at] to the end, in the metric's unit, or nullopt after an error.
std::optional<double> read_threshold(Reader& r, const YamlNode& node, const GateMetricInfo& metric,
                                     const std::string& text, std::size_t at) {
  std::string threshold = text.substr(at);
  while (!threshold.empty() && threshold.back() == ' ') threshold.pop_back();
  std::string problem, hint;
  const auto value = parse_threshold(metric, threshold, problem, hint);
  if (value) return value;
  r.error_at(node, at, std::max<std::size_t>(threshold.size(), 1),
             threshold.empty() ? "the gate has no threshold"
                               : "threshold of `" + std::string(metric.name) + "`: " + problem,
             hint.empty() ? kSyntaxHint : hint);
  return std::nullopt;
}

}  // namespace

std::vector<std::string> gate_metrics() {
  std::vector<std::string> out;
  for (const GateMetricInfo& m : gate_metric_table())
    if (m.argument != GateArgument::None) out.emplace_back(m.name);
  return out;
}

std::optional<Gate> parse_gate(Reader& r, const YamlNode& node, const Spec& spec) {
  const auto raw = r.text(node, "a gate");
  if (!raw) return std::nullopt;
  const std::string& text = *raw;
  Gate gate;
  gate.text = text;
  gate.loc = r.loc(node);
  if (text.rfind("no ", 0) == 0) return parse_no_gate(r, node, text, gate);
  const std::size_t open = text.find('(');
  const std::size_t close = text.find(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    r.error(node, "`" + text + "` is not a gate", kSyntaxHint);
    return std::nullopt;
  }
  std::string name = text.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  const auto written = find_gate_metric(name);
  if (!written || gate_metric_info(*written).argument == GateArgument::None) {
    const auto guess = closest_match(name, gate_metrics());
    r.error_at(
        node, 0, name.size(), "unknown gate metric `" + name + "`",
        guess ? "did you mean `" + *guess + "`?" : "metrics: " + quoted_list(gate_metrics()));
    return std::nullopt;
  }
  const GateMetricInfo* metric = &gate_metric_info(*written);
  gate.metric = metric->metric;
  gate.argument = text.substr(open + 1, close - open - 1);
  std::vector<std::string> candidates;
  const std::string problem = check_argument(*metric, gate.argument, spec, candidates);
  if (!problem.empty()) {
    const auto guess = closest_match(gate.argument, candidates);
    r.error_at(node, open + 1, gate.argument.size(), problem,
               guess ? "did you mean `" + *guess + "`?" : "");
    return std::nullopt;
  }
  std::size_t i = close + 1;
  while (i < text.size() && text[i] == ' ') ++i;
  const auto comparison = comparison_at(text, i);
  if (!comparison) {
    r.error_at(node, i, 1, "a gate compares with <, <=, >, >= or ==", kSyntaxHint);
    return std::nullopt;
  }
  gate.comparison = comparison->comparison;
  i += comparison->length;
  while (i < text.size() && text[i] == ' ') ++i;
  const auto value = read_threshold(r, node, *metric, text, i);
  if (!value) return std::nullopt;
  gate.threshold = *value;
  return gate;
}

}  // namespace ripple::model::detail
