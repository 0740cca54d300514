#pragma once

// Internal: the cascades of every component at once, with exact counts and the first `limit`
// entries of each list (CascadeLists::Bounded), in two passes whose cost does not grow with how
// much fails. Each pass fills its own fields of `cascades`, which holds one Cascade per component
// in components_of() order, kind, id and name set.
//
// The results equal those of the breadth-first expansion (cascade_explorer.cpp), cut after
// `limit` entries; tests/analyzers/cascade_bounded_test.cpp compares the two.

#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/failure_index.h"

namespace ripple::analyzers::detail {

// failed_entry_ids (complete), counts.failed_entries, blast_radius, the first `limit` path_ids
// and the longest chain. One breadth-first search down the calls of each entry operation: cost
// proportional to what the entries reach, plus the chains written.
void add_failed_entries(const FailureIndex& index, int limit, std::vector<Cascade>& cascades);

// counts of failed operations, stalled consumers, lost events and stoppers, and the first
// `limit` of each. Sets of what fails, as bit sets propagated once over the operations'
// condensed call graph, a block of columns at a time.
void add_counts(const FailureIndex& index, int limit, std::vector<Cascade>& cascades);

}  // namespace ripple::analyzers::detail
