#include "model/load_names.h"

#include <map>
#include <utility>

#include "model/spellcheck.h"

namespace ripple::model::detail {
namespace {

// Services, brokers and stores share one namespace: a name declared as one kind cannot be
// declared as another.
class ComponentNames {
 public:
  // The name of the component declared at `key`, or "" when it is invalid or already taken.
  std::string declare(Reader& r, const YamlNode& key, const char* kind) {
    const auto name = r.name(key, std::string("a ") + kind);
    if (!name) return "";
    const auto [it, inserted] = declared_.emplace(*name, std::make_pair(kind, key.line));
    if (inserted) return *name;
    // A second service of the same name is a duplicate key, already reported by the YAML layer.
    if (it->second.first != kind)
      r.error(key,
              "`" + *name + "` is already a " + it->second.first + " (line " +
                  std::to_string(it->second.second) + ")",
              "services, brokers and stores share one namespace; rename one of them");
    return "";
  }

 private:
  std::map<std::string, std::pair<std::string, int>> declared_;  // name -> (kind, line)
};

// Declares the brokers or stores of one section.
template <typename T, typename IdType>
void declare_components(Reader& r, const YamlNode& node, const char* section, const char* kind,
                        ComponentNames& names, std::vector<T>& elements,
                        std::unordered_map<std::string, IdType>& index,
                        std::vector<const YamlNode*>& bodies) {
  if (node.is_null() || !r.expect_map(node, section)) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    T element;
    element.name = names.declare(r, key, kind);
    if (element.name.empty()) continue;
    element.loc = r.loc(key);
    index[element.name] = IdType{static_cast<int>(elements.size())};
    elements.push_back(std::move(element));
    bodies.push_back(&value);
  }
}

void declare_operations(Reader& r, const YamlNode& service_body, Service& service, ServiceId id,
                        Spec& spec, DeclaredBodies& bodies) {
  const YamlNode* operations = service_body.is_map() ? service_body.find("operations") : nullptr;
  if (operations == nullptr || operations->is_null() ||
      !r.expect_map(*operations, "`operations` of `" + service.name + "`"))
    return;
  for (const auto& [op_key, op_value] : operations->entries) {
    if (is_extension(op_key)) continue;
    const auto op_name = r.name(op_key, "an operation");
    if (!op_name) continue;
    Operation op;
    op.name = *op_name;
    op.full_name = service.name + "." + op.name;
    op.service = id;
    op.loc = r.loc(op_key);
    const OperationId op_id{static_cast<int>(spec.operations.size())};
    service.operations.push_back(op_id);
    spec.operation_index[op.full_name] = op_id;
    spec.operations.push_back(std::move(op));
    bodies.operations.push_back(&op_value);
  }
}

void declare_services(Reader& r, const YamlNode& node, ComponentNames& names, Spec& spec,
                      DeclaredBodies& bodies) {
  if (node.is_null() || !r.expect_map(node, "`services`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    Service service;
    service.name = names.declare(r, key, "service");
    if (service.name.empty()) continue;
    const ServiceId id{static_cast<int>(spec.services.size())};
    service.loc = r.loc(key);
    declare_operations(r, value, service, id, spec, bodies);
    spec.service_index[service.name] = id;
    spec.services.push_back(std::move(service));
    bodies.services.push_back(&value);
  }
}

Field read_field(Reader& r, const YamlNode& key, const YamlNode& value, const std::string& entity,
                 const std::string& name) {
  Field field;
  field.name = name;
  field.loc = r.loc(key);
  const std::string what = "field `" + entity + "." + name + "`";
  if (!value.is_map()) {
    field.bytes = r.size(value, what).value_or(0);
    return field;
  }
  r.check_keys(value, {"size", "type", "description"}, what);
  if (const YamlNode* size = value.find("size"))
    field.bytes = r.size(*size, what).value_or(0);
  else
    r.error(value, what + " needs a `size`", "write `{size: 16B, type: uuid}`");
  if (const YamlNode* type = value.find("type"))
    field.type = r.text(*type, "the type of " + what).value_or("");
  return field;
}

// Fields are declared with their entity because events and consumers name them.
void declare_fields(Reader& r, const YamlNode& key, const YamlNode& value, Entity& entity) {
  const YamlNode* fields = value.is_map() ? value.find("fields") : nullptr;
  if (fields != nullptr && r.expect_map(*fields, "`fields` of entity `" + entity.name + "`")) {
    for (const auto& [field_key, field_value] : fields->entries) {
      if (is_extension(field_key)) continue;
      if (const auto field_name = r.name(field_key, "a field"))
        entity.fields.push_back(read_field(r, field_key, field_value, entity.name, *field_name));
    }
  } else if (fields == nullptr && value.is_map()) {
    r.error(key, "entity `" + entity.name + "` has no `fields`",
            "list its fields with their sizes: `fields: {id: 16B, total: 8B}`");
  }
}

void declare_entities(Reader& r, const YamlNode& node, Spec& spec, DeclaredBodies& bodies) {
  if (node.is_null() || !r.expect_map(node, "`entities`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    const auto name = r.name(key, "an entity");
    if (!name) continue;
    if (spec.find_entity(*name)) continue;  // duplicate keys are reported by the YAML layer
    Entity entity;
    entity.name = *name;
    entity.loc = r.loc(key);
    declare_fields(r, key, value, entity);
    spec.entity_index[entity.name] = EntityId{static_cast<int>(spec.entities.size())};
    spec.entities.push_back(std::move(entity));
    bodies.entities.push_back(&value);
  }
}

void declare_events(Reader& r, const YamlNode& node, Spec& spec, DeclaredBodies& bodies) {
  if (node.is_null() || !r.expect_map(node, "`events`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    const auto name = r.name(key, "an event");
    if (!name || spec.find_event(*name)) continue;
    Event event;
    event.name = *name;
    event.loc = r.loc(key);
    spec.event_index[event.name] = EventId{static_cast<int>(spec.events.size())};
    spec.events.push_back(std::move(event));
    bodies.events.push_back(&value);
  }
}

template <typename T, typename IdType>
std::optional<IdType> resolve_in(Reader& r, const YamlNode& node, const std::string& what,
                                 const std::vector<T>& elements,
                                 const std::unordered_map<std::string, IdType>& index) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  const auto it = index.find(*value);
  if (it != index.end()) return it->second;
  std::string otherwise = elements.empty() ? "none is declared" : "";
  if (elements.size() <= 6 && !elements.empty())
    otherwise = "declared: " + quoted_list(names_of(elements));
  r.error(node, "unknown " + what + " `" + *value + "`",
          did_you_mean(
              r, *value, elements.size(), [&] { return names_of(elements); }, otherwise));
  return std::nullopt;
}

// The error for `value`, written without a dot: most likely a service or a misspelt operation.
void report_not_an_operation(Reader& r, const Spec& spec, const YamlNode& node,
                             const std::string& value) {
  std::string hint = "write `service.operation`";
  if (auto service = spec.find_service(value);
      service && !spec.services[*service].operations.empty())
    hint =
        "did you mean `" + spec.operations[spec.services[*service].operations[0]].full_name + "`?";
  else if (r.spend_spellcheck(spec.operations.size()))
    hint = did_you_mean(value, operation_names(spec), hint);
  r.error(node, "`" + value + "` is not an operation", hint);
}

}  // namespace

DeclaredBodies declare_elements(Reader& r, const YamlNode& root, Spec& spec) {
  DeclaredBodies bodies;
  ComponentNames names;
  if (const YamlNode* n = root.find("brokers"))
    declare_components(r, *n, "`brokers`", "broker", names, spec.brokers, spec.broker_index,
                       bodies.brokers);
  if (const YamlNode* n = root.find("stores"))
    declare_components(r, *n, "`stores`", "store", names, spec.stores, spec.store_index,
                       bodies.stores);
  if (const YamlNode* n = root.find("services")) declare_services(r, *n, names, spec, bodies);
  if (const YamlNode* n = root.find("entities")) declare_entities(r, *n, spec, bodies);
  if (const YamlNode* n = root.find("events")) declare_events(r, *n, spec, bodies);
  return bodies;
}

bool is_extension(const YamlNode& key) { return key.is_scalar() && key.value.rfind("x-", 0) == 0; }

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& otherwise) {
  const auto guess = closest_match(word, candidates);
  return guess ? "did you mean `" + *guess + "`?" : otherwise;
}

std::vector<std::string> operation_names(const Spec& spec) {
  std::vector<std::string> out;
  for (const Operation& op : spec.operations) out.push_back(op.full_name);
  return out;
}

std::optional<ServiceId> resolve_service(Reader& r, const Spec& spec, const YamlNode& node) {
  return resolve_in(r, node, "service", spec.services, spec.service_index);
}
std::optional<BrokerId> resolve_broker(Reader& r, const Spec& spec, const YamlNode& node) {
  return resolve_in(r, node, "broker", spec.brokers, spec.broker_index);
}
std::optional<StoreId> resolve_store(Reader& r, const Spec& spec, const YamlNode& node) {
  return resolve_in(r, node, "store", spec.stores, spec.store_index);
}
std::optional<EventId> resolve_event(Reader& r, const Spec& spec, const YamlNode& node) {
  return resolve_in(r, node, "event", spec.events, spec.event_index);
}

std::optional<int> resolve(Reader& r, const Spec& spec, const YamlNode& node, NameKind kind) {
  const auto index = [](auto id) -> std::optional<int> {
    if (!id) return std::nullopt;
    return id->index();
  };
  switch (kind) {
    case NameKind::Service:
      return index(resolve_service(r, spec, node));
    case NameKind::Broker:
      return index(resolve_broker(r, spec, node));
    case NameKind::Store:
      return index(resolve_store(r, spec, node));
    case NameKind::Event:
      return index(resolve_event(r, spec, node));
  }
  return std::nullopt;
}

std::optional<OperationId> resolve_operation(Reader& r, const Spec& spec, const YamlNode& node,
                                             const std::string& what) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  if (auto id = spec.find_operation(*value)) return id;
  const std::size_t dot = value->find('.');
  if (dot == std::string::npos) {
    report_not_an_operation(r, spec, node, *value);
    return std::nullopt;
  }
  const std::string service_name = value->substr(0, dot);
  const std::string op_name = value->substr(dot + 1);
  const auto service = spec.find_service(service_name);
  if (!service) {
    r.error_at(node, 0, dot, "unknown service `" + service_name + "` in `" + *value + "`",
               did_you_mean(
                   r, *value, spec.operations.size(), [&] { return operation_names(spec); },
                   did_you_mean(r, service_name, spec.services.size(),
                                [&] { return names_of(spec.services); })));
    return std::nullopt;
  }
  std::vector<std::string> candidates;
  for (const OperationId op : spec.services[*service].operations)
    candidates.push_back(spec.operations[op].full_name);
  r.error_at(node, dot + 1, op_name.size(),
             "service `" + service_name + "` has no operation `" + op_name + "`",
             did_you_mean(*value, candidates,
                          candidates.empty()
                              ? "declare it under `services." + service_name + ".operations`"
                              : "its operations: " + quoted_list(candidates)));
  return std::nullopt;
}

std::optional<FieldRef> resolve_field(Reader& r, const Spec& spec, const YamlNode& node,
                                      const std::string& what, FieldScope scope) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  const bool every_field_allowed = scope == FieldScope::OneOrEveryField;
  const std::size_t dot = value->find('.');
  if (dot == std::string::npos) {
    r.error(node, "`" + *value + "` is not a field; " + what + " names `entity.field`",
            spec.find_entity(*value) && every_field_allowed
                ? "write `" + *value + ".*` for every field"
                : "write `entity.field`, as in `order.id`");
    return std::nullopt;
  }
  const std::string entity_name = value->substr(0, dot);
  const std::string field_name = value->substr(dot + 1);
  const auto entity = spec.find_entity(entity_name);
  if (!entity) {
    r.error_at(node, 0, dot, "unknown entity `" + entity_name + "` in " + what,
               did_you_mean(
                   r, entity_name, spec.entities.size(), [&] { return names_of(spec.entities); },
                   "declare it under `entities:`"));
    return std::nullopt;
  }
  FieldRef ref;
  ref.entity = *entity;
  ref.loc = r.loc(node);
  if (field_name == "*") {
    if (every_field_allowed) return ref;
    r.error(node, what + " takes one field, not `" + *value + "`");
    return std::nullopt;
  }
  const Entity& e = spec.entities[*entity];
  const auto field = e.find_field(field_name);
  if (!field) {
    r.error_at(node, dot + 1, field_name.size(),
               "entity `" + entity_name + "` has no field `" + field_name + "`",
               did_you_mean(field_name, names_of(e.fields),
                            "its fields: " + quoted_list(names_of(e.fields))));
    return std::nullopt;
  }
  ref.field = *field;
  return ref;
}

}  // namespace ripple::model::detail
