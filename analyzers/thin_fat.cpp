#include "analyzers/thin_fat.h"

#include <map>
#include <set>

namespace ripple::analyzers::detail {
namespace {

using FieldKey = std::pair<model::EntityId, int>;  // (entity, field index)

// Fields `consumer` needs that its event does not carry, expanding `entity.*`.
void add_missing_fields(const model::Spec& spec, const model::Consumer& consumer,
                        std::set<FieldKey>& missing) {
  for (const model::FieldRef& need : consumer.needs) {
    const model::Entity& entity = spec.entities[need.entity];
    const int first = need.field == -1 ? 0 : need.field;
    const int last = need.field == -1 ? static_cast<int>(entity.fields.size()) : need.field + 1;
    for (int f = first; f < last; ++f)
      if (!spec.event_carries(consumer.event, need.entity, f)) missing.insert({need.entity, f});
  }
}

void add_fat_variant(const model::Spec& spec, const std::set<FieldKey>& missing,
                     const std::map<model::EntityId, int>& callbacks_by_entity,
                     EventProfile& profile) {
  std::map<model::EntityId, FatOption> options;
  for (const auto& [entity_id, field] : missing) {
    const model::Entity& entity = spec.entities[entity_id];
    const std::string name = entity.name + "." + entity.fields[field].name;
    profile.fat_fields.push_back(name);
    profile.bytes_added += entity.fields[field].bytes;
    FatOption& option = options[entity_id];
    option.entity = entity.name;
    option.fields.push_back(name);
    option.bytes_added += entity.fields[field].bytes;
  }
  for (auto& [entity_id, option] : options) {
    const auto it = callbacks_by_entity.find(entity_id);
    option.callbacks_removed = it == callbacks_by_entity.end() ? 0 : it->second;
    profile.options.push_back(std::move(option));
  }
  profile.fat_bytes = profile.bytes + profile.bytes_added;
  profile.callbacks_removed = profile.callbacks;
  profile.added_bytes_rate =
      static_cast<double>(profile.bytes_added) * profile.consumers * profile.publish_rate;
}

EventProfile profile_event(const model::Spec& spec, model::EventId event,
                           const std::vector<model::ConsumerId>& consumers, double rate) {
  EventProfile profile;
  profile.name = spec.events[event].name;
  profile.bytes = spec.event_bytes(event);
  profile.consumers = static_cast<int>(consumers.size());
  profile.publish_rate = rate;
  std::set<FieldKey> missing;
  std::map<model::EntityId, int> callbacks_by_entity;
  std::map<model::OperationId, int> callbacks_by_read;
  for (model::ConsumerId c : consumers) {
    add_missing_fields(spec, spec.consumers[c], missing);
    for (model::EntityId entity : spec.callback_entities(c)) {
      profile.callbacks += 1;
      ++callbacks_by_entity[entity];
      if (spec.entities[entity].read) ++callbacks_by_read[*spec.entities[entity].read];
    }
  }
  if (profile.consumers > 0) profile.callbacks_per_delivery = profile.callbacks / profile.consumers;
  profile.callback_rate = profile.callbacks * rate;
  for (const auto& [op, count] : callbacks_by_read)
    profile.owner_load.push_back({spec.operations[op].full_name, count * rate});
  add_fat_variant(spec, missing, callbacks_by_entity, profile);
  return profile;
}

}  // namespace

std::vector<EventProfile> compute_event_profiles(const model::Spec& spec, const FlowGraph& flow,
                                                 const FlowMetrics& metrics) {
  std::vector<std::vector<model::ConsumerId>> consumers(spec.events.size());
  for (model::ConsumerId c : spec.consumer_ids()) consumers[spec.consumers[c].event].push_back(c);
  std::vector<EventProfile> profiles;
  profiles.reserve(spec.events.size());
  for (model::EventId e : spec.event_ids())
    profiles.push_back(profile_event(spec, e, consumers[e], metrics.rate[flow.event_node(e)]));
  return profiles;
}

}  // namespace ripple::analyzers::detail
