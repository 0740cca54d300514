#pragma once

// The names of what a cascade keeps, for renderers and tests: cascades hold ids (analysis.h),
// and names are made only where text is written, one cascade at a time.
//
//   const CascadeNames names = name_cascade(spec, cascade);
//   names.failed_entries   // {"gateway.checkout", ...}, as many as cascade.failed_entry_ids
//
// Each list has as many entries as the cascade's list of ids (with CascadeLists::Bounded, the
// first entries only; cascade.counts has the complete sizes).

#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "model/spec.h"

namespace ripple::analyzers {

struct CascadeNames {
  std::vector<std::string> failed_entries;     // entry operations that fail, "svc.op"
  std::vector<std::string> failed_operations;  // "svc.op"
  std::vector<std::string> stalled_consumers;  // "svc:Event"
  std::vector<std::string> lost_events;
  // One chain per path_ids entry: the component, then each failing operation up to the entry.
  std::vector<std::vector<std::string>> paths;
  std::vector<Stopper> stopped_by;
};

// Every list of `cascade`, named from `spec`. REQUIRES: `cascade` is an analysis of `spec`.
[[nodiscard]] CascadeNames name_cascade(const model::Spec& spec, const Cascade& cascade);

// One chain as names: the component, then the operations of `path` (an element of path_ids, or
// longest_path_ids). Empty when `path` is empty.
[[nodiscard]] std::vector<std::string> chain_names(const model::Spec& spec, const Cascade& cascade,
                                                   const std::vector<model::OperationId>& path);

// The names of the first `limit` ids of a list (all of them when it is shorter).
[[nodiscard]] std::vector<std::string> operation_names(const model::Spec& spec,
                                                       const std::vector<model::OperationId>& ids,
                                                       std::size_t limit = SIZE_MAX);
[[nodiscard]] std::vector<std::string> consumer_names(const model::Spec& spec,
                                                      const std::vector<model::ConsumerId>& ids,
                                                      std::size_t limit = SIZE_MAX);
[[nodiscard]] std::vector<std::string> event_names(const model::Spec& spec,
                                                   const std::vector<model::EventId>& ids,
                                                   std::size_t limit = SIZE_MAX);

}  // namespace ripple::analyzers
