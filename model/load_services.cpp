#include "model/load_services.h"

#include <optional>

#include "model/load_names.h"

namespace ripple::model::detail {
namespace {

// Whether a store access may batch executions into one transaction (writes only).
enum class AccessKind { Read, Write };

// One transaction takes txn_time + rows x row_time: a product past the longest duration the
// simulator counts would be cut short there, so it is an error here (`rows: 1e9` of 1h rows).
void check_transaction_time(Reader& r, const Spec& spec, const YamlNode& rows_node,
                            std::optional<StoreId> store, int rows) {
  if (!store) return;
  const Store& s = spec.stores[static_cast<std::size_t>(static_cast<int>(*store))];
  const double ns = s.txn_time.mean_ns() + static_cast<double>(rows) * s.row_time.mean_ns();
  if (ns <= static_cast<double>(kMaxDuration.ns)) return;
  r.error(rows_node,
          "`rows` x `row_time` of `" + s.name + "`: one transaction would last more than " +
              format_duration(kMaxDuration) + " on average, the longest time the simulator counts",
          "touch fewer rows per execution or give `" + s.name + "` a shorter `row_time`");
}

void read_store_access(Reader& r, const Spec& spec, const YamlNode& item,
                       std::vector<StoreAccess>& out, const std::string& what, AccessKind kind) {
  if (!r.expect_map(item, what)) return;
  if (kind == AccessKind::Write)
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
  const auto id = resolve_store(r, spec, *store);
  if (const YamlNode* n = item.find("rows")) {
    access.rows = static_cast<int>(r.integer(*n, "`rows`", 0, kMaxCount).value_or(1));
    check_transaction_time(r, spec, *n, id, access.rows);
  }
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
}

// `reads:` or `writes:`: one access, or a list of them.
void read_store_accesses(Reader& r, const Spec& spec, const YamlNode& node,
                         std::vector<StoreAccess>& out, const std::string& what, AccessKind kind) {
  if (node.is_sequence()) {
    for (const YamlNode& item : node.items) read_store_access(r, spec, item, out, what, kind);
  } else if (!node.is_null()) {
    read_store_access(r, spec, node, out, what, kind);
  }
}

void read_publishes(Reader& r, const Spec& spec, const YamlNode& node, std::vector<Publish>& out,
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
    const auto id = resolve_event(r, spec, *event);
    if (!id) continue;
    publish.event = *id;
    out.push_back(publish);
  }
}

// `- parallel: [call, ...]` in `calls`: the calls of one group, made at once.
void read_parallel_group(Reader& r, const Spec& spec, const Defaults& defaults,
                         const YamlNode& item, Work& work, int group, const std::string& what) {
  r.check_keys(item, {"parallel", "description"}, "a parallel group of " + what);
  const YamlNode& branches = *item.find("parallel");
  if (!r.expect_sequence(branches, "`parallel` in `calls` of " + what)) return;
  if (branches.items.empty())
    r.error(branches, "a parallel group needs at least one call",
            "write `- parallel: [catalog.get, prices.get]`");
  for (const YamlNode& branch : branches.items) {
    if (branch.is_map() && branch.find("parallel") != nullptr) {
      r.error(branch, "parallel groups do not nest",
              "list the calls of the inner group in the outer one");
      continue;
    }
    if (auto call = read_call(r, spec, defaults, branch, what)) {
      call->group = group;
      work.calls.push_back(std::move(*call));
    }
  }
}

// `calls:` in order: single calls and `parallel:` groups. With `parallel: true` every call
// forms one group.
void read_calls(Reader& r, const Spec& spec, const Defaults& defaults, const YamlNode& list,
                Work& work, const std::string& what) {
  int groups = 0;
  for (const YamlNode& item : list.items) {
    if (item.is_map() && item.find("parallel") != nullptr) {
      if (work.parallel_calls)
        r.error(item, "`parallel: true` already makes every call of " + what + " parallel",
                "remove `parallel: true`, or list these calls directly");
      read_parallel_group(r, spec, defaults, item, work, groups++, what);
    } else if (auto call = read_call(r, spec, defaults, item, what)) {
      work.calls.push_back(std::move(*call));
    }
  }
  if (work.parallel_calls)
    for (Call& call : work.calls) call.group = 0;
}

// The keys an operation and a consumer share: time, calls, parallel, reads, writes, publishes.
void read_work(Reader& r, const Spec& spec, const Defaults& defaults, const YamlNode& node,
               Work& work, const std::string& what) {
  if (const YamlNode* n = node.find("time"))
    work.time = r.distribution(*n, "`time` of " + what).value_or(work.time);
  if (const YamlNode* n = node.find("parallel"))
    work.parallel_calls = r.boolean(*n, "`parallel`").value_or(false);
  if (const YamlNode* n = node.find("calls");
      n != nullptr && !n->is_null() && r.expect_sequence(*n, "`calls` of " + what))
    read_calls(r, spec, defaults, *n, work, what);
  if (const YamlNode* n = node.find("reads"))
    read_store_accesses(r, spec, *n, work.reads, "`reads` of " + what, AccessKind::Read);
  if (const YamlNode* n = node.find("writes"))
    read_store_accesses(r, spec, *n, work.writes, "`writes` of " + what, AccessKind::Write);
  if (const YamlNode* n = node.find("publishes")) read_publishes(r, spec, *n, work.publishes, what);
}

// `needs:` of a consumer; a needed field the event lacks must be readable by a callback.
void read_needs(Reader& r, const Spec& spec, Consumer& consumer, const YamlNode& node,
                const std::string& what) {
  const Event& event = spec.events[consumer.event];
  for (const YamlNode& item : node.items) {
    const auto ref =
        resolve_field(r, spec, item, "`needs` of " + what, FieldScope::OneOrEveryField);
    if (!ref) continue;
    consumer.needs.push_back(*ref);
    const Entity& entity = spec.entities[ref->entity];
    if (!spec.carries(consumer.event, *ref) && !entity.read)
      r.error(item,
              "`" + event.name + "` does not carry `" + item.value + "`, and entity `" +
                  entity.name + "` has no `read` operation to call back",
              "add `read: <service.operation>` to entity `" + entity.name +
                  "`, or carry the field in the event");
  }
}

// `delivery: at_most_once` is an acknowledgement on receipt, which RabbitMQ (auto-ack) and SQS
// (delete on receive) offer; a Kafka group acknowledges by committing offsets, which Ripple
// models after the handling, and a memory broker already loses what fails.
void read_delivery(Reader& r, const Spec& spec, Consumer& consumer, const YamlNode& node,
                   const std::string& what) {
  const auto guarantee =
      r.choice<DeliveryGuarantee>(node, "`delivery` of " + what,
                                  {{"at_least_once", DeliveryGuarantee::AtLeastOnce},
                                   {"at_most_once", DeliveryGuarantee::AtMostOnce}});
  const BrokerId b = spec.events[consumer.event].broker;
  if (!guarantee || !b.has_value()) return;
  const Broker& broker = spec.brokers[b];
  if (*guarantee == DeliveryGuarantee::AtMostOnce && broker.type != BrokerType::Rabbitmq &&
      broker.type != BrokerType::Sqs) {
    r.error(node,
            "`delivery: at_most_once` needs a broker that acknowledges on receipt, and " +
                broker.name + " is " + to_string(broker.type),
            broker.type == BrokerType::Memory
                ? "a memory broker already loses events whose handling fails: leave it out"
                : "use a rabbitmq (auto-ack) or sqs (delete on receive) broker, or leave the "
                  "default `at_least_once`");
    return;
  }
  consumer.delivery = *guarantee;
}

void read_consumer(Reader& r, const Spec& spec, const Defaults& defaults, Consumer& consumer,
                   const YamlNode& node) {
  const std::string what = "consumer `" + consumer.name + "`";
  consumer.work.time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(
      node,
      {"needs", "time", "concurrency", "idempotent", "ordered", "delivery", "calls", "parallel",
       "reads", "writes", "publishes", "max_utilization", "recovery_objective", "description"},
      what);
  if (const YamlNode* n = node.find("max_utilization"))
    consumer.max_utilization = read_max_utilization(r, *n).value_or(consumer.max_utilization);
  if (const YamlNode* n = node.find("recovery_objective"))
    if (auto objective = r.duration(*n, "`recovery_objective`"))
      consumer.recovery_objective = objective;
  if (const YamlNode* n = node.find("concurrency"))
    consumer.concurrency =
        static_cast<int>(r.integer(*n, "`concurrency`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("idempotent"))
    consumer.idempotent = r.boolean(*n, "`idempotent`").value_or(false);
  if (const YamlNode* n = node.find("ordered"))
    consumer.ordered = r.boolean(*n, "`ordered`").value_or(false);
  if (const YamlNode* n = node.find("delivery")) read_delivery(r, spec, consumer, *n, what);
  if (const YamlNode* n = node.find("needs");
      n != nullptr && !n->is_null() && r.expect_sequence(*n, "`needs` of " + what))
    read_needs(r, spec, consumer, *n, what);
  read_work(r, spec, defaults, node, consumer.work, what);
}

// `consumes:` of a service: one consumer per event, added to `spec`.
void read_consumes(Reader& r, Spec& spec, const Defaults& defaults, ServiceId id,
                   const YamlNode& consumes) {
  for (const auto& [key, value] : consumes.entries) {
    if (is_extension(key)) continue;
    const auto event = resolve_event(r, spec, key);
    if (!event) continue;
    Consumer consumer;
    consumer.service = id;
    consumer.event = *event;
    consumer.name = spec.services[id].name + ":" + spec.events[*event].name;
    consumer.loc = r.loc(key);
    consumer.concurrency = defaults.concurrency;
    consumer.max_utilization = defaults.max_utilization;
    consumer.recovery_objective = defaults.recovery_objective;
    read_consumer(r, spec, defaults, consumer, value);
    const ConsumerId consumer_id{static_cast<int>(spec.consumers.size())};
    spec.services[id].consumers.push_back(consumer_id);
    spec.consumer_index[consumer.name] = consumer_id;
    spec.consumers.push_back(std::move(consumer));
  }
}

void read_capacity(Reader& r, Service& service, const YamlNode& node) {
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
    service.balancing = read_balancing(r, *n).value_or(service.balancing);
  read_shedding(r, node, service.queue_discipline, service.max_concurrency, service.max_queue_time);
  if (const YamlNode* n = node.find("max_utilization"))
    service.max_utilization = read_max_utilization(r, *n).value_or(service.max_utilization);
}

void read_service(Reader& r, Spec& spec, const Defaults& defaults, ServiceId id,
                  const YamlNode& node) {
  Service& service = spec.services[id];
  const std::string what = "service `" + service.name + "`";
  service.replicas = defaults.replicas;
  service.workers = defaults.workers;
  service.queue = defaults.queue;
  service.balancing = defaults.balancing;
  service.queue_discipline = defaults.queue_discipline;
  service.max_concurrency = defaults.max_concurrency;
  service.max_queue_time = defaults.max_queue_time;
  service.max_utilization = defaults.max_utilization;
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node,
               {"replicas", "workers", "queue", "balancing", "queue_discipline", "max_concurrency",
                "max_queue_time", "max_utilization", "operations", "consumes", "description"},
               what);
  read_capacity(r, service, node);
  const YamlNode* consumes = node.find("consumes");
  if (consumes == nullptr || consumes->is_null() ||
      !r.expect_map(*consumes, "`consumes` of " + what))
    return;
  read_consumes(r, spec, defaults, id, *consumes);
}

void read_operation(Reader& r, const Spec& spec, const Defaults& defaults, Operation& operation,
                    const YamlNode& node) {
  const std::string what = "operation `" + operation.full_name + "`";
  operation.work.time = Distribution::constant(Duration{0});
  if (node.is_null()) return;
  if (!r.expect_map(node, what)) return;
  r.check_keys(node, {"time", "calls", "parallel", "reads", "writes", "publishes", "description"},
               what);
  read_work(r, spec, defaults, node, operation.work, what);
}

}  // namespace

void read_services(Reader& r, Spec& spec, const Defaults& defaults,
                   const std::vector<const YamlNode*>& bodies) {
  for (std::size_t i = 0; i < spec.services.size(); ++i)
    read_service(r, spec, defaults, static_cast<ServiceId>(i), *bodies[i]);
}

void read_operations(Reader& r, Spec& spec, const Defaults& defaults,
                     const std::vector<const YamlNode*>& bodies) {
  for (std::size_t i = 0; i < spec.operations.size(); ++i)
    read_operation(r, spec, defaults, spec.operations[i], *bodies[i]);
}

}  // namespace ripple::model::detail
