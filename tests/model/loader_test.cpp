// What the loader builds from a valid spec: ids, resolved references and values.
// The first tests read tests/specs/model/marketplace.yaml (a frozen copy of an early
// examples/marketplace.yaml, so editing the example cannot break them): it uses nearly every
// section.

#include "model/loader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

// The example, loaded once: the suite only reads it.
const Spec& marketplace() {
  static const Spec spec = load_ok(read_source("tests/specs/model/marketplace.yaml"),
                                   "tests/specs/model/marketplace.yaml");
  return spec;
}

class Marketplace : public ::testing::Test {
 protected:
  const Spec& spec() const { return marketplace(); }
  const Operation& op(const std::string& name) const {
    return spec().operations.at(spec().find_operation(name).value());
  }
  const Service& service(const std::string& name) const {
    return spec().services.at(spec().find_service(name).value());
  }
  const Consumer& consumer(const std::string& name) const {
    return spec().consumers.at(spec().find_consumer(name).value());
  }
};

std::vector<std::string> service_names(const Spec& spec) {
  std::vector<std::string> out;
  for (const Service& s : spec.services) out.push_back(s.name);
  return out;
}

TEST_F(Marketplace, NamesTheSpecAndKeepsTheFile) {
  EXPECT_EQ(spec().name, "marketplace");
  EXPECT_EQ(spec().files, std::vector<std::string>{"tests/specs/model/marketplace.yaml"});
}

TEST_F(Marketplace, AssignsServiceIdsInDeclarationOrder) {
  EXPECT_EQ(service_names(spec()),
            (std::vector<std::string>{"gateway", "order", "payment", "inventory", "customer",
                                      "shipping", "notifications"}));
}

TEST_F(Marketplace, AssignsOperationIdsInDeclarationOrder) {
  std::vector<std::string> names;
  for (const Operation& o : spec().operations) names.push_back(o.full_name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"gateway.checkout", "order.place", "order.get",
                                      "payment.charge", "inventory.reserve", "customer.get"}));
  EXPECT_EQ(op("order.get").service, 1);
  EXPECT_EQ(service("order").operations,
            (std::vector<OperationId>{OperationId{1}, OperationId{2}}));
}

TEST_F(Marketplace, AssignsConsumerIdsAndNames) {
  std::vector<std::string> names;
  for (const Consumer& c : spec().consumers) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"shipping:OrderPlaced", "notifications:OrderPlaced",
                                             "notifications:ShipmentScheduled"}));
  EXPECT_EQ(service("notifications").consumers,
            (std::vector<ConsumerId>{ConsumerId{1}, ConsumerId{2}}));
  EXPECT_EQ(consumer("notifications:ShipmentScheduled").event, 1);
}

TEST_F(Marketplace, RecordsTheLocationOfEachElement) {
  EXPECT_EQ(spec().where(service("payment").loc), "tests/specs/model/marketplace.yaml:123:3");
  EXPECT_EQ(spec().where(op("payment.charge").loc), "tests/specs/model/marketplace.yaml:127:7");
}

TEST_F(Marketplace, InheritsReplicasWorkersAndQueueFromDefaults) {
  EXPECT_EQ(service("payment").replicas, 2);
  EXPECT_EQ(service("payment").workers, 64);
  EXPECT_EQ(service("payment").queue, 128);
  EXPECT_EQ(service("order").replicas, 3);
  EXPECT_EQ(service("order").workers, 32);
}

TEST_F(Marketplace, ServiceValuesOverrideDefaults) {
  EXPECT_EQ(service("gateway").replicas, 3);
  EXPECT_EQ(service("gateway").workers, 200);
  EXPECT_EQ(service("gateway").queue, 1000);
  EXPECT_EQ(service("gateway").balancing, Balancing::RoundRobin);
}

TEST_F(Marketplace, LongCallFormKeepsItsTimeoutAndRetry) {
  const Call& call = op("gateway.checkout").work.calls.at(0);
  EXPECT_EQ(call.target, 1);
  EXPECT_EQ(call.timeout, Duration{4 * kSecond.ns});
  EXPECT_EQ(call.retry.attempts, 2);
  EXPECT_EQ(call.retry.backoff, Duration{200 * kMillisecond.ns});
  EXPECT_DOUBLE_EQ(call.retry.multiplier, 2);
  EXPECT_EQ(call.retry.max_backoff, Duration{10 * kSecond.ns});
  EXPECT_EQ(call.retry.jitter, Jitter::Full);
  EXPECT_FALSE(call.breaker.has_value());
  EXPECT_EQ(call.on_failure, OnFailure::Fail);
}

TEST_F(Marketplace, AliasedRetryPolicyIsReadInFull) {
  const Call& call = op("order.place").work.calls.at(0);
  EXPECT_EQ(call.target, 3);
  EXPECT_EQ(call.timeout, Duration{800 * kMillisecond.ns});
  EXPECT_EQ(call.retry.attempts, 3);
  EXPECT_EQ(call.retry.backoff, Duration{50 * kMillisecond.ns});
  EXPECT_EQ(call.retry.max_backoff, Duration{kSecond.ns});
  EXPECT_EQ(call.retry.jitter, Jitter::Full);
}

TEST_F(Marketplace, BreakerIsReadInFull) {
  const Call& call = op("order.place").work.calls.at(0);
  ASSERT_TRUE(call.breaker.has_value());
  EXPECT_DOUBLE_EQ(call.breaker->failure_ratio, 0.5);
  EXPECT_EQ(call.breaker->window, 50);
  EXPECT_EQ(call.breaker->open_for, Duration{10 * kSecond.ns});
}

TEST_F(Marketplace, MergedCallTakesTheAnchorsTimeoutAndDefaultRetry) {
  const Call& call = op("order.place").work.calls.at(1);
  EXPECT_EQ(call.target, 4);
  EXPECT_EQ(call.timeout, Duration{300 * kMillisecond.ns});
  EXPECT_EQ(call.retry.attempts, 1);
  EXPECT_EQ(call.on_failure, OnFailure::Fail);
}

TEST_F(Marketplace, ReadsTimeDistributions) {
  const Distribution& time = op("order.place").work.time;
  EXPECT_EQ(time.kind, DistributionKind::Lognormal);
  EXPECT_DOUBLE_EQ(time.a, 6e6);
  EXPECT_DOUBLE_EQ(time.b, 30e6);
  EXPECT_EQ(op("gateway.checkout").work.time.kind, DistributionKind::Exp);
}

TEST_F(Marketplace, ReadsSingleMapWritesAndReads) {
  ASSERT_EQ(op("order.place").work.writes.size(), 1u);
  EXPECT_EQ(op("order.place").work.writes[0].store, 0);
  EXPECT_EQ(op("order.place").work.writes[0].rows, 4);
  EXPECT_FALSE(op("order.place").work.writes[0].batch.has_value());
  ASSERT_EQ(op("order.get").work.reads.size(), 1u);
  EXPECT_EQ(op("order.get").work.reads[0].store, 0);
}

TEST_F(Marketplace, ReadsPublishWithOutbox) {
  ASSERT_EQ(op("order.place").work.publishes.size(), 1u);
  EXPECT_EQ(op("order.place").work.publishes[0].event, 0);
  EXPECT_TRUE(op("order.place").work.publishes[0].outbox);
}

TEST_F(Marketplace, ReadsConsumerSettings) {
  const Consumer& c = consumer("shipping:OrderPlaced");
  EXPECT_EQ(c.service, 5);
  EXPECT_EQ(c.event, 0);
  EXPECT_EQ(c.concurrency, 6);
  EXPECT_TRUE(c.idempotent);
  EXPECT_FALSE(c.ordered);
  EXPECT_FALSE(consumer("notifications:OrderPlaced").idempotent);
}

TEST_F(Marketplace, ResolvesConsumerNeedsToEntityFields) {
  const Consumer& c = consumer("shipping:OrderPlaced");
  ASSERT_EQ(c.needs.size(), 3u);
  EXPECT_EQ(c.needs[0].entity, 0);
  EXPECT_EQ(c.needs[0].field, 0);  // order.id
  EXPECT_EQ(c.needs[1].field, 2);  // order.items
  EXPECT_EQ(c.needs[2].entity, 1);
  EXPECT_EQ(c.needs[2].field, 3);  // customer.address
}

TEST_F(Marketplace, ReadsBatchedWritesAndPlainPublishesOfAConsumer) {
  const Consumer& c = consumer("shipping:OrderPlaced");
  ASSERT_EQ(c.work.writes.size(), 1u);
  EXPECT_EQ(c.work.writes[0].store, 3);
  ASSERT_TRUE(c.work.writes[0].batch.has_value());
  EXPECT_EQ(c.work.writes[0].batch->size, 100);
  EXPECT_EQ(c.work.writes[0].batch->linger, Duration{10 * kMillisecond.ns});
  ASSERT_EQ(c.work.publishes.size(), 1u);
  EXPECT_EQ(c.work.publishes[0].event, 1);
  EXPECT_FALSE(c.work.publishes[0].outbox);
}

TEST_F(Marketplace, CallbackEntitiesAreTheEntitiesWithMissingFields) {
  EXPECT_EQ(spec().callback_entities(ConsumerId{0}),
            (std::vector<EntityId>{EntityId{0}, EntityId{1}}));
  EXPECT_EQ(spec().callback_entities(ConsumerId{2}), (std::vector<EntityId>{EntityId{1}}));
}

TEST_F(Marketplace, EventBytesSumTheCarriedFields) {
  EXPECT_EQ(spec().event_bytes(EventId{0}), 32);
  EXPECT_EQ(spec().events[0].broker, 0);
  ASSERT_TRUE(spec().events[0].key.has_value());
  EXPECT_EQ(spec().events[0].key->field, 0);
}

TEST_F(Marketplace, ReadsBrokersStoresAndEntities) {
  EXPECT_EQ(spec().brokers[0].type, BrokerType::Kafka);
  EXPECT_EQ(spec().brokers[0].partitions, 24);
  EXPECT_EQ(spec().brokers[0].latency.kind, DistributionKind::Lognormal);
  EXPECT_EQ(spec().stores[0].name, "orders_db");
  EXPECT_EQ(spec().stores[0].connections, 40);
  EXPECT_DOUBLE_EQ(spec().stores[0].txn_time.a, 2e6);
  EXPECT_DOUBLE_EQ(spec().stores[0].row_time.a, 50e3);
  EXPECT_EQ(spec().entities[0].owner, 1);
  EXPECT_EQ(spec().entities[0].read, 2);
  EXPECT_EQ(spec().entities[0].fields.at(2).bytes, 2048);
}

TEST_F(Marketplace, ReadsWorkloadWithSpikes) {
  const Workload& w = spec().workload;
  EXPECT_EQ(w.duration, Duration{600 * kSecond.ns});
  EXPECT_EQ(w.warmup, Duration{30 * kSecond.ns});
  EXPECT_EQ(w.seed, 7u);
  ASSERT_EQ(w.sources.size(), 1u);
  EXPECT_EQ(w.sources[0].to, 0);
  EXPECT_DOUBLE_EQ(w.sources[0].rate, 200);
  EXPECT_EQ(w.sources[0].arrival, Arrival::Poisson);
  ASSERT_EQ(w.sources[0].spikes.size(), 1u);
  EXPECT_EQ(w.sources[0].spikes[0].at, Duration{300 * kSecond.ns});
  EXPECT_EQ(w.sources[0].spikes[0].length, Duration{30 * kSecond.ns});
  EXPECT_DOUBLE_EQ(w.sources[0].spikes[0].rate, 2000);
}

TEST_F(Marketplace, ReadsFaultsOfEachTargetKind) {
  ASSERT_EQ(spec().faults.size(), 5u);
  const Fault& errors = spec().faults[1];
  EXPECT_EQ(errors.target_kind, FaultTarget::Service);
  EXPECT_EQ(errors.target_name, "inventory");
  EXPECT_EQ(errors.mode, FaultMode::Errors);
  EXPECT_DOUBLE_EQ(errors.ratio, 0.2);
  EXPECT_EQ(spec().faults[2].target_kind, FaultTarget::Broker);
  EXPECT_EQ(spec().faults[2].mode, FaultMode::Down);
  EXPECT_EQ(spec().faults[3].target_kind, FaultTarget::Store);
  EXPECT_DOUBLE_EQ(spec().faults[3].factor, 10);
  EXPECT_EQ(spec().faults[4].mode, FaultMode::Replicas);
  EXPECT_EQ(spec().faults[4].count, 1);
  EXPECT_EQ(spec().faults[4].at, Duration{480 * kSecond.ns});
  EXPECT_EQ(spec().faults[4].length, Duration{60 * kSecond.ns});
}

TEST_F(Marketplace, ReadsEveryGate) {
  ASSERT_EQ(spec().gates.size(), 8u);
  EXPECT_EQ(spec().gates[0].text, "p99(gateway.checkout) < 300ms");
  EXPECT_DOUBLE_EQ(spec().gates[0].threshold, 300);
  EXPECT_DOUBLE_EQ(spec().gates[1].threshold, 0.005);
  EXPECT_EQ(spec().gates[7].metric, GateMetric::NoSyncCycles);
}

// --- Smaller specs for what the example does not use --------------------------------------

TEST(Loader, ReadsCallOptionsAndParallel) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  a:
    operations:
      op:
        parallel: true
        calls: [{to: b.op, probability: 25%, cancel_on_timeout: true}]
  b:
    operations:
      op: {}
)");
  EXPECT_TRUE(spec.operations.at(0).work.parallel_calls);
  EXPECT_DOUBLE_EQ(spec.operations.at(0).work.calls.at(0).probability, 0.25);
  EXPECT_TRUE(spec.operations.at(0).work.calls.at(0).cancel_on_timeout);
}

TEST(Loader, ReadsListsOfReadsAndWrites) {
  const Spec spec = load_ok(R"(ripple: 1
stores:
  db1: {}
  db2: {}
services:
  a:
    operations:
      op:
        reads: [{store: db1, rows: 3}, {store: db2}]
        writes:
          - {store: db2, rows: 2}
          - {store: db1, batch: {size: 10}}
)");
  const Work& work = spec.operations.at(0).work;
  ASSERT_EQ(work.reads.size(), 2u);
  EXPECT_EQ(work.reads[0].store, 0);
  EXPECT_EQ(work.reads[0].rows, 3);
  EXPECT_EQ(work.reads[1].store, 1);
  EXPECT_EQ(work.reads[1].rows, 1);
  ASSERT_EQ(work.writes.size(), 2u);
  EXPECT_EQ(work.writes[0].rows, 2);
  ASSERT_TRUE(work.writes[1].batch.has_value());
  EXPECT_EQ(work.writes[1].batch->size, 10);
  EXPECT_EQ(work.writes[1].batch->linger, Duration{0});
  EXPECT_EQ(spec.stores[0].connections, 10);
}

constexpr const char* kEventsSpec = R"(ripple: 1
brokers:
  q: {type: sqs, visibility_timeout: 5s, max_receives: 3, fifo: true}
services:
  order:
    operations:
      get: {}
      place: {publishes: [Placed]}
  ship:
    consumes:
      Placed:
        needs: [order.*]
        ordered: true
entities:
  order:
    owner: order
    read: order.get
    fields:
      id: {size: 16B, type: uuid}
      items: 1KiB
events:
  Placed: {broker: q, key: order.id, carries: [order.*]}
)";

TEST(Loader, ReadsSqsBrokerFields) {
  const Spec spec = load_ok(kEventsSpec);
  const Broker& q = spec.brokers.at(0);
  EXPECT_EQ(q.type, BrokerType::Sqs);
  EXPECT_EQ(q.visibility_timeout, Duration{5 * kSecond.ns});
  EXPECT_EQ(q.max_receives, 3);
  EXPECT_TRUE(q.fifo);
  EXPECT_TRUE(q.orders_by_key());
}

TEST(Loader, ReadsFieldGivenAsSizeAndType) {
  const Spec spec = load_ok(kEventsSpec);
  const Entity& order = spec.entities.at(0);
  ASSERT_EQ(order.fields.size(), 2u);
  EXPECT_EQ(order.fields[0].bytes, 16);
  EXPECT_EQ(order.fields[0].type, "uuid");
  EXPECT_EQ(order.fields[1].bytes, 1024);
  EXPECT_EQ(order.fields[1].type, "");
}

TEST(Loader, CarriesAllFieldsWithEntityStar) {
  const Spec spec = load_ok(kEventsSpec);
  ASSERT_EQ(spec.events.at(0).carries.size(), 1u);
  EXPECT_EQ(spec.events.at(0).carries[0].field, -1);
  EXPECT_EQ(spec.event_bytes(EventId{0}), 16 + 1024);
  EXPECT_TRUE(spec.event_carries(EventId{0}, EntityId{0}, 1));
}

TEST(Loader, NeedsOfEntityStarCarriedNeedNoCallback) {
  const Spec spec = load_ok(kEventsSpec);
  const Consumer& c = spec.consumers.at(0);
  EXPECT_EQ(c.name, "ship:Placed");
  EXPECT_EQ(c.needs.at(0).field, -1);
  EXPECT_TRUE(c.ordered);
  EXPECT_EQ(spec.callback_entities(ConsumerId{0}), std::vector<EntityId>{});
}

TEST(Loader, ReadsReconnectSources) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  auth:
    operations:
      login: {}
workload:
  duration: 5m
  sources:
    - {to: auth.login, rate: 10/s, arrival: constant}
    - reconnect: {clients: 20000, at: 2m, to: auth.login, jitter: 5s,
                  retry: {attempts: 5, backoff: 1s, jitter: none}}
)");
  ASSERT_EQ(spec.workload.sources.size(), 1u);
  EXPECT_EQ(spec.workload.sources[0].arrival, Arrival::Constant);
  ASSERT_EQ(spec.workload.reconnects.size(), 1u);
  const ReconnectSource& r = spec.workload.reconnects[0];
  EXPECT_EQ(r.to, 0);
  EXPECT_EQ(r.clients, 20000);
  EXPECT_EQ(r.at, Duration{120 * kSecond.ns});
  EXPECT_EQ(r.jitter, Duration{5 * kSecond.ns});
  EXPECT_EQ(r.retry.attempts, 5);
  EXPECT_EQ(r.retry.backoff, Duration{kSecond.ns});
  EXPECT_EQ(r.retry.jitter, Jitter::None);
}

TEST(Loader, ReadsPartitionLossAndSlowFaults) {
  const Spec spec = load_ok(R"(ripple: 1
brokers:
  bus: {type: kafka, partitions: 12}
stores:
  db: {}
services:
  a:
    replicas: 3
faults:
  - {broker: bus, at: 1s, for: 2s, mode: partition_loss, count: 3}
  - {store: db, at: 1s, for: 2s, mode: slow, factor: 2.5}
  - {store: db, at: 5s, for: 1s, mode: errors, ratio: 10%}
  - {service: a, at: 5s, for: 1s, mode: replicas, count: 0}
)");
  ASSERT_EQ(spec.faults.size(), 4u);
  EXPECT_EQ(spec.faults[0].mode, FaultMode::PartitionLoss);
  EXPECT_EQ(spec.faults[0].count, 3);
  EXPECT_EQ(spec.faults[0].target, 0);
  EXPECT_DOUBLE_EQ(spec.faults[1].factor, 2.5);
  EXPECT_DOUBLE_EQ(spec.faults[2].ratio, 0.1);
  EXPECT_EQ(spec.faults[3].count, 0);
}

TEST(Loader, ReadsSuppressions) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  a:
    operations:
      op: {}
suppress:
  - {rule: single-replica, at: a.op, reason: "a batch job; it may stop"}
)");
  ASSERT_EQ(spec.suppressions.size(), 1u);
  EXPECT_EQ(spec.suppressions[0].rule, "single-replica");
  EXPECT_EQ(spec.suppressions[0].element, "a.op");
  EXPECT_EQ(spec.suppressions[0].reason, "a batch job; it may stop");
  EXPECT_EQ(spec.suppressions[0].loc.line, 7);
}

TEST(Loader, IgnoresExtensionKeysEverywhere) {
  const Spec spec = load_ok(R"(ripple: 1
x-top: {anything: [1, 2]}
defaults: {x-why: faster, replicas: 2}
brokers:
  x-note: not a broker
  bus: {type: kafka, x-cluster: eu-1}
stores:
  x-note: not a store
  db: {x-engine: postgres}
entities:
  x-note: not an entity
  order:
    owner: order
    fields: {x-note: not a field, id: 16B}
events:
  x-note: not an event
  Placed: {broker: bus, x-schema: v2}
services:
  x-note: not a service
  order:
    x-team: checkout
    operations:
      x-note: not an operation
      place:
        x-owner: me
        calls: [{to: order.get, x-why: cache}]
        publishes: [{event: Placed, x-topic: placed}]
      get: {}
    consumes:
      x-note: not a consumer
      Placed: {x-note: self}
workload:
  x-note: nothing
  sources: [{to: order.place, rate: 1/s, x-note: quiet}]
faults:
  - {service: order, at: 1s, for: 1s, mode: down, x-ticket: OPS-1}
)");
  EXPECT_EQ(spec.brokers.size(), 1u);
  EXPECT_EQ(spec.stores.size(), 1u);
  EXPECT_EQ(spec.entities.size(), 1u);
  EXPECT_EQ(spec.entities.at(0).fields.size(), 1u);
  EXPECT_EQ(spec.events.size(), 1u);
  EXPECT_EQ(spec.services.size(), 1u);
  EXPECT_EQ(spec.operations.size(), 2u);
  EXPECT_EQ(spec.consumers.size(), 1u);
  EXPECT_EQ(spec.services.at(0).replicas, 2);
  EXPECT_EQ(spec.faults.size(), 1u);
}

TEST(Loader, KeepsDescriptionsOutOfTheWay) {
  const Spec spec = load_ok(R"(ripple: 1
name: shop
description: the shop
services:
  a:
    description: edge
    operations:
      op: {description: the only one}
)");
  EXPECT_EQ(spec.name, "shop");
  EXPECT_EQ(spec.description, "the shop");
}

}  // namespace
}  // namespace ripple::model::testing
