#include "model/fault_modes.h"

#include <algorithm>
#include <cassert>

namespace ripple::model {
namespace {

constexpr FaultModeInfo kFaultModes[] = {
    {FaultMode::Down, "down", {true, true, true}, "", FaultValue::None, CountLimit::None, ""},
    {FaultMode::Slow,
     "slow",
     {true, true, true},
     "factor",
     FaultValue::PositiveNumber,
     CountLimit::None,
     "write `factor: 10` (every time x10)"},
    {FaultMode::Errors,
     "errors",
     {true, true, false},
     "ratio",
     FaultValue::Ratio,
     CountLimit::None,
     "write `ratio: 20%`"},
    {FaultMode::Replicas,
     "replicas",
     {true, false, false},
     "count",
     FaultValue::Count,
     CountLimit::BelowReplicas,
     "write `count: 1`"},
    {FaultMode::PartitionLoss,
     "partition_loss",
     {false, false, true},
     "count",
     FaultValue::Count,
     CountLimit::UpToPartitions,
     "write `count: 1`"},
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
