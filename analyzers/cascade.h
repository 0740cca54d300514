#pragma once

// Internal: static failure propagation (design.md "Failure propagation"), one Cascade per
// service, store and broker taken down alone.

#include <vector>

#include "analyzers/analysis.h"

namespace ripple::analyzers::detail {

// Services by id, then stores, then brokers. Cost per component is proportional to what fails.
[[nodiscard]] std::vector<Cascade> compute_cascades(const model::Spec& spec);

}  // namespace ripple::analyzers::detail
