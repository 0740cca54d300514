#include "model/load_components.h"

#include "model/load_names.h"
#include "model/load_policies.h"

namespace ripple::model::detail {
namespace {

// The key `key` of a broker's body, or null after an error when it applies only to brokers of
// type `type` and `broker` is of another.
const YamlNode* only_for(Reader& r, const Broker& broker, const YamlNode& node, const char* key,
                         BrokerType type) {
  const YamlNode* n = node.find(key);
  if (n == nullptr || broker.type == type) return n;
  r.error(*n,
          std::string("`") + key + "` applies to " + to_string(type) + " brokers, and `" +
              broker.name + "` is " + to_string(broker.type),
          "remove it, or change the broker's type");
  return nullptr;
}

void read_broker_type(Reader& r, Broker& broker, const YamlNode& node, const std::string& what) {
  const YamlNode* type = node.find("type");
  if (type == nullptr) {
    r.error(node, what + " needs a `type`", "use `kafka`, `sqs`, `rabbitmq` or `memory`");
    return;
  }
  broker.type = r.choice<BrokerType>(*type, "broker type",
                                     {{"kafka", BrokerType::Kafka},
                                      {"sqs", BrokerType::Sqs},
                                      {"rabbitmq", BrokerType::Rabbitmq},
                                      {"memory", BrokerType::Memory}})
                    .value_or(BrokerType::Kafka);
}

void read_broker(Reader& r, Broker& broker, const YamlNode& node) {
  const std::string what = "broker `" + broker.name + "`";
  if (!r.expect_map(node, what)) return;
  r.check_keys(node,
               {"type", "latency", "partitions", "visibility_timeout", "max_receives", "fifo",
                "description"},
               what);
  read_broker_type(r, broker, node, what);
  broker.latency = Distribution::constant(Duration{0});
  if (const YamlNode* n = node.find("latency"))
    broker.latency = r.distribution(*n, "`latency`").value_or(broker.latency);
  if (const YamlNode* n = only_for(r, broker, node, "partitions", BrokerType::Kafka))
    broker.partitions = static_cast<int>(r.integer(*n, "`partitions`", 1, 1'000'000).value_or(1));
  if (const YamlNode* n = only_for(r, broker, node, "visibility_timeout", BrokerType::Sqs))
    broker.visibility_timeout =
        r.duration(*n, "`visibility_timeout`").value_or(broker.visibility_timeout);
  if (const YamlNode* n = only_for(r, broker, node, "max_receives", BrokerType::Sqs))
    if (auto m = r.integer(*n, "`max_receives`", 1, 1'000'000))
      broker.max_receives = static_cast<int>(*m);
  if (const YamlNode* n = only_for(r, broker, node, "fifo", BrokerType::Sqs))
    broker.fifo = r.boolean(*n, "`fifo`").value_or(false);
}

void read_store(Reader& r, Store& store, const YamlNode& node, double max_utilization) {
  const std::string what = "store `" + store.name + "`";
  store.max_utilization = max_utilization;
  store.txn_time = Distribution::constant(Duration{0});
  store.row_time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node,
               {"connections", "txn_time", "row_time", "type", "max_utilization", "description"},
               what);
  if (const YamlNode* n = node.find("max_utilization"))
    store.max_utilization = read_max_utilization(r, *n).value_or(store.max_utilization);
  if (const YamlNode* n = node.find("connections"))
    store.connections = static_cast<int>(r.integer(*n, "`connections`", 1, kMaxCount).value_or(10));
  if (const YamlNode* n = node.find("txn_time"))
    store.txn_time = r.distribution(*n, "`txn_time`").value_or(store.txn_time);
  if (const YamlNode* n = node.find("row_time"))
    store.row_time = r.distribution(*n, "`row_time`").value_or(store.row_time);
  if (const YamlNode* n = node.find("type")) (void)r.text(*n, "`type`");
}

void read_entity(Reader& r, const Spec& spec, Entity& entity, const YamlNode& node) {
  const std::string what = "entity `" + entity.name + "`";
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"owner", "read", "fields", "description"}, what);
  if (const YamlNode* n = node.find("owner")) {
    entity.owner = resolve_service(r, spec, *n).value_or(ServiceId{});
  } else {
    r.error(node, what + " needs an `owner`",
            "name the service that owns this state: `owner: order`");
  }
  if (const YamlNode* n = node.find("read"))
    entity.read = resolve_operation(r, spec, *n, "`read` of " + what);
}

void read_carries(Reader& r, const Spec& spec, Event& event, const YamlNode& node,
                  const std::string& what) {
  if (node.is_sequence()) {
    for (const YamlNode& item : node.items)
      if (auto ref =
              resolve_field(r, spec, item, "`carries` of " + what, FieldScope::OneOrEveryField))
        event.carries.push_back(*ref);
  } else if (!node.is_null()) {
    r.expect_sequence(node, "`carries` of " + what);
  }
}

// `keys: {values: N}` (uniform), `{values: N, zipf: S}` or `{values: N, hot: SHARE}`.
void read_keys(Reader& r, Event& event, const YamlNode& node, const std::string& what) {
  const std::string where = "`keys` of " + what;
  if (!r.expect_map(node, where)) return;
  r.check_keys(node, {"values", "zipf", "hot"}, where);
  KeyDistribution& keys = event.keys;
  keys.declared = true;
  event.keys_loc = r.loc(node);
  if (const YamlNode* n = node.find("values"))
    keys.values = r.integer(*n, "`values` of " + where, 1, kMaxKeyValues).value_or(keys.values);
  const YamlNode* zipf = node.find("zipf");
  const YamlNode* hot = node.find("hot");
  if (zipf != nullptr && hot != nullptr) {
    r.error(*hot, where + " takes `zipf` or `hot`, not both",
            "`zipf: 1.1` skews every key; `hot: 30%` puts a share on one key");
    return;
  }
  if (zipf != nullptr) {
    const auto s = r.number(*zipf, "`zipf` of " + where);
    if (s && (*s <= 0 || *s > 10)) {
      r.error(*zipf, "`zipf` of " + where + " must be above 0 and at most 10",
              "1 is classic Zipf; web keys are about 0.6 to 1.2");
    } else if (s) {
      keys.kind = KeyDistribution::Kind::Zipf;
      keys.exponent = *s;
    }
  }
  if (hot != nullptr) {
    const auto share = r.ratio(*hot, "`hot` of " + where);
    if (share && (*share <= 0 || *share > 1)) {
      r.error(*hot, "`hot` of " + where + " must be a share above 0 and at most 100%",
              "write `hot: 30%`: the share of events that carry the one hot key");
    } else if (share) {
      keys.kind = KeyDistribution::Kind::Hot;
      keys.hot_share = *share;
    }
  }
  if (!event.key)
    r.error(node, where + " needs the event's `key`",
            "say which field is the key: `key: order.id`; an unkeyed event has no key values");
}

void read_event(Reader& r, const Spec& spec, Event& event, const YamlNode& node) {
  const std::string what = "event `" + event.name + "`";
  if (node.is_null()) {
    r.error(node, what + " needs a `broker`",
            "write `" + event.name + ": {broker: bus, carries: [...]}`");
    return;
  }
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"broker", "key", "keys", "carries", "description"}, what);
  if (const YamlNode* n = node.find("broker")) {
    event.broker = resolve_broker(r, spec, *n).value_or(BrokerId{});
  } else {
    r.error(node, what + " needs a `broker`",
            spec.brokers.empty() ? "declare one under `brokers:` first"
                                 : "write `broker: " + spec.brokers.front().name + "`");
  }
  if (const YamlNode* n = node.find("key"))
    event.key = resolve_field(r, spec, *n, "`key` of " + what, FieldScope::OneField);
  if (const YamlNode* n = node.find("keys")) read_keys(r, event, *n, what);
  if (const YamlNode* n = node.find("carries")) read_carries(r, spec, event, *n, what);
}

}  // namespace

void read_brokers(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies) {
  for (std::size_t i = 0; i < spec.brokers.size(); ++i) read_broker(r, spec.brokers[i], *bodies[i]);
}

void read_stores(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies,
                 double max_utilization) {
  for (std::size_t i = 0; i < spec.stores.size(); ++i)
    read_store(r, spec.stores[i], *bodies[i], max_utilization);
}

void read_entities(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies) {
  for (std::size_t i = 0; i < spec.entities.size(); ++i)
    read_entity(r, spec, spec.entities[i], *bodies[i]);
}

void read_events(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies) {
  for (std::size_t i = 0; i < spec.events.size(); ++i)
    read_event(r, spec, spec.events[i], *bodies[i]);
}

}  // namespace ripple::model::detail
