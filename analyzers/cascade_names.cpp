#include "analyzers/cascade_names.h"

#include <algorithm>
#include <cstdint>

namespace ripple::analyzers {
namespace {

template <class Id, class Name>
std::vector<std::string> names_of(const std::vector<Id>& ids, std::size_t limit, Name name) {
  std::vector<std::string> out;
  const std::size_t n = std::min(limit, ids.size());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(name(ids[i]));
  return out;
}

}  // namespace

std::vector<std::string> operation_names(const model::Spec& spec,
                                         const std::vector<model::OperationId>& ids,
                                         std::size_t limit) {
  return names_of(ids, limit, [&](model::OperationId id) { return spec.operations[id].full_name; });
}

std::vector<std::string> consumer_names(const model::Spec& spec,
                                        const std::vector<model::ConsumerId>& ids,
                                        std::size_t limit) {
  return names_of(ids, limit, [&](model::ConsumerId id) { return spec.consumers[id].name; });
}

std::vector<std::string> event_names(const model::Spec& spec,
                                     const std::vector<model::EventId>& ids, std::size_t limit) {
  return names_of(ids, limit, [&](model::EventId id) { return spec.events[id].name; });
}

std::vector<std::string> chain_names(const model::Spec& spec, const Cascade& cascade,
                                     const std::vector<model::OperationId>& path) {
  if (path.empty()) return {};
  std::vector<std::string> chain{cascade.component};
  for (model::OperationId op : path) chain.push_back(spec.operations[op].full_name);
  return chain;
}

CascadeNames name_cascade(const model::Spec& spec, const Cascade& cascade) {
  CascadeNames names;
  names.failed_entries = operation_names(spec, cascade.failed_entry_ids);
  names.failed_operations = operation_names(spec, cascade.failed_operation_ids);
  names.stalled_consumers = consumer_names(spec, cascade.stalled_consumer_ids);
  names.lost_events = event_names(spec, cascade.lost_event_ids);
  for (const auto& path : cascade.path_ids) names.paths.push_back(chain_names(spec, cascade, path));
  for (const StopperRef& ref : cascade.stopper_refs)
    names.stopped_by.push_back(stopper_of(spec, ref));
  return names;
}

}  // namespace ripple::analyzers
