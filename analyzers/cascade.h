#pragma once

// Internal: static failure propagation (design.md "Failure propagation"), one Cascade per
// service, store and broker taken down alone.
//   CascadeLists::Full     each component expanded in turn (analyzers/cascade_explorer.h): cost
//                          proportional to everything that fails, summed over the components;
//   CascadeLists::Bounded  two passes over all components at once (failed entries and their
//                          chains from each entry; counts and first entries word-parallel), whose
//                          cost does not depend on how much fails (analyzers/cascade_bounded.h).

#include <vector>

#include "analyzers/analysis.h"

namespace ripple::analyzers::detail {

// Services by id, then stores, then brokers.
[[nodiscard]] std::vector<Cascade> compute_cascades(const model::Spec& spec,
                                                    const AnalyzeOptions& options);

}  // namespace ripple::analyzers::detail
