#pragma once

// The fault modes of `faults:`, as one table: the name each is written with, what it may be applied
// to, and the one parameter it needs with that parameter's range. The loader checks faults against
// it and names the modes from it; docs/spec.md documents the same table.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/spec.h"

namespace ripple::model {

// Which kinds of component a mode may be applied to.
struct FaultTargets {
  bool service = false;
  bool store = false;
  bool broker = false;
};

// What a mode's parameter holds, and so its range.
enum class FaultValue {
  None,            // the mode takes no parameter
  PositiveNumber,  // a number above 0 (Fault::factor)
  Ratio,           // a ratio 0..1, `20%` or `0.2` (Fault::ratio)
  Count,           // a whole number >= 0 (Fault::count), bounded further by `count_limit`
};

// How a Count parameter is bounded by the faulted component.
enum class CountLimit {
  None,
  BelowReplicas,   // replicas left serving: fewer than the service has
  UpToPartitions,  // partitions lost: 1..partitions, and the broker must be kafka
};

struct FaultModeInfo {
  FaultMode mode;
  const char* name;  // as written in `mode:`
  FaultTargets targets;
  std::string_view parameter;  // the key it needs ("factor"); "" when it takes none
  FaultValue value;
  CountLimit count_limit;
  std::string_view example;  // how to write the parameter, for the hint when it is missing
};

// Every mode, in the order they are listed to users.
[[nodiscard]] std::span<const FaultModeInfo> fault_modes();
[[nodiscard]] const FaultModeInfo& fault_mode_info(FaultMode mode);
[[nodiscard]] bool applies_to(const FaultModeInfo& mode, FaultTarget target);

// Every parameter key of the table ("factor", "ratio", "count"), in table order, once each.
[[nodiscard]] std::vector<std::string_view> fault_parameters();

// Which modes apply to which targets, for a hint:
// "services take down, slow, errors, replicas; stores down, slow, errors; brokers down, ...".
[[nodiscard]] std::string fault_targets_summary();

}  // namespace ripple::model
