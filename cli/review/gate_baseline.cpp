#include "cli/review/gate_baseline.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include "cli/json/json.h"
#include "cli/json/versioned.h"

namespace ripple::cli {
namespace {

// Reading: the document comes from parse_json; what is missing or mistyped in it is an error
// thrown here and caught in parse_baseline.

struct BaselineError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string text_member(const Json& object, const char* key) {
  const auto member = object.find(key);
  if (member == object.end() || !member->is_string())
    throw BaselineError(std::string("each entry needs a string `") + key + "`");
  return member->get<std::string>();
}

FindingKey read_finding(const Json& entry) {
  if (!entry.is_object()) throw BaselineError("`findings` holds objects");
  return {text_member(entry, "rule"), text_member(entry, "element"), text_member(entry, "message")};
}

BaselineGate read_gate(const Json& entry) {
  if (!entry.is_object()) throw BaselineError("`gates` holds objects");
  BaselineGate gate;
  gate.expr = text_member(entry, "expr");
  if (const auto value = entry.find("value"); value != entry.end() && value->is_number())
    gate.value = value->get<double>();
  if (const auto passed = entry.find("passed"); passed != entry.end() && passed->is_boolean())
    gate.passed = passed->get<bool>();
  return gate;
}

const Json& array_member(const Json& root, const char* key) {
  const auto member = root.find(key);
  if (member == root.end() || !member->is_array())
    throw BaselineError(std::string("a baseline needs an array `") + key + "`");
  return *member;
}

Baseline read_baseline(const Json& root) {
  if (!root.is_object() || !root.contains("ripple_baseline"))
    throw BaselineError(
        "not a ripple baseline (no `ripple_baseline` key; write one with "
        "`ripple gate SPEC --write-baseline FILE`)");
  const Json& format = root["ripple_baseline"];
  std::optional<std::string> unsupported = unsupported_schema_version(root);
  if (!unsupported && !(format.is_number_integer() && format.get<long long>() == 1))
    unsupported = "baseline format " + format.dump() + " is not supported (this ripple reads 1)";
  if (unsupported)
    throw BaselineError(*unsupported +
                        "; write the baseline again with `ripple gate SPEC --write-baseline FILE`");
  Baseline b;
  if (const auto spec = root.find("spec"); spec != root.end() && spec->is_string())
    b.spec = spec->get<std::string>();
  for (const Json& f : array_member(root, "findings")) b.findings.push_back(read_finding(f));
  for (const Json& g : array_member(root, "gates")) b.gates.push_back(read_gate(g));
  return b;
}

// ---------------------------------------------------------------------------------------------

FindingKey key_of(const analyzers::Finding& f) { return {f.rule, f.element, f.message}; }

using RuleElement = std::pair<std::string, std::string>;

// Findings of `current` that `old` lacks, matched one for one by (rule, element).
std::vector<FindingKey> unmatched(const std::vector<FindingKey>& current,
                                  const std::vector<FindingKey>& old) {
  std::map<RuleElement, int> available;
  for (const FindingKey& f : old) ++available[{f.rule, f.element}];
  std::vector<FindingKey> out;
  for (const FindingKey& f : current) {
    int& left = available[{f.rule, f.element}];
    if (left > 0) {
      --left;
    } else {
      out.push_back(f);
    }
  }
  return out;
}

// Severity of a new finding, looked up in the analysis (baselines do not store it).
bool counted_by(const GateOutcome& gate, const FindingKey& f, const analyzers::Analysis& analysis) {
  if (gate.metric != model::GateMetric::Findings) return false;
  if (gate.argument == f.rule) return true;
  for (const analyzers::Finding& current : analysis.findings)
    if (current.rule == f.rule && current.element == f.element && current.message == f.message)
      return gate.argument == analyzers::to_string(current.severity);
  return false;
}

const BaselineGate* find_gate(const Baseline& baseline, const std::string& expr) {
  for (const BaselineGate& g : baseline.gates)
    if (g.expr == expr) return &g;
  return nullptr;
}

void compare_gate(GateOutcome& gate, const Baseline& baseline,
                  const std::vector<FindingKey>& new_findings,
                  const analyzers::Analysis& analysis) {
  const BaselineGate* old = find_gate(baseline, gate.expr);
  if (old) gate.baseline_value = old->value;
  if (gate.passed) return;  // met, or marginal under --marginal pass
  if (old == nullptr || old->passed) {
    gate.baseline = BaselineState::New;
    return;
  }
  int added = 0;
  for (const FindingKey& f : new_findings) added += counted_by(gate, f, analysis) ? 1 : 0;
  // A NaN compares false with everything, so it would read as "no worse": a failing gate whose
  // value (or baseline value) is not a number stays failing.
  const auto not_a_number = [](const std::optional<double>& v) { return v && std::isnan(*v); };
  const bool worse = not_a_number(gate.value) || not_a_number(old->value) ||
                     better_value(gate.comparison, gate.threshold, old->value, gate.value);
  gate.baseline = worse || added > 0 ? BaselineState::Worse : BaselineState::Unchanged;
  gate.passed = gate.baseline == BaselineState::Unchanged;
  if (added > 0)
    gate.reason =
        std::to_string(added) + " new finding" + (added == 1 ? "" : "s") + " since the baseline";
}

}  // namespace

Baseline make_baseline(const std::string& spec_name, const analyzers::Analysis& analysis,
                       const GateReport& report) {
  Baseline b;
  b.spec = spec_name;
  for (const analyzers::Finding& f : analysis.findings) b.findings.push_back(key_of(f));
  for (const GateOutcome& g : report.gates) b.gates.push_back({g.expr, g.value, g.met});
  return b;
}

std::string render_baseline_json(const Baseline& baseline) {
  Json findings = Json::array();
  for (const FindingKey& f : baseline.findings)
    findings.push_back({{"rule", f.rule}, {"element", f.element}, {"message", f.message}});
  Json gates = Json::array();
  for (const BaselineGate& g : baseline.gates)
    gates.push_back({{"expr", g.expr}, {"value", nullable(g.value)}, {"passed", g.passed}});
  return json_text(versioned({{"ripple_baseline", 1},
                              {"spec", baseline.spec},
                              {"findings", std::move(findings)},
                              {"gates", std::move(gates)}}));
}

BaselineParse parse_baseline(const std::string& text) {
  JsonParse parsed = parse_json(text);
  if (!parsed.value) return {std::nullopt, std::move(parsed.error)};
  try {
    return {read_baseline(*parsed.value), ""};
  } catch (const BaselineError& e) {
    return {std::nullopt, e.what()};
  }
}

void apply_baseline(GateReport& report, const analyzers::Analysis& analysis,
                    const Baseline& baseline) {
  report.baseline_used = true;
  std::vector<FindingKey> current;
  for (const analyzers::Finding& f : analysis.findings) current.push_back(key_of(f));
  report.new_findings = unmatched(current, baseline.findings);
  report.fixed_findings = unmatched(baseline.findings, current);
  for (GateOutcome& gate : report.gates)
    compare_gate(gate, baseline, report.new_findings, analysis);
}

}  // namespace ripple::cli
