#include "model/load_faults.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/fault_modes.h"
#include "model/load_names.h"
#include "model/load_workload.h"

namespace ripple::model::detail {

// The largest slow factor: a component 10^6 times slower is, for any run, down.
constexpr double kMaxSlowFactor = 1e6;
namespace {

// The fault's target (`service:`, `store:` or `broker:`); whether it resolved. Exactly one of the
// three keys must be given; with several, none counts as resolved (the checks of a count against
// its target must not look up one kind's id among another kind's elements).
bool read_target(Reader& r, const Spec& spec, const YamlNode& node, Fault& fault) {
  constexpr std::pair<const char*, FaultTarget> kKeys[] = {{"service", FaultTarget::Service},
                                                           {"store", FaultTarget::Store},
                                                           {"broker", FaultTarget::Broker}};
  constexpr NameKind kKinds[] = {NameKind::Service, NameKind::Store, NameKind::Broker};
  int targets = 0;
  bool resolved = false;
  for (std::size_t i = 0; i < std::size(kKeys); ++i) {
    const YamlNode* n = node.find(kKeys[i].first);
    if (n == nullptr) continue;
    ++targets;
    fault.target_kind = kKeys[i].second;
    if (auto id = resolve(r, spec, *n, kKinds[i])) {
      fault.target = *id;
      fault.target_name = n->value;
      resolved = true;
    }
  }
  if (targets != 1)
    r.error(node,
            targets == 0 ? "a fault needs a target"
                         : "a fault has one target, not " + std::to_string(targets),
            "write one of `service: NAME`, `store: NAME` or `broker: NAME`");
  return resolved && targets == 1;
}

void read_window(Reader& r, const Spec& spec, const YamlNode& node, Fault& fault) {
  for (const char* key : {"at", "for", "mode"})
    if (node.find(key) == nullptr)
      r.error(node, std::string("a fault needs `") + key + "`",
              "write `{service: payment, at: 3m, for: 1m, mode: down}`");
  if (const YamlNode* n = node.find("at")) {
    fault.at = r.duration(*n, "fault `at`").value_or(Duration{0});
    warn_if_after_the_run(r, spec.workload, *n, fault.at, "fault");
  }
  if (const YamlNode* n = node.find("for"))
    fault.length = r.duration(*n, "fault `for`").value_or(Duration{0});
}

const FaultModeInfo* read_mode(Reader& r, const YamlNode& node) {
  std::vector<std::pair<std::string, const FaultModeInfo*>> words;
  for (const FaultModeInfo& m : fault_modes()) words.emplace_back(m.name, &m);
  return r.choice<const FaultModeInfo*>(node, "fault mode", words).value_or(nullptr);
}

// Reports every parameter the mode does not take, and the one it takes when it is missing; returns
// that one's value, or null when the mode takes none or it is missing.
const YamlNode* check_parameters(Reader& r, const YamlNode& node, const YamlNode& mode_node,
                                 const FaultModeInfo& mode) {
  const std::string name = mode.name;
  const std::string parameter(mode.parameter);
  for (const std::string_view key : fault_parameters()) {
    const YamlNode* n = node.find(std::string(key));
    if (n == nullptr || key == mode.parameter) continue;
    r.error(*n, "`" + std::string(key) + "` does not apply to mode `" + name + "`",
            parameter.empty() ? "mode `" + name + "` takes no parameter"
                              : "mode `" + name + "` takes `" + parameter + "`");
  }
  if (parameter.empty()) return nullptr;
  if (const YamlNode* value = node.find(parameter)) return value;
  r.error(mode_node, "mode `" + name + "` needs `" + parameter + "`", std::string(mode.example));
  return nullptr;
}

// The count against the component it leaves or takes away (replicas, partitions).
void check_count(Reader& r, const Spec& spec, const YamlNode& value, const YamlNode& mode_node,
                 const FaultModeInfo& mode, const Fault& fault) {
  switch (mode.count_limit) {
    case CountLimit::None:
      return;
    case CountLimit::BelowReplicas:
      if (fault.count >= spec.services[fault.target].replicas)
        r.error(value,
                "`count` is the replicas left serving; `" + fault.target_name + "` has only " +
                    std::to_string(spec.services[fault.target].replicas),
                "use a number below the replica count; `mode: down` takes them all away");
      return;
    case CountLimit::UpToPartitions: {
      const Broker& broker = spec.brokers[fault.target];
      if (broker.type != BrokerType::Kafka)
        r.error(mode_node, std::string("`") + mode.name + "` applies to kafka brokers, and `" +
                               broker.name + "` is " + to_string(broker.type));
      else if (fault.count < 1 || fault.count > broker.partitions)
        r.error(value, "`count` is the partitions lost: between 1 and " +
                           std::to_string(broker.partitions));
      return;
    }
  }
}

// Reads the mode's parameter `value` into the fault, in its range.
void read_parameter(Reader& r, const YamlNode& value, const FaultModeInfo& mode, Fault& fault) {
  const std::string what = "`" + std::string(mode.parameter) + "`";
  switch (mode.value) {
    case FaultValue::None:
      return;
    case FaultValue::PositiveNumber: {
      const auto number = r.number(value, what);
      if (number && *number <= 0)
        r.error(value, what + " must be above 0", "`factor: 10` makes every time 10x longer");
      else if (number && *number > kMaxSlowFactor)
        r.error(value, what + " must be at most 1000000, not " + value.value,
                "a slower component is down: use `mode: down`");
      else if (number)
        fault.factor = *number;
      return;
    }
    case FaultValue::Ratio:
      fault.ratio = r.ratio(value, what).value_or(0);
      return;
    case FaultValue::Count:
      fault.count = static_cast<int>(r.integer(value, what, 0, kMaxCount).value_or(0));
      return;
  }
}

// The keys of a fault: its target, its window, its mode, the parameters of the modes.
std::vector<std::string> fault_keys() {
  std::vector<std::string> keys = {"service", "store", "broker", "at", "for", "mode"};
  for (const std::string_view parameter : fault_parameters()) keys.emplace_back(parameter);
  keys.emplace_back("description");
  return keys;
}

void read_fault(Reader& r, Spec& spec, const YamlNode& node) {
  if (!r.expect_map(node, "a fault")) return;
  r.check_keys(node, fault_keys(), "a fault");
  Fault fault;
  fault.loc = r.loc(node);
  const bool resolved = read_target(r, spec, node, fault);
  read_window(r, spec, node, fault);
  const YamlNode* mode_node = node.find("mode");
  const FaultModeInfo* mode = mode_node != nullptr ? read_mode(r, *mode_node) : nullptr;
  if (mode == nullptr) return;
  fault.mode = mode->mode;
  const YamlNode* value = check_parameters(r, node, *mode_node, *mode);
  if (!applies_to(*mode, fault.target_kind)) {
    r.error(*mode_node,
            std::string("mode `") + mode->name + "` does not apply to a " +
                to_string(fault.target_kind),
            fault_targets_summary());
    return;
  }
  if (value != nullptr) read_parameter(r, *value, *mode, fault);
  if (!resolved) return;
  if (value != nullptr) check_count(r, spec, *value, *mode_node, *mode, fault);
  spec.faults.push_back(std::move(fault));
}

}  // namespace

void read_faults(Reader& r, Spec& spec, const YamlNode& node) {
  spec.faults.clear();
  if (node.is_null() || !r.expect_sequence(node, "`faults`")) return;
  for (const YamlNode& item : node.items) read_fault(r, spec, item);
}

}  // namespace ripple::model::detail
