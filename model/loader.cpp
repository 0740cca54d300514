#include "model/loader.h"

#include <algorithm>
#include <limits>
#include <map>

#include "model/gate_parser.h"
#include "model/lint_rules.h"
#include "model/reader.h"
#include "model/spellcheck.h"
#include "model/yaml_tree.h"

namespace ripple::model {
namespace {

using detail::Reader;
using detail::YamlNode;

// Values `defaults:` may set, over the built-in ones of design.md.
struct Defaults {
  int replicas = 1;
  int workers = 16;
  std::optional<int> queue = 1024;
  Balancing balancing = Balancing::RoundRobin;
  Duration timeout{30 * kSecond.ns};
  RetryPolicy retry;
  std::optional<BreakerPolicy> breaker;
  OnFailure on_failure = OnFailure::Fail;
  bool cancel_on_timeout = false;
  int concurrency = 1;
};

constexpr long long kMaxCount = 1'000'000'000;

// Loads one spec (and optionally a scenario) into a Spec in two passes: first every name is
// declared (so references may point forward), then every body is read and resolved.
class Loader {
 public:
  Loader(Spec& spec) : spec_(spec) {}

  void load_architecture(Reader& r, const YamlNode& root);
  void load_scenario_sections(Reader& r, const YamlNode& root);
  void load_scenario(Reader& r, const YamlNode& root);

 private:
  void remember_gates(Reader& r, const YamlNode& root);
  // Pass 1: names.
  void declare_component(Reader& r, const YamlNode& key, const char* kind, std::string& name_out);
  void declare_brokers(Reader& r, const YamlNode& node);
  void declare_stores(Reader& r, const YamlNode& node);
  void declare_services(Reader& r, const YamlNode& node);
  void declare_entities(Reader& r, const YamlNode& node);
  void declare_events(Reader& r, const YamlNode& node);

  // Pass 2: bodies.
  void read_version(Reader& r, const YamlNode& root);
  void read_defaults(Reader& r, const YamlNode& node);
  void read_broker(Reader& r, Broker& broker, const YamlNode& node);
  void read_store(Reader& r, Store& store, const YamlNode& node);
  void read_entity(Reader& r, Entity& entity, const YamlNode& node);
  void read_event(Reader& r, Event& event, const YamlNode& node);
  void read_service(Reader& r, Service& service, const YamlNode& node);
  void read_operation(Reader& r, Operation& operation, const YamlNode& node);
  void read_consumer(Reader& r, Consumer& consumer, const YamlNode& node);
  void read_work(Reader& r, const YamlNode& node, Work& work, const std::string& what);
  std::optional<Call> read_call(Reader& r, const YamlNode& node, const std::string& what);
  [[nodiscard]] Call default_call(SourceLoc loc) const;
  void read_store_accesses(Reader& r, const YamlNode& node, std::vector<StoreAccess>& out,
                           const std::string& what, bool writes);
  void read_publishes(Reader& r, const YamlNode& node, std::vector<Publish>& out,
                      const std::string& what);
  RetryPolicy read_retry(Reader& r, const YamlNode& node, RetryPolicy base,
                         const std::string& what);
  std::optional<BreakerPolicy> read_breaker(Reader& r, const YamlNode& node,
                                            std::optional<BreakerPolicy> base,
                                            const std::string& what);
  void read_workload(Reader& r, const YamlNode& node);
  void read_rate_source(Reader& r, const YamlNode& node);
  void read_reconnect_source(Reader& r, const YamlNode& node);
  void read_faults(Reader& r, const YamlNode& node);
  void read_fault(Reader& r, const YamlNode& node);
  void read_gates(Reader& r, const YamlNode& node);
  void read_suppressions(Reader& r, const YamlNode& node);

  // References.
  std::optional<OperationId> resolve_operation(Reader& r, const YamlNode& node,
                                               const std::string& what);
  std::optional<FieldRef> resolve_field(Reader& r, const YamlNode& node, const std::string& what,
                                        bool allow_all);
  template <typename T>
  std::optional<int> resolve(Reader& r, const YamlNode& node, const std::string& what,
                             const std::vector<T>& elements,
                             const std::unordered_map<std::string, int>& index);

  Spec& spec_;
  Defaults defaults_;
  Reader* architecture_reader_ = nullptr;  // for re-checking gates under a scenario
  const YamlNode* architecture_gates_ = nullptr;
  // Declared bodies, read in pass 2; each points into the YAML tree, which outlives the Loader.
  std::vector<const YamlNode*> broker_nodes_, store_nodes_, service_nodes_, entity_nodes_,
      event_nodes_, operation_nodes_, consumer_nodes_;
  // Services, brokers and stores share one namespace: name -> (kind, line).
  std::map<std::string, std::pair<std::string, int>> components_;
};

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& elements) {
  std::vector<std::string> out;
  out.reserve(elements.size());
  for (const T& e : elements) out.push_back(e.name);
  return out;
}

std::vector<std::string> operation_names(const Spec& spec) {
  std::vector<std::string> out;
  for (const Operation& op : spec.operations) out.push_back(op.full_name);
  return out;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& otherwise = {}) {
  const auto guess = closest_match(word, candidates);
  return guess ? "did you mean `" + *guess + "`?" : otherwise;
}

// --- Pass 1 -------------------------------------------------------------------------------

// Keys starting with `x-` are vendor extensions, ignored in every mapping, also in maps whose keys
// are names (services, brokers, fields, ...).
bool is_extension(const YamlNode& key) { return key.is_scalar() && key.value.rfind("x-", 0) == 0; }

void Loader::declare_component(Reader& r, const YamlNode& key, const char* kind,
                               std::string& name_out) {
  const auto name = r.name(key, std::string("a ") + kind);
  if (!name) return;
  const auto [it, inserted] = components_.emplace(*name, std::make_pair(kind, key.line));
  if (!inserted) {
    // A second service of the same name is a duplicate key, already reported by the YAML layer.
    if (it->second.first != kind)
      r.error(key,
              "`" + *name + "` is already a " + it->second.first + " (line " +
                  std::to_string(it->second.second) + ")",
              "services, brokers and stores share one namespace; rename one of them");
    return;
  }
  name_out = *name;
}

void Loader::declare_brokers(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`brokers`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    Broker broker;
    declare_component(r, key, "broker", broker.name);
    if (broker.name.empty()) continue;
    broker.loc = r.loc(key);
    spec_.broker_index[broker.name] = static_cast<int>(spec_.brokers.size());
    spec_.brokers.push_back(std::move(broker));
    broker_nodes_.push_back(&value);
  }
}

void Loader::declare_stores(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`stores`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    Store store;
    declare_component(r, key, "store", store.name);
    if (store.name.empty()) continue;
    store.loc = r.loc(key);
    spec_.store_index[store.name] = static_cast<int>(spec_.stores.size());
    spec_.stores.push_back(std::move(store));
    store_nodes_.push_back(&value);
  }
}

void Loader::declare_services(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`services`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    Service service;
    declare_component(r, key, "service", service.name);
    if (service.name.empty()) continue;
    const ServiceId id = static_cast<ServiceId>(spec_.services.size());
    service.loc = r.loc(key);
    const YamlNode* operations = value.is_map() ? value.find("operations") : nullptr;
    if (operations != nullptr && !operations->is_null() &&
        r.expect_map(*operations, "`operations` of `" + service.name + "`")) {
      for (const auto& [op_key, op_value] : operations->entries) {
        if (is_extension(op_key)) continue;
        const auto op_name = r.name(op_key, "an operation");
        if (!op_name) continue;
        Operation op;
        op.name = *op_name;
        op.full_name = service.name + "." + op.name;
        op.service = id;
        op.loc = r.loc(op_key);
        service.operations.push_back(static_cast<OperationId>(spec_.operations.size()));
        spec_.operation_index[op.full_name] = static_cast<int>(spec_.operations.size());
        spec_.operations.push_back(std::move(op));
        operation_nodes_.push_back(&op_value);
      }
    }
    spec_.service_index[service.name] = id;
    spec_.services.push_back(std::move(service));
    service_nodes_.push_back(&value);
  }
}

void Loader::declare_entities(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`entities`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    const auto name = r.name(key, "an entity");
    if (!name) continue;
    if (spec_.find_entity(*name)) continue;  // duplicate keys are reported by the YAML layer
    Entity entity;
    entity.name = *name;
    entity.loc = r.loc(key);
    // Fields are declared here because events and consumers name them.
    const YamlNode* fields = value.is_map() ? value.find("fields") : nullptr;
    if (fields != nullptr && r.expect_map(*fields, "`fields` of entity `" + *name + "`")) {
      for (const auto& [field_key, field_value] : fields->entries) {
        if (is_extension(field_key)) continue;
        const auto field_name = r.name(field_key, "a field");
        if (!field_name) continue;
        Field field;
        field.name = *field_name;
        field.loc = r.loc(field_key);
        const std::string what = "field `" + *name + "." + *field_name + "`";
        if (field_value.is_map()) {
          r.check_keys(field_value, {"size", "type", "description"}, what);
          if (const YamlNode* size = field_value.find("size")) {
            field.bytes = r.size(*size, what).value_or(0);
          } else {
            r.error(field_value, what + " needs a `size`", "write `{size: 16B, type: uuid}`");
          }
          if (const YamlNode* type = field_value.find("type"))
            field.type = r.text(*type, "the type of " + what).value_or("");
        } else {
          field.bytes = r.size(field_value, what).value_or(0);
        }
        entity.fields.push_back(std::move(field));
      }
    } else if (fields == nullptr && value.is_map()) {
      r.error(key, "entity `" + *name + "` has no `fields`",
              "list its fields with their sizes: `fields: {id: 16B, total: 8B}`");
    }
    spec_.entity_index[entity.name] = static_cast<int>(spec_.entities.size());
    spec_.entities.push_back(std::move(entity));
    entity_nodes_.push_back(&value);
  }
}

void Loader::declare_events(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`events`")) return;
  for (const auto& [key, value] : node.entries) {
    if (is_extension(key)) continue;
    const auto name = r.name(key, "an event");
    if (!name || spec_.find_event(*name)) continue;
    Event event;
    event.name = *name;
    event.loc = r.loc(key);
    spec_.event_index[event.name] = static_cast<int>(spec_.events.size());
    spec_.events.push_back(std::move(event));
    event_nodes_.push_back(&value);
  }
}

// --- References ---------------------------------------------------------------------------

template <typename T>
std::optional<int> Loader::resolve(Reader& r, const YamlNode& node, const std::string& what,
                                   const std::vector<T>& elements,
                                   const std::unordered_map<std::string, int>& index) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  const auto it = index.find(*value);
  if (it != index.end()) return it->second;
  std::string otherwise = elements.empty() ? "none is declared" : "";
  if (elements.size() <= 6 && !elements.empty())
    otherwise = "declared: " + detail::quoted_list(names_of(elements));
  r.error(node, "unknown " + what + " `" + *value + "`",
          did_you_mean(*value, names_of(elements), otherwise));
  return std::nullopt;
}

std::optional<OperationId> Loader::resolve_operation(Reader& r, const YamlNode& node,
                                                     const std::string& what) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  if (auto id = spec_.find_operation(*value)) return id;
  const std::size_t dot = value->find('.');
  if (dot == std::string::npos) {
    std::string hint = "write `service.operation`";
    if (auto service = spec_.find_service(*value);
        service && !spec_.services[*service].operations.empty())
      hint = "did you mean `" + spec_.operations[spec_.services[*service].operations[0]].full_name +
             "`?";
    else if (auto guess = closest_match(*value, operation_names(spec_)))
      hint = "did you mean `" + *guess + "`?";
    r.error(node, "`" + *value + "` is not an operation", hint);
    return std::nullopt;
  }
  const std::string service_name = value->substr(0, dot);
  const std::string op_name = value->substr(dot + 1);
  const auto service = spec_.find_service(service_name);
  if (!service) {
    r.error_at(node, 0, dot, "unknown service `" + service_name + "` in `" + *value + "`",
               did_you_mean(*value, operation_names(spec_),
                            did_you_mean(service_name, names_of(spec_.services))));
    return std::nullopt;
  }
  std::vector<std::string> candidates;
  for (const OperationId op : spec_.services[*service].operations)
    candidates.push_back(spec_.operations[op].full_name);
  r.error_at(node, dot + 1, op_name.size(),
             "service `" + service_name + "` has no operation `" + op_name + "`",
             did_you_mean(*value, candidates,
                          candidates.empty()
                              ? "declare it under `services." + service_name + ".operations`"
                              : "its operations: " + detail::quoted_list(candidates)));
  return std::nullopt;
}

std::optional<FieldRef> Loader::resolve_field(Reader& r, const YamlNode& node,
                                              const std::string& what, bool allow_all) {
  const auto value = r.text(node, what);
  if (!value) return std::nullopt;
  const std::size_t dot = value->find('.');
  if (dot == std::string::npos) {
    r.error(node, "`" + *value + "` is not a field; " + what + " names `entity.field`",
            spec_.find_entity(*value) && allow_all ? "write `" + *value + ".*` for every field"
                                                   : "write `entity.field`, as in `order.id`");
    return std::nullopt;
  }
  const std::string entity_name = value->substr(0, dot);
  const std::string field_name = value->substr(dot + 1);
  const auto entity = spec_.find_entity(entity_name);
  if (!entity) {
    r.error_at(node, 0, dot, "unknown entity `" + entity_name + "` in " + what,
               did_you_mean(entity_name, names_of(spec_.entities), "declare it under `entities:`"));
    return std::nullopt;
  }
  FieldRef ref;
  ref.entity = *entity;
  ref.loc = r.loc(node);
  if (field_name == "*") {
    if (!allow_all) {
      r.error(node, what + " takes one field, not `" + *value + "`");
      return std::nullopt;
    }
    return ref;
  }
  const Entity& e = spec_.entities[*entity];
  const auto field = e.find_field(field_name);
  if (!field) {
    r.error_at(node, dot + 1, field_name.size(),
               "entity `" + entity_name + "` has no field `" + field_name + "`",
               did_you_mean(field_name, names_of(e.fields),
                            "its fields: " + detail::quoted_list(names_of(e.fields))));
    return std::nullopt;
  }
  ref.field = *field;
  return ref;
}

// --- Pass 2: architecture -----------------------------------------------------------------

void Loader::read_version(Reader& r, const YamlNode& root) {
  const YamlNode* version = root.find("ripple");
  if (version == nullptr) {
    const YamlNode& at = root.entries.empty() ? root : root.entries.front().first;
    r.error(at, "the spec does not say its format version", "add `ripple: 1` as the first line");
    return;
  }
  if (!version->is_scalar() || version->value != "1")
    r.error(
        *version,
        "unsupported spec format version `" + (version->is_scalar() ? version->value : "?") + "`",
        "this Ripple reads `ripple: 1`");
}

void Loader::read_defaults(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_map(node, "`defaults`")) return;
  r.check_keys(node,
               {"replicas", "workers", "queue", "balancing", "timeout", "retry", "breaker",
                "on_failure", "cancel_on_timeout", "concurrency"},
               "`defaults`");
  Defaults& d = defaults_;
  if (const YamlNode* n = node.find("replicas"))
    d.replicas = static_cast<int>(r.integer(*n, "`replicas`", 1, kMaxCount).value_or(d.replicas));
  if (const YamlNode* n = node.find("workers"))
    d.workers = static_cast<int>(r.integer(*n, "`workers`", 1, kMaxCount).value_or(d.workers));
  if (const YamlNode* n = node.find("queue")) {
    if (n->is_scalar() && n->value == "unbounded")
      d.queue = std::nullopt;
    else if (auto q = r.integer(*n, "`queue`", 0, kMaxCount))
      d.queue = static_cast<int>(*q);
  }
  if (const YamlNode* n = node.find("balancing"))
    d.balancing = r.choice<Balancing>(*n, "balancing",
                                      {{"round_robin", Balancing::RoundRobin},
                                       {"least_outstanding", Balancing::LeastOutstanding}})
                      .value_or(d.balancing);
  if (const YamlNode* n = node.find("timeout"))
    d.timeout = r.duration(*n, "`timeout`").value_or(d.timeout);
  if (const YamlNode* n = node.find("retry"))
    d.retry = read_retry(r, *n, d.retry, "`retry` in `defaults`");
  if (const YamlNode* n = node.find("breaker"))
    d.breaker = read_breaker(r, *n, d.breaker, "`breaker` in `defaults`");
  if (const YamlNode* n = node.find("on_failure"))
    d.on_failure =
        r.choice<OnFailure>(*n, "on_failure",
                            {{"fail", OnFailure::Fail}, {"continue", OnFailure::Continue}})
            .value_or(d.on_failure);
  if (const YamlNode* n = node.find("cancel_on_timeout"))
    d.cancel_on_timeout = r.boolean(*n, "`cancel_on_timeout`").value_or(false);
  if (const YamlNode* n = node.find("concurrency"))
    d.concurrency = static_cast<int>(r.integer(*n, "`concurrency`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("timeout"); n && d.timeout.ns == 0)
    r.error(*n, "a timeout must be above 0", "remove it to keep the default of 30s");
}

RetryPolicy Loader::read_retry(Reader& r, const YamlNode& node, RetryPolicy base,
                               const std::string& what) {
  if (node.is_scalar() && node.plain && node.value == "none") return RetryPolicy{};
  if (!r.expect_map(node, what)) return base;
  r.check_keys(node, {"attempts", "backoff", "multiplier", "max_backoff", "jitter"}, what);
  if (const YamlNode* n = node.find("attempts")) {
    if (n->is_scalar() && n->value == "0") {
      r.error(*n, "`attempts` counts the first try too, so it is at least 1",
              "`attempts: 1` means no retry");
    } else {
      base.attempts =
          static_cast<int>(r.integer(*n, "`attempts`", 1, 1000).value_or(base.attempts));
    }
  }
  if (const YamlNode* n = node.find("backoff"))
    base.backoff = r.duration(*n, "`backoff`").value_or(base.backoff);
  if (const YamlNode* n = node.find("multiplier")) {
    const auto m = r.number(*n, "`multiplier`");
    if (m && *m < 1)
      r.error(*n, "`multiplier` must be at least 1, not " + n->value,
              "1 keeps the backoff constant");
    else if (m)
      base.multiplier = *m;
  }
  if (const YamlNode* n = node.find("max_backoff"))
    base.max_backoff = r.duration(*n, "`max_backoff`").value_or(base.max_backoff);
  if (const YamlNode* n = node.find("jitter"))
    base.jitter = r.choice<Jitter>(*n, "jitter",
                                   {{"none", Jitter::None},
                                    {"full", Jitter::Full},
                                    {"equal", Jitter::Equal},
                                    {"decorrelated", Jitter::Decorrelated}})
                      .value_or(base.jitter);
  return base;
}

std::optional<BreakerPolicy> Loader::read_breaker(Reader& r, const YamlNode& node,
                                                  std::optional<BreakerPolicy> base,
                                                  const std::string& what) {
  if (node.is_scalar() && node.plain && node.value == "none") return std::nullopt;
  if (!r.expect_map(node, what)) return base;
  r.check_keys(node, {"failure_ratio", "window", "open_for"}, what);
  BreakerPolicy b = base.value_or(BreakerPolicy{});
  if (const YamlNode* n = node.find("failure_ratio")) {
    const auto ratio = r.ratio(*n, "`failure_ratio`");
    if (ratio && *ratio <= 0)
      r.error(*n, "`failure_ratio` must be above 0",
              "a breaker opening at 0% failures never closes");
    else if (ratio)
      b.failure_ratio = *ratio;
  }
  if (const YamlNode* n = node.find("window"))
    b.window = static_cast<int>(r.integer(*n, "`window`", 1, 1'000'000).value_or(b.window));
  if (const YamlNode* n = node.find("open_for"))
    b.open_for = r.duration(*n, "`open_for`").value_or(b.open_for);
  return b;
}

void Loader::read_broker(Reader& r, Broker& broker, const YamlNode& node) {
  const std::string what = "broker `" + broker.name + "`";
  if (!r.expect_map(node, what)) return;
  r.check_keys(node,
               {"type", "latency", "partitions", "visibility_timeout", "max_receives", "fifo",
                "description"},
               what);
  const YamlNode* type = node.find("type");
  if (type == nullptr) {
    r.error(node, what + " needs a `type`", "use `kafka`, `sqs`, `rabbitmq` or `memory`");
  } else {
    broker.type = r.choice<BrokerType>(*type, "broker type",
                                       {{"kafka", BrokerType::Kafka},
                                        {"sqs", BrokerType::Sqs},
                                        {"rabbitmq", BrokerType::Rabbitmq},
                                        {"memory", BrokerType::Memory}})
                      .value_or(BrokerType::Kafka);
  }
  broker.latency = Distribution::constant(Duration{0});
  if (const YamlNode* n = node.find("latency"))
    broker.latency = r.distribution(*n, "`latency`").value_or(broker.latency);
  const auto only_for = [&](const char* key, BrokerType t,
                            const char* type_name) -> const YamlNode* {
    const YamlNode* n = node.find(key);
    if (n != nullptr && broker.type != t) {
      r.error(*n,
              std::string("`") + key + "` applies to " + type_name + " brokers, and `" +
                  broker.name + "` is " + to_string(broker.type),
              "remove it, or change the broker's type");
      return nullptr;
    }
    return n;
  };
  if (const YamlNode* n = only_for("partitions", BrokerType::Kafka, "kafka"))
    broker.partitions = static_cast<int>(r.integer(*n, "`partitions`", 1, 1'000'000).value_or(1));
  if (const YamlNode* n = only_for("visibility_timeout", BrokerType::Sqs, "sqs"))
    broker.visibility_timeout =
        r.duration(*n, "`visibility_timeout`").value_or(broker.visibility_timeout);
  if (const YamlNode* n = only_for("max_receives", BrokerType::Sqs, "sqs"))
    if (auto m = r.integer(*n, "`max_receives`", 1, 1'000'000))
      broker.max_receives = static_cast<int>(*m);
  if (const YamlNode* n = only_for("fifo", BrokerType::Sqs, "sqs"))
    broker.fifo = r.boolean(*n, "`fifo`").value_or(false);
}

void Loader::read_store(Reader& r, Store& store, const YamlNode& node) {
  const std::string what = "store `" + store.name + "`";
  store.txn_time = Distribution::constant(Duration{0});
  store.row_time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"connections", "txn_time", "row_time", "type", "description"}, what);
  if (const YamlNode* n = node.find("connections"))
    store.connections = static_cast<int>(r.integer(*n, "`connections`", 1, kMaxCount).value_or(10));
  if (const YamlNode* n = node.find("txn_time"))
    store.txn_time = r.distribution(*n, "`txn_time`").value_or(store.txn_time);
  if (const YamlNode* n = node.find("row_time"))
    store.row_time = r.distribution(*n, "`row_time`").value_or(store.row_time);
  if (const YamlNode* n = node.find("type")) (void)r.text(*n, "`type`");
}

void Loader::read_entity(Reader& r, Entity& entity, const YamlNode& node) {
  const std::string what = "entity `" + entity.name + "`";
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"owner", "read", "fields", "description"}, what);
  if (const YamlNode* n = node.find("owner")) {
    entity.owner = resolve(r, *n, "service", spec_.services, spec_.service_index).value_or(-1);
  } else {
    r.error(node, what + " needs an `owner`",
            "name the service that owns this state: `owner: order`");
  }
  if (const YamlNode* n = node.find("read"))
    entity.read = resolve_operation(r, *n, "`read` of " + what);
}

void Loader::read_event(Reader& r, Event& event, const YamlNode& node) {
  const std::string what = "event `" + event.name + "`";
  if (node.is_null()) {
    r.error(node, what + " needs a `broker`",
            "write `" + event.name + ": {broker: bus, carries: [...]}`");
    return;
  }
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"broker", "key", "carries", "description"}, what);
  if (const YamlNode* n = node.find("broker")) {
    event.broker = resolve(r, *n, "broker", spec_.brokers, spec_.broker_index).value_or(-1);
  } else {
    r.error(node, what + " needs a `broker`",
            spec_.brokers.empty() ? "declare one under `brokers:` first"
                                  : "write `broker: " + spec_.brokers.front().name + "`");
  }
  if (const YamlNode* n = node.find("key"))
    event.key = resolve_field(r, *n, "`key` of " + what, false);
  if (const YamlNode* n = node.find("carries")) {
    if (n->is_sequence()) {
      for (const YamlNode& item : n->items)
        if (auto ref = resolve_field(r, item, "`carries` of " + what, true))
          event.carries.push_back(*ref);
    } else if (!n->is_null()) {
      r.expect_sequence(*n, "`carries` of " + what);
    }
  }
}

void Loader::read_service(Reader& r, Service& service, const YamlNode& node) {
  const std::string what = "service `" + service.name + "`";
  service.replicas = defaults_.replicas;
  service.workers = defaults_.workers;
  service.queue = defaults_.queue;
  service.balancing = defaults_.balancing;
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(
      node, {"replicas", "workers", "queue", "balancing", "operations", "consumes", "description"},
      what);
  if (const YamlNode* n = node.find("replicas"))
    service.replicas = static_cast<int>(r.integer(*n, "`replicas`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("workers"))
    service.workers = static_cast<int>(r.integer(*n, "`workers`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("queue")) {
    if (n->is_scalar() && n->value == "unbounded")
      service.queue = std::nullopt;
    else if (auto q = r.integer(*n, "`queue`", 0, kMaxCount))
      service.queue = static_cast<int>(*q);
  }
  if (const YamlNode* n = node.find("balancing"))
    service.balancing = r.choice<Balancing>(*n, "balancing",
                                            {{"round_robin", Balancing::RoundRobin},
                                             {"least_outstanding", Balancing::LeastOutstanding}})
                            .value_or(service.balancing);
  const YamlNode* consumes = node.find("consumes");
  if (consumes == nullptr || consumes->is_null() ||
      !r.expect_map(*consumes, "`consumes` of " + what))
    return;
  const ServiceId id = spec_.service_index.at(service.name);
  for (const auto& [key, value] : consumes->entries) {
    if (is_extension(key)) continue;
    const auto event = resolve(r, key, "event", spec_.events, spec_.event_index);
    if (!event) continue;
    Consumer consumer;
    consumer.service = id;
    consumer.event = *event;
    consumer.name = service.name + ":" + spec_.events[*event].name;
    consumer.loc = r.loc(key);
    consumer.concurrency = defaults_.concurrency;
    read_consumer(r, consumer, value);
    service.consumers.push_back(static_cast<ConsumerId>(spec_.consumers.size()));
    spec_.consumer_index[consumer.name] = static_cast<int>(spec_.consumers.size());
    spec_.consumers.push_back(std::move(consumer));
  }
}

void Loader::read_operation(Reader& r, Operation& operation, const YamlNode& node) {
  const std::string what = "operation `" + operation.full_name + "`";
  operation.work.time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"time", "calls", "parallel", "reads", "writes", "publishes", "description"},
               what);
  read_work(r, node, operation.work, what);
}

void Loader::read_consumer(Reader& r, Consumer& consumer, const YamlNode& node) {
  const std::string what = "consumer `" + consumer.name + "`";
  consumer.work.time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node,
               {"needs", "time", "concurrency", "idempotent", "ordered", "calls", "parallel",
                "reads", "writes", "publishes", "description"},
               what);
  if (const YamlNode* n = node.find("concurrency"))
    consumer.concurrency =
        static_cast<int>(r.integer(*n, "`concurrency`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("idempotent"))
    consumer.idempotent = r.boolean(*n, "`idempotent`").value_or(false);
  if (const YamlNode* n = node.find("ordered"))
    consumer.ordered = r.boolean(*n, "`ordered`").value_or(false);
  if (const YamlNode* n = node.find("needs");
      n != nullptr && !n->is_null() && r.expect_sequence(*n, "`needs` of " + what)) {
    const Event& event = spec_.events[consumer.event];
    for (const YamlNode& item : n->items) {
      const auto ref = resolve_field(r, item, "`needs` of " + what, true);
      if (!ref) continue;
      consumer.needs.push_back(*ref);
      const Entity& entity = spec_.entities[ref->entity];
      if (!spec_.carries(consumer.event, *ref) && !entity.read)
        r.error(item,
                "`" + event.name + "` does not carry `" + item.value + "`, and entity `" +
                    entity.name + "` has no `read` operation to call back",
                "add `read: <service.operation>` to entity `" + entity.name +
                    "`, or carry the field in the event");
    }
  }
  read_work(r, node, consumer.work, what);
}

void Loader::read_work(Reader& r, const YamlNode& node, Work& work, const std::string& what) {
  if (const YamlNode* n = node.find("time"))
    work.time = r.distribution(*n, "`time` of " + what).value_or(work.time);
  if (const YamlNode* n = node.find("parallel"))
    work.parallel_calls = r.boolean(*n, "`parallel`").value_or(false);
  if (const YamlNode* n = node.find("calls");
      n != nullptr && !n->is_null() && r.expect_sequence(*n, "`calls` of " + what)) {
    for (const YamlNode& item : n->items)
      if (auto call = read_call(r, item, what)) work.calls.push_back(std::move(*call));
  }
  if (const YamlNode* n = node.find("reads"))
    read_store_accesses(r, *n, work.reads, "`reads` of " + what, false);
  if (const YamlNode* n = node.find("writes"))
    read_store_accesses(r, *n, work.writes, "`writes` of " + what, true);
  if (const YamlNode* n = node.find("publishes")) read_publishes(r, *n, work.publishes, what);
}

Call Loader::default_call(SourceLoc loc) const {
  Call call;
  call.timeout = defaults_.timeout;
  call.retry = defaults_.retry;
  call.breaker = defaults_.breaker;
  call.on_failure = defaults_.on_failure;
  call.cancel_on_timeout = defaults_.cancel_on_timeout;
  call.loc = loc;
  return call;
}

std::optional<Call> Loader::read_call(Reader& r, const YamlNode& node, const std::string& what) {
  Call call = default_call(r.loc(node));
  if (!node.is_map()) {
    const auto target = resolve_operation(r, node, "call of " + what);
    if (!target) return std::nullopt;
    call.target = *target;
    return call;
  }
  const std::string call_what = "a call of " + what;
  r.check_keys(node,
               {"to", "timeout", "retry", "breaker", "on_failure", "cancel_on_timeout",
                "probability", "description"},
               call_what);
  const YamlNode* to = node.find("to");
  if (to == nullptr) {
    r.error(node, call_what + " needs `to`", "write `{to: payment.charge, timeout: 800ms}`");
    return std::nullopt;
  }
  const auto target = resolve_operation(r, *to, "call of " + what);
  if (const YamlNode* n = node.find("timeout")) {
    call.timeout = r.duration(*n, "`timeout`").value_or(call.timeout);
    if (call.timeout.ns == 0)
      r.error(*n, "a timeout must be above 0", "remove it to keep the default");
  }
  if (const YamlNode* n = node.find("retry")) call.retry = read_retry(r, *n, call.retry, "`retry`");
  if (const YamlNode* n = node.find("breaker"))
    call.breaker = read_breaker(r, *n, call.breaker, "`breaker`");
  if (const YamlNode* n = node.find("on_failure"))
    call.on_failure =
        r.choice<OnFailure>(*n, "on_failure",
                            {{"fail", OnFailure::Fail}, {"continue", OnFailure::Continue}})
            .value_or(call.on_failure);
  if (const YamlNode* n = node.find("cancel_on_timeout"))
    call.cancel_on_timeout = r.boolean(*n, "`cancel_on_timeout`").value_or(false);
  if (const YamlNode* n = node.find("probability"))
    call.probability = r.ratio(*n, "`probability`").value_or(1);
  if (!target) return std::nullopt;
  call.target = *target;
  return call;
}

void Loader::read_store_accesses(Reader& r, const YamlNode& node, std::vector<StoreAccess>& out,
                                 const std::string& what, bool writes) {
  const auto read_one = [&](const YamlNode& item) {
    if (!r.expect_map(item, what)) return;
    if (writes)
      r.check_keys(item, {"store", "rows", "batch"}, what);
    else
      r.check_keys(item, {"store", "rows"}, what);
    StoreAccess access;
    access.loc = r.loc(item);
    const YamlNode* store = item.find("store");
    if (store == nullptr) {
      r.error(item, what + " needs a `store`", "write `{store: orders_db, rows: 1}`");
      return;
    }
    const auto id = resolve(r, *store, "store", spec_.stores, spec_.store_index);
    if (const YamlNode* n = item.find("rows"))
      access.rows = static_cast<int>(r.integer(*n, "`rows`", 0, kMaxCount).value_or(1));
    if (const YamlNode* n = item.find("batch"); n != nullptr && r.expect_map(*n, "`batch`")) {
      r.check_keys(*n, {"size", "linger"}, "`batch`");
      Batch batch;
      if (const YamlNode* s = n->find("size"))
        batch.size = static_cast<int>(r.integer(*s, "batch `size`", 1, kMaxCount).value_or(1));
      if (const YamlNode* l = n->find("linger"))
        batch.linger = r.duration(*l, "batch `linger`").value_or(Duration{0});
      access.batch = batch;
    }
    if (!id) return;
    access.store = *id;
    out.push_back(access);
  };
  if (node.is_sequence()) {
    for (const YamlNode& item : node.items) read_one(item);
  } else if (!node.is_null()) {
    read_one(node);
  }
}

void Loader::read_publishes(Reader& r, const YamlNode& node, std::vector<Publish>& out,
                            const std::string& what) {
  if (node.is_null() || !r.expect_sequence(node, "`publishes` of " + what)) return;
  for (const YamlNode& item : node.items) {
    Publish publish;
    publish.loc = r.loc(item);
    const YamlNode* event = &item;
    if (item.is_map()) {
      r.check_keys(item, {"event", "outbox"}, "a publish of " + what);
      event = item.find("event");
      if (event == nullptr) {
        r.error(item, "a publish of " + what + " needs `event`",
                "write `{event: OrderPlaced, outbox: true}`");
        continue;
      }
      if (const YamlNode* n = item.find("outbox"))
        publish.outbox = r.boolean(*n, "`outbox`").value_or(false);
    }
    const auto id = resolve(r, *event, "event", spec_.events, spec_.event_index);
    if (!id) continue;
    publish.event = *id;
    out.push_back(publish);
  }
}

// --- Workload, faults, gates --------------------------------------------------------------

void Loader::read_workload(Reader& r, const YamlNode& node) {
  spec_.workload = Workload{};
  spec_.workload.loc = r.loc(node);
  if (node.is_null() || !r.expect_map(node, "`workload`")) return;
  r.check_keys(node, {"duration", "warmup", "seed", "sources"}, "`workload`");
  Workload& w = spec_.workload;
  if (const YamlNode* n = node.find("duration")) {
    w.duration = r.duration(*n, "`duration`").value_or(w.duration);
    if (w.duration.ns == 0) r.error(*n, "the workload's `duration` must be above 0");
  }
  if (const YamlNode* n = node.find("warmup")) {
    w.warmup = r.duration(*n, "`warmup`").value_or(w.warmup);
    if (w.warmup >= w.duration)
      r.error(*n,
              "`warmup` (" + format_duration(w.warmup) + ") must be shorter than `duration` (" +
                  format_duration(w.duration) + ")",
              "the warmup is part of the duration; results cover the run after it");
  }
  if (const YamlNode* n = node.find("seed"))
    w.seed = static_cast<std::uint64_t>(
        r.integer(*n, "`seed`", 0, std::numeric_limits<long long>::max()).value_or(1));
  const YamlNode* sources = node.find("sources");
  if (sources == nullptr || sources->is_null() || !r.expect_sequence(*sources, "`sources`")) return;
  for (const YamlNode& item : sources->items) {
    if (!r.expect_map(item, "a source")) continue;
    if (item.find("reconnect") != nullptr)
      read_reconnect_source(r, item);
    else
      read_rate_source(r, item);
  }
}

void Loader::read_rate_source(Reader& r, const YamlNode& node) {
  r.check_keys(node, {"to", "rate", "arrival", "spikes", "reconnect", "description"}, "a source");
  RateSource source;
  source.loc = r.loc(node);
  const YamlNode* to = node.find("to");
  const YamlNode* rate = node.find("rate");
  if (to == nullptr)
    r.error(node, "a source needs `to`", "write `{to: gateway.checkout, rate: 200/s}`");
  if (rate == nullptr)
    r.error(node, "a source needs a `rate`", "write `{to: gateway.checkout, rate: 200/s}`");
  std::optional<OperationId> target;
  if (to != nullptr) target = resolve_operation(r, *to, "source");
  if (rate != nullptr) source.rate = r.rate(*rate, "`rate`").value_or(0);
  if (const YamlNode* n = node.find("arrival"))
    source.arrival =
        r.choice<Arrival>(*n, "arrival",
                          {{"poisson", Arrival::Poisson}, {"constant", Arrival::Constant}})
            .value_or(Arrival::Poisson);
  if (const YamlNode* n = node.find("spikes"); n != nullptr && r.expect_sequence(*n, "`spikes`")) {
    for (const YamlNode& item : n->items) {
      if (!r.expect_map(item, "a spike")) continue;
      r.check_keys(item, {"at", "for", "rate"}, "a spike");
      Spike spike;
      for (const char* key : {"at", "for", "rate"})
        if (item.find(key) == nullptr)
          r.error(item, std::string("a spike needs `") + key + "`",
                  "write `{at: 5m, for: 30s, rate: 2000/s}`");
      if (const YamlNode* k = item.find("at")) {
        spike.at = r.duration(*k, "spike `at`").value_or(Duration{0});
        if (spike.at >= spec_.workload.duration)
          r.warning(*k,
                    "this spike starts at or after the end of the run (" +
                        format_duration(spec_.workload.duration) + ")",
                    "it will never happen; move it or lengthen `duration`");
      }
      if (const YamlNode* k = item.find("for"))
        spike.length = r.duration(*k, "spike `for`").value_or(Duration{0});
      if (const YamlNode* k = item.find("rate"))
        spike.rate = r.rate(*k, "spike `rate`").value_or(0);
      source.spikes.push_back(spike);
    }
  }
  if (!target) return;
  source.to = *target;
  spec_.workload.sources.push_back(std::move(source));
}

void Loader::read_reconnect_source(Reader& r, const YamlNode& node) {
  r.check_keys(node, {"reconnect", "description"}, "a reconnect source");
  const YamlNode& body = *node.find("reconnect");
  if (!r.expect_map(body, "`reconnect`")) return;
  r.check_keys(body, {"clients", "at", "to", "jitter", "retry"}, "`reconnect`");
  ReconnectSource source;
  source.loc = r.loc(node);
  for (const char* key : {"clients", "at", "to"})
    if (body.find(key) == nullptr)
      r.error(body, std::string("`reconnect` needs `") + key + "`",
              "write `{clients: 20000, at: 2m, to: auth.login, jitter: 10s}`");
  if (const YamlNode* n = body.find("clients"))
    source.clients = static_cast<int>(r.integer(*n, "`clients`", 1, kMaxCount).value_or(0));
  if (const YamlNode* n = body.find("at")) {
    source.at = r.duration(*n, "`at`").value_or(Duration{0});
    if (source.at >= spec_.workload.duration)
      r.warning(*n, "this reconnect storm starts at or after the end of the run",
                "move it or lengthen `duration`");
  }
  if (const YamlNode* n = body.find("jitter"))
    source.jitter = r.duration(*n, "`jitter`").value_or(Duration{0});
  if (const YamlNode* n = body.find("retry"))
    source.retry = read_retry(r, *n, RetryPolicy{}, "`retry` of `reconnect`");
  std::optional<OperationId> target;
  if (const YamlNode* n = body.find("to")) target = resolve_operation(r, *n, "reconnect target");
  if (!target) return;
  source.to = *target;
  spec_.workload.reconnects.push_back(source);
}

void Loader::read_faults(Reader& r, const YamlNode& node) {
  spec_.faults.clear();
  if (node.is_null() || !r.expect_sequence(node, "`faults`")) return;
  for (const YamlNode& item : node.items) read_fault(r, item);
}

void Loader::read_fault(Reader& r, const YamlNode& node) {
  if (!r.expect_map(node, "a fault")) return;
  r.check_keys(node,
               {"service", "store", "broker", "at", "for", "mode", "factor", "ratio", "count",
                "description"},
               "a fault");
  Fault fault;
  fault.loc = r.loc(node);
  int targets = 0;
  bool resolved = false;
  const auto target = [&](const char* key, FaultTarget kind, auto& elements, auto& index) {
    const YamlNode* n = node.find(key);
    if (n == nullptr) return;
    ++targets;
    fault.target_kind = kind;
    if (auto id = resolve(r, *n, key, elements, index)) {
      fault.target = *id;
      fault.target_name = n->value;
      resolved = true;
    }
  };
  target("service", FaultTarget::Service, spec_.services, spec_.service_index);
  target("store", FaultTarget::Store, spec_.stores, spec_.store_index);
  target("broker", FaultTarget::Broker, spec_.brokers, spec_.broker_index);
  if (targets != 1)
    r.error(node,
            targets == 0 ? "a fault needs a target"
                         : "a fault has one target, not " + std::to_string(targets),
            "write one of `service: NAME`, `store: NAME` or `broker: NAME`");
  for (const char* key : {"at", "for", "mode"})
    if (node.find(key) == nullptr)
      r.error(node, std::string("a fault needs `") + key + "`",
              "write `{service: payment, at: 3m, for: 1m, mode: down}`");
  if (const YamlNode* n = node.find("at")) {
    fault.at = r.duration(*n, "fault `at`").value_or(Duration{0});
    if (fault.at >= spec_.workload.duration)
      r.warning(*n,
                "this fault starts at or after the end of the run (" +
                    format_duration(spec_.workload.duration) + ")",
                "it will never happen; move it or lengthen `duration`");
  }
  if (const YamlNode* n = node.find("for"))
    fault.length = r.duration(*n, "fault `for`").value_or(Duration{0});
  const YamlNode* mode = node.find("mode");
  std::optional<FaultMode> parsed_mode;
  if (mode != nullptr)
    parsed_mode = r.choice<FaultMode>(*mode, "fault mode",
                                      {{"down", FaultMode::Down},
                                       {"slow", FaultMode::Slow},
                                       {"errors", FaultMode::Errors},
                                       {"replicas", FaultMode::Replicas},
                                       {"partition_loss", FaultMode::PartitionLoss}});
  if (!parsed_mode) return;
  fault.mode = *parsed_mode;
  // Which parameter each mode takes, and which targets it applies to.
  const char* parameter =
      fault.mode == FaultMode::Slow                                                   ? "factor"
      : fault.mode == FaultMode::Errors                                               ? "ratio"
      : (fault.mode == FaultMode::Replicas || fault.mode == FaultMode::PartitionLoss) ? "count"
                                                                                      : nullptr;
  for (const char* key : {"factor", "ratio", "count"}) {
    const YamlNode* n = node.find(key);
    if (n != nullptr && (parameter == nullptr || std::string(key) != parameter))
      r.error(
          *n, std::string("`") + key + "` does not apply to mode `" + to_string(fault.mode) + "`",
          parameter ? std::string("mode `") + to_string(fault.mode) + "` takes `" + parameter + "`"
                    : std::string("mode `down` takes no parameter"));
  }
  const YamlNode* value = parameter ? node.find(parameter) : nullptr;
  if (parameter != nullptr && value == nullptr)
    r.error(*mode, std::string("mode `") + to_string(fault.mode) + "` needs `" + parameter + "`",
            fault.mode == FaultMode::Slow     ? "write `factor: 10` (every time x10)"
            : fault.mode == FaultMode::Errors ? "write `ratio: 20%`"
                                              : "write `count: 1`");
  const bool wrong_target =
      (fault.mode == FaultMode::Replicas && fault.target_kind != FaultTarget::Service) ||
      (fault.mode == FaultMode::PartitionLoss && fault.target_kind != FaultTarget::Broker) ||
      (fault.mode == FaultMode::Errors && fault.target_kind == FaultTarget::Broker);
  if (wrong_target) {
    r.error(*mode,
            std::string("mode `") + to_string(fault.mode) + "` does not apply to a " +
                to_string(fault.target_kind),
            "services take down, slow, errors, replicas; stores down, slow, errors; brokers down, "
            "slow, partition_loss");
    return;
  }
  if (value != nullptr && fault.mode == FaultMode::Slow) {
    const auto factor = r.number(*value, "`factor`");
    if (factor && *factor <= 0)
      r.error(*value, "`factor` must be above 0", "`factor: 10` makes every time 10x longer");
    else if (factor)
      fault.factor = *factor;
  }
  if (value != nullptr && fault.mode == FaultMode::Errors)
    fault.ratio = r.ratio(*value, "`ratio`").value_or(0);
  if (value != nullptr && fault.count == 0 &&
      (fault.mode == FaultMode::Replicas || fault.mode == FaultMode::PartitionLoss)) {
    fault.count = static_cast<int>(r.integer(*value, "`count`", 0, kMaxCount).value_or(0));
    if (resolved && fault.mode == FaultMode::Replicas &&
        fault.count >= spec_.services[fault.target].replicas)
      r.error(*value,
              "`count` is the replicas left serving; `" + fault.target_name + "` has only " +
                  std::to_string(spec_.services[fault.target].replicas),
              "use a number below the replica count; `mode: down` takes them all away");
    if (resolved && fault.mode == FaultMode::PartitionLoss) {
      const Broker& broker = spec_.brokers[fault.target];
      if (broker.type != BrokerType::Kafka)
        r.error(*mode, "`partition_loss` applies to kafka brokers, and `" + broker.name + "` is " +
                           to_string(broker.type));
      else if (fault.count < 1 || fault.count > broker.partitions)
        r.error(*value, "`count` is the partitions lost: between 1 and " +
                            std::to_string(broker.partitions));
    }
  }
  if (!resolved) return;
  spec_.faults.push_back(std::move(fault));
}

void Loader::read_gates(Reader& r, const YamlNode& node) {
  spec_.gates.clear();
  if (node.is_null() || !r.expect_sequence(node, "`gates`")) return;
  for (const YamlNode& item : node.items)
    if (auto gate = detail::parse_gate(r, item, spec_)) spec_.gates.push_back(std::move(*gate));
}

void Loader::read_suppressions(Reader& r, const YamlNode& node) {
  if (node.is_null() || !r.expect_sequence(node, "`suppress`")) return;
  const std::vector<std::string> rules(kLintRules.begin(), kLintRules.end());
  for (const YamlNode& item : node.items) {
    if (!r.expect_map(item, "a suppression")) continue;
    r.check_keys(item, {"rule", "at", "reason"}, "a suppression");
    Suppression s;
    s.loc = r.loc(item);
    bool ok = true;
    for (const char* key : {"rule", "at", "reason"})
      if (item.find(key) == nullptr) {
        r.error(item, std::string("a suppression needs `") + key + "`",
                "write `{rule: nested-retries, at: order.place, reason: \"payment retries are "
                "idempotent\"}`");
        ok = false;
      }
    if (const YamlNode* n = item.find("rule")) {
      if (auto rule = r.text(*n, "`rule`")) {
        if (std::find(rules.begin(), rules.end(), *rule) == rules.end()) {
          r.report_unknown_word(*n, "lint rule", *rule, rules);
          ok = false;
        }
        s.rule = *rule;
      }
    }
    if (const YamlNode* n = item.find("at")) {
      const auto element = r.text(*n, "`at`");
      if (element) {
        s.element = *element;
        const bool known = spec_.find_service(*element) || spec_.find_operation(*element) ||
                           spec_.find_consumer(*element) || spec_.find_event(*element) ||
                           spec_.find_broker(*element) || spec_.find_store(*element) ||
                           spec_.find_entity(*element);
        if (!known) {
          std::vector<std::string> all = operation_names(spec_);
          for (const auto& list :
               {names_of(spec_.services), names_of(spec_.consumers), names_of(spec_.events),
                names_of(spec_.brokers), names_of(spec_.stores)})
            all.insert(all.end(), list.begin(), list.end());
          r.error(*n, "unknown element `" + *element + "` in a suppression",
                  did_you_mean(*element, all));
          ok = false;
        }
      }
    }
    if (const YamlNode* n = item.find("reason")) {
      s.reason = r.text(*n, "`reason`").value_or("");
      if (s.reason.empty()) {
        r.error(*n, "a suppression needs a reason a reviewer can read");
        ok = false;
      }
    }
    if (ok) spec_.suppressions.push_back(std::move(s));
  }
}

// --- Entry points -------------------------------------------------------------------------

void Loader::load_architecture(Reader& r, const YamlNode& root) {
  if (!r.expect_map(root, "a spec")) return;
  r.check_keys(root,
               {"ripple", "name", "description", "defaults", "brokers", "stores", "entities",
                "events", "services", "workload", "faults", "gates", "suppress"},
               "the spec");
  read_version(r, root);
  if (const YamlNode* n = root.find("name")) spec_.name = r.text(*n, "`name`").value_or("");
  if (const YamlNode* n = root.find("description"))
    spec_.description = r.text(*n, "`description`").value_or("");
  if (const YamlNode* n = root.find("defaults")) read_defaults(r, *n);
  spec_.callback_policy = default_call(r.loc(root));
  if (const YamlNode* n = root.find("brokers")) declare_brokers(r, *n);
  if (const YamlNode* n = root.find("stores")) declare_stores(r, *n);
  if (const YamlNode* n = root.find("services")) declare_services(r, *n);
  if (const YamlNode* n = root.find("entities")) declare_entities(r, *n);
  if (const YamlNode* n = root.find("events")) declare_events(r, *n);
  for (std::size_t i = 0; i < spec_.brokers.size(); ++i)
    read_broker(r, spec_.brokers[i], *broker_nodes_[i]);
  for (std::size_t i = 0; i < spec_.stores.size(); ++i)
    read_store(r, spec_.stores[i], *store_nodes_[i]);
  for (std::size_t i = 0; i < spec_.entities.size(); ++i)
    read_entity(r, spec_.entities[i], *entity_nodes_[i]);
  for (std::size_t i = 0; i < spec_.events.size(); ++i)
    read_event(r, spec_.events[i], *event_nodes_[i]);
  for (std::size_t i = 0; i < spec_.services.size(); ++i)
    read_service(r, spec_.services[i], *service_nodes_[i]);
  for (std::size_t i = 0; i < spec_.operations.size(); ++i)
    read_operation(r, spec_.operations[i], *operation_nodes_[i]);
  load_scenario_sections(r, root);
  remember_gates(r, root);
  if (const YamlNode* n = root.find("suppress")) read_suppressions(r, *n);
}

void Loader::load_scenario_sections(Reader& r, const YamlNode& root) {
  if (const YamlNode* n = root.find("workload")) read_workload(r, *n);
  if (const YamlNode* n = root.find("faults")) read_faults(r, *n);
  if (const YamlNode* n = root.find("gates")) read_gates(r, *n);
}

void Loader::remember_gates(Reader& r, const YamlNode& root) {
  architecture_reader_ = &r;
  architecture_gates_ = root.find("gates");
}

void Loader::load_scenario(Reader& r, const YamlNode& root) {
  if (!r.expect_map(root, "a scenario")) return;
  r.check_keys(root, {"ripple", "name", "description", "workload", "faults", "gates"},
               "a scenario");
  if (const YamlNode* n = root.find("ripple"); n != nullptr && (!n->is_scalar() || n->value != "1"))
    r.error(*n, "unsupported spec format version", "this Ripple reads `ripple: 1`");
  load_scenario_sections(r, root);
  // Gates kept from the spec are checked again: they may name a fault or an entry operation
  // that the scenario took away.
  const bool changed = root.find("workload") != nullptr || root.find("faults") != nullptr;
  if (root.find("gates") == nullptr && changed && architecture_gates_ != nullptr)
    read_gates(*architecture_reader_, *architecture_gates_);
}

std::string stem_of(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  const std::size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

LoadResult load_spec(const SourceFile& spec_file, const std::optional<SourceFile>& scenario,
                     const LoadLimits& limits) {
  LoadResult result;
  const detail::TreeLimits tree_limits{limits.max_bytes, limits.max_depth, limits.max_nodes,
                                       limits.max_alias_nodes};
  detail::TreeResult tree = detail::parse_yaml_tree(spec_file.path, spec_file.text, tree_limits);
  if (!tree.ok) {
    result.diagnostics = std::move(tree.diagnostics);
    return result;
  }
  std::optional<detail::TreeResult> scenario_tree;
  if (scenario) {
    scenario_tree = detail::parse_yaml_tree(scenario->path, scenario->text, tree_limits);
    if (!scenario_tree->ok) {
      result.diagnostics = std::move(scenario_tree->diagnostics);
      return result;
    }
  }
  Spec spec;
  spec.files.push_back(spec_file.path);
  spec.name = stem_of(spec_file.path);
  Diagnostics& diagnostics = result.diagnostics;
  diagnostics = std::move(tree.diagnostics);
  Loader loader(spec);
  Reader reader(spec_file.path, spec_file.text, 0, diagnostics);
  loader.load_architecture(reader, tree.root);
  if (scenario_tree) {
    spec.files.push_back(scenario->path);
    diagnostics.insert(diagnostics.end(), scenario_tree->diagnostics.begin(),
                       scenario_tree->diagnostics.end());
    Reader scenario_reader(scenario->path, scenario->text, 1, diagnostics);
    loader.load_scenario(scenario_reader, scenario_tree->root);
  }
  // Stable order: by file, then position, so every run prints the same report.
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     const bool a_spec = a.file == spec_file.path;
                     const bool b_spec = b.file == spec_file.path;
                     if (a_spec != b_spec) return a_spec;
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  // An anchored block used several times yields the same problem at the same place each time.
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& a, const Diagnostic& b) {
                                  return a.file == b.file && a.line == b.line &&
                                         a.column == b.column && a.message == b.message;
                                }),
                    diagnostics.end());
  if (!has_errors(diagnostics)) result.spec = std::move(spec);
  return result;
}

Diagnostics add_gates_file(Spec& spec, const SourceFile& file, const LoadLimits& limits) {
  const detail::TreeLimits tree_limits{limits.max_bytes, limits.max_depth, limits.max_nodes,
                                       limits.max_alias_nodes};
  detail::TreeResult tree = detail::parse_yaml_tree(file.path, file.text, tree_limits);
  Diagnostics diagnostics = std::move(tree.diagnostics);
  if (!tree.ok) return diagnostics;
  Reader r(file.path, file.text, static_cast<int>(spec.files.size()), diagnostics);
  std::vector<Gate> gates;
  if (r.expect_map(tree.root, "a gates file")) {
    r.check_keys(tree.root, {"ripple", "name", "description", "gates"}, "a gates file");
    const YamlNode* list = tree.root.find("gates");
    if (list == nullptr) {
      r.error(tree.root, "a gates file needs `gates:`",
              "write `gates: [\"p99(gateway.checkout) < 300ms\"]`");
    } else if (r.expect_sequence(*list, "`gates`")) {
      for (const YamlNode& item : list->items)
        if (auto gate = detail::parse_gate(r, item, spec)) gates.push_back(std::move(*gate));
    }
  }
  if (has_errors(diagnostics)) return diagnostics;
  spec.files.push_back(file.path);
  spec.gates.insert(spec.gates.end(), gates.begin(), gates.end());
  return diagnostics;
}

}  // namespace ripple::model
