#pragma once

// Parsing and checking of `gates:` lines against the spec they belong to. Internal to the model.
//   p99(gateway.checkout) < 300ms     error_rate(gateway.checkout) < 0.5%
//   amplification(gateway.checkout) <= 30     blast_radius(payment) <= 0.5
//   max_lag(shipping:OrderPlaced) < 5s        recovery_time(payment) < 60s
//   findings(error) == 0     no sync_cycles     no nested-retries

#include <optional>
#include <string>
#include <vector>

#include "model/reader.h"
#include "model/spec.h"

namespace ripple::model::detail {

// The gate, or nullopt after recording a diagnostic. Faults must already be in `spec`
// (recovery_time names a faulted component).
[[nodiscard]] std::optional<Gate> parse_gate(Reader& r, const YamlNode& node, const Spec& spec);

// Every metric written `metric(argument)`, in table order, for did-you-mean.
[[nodiscard]] std::vector<std::string> gate_metrics();

}  // namespace ripple::model::detail
