#include "model/fault_modes.h"

#include <algorithm>
#include <cassert>

namespace ripple::model {
namespace {

constexpr FaultModeInfo kFaultModes[] = {
    {.mode = FaultMode::Down,
     .name = "down",
     .targets = {.service = true, .store = true, .broker = true},
     .parameter = "",
     .value = FaultValue::None,
     .count_limit = CountLimit::None,
     .example = ""},
    {.mode = FaultMode::Slow,
     .name = "slow",
     .targets = {.service = true, .store = true, .broker = true},
     .parameter = "factor",
     .value = FaultValue::PositiveNumber,
     .count_limit = CountLimit::None,
     .example = "write `factor: 10` (every time x10)"},
    {.mode = FaultMode::Errors,
     .name = "errors",
     .targets = {.service = true, .store = true, .broker = false},
     .parameter = "ratio",
     .value = FaultValue::Ratio,
     .count_limit = CountLimit::None,
     .example = "write `ratio: 20%`"},
    {.mode = FaultMode::Replicas,
     .name = "replicas",
     .targets = {.service = true, .store = false, .broker = false},
     .parameter = "count",
     .value = FaultValue::Count,
     .count_limit = CountLimit::BelowReplicas,
     .example = "write `count: 1`"},
    {.mode = FaultMode::PartitionLoss,
     .name = "partition_loss",
     .targets = {.service = false, .store = false, .broker = true},
     .parameter = "count",
     .value = FaultValue::Count,
     .count_limit = CountLimit::UpToPartitions,
     .example = "write `count: 1`"},
};

std::string modes_applying_to(FaultTarget target) {
  std::string out;
  for (const FaultModeInfo& m : kFaultModes) {
    if (!applies_to(m, target)) continue;
    if (!out.empty()) out += ", ";
    out += m.name;
  }
  return out;
}

}  // namespace

std::span<const FaultModeInfo> fault_modes() { return kFaultModes; }

const FaultModeInfo& fault_mode_info(FaultMode mode) {
  const auto it = std::find_if(std::begin(kFaultModes), std::end(kFaultModes),
                               [&](const FaultModeInfo& m) { return m.mode == mode; });
  assert(it != std::end(kFaultModes));
  return *it;
}

bool applies_to(const FaultModeInfo& mode, FaultTarget target) {
  switch (target) {
    case FaultTarget::Service:
      return mode.targets.service;
    case FaultTarget::Store:
      return mode.targets.store;
    case FaultTarget::Broker:
      return mode.targets.broker;
  }
  return false;
}

std::vector<std::string_view> fault_parameters() {
  std::vector<std::string_view> out;
  for (const FaultModeInfo& m : kFaultModes)
    if (!m.parameter.empty() && std::find(out.begin(), out.end(), m.parameter) == out.end())
      out.push_back(m.parameter);
  return out;
}

std::string fault_targets_summary() {
  return "services take " + modes_applying_to(FaultTarget::Service) + "; stores " +
         modes_applying_to(FaultTarget::Store) + "; brokers " +
         modes_applying_to(FaultTarget::Broker);
}

}  // namespace ripple::model
