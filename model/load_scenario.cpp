#include "model/load_scenario.h"

#include <algorithm>
#include <string>
#include <vector>

#include "model/gate_parser.h"
#include "model/lint_rules.h"
#include "model/load_faults.h"
#include "model/load_names.h"
#include "model/load_workload.h"

namespace ripple::model::detail {
namespace {

bool is_element(const Spec& spec, const std::string& name) {
  return spec.find_service(name) || spec.find_operation(name) || spec.find_consumer(name) ||
         spec.find_event(name) || spec.find_broker(name) || spec.find_store(name) ||
         spec.find_entity(name);
}

std::vector<std::string> element_names(const Spec& spec) {
  std::vector<std::string> all = operation_names(spec);
  for (const auto& list : {names_of(spec.services), names_of(spec.consumers), names_of(spec.events),
                           names_of(spec.brokers), names_of(spec.stores)})
    all.insert(all.end(), list.begin(), list.end());
  return all;
}

// Reads the keys of one suppression into `s`; whether all of them are valid.
bool read_suppression(Reader& r, const Spec& spec, const YamlNode& item, Suppression& s) {
  bool ok = true;
  for (const char* key : {"rule", "at", "reason"})
    if (item.find(key) == nullptr) {
      r.error(item, std::string("a suppression needs `") + key + "`",
              "write `{rule: nested-retries, at: order.place, reason: \"payment retries are "
              "idempotent\"}`");
      ok = false;
    }
  if (const YamlNode* n = item.find("rule")) {
    if (auto rule = r.text(*n, "`rule`")) {
      const std::vector<std::string> rules(kLintRules.begin(), kLintRules.end());
      if (std::find(rules.begin(), rules.end(), *rule) == rules.end()) {
        r.report_unknown_word(*n, "lint rule", *rule, rules);
        ok = false;
      }
      s.rule = *rule;
    }
  }
  if (const YamlNode* n = item.find("at")) {
    if (const auto element = r.text(*n, "`at`")) {
      s.element = *element;
      if (!is_element(spec, *element)) {
        r.error(*n, "unknown element `" + *element + "` in a suppression",
                did_you_mean(r, *element, spec.operations.size() + spec.services.size(),
                             [&] { return element_names(spec); }));
        ok = false;
      }
    }
  }
  if (const YamlNode* n = item.find("reason")) {
    s.reason = r.text(*n, "`reason`").value_or("");
    if (s.reason.empty()) {
      r.error(*n, "a suppression needs a reason a reviewer can read");
      ok = false;
    }
  }
  return ok;
}

}  // namespace

void read_scenario_sections(Reader& r, Spec& spec, const YamlNode& root) {
  if (const YamlNode* n = root.find("workload")) read_workload(r, spec, *n);
  if (const YamlNode* n = root.find("faults")) read_faults(r, spec, *n);
  if (const YamlNode* n = root.find("gates")) read_gates(r, spec, *n);
}

void read_gates(Reader& r, Spec& spec, const YamlNode& node) {
  spec.gates.clear();
  if (node.is_null() || !r.expect_sequence(node, "`gates`")) return;
  for (const YamlNode& item : node.items)
    if (auto gate = parse_gate(r, item, spec)) spec.gates.push_back(std::move(*gate));
}

void read_suppressions(Reader& r, Spec& spec, const YamlNode& node) {
  if (node.is_null() || !r.expect_sequence(node, "`suppress`")) return;
  for (const YamlNode& item : node.items) {
    if (!r.expect_map(item, "a suppression")) continue;
    r.check_keys(item, {"rule", "at", "reason"}, "a suppression");
    Suppression s;
    s.loc = r.loc(item);
    if (read_suppression(r, spec, item, s)) spec.suppressions.push_back(std::move(s));
  }
}

}  // namespace ripple::model::detail
