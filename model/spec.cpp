#include "model/spec.h"

#include <algorithm>
#include <utility>

#include "model/diagnostic.h"
#include "model/fault_modes.h"

namespace ripple::model {
namespace {

std::optional<int> find_in(const std::unordered_map<std::string, int>& index,
                           const std::string& name) {
  const auto it = index.find(name);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<int> Entity::find_field(const std::string& field_name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field_name) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<ServiceId> Spec::find_service(const std::string& n) const {
  return find_in(service_index, n);
}
std::optional<OperationId> Spec::find_operation(const std::string& n) const {
  return find_in(operation_index, n);
}
std::optional<ConsumerId> Spec::find_consumer(const std::string& n) const {
  return find_in(consumer_index, n);
}
std::optional<EventId> Spec::find_event(const std::string& n) const {
  return find_in(event_index, n);
}
std::optional<BrokerId> Spec::find_broker(const std::string& n) const {
  return find_in(broker_index, n);
}
std::optional<StoreId> Spec::find_store(const std::string& n) const {
  return find_in(store_index, n);
}
std::optional<EntityId> Spec::find_entity(const std::string& n) const {
  return find_in(entity_index, n);
}

bool Spec::event_carries(EventId event, EntityId entity, int field) const {
  for (const FieldRef& ref : events[event].carries) {
    if (ref.entity != entity) continue;
    if (ref.field == -1 || ref.field == field) return true;
  }
  return false;
}

std::int64_t Spec::event_bytes(EventId event) const {
  // Count each (entity, field) once, even when named twice or through entity.*; only the
  // entities the event names are looked at, so the cost does not grow with the spec.
  std::vector<std::pair<EntityId, int>> carried;
  for (const FieldRef& ref : events[event].carries) {
    const int fields = static_cast<int>(entities[ref.entity].fields.size());
    if (ref.field >= 0) carried.emplace_back(ref.entity, ref.field);
    for (int f = 0; ref.field < 0 && f < fields; ++f) carried.emplace_back(ref.entity, f);
  }
  std::sort(carried.begin(), carried.end());
  carried.erase(std::unique(carried.begin(), carried.end()), carried.end());
  std::int64_t bytes = 0;
  for (const auto& [entity, field] : carried) bytes += entities[entity].fields[field].bytes;
  return bytes;
}

std::vector<ConsumerId> Spec::consumers_of(EventId event) const {
  std::vector<ConsumerId> out;
  for (std::size_t c = 0; c < consumers.size(); ++c)
    if (consumers[c].event == event) out.push_back(static_cast<ConsumerId>(c));
  return out;
}

bool Spec::carries(EventId event, const FieldRef& need) const {
  if (need.field >= 0) return event_carries(event, need.entity, need.field);
  const int fields = static_cast<int>(entities[need.entity].fields.size());
  for (int f = 0; f < fields; ++f)
    if (!event_carries(event, need.entity, f)) return false;
  return true;
}

std::vector<EntityId> Spec::callback_entities(ConsumerId consumer) const {
  const Consumer& c = consumers[consumer];
  std::vector<EntityId> out;
  for (const FieldRef& need : c.needs) {
    if (!carries(c.event, need) && std::find(out.begin(), out.end(), need.entity) == out.end())
      out.push_back(need.entity);
  }
  return out;
}

std::string Spec::where(const SourceLoc& at) const {
  const std::string file =
      at.file >= 0 && static_cast<std::size_t>(at.file) < files.size() ? files[at.file] : "";
  if (at.line == 0) return file;
  return file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

const char* to_string(BrokerType type) {
  switch (type) {
    case BrokerType::Kafka:
      return "kafka";
    case BrokerType::Sqs:
      return "sqs";
    case BrokerType::Rabbitmq:
      return "rabbitmq";
    case BrokerType::Memory:
      return "memory";
  }
  return "?";
}

const char* to_string(FaultMode mode) { return fault_mode_info(mode).name; }

const char* to_string(FaultTarget target) {
  switch (target) {
    case FaultTarget::Service:
      return "service";
    case FaultTarget::Store:
      return "store";
    case FaultTarget::Broker:
      return "broker";
  }
  return "?";
}

const char* to_string(Jitter jitter) {
  switch (jitter) {
    case Jitter::None:
      return "none";
    case Jitter::Full:
      return "full";
    case Jitter::Equal:
      return "equal";
    case Jitter::Decorrelated:
      return "decorrelated";
  }
  return "?";
}

const char* to_string(Comparison comparison) {
  switch (comparison) {
    case Comparison::Less:
      return "<";
    case Comparison::LessEqual:
      return "<=";
    case Comparison::Greater:
      return ">";
    case Comparison::GreaterEqual:
      return ">=";
    case Comparison::Equal:
      return "==";
  }
  return "?";
}

const char* to_string(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

}  // namespace ripple::model
