#pragma once

// The spec model: plain, immutable data describing an event-driven system, its workload, its
// faults and its gates. Produced only by the loader (model/loader.h), which resolves every name
// to a dense integer id and applies every default, so consumers never look at raw YAML and never
// re-apply defaults. Shared read-only by analyzers and by parallel simulation replications.
//
// Ids (model/ids.h) are indices into the Spec's vectors, one type per kind of element. Every
// element keeps the source location it was declared at, for diagnostics, lints and reports.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/distribution.h"
#include "model/gate_metric.h"
#include "model/ids.h"
#include "model/keys.h"
#include "model/units.h"

namespace ripple::model {

// 1-based line and column in spec.files[file]; line 0 means "no location".
struct SourceLoc {
  int file = 0;
  int line = 0;
  int column = 0;
};

// ---------------------------------------------------------------------------------------------
// Calls and their resilience policies

enum class Jitter { None, Full, Equal, Decorrelated };
enum class OnFailure { Fail, Continue };
enum class Balancing { RoundRobin, LeastOutstanding };
// `deadline: propagate`: the callee abandons the request, queued or running, when the caller's
// deadline for the attempt (its start plus its timeout, or the caller's own deadline if earlier)
// passes.
enum class Deadline { None, Propagate };
enum class QueueDiscipline { Fifo, Lifo };

// Retries allowed only while the retries of the last `window` stay within `ratio` of the calls
// (first attempts) of that window, counted over every replica of the caller (gRPC's retry
// throttling, Finagle's retry budget).
struct RetryBudget {
  double ratio = 0.1;  // retries per call (0..1)
  Duration window = Duration{10 * kSecond.ns};
};

struct RetryPolicy {
  int attempts = 1;       // includes the first try; 1 = no retry
  Duration backoff{0};    // wait before the first retry
  double multiplier = 2;  // wait before retry n = backoff * multiplier^(n-1)
  Duration max_backoff = Duration{10 * kSecond.ns};  // cap on one wait
  Jitter jitter = Jitter::None;
  std::optional<RetryBudget> budget;  // none: every failed attempt may be retried
  // `on:` which failed attempts are retried: a timeout, an error answer, a rejection (a full
  // queue, load shedding, an open breaker).
  bool on_timeout = true;
  bool on_error = true;
  bool on_rejected = true;

  // Attempts per call in the worst case: every attempt, or with a budget at most 1 + ratio on
  // average (the budget keeps retries within ratio x calls over every window).
  [[nodiscard]] double worst_attempts() const {
    const double all = attempts;
    return budget ? std::min(all, 1 + budget->ratio) : all;
  }
};

struct BreakerPolicy {
  double failure_ratio = 0.5;          // opens when failures / window reaches this (0..1)
  int window = 20;                     // outcomes counted (last N calls)
  Duration open_for{10 * kSecond.ns};  // fail fast this long, then one half-open trial
};

struct Call {
  OperationId target;
  Duration timeout{30 * kSecond.ns};  // per attempt
  RetryPolicy retry;
  std::optional<BreakerPolicy> breaker;
  OnFailure on_failure = OnFailure::Fail;
  bool cancel_on_timeout = false;  // callee drops the request if it has not started
  double probability = 1;          // share of executions that make this call (0..1)
  int count = 1;                   // made this many times in a row (each with its own attempts)
  // Network time of one attempt, spent before the request reaches the callee (within the
  // attempt's timeout); const(0) = none.
  Distribution latency;
  // Calls of one `parallel:` group of a work share its index (0, 1, ... in order) and are
  // adjacent in Work::calls; -1 = made on its own, after the previous call or group.
  int group = -1;
  Deadline deadline = Deadline::None;
  SourceLoc loc;

  [[nodiscard]] bool has_latency() const {
    return !(latency.kind == DistributionKind::Const && latency.a == 0);
  }
};

// ---------------------------------------------------------------------------------------------
// Work done by an operation or a consumer

struct Batch {
  int size = 1;        // writes per transaction at most
  Duration linger{0};  // longest wait for a batch to fill
};

struct StoreAccess {
  StoreId store;
  int rows = 1;                // rows touched per execution
  std::optional<Batch> batch;  // writes only: group executions into one transaction
  SourceLoc loc;
};

struct Publish {
  EventId event;
  bool outbox = false;  // kept and sent after a broker outage instead of failing
  SourceLoc loc;
};

// What one execution of an operation or one handling of an event does, in order: callbacks (for
// consumers), its own time, reads, calls, writes, publishes.
struct Work {
  Distribution time;  // own processing time (holds a worker)
  // In order; a run of calls with the same Call::group is made concurrently (wait for all).
  std::vector<Call> calls;
  bool parallel_calls = false;  // `parallel: true`: every call in one group (group 0)
  std::vector<StoreAccess> reads;
  std::vector<StoreAccess> writes;
  std::vector<Publish> publishes;
};

struct Operation {
  std::string name;       // "place"
  std::string full_name;  // "order.place"
  ServiceId service;
  Work work;
  SourceLoc loc;
};

// A field of an entity named from an event or a consumer: `order.id`, or `order.*` (all fields).
struct FieldRef {
  EntityId entity;
  int field = -1;  // index into Entity::fields; -1 = every field (`entity.*`)
  SourceLoc loc;
};

// What a consumer's broker does with an event whose handling fails.
enum class DeliveryGuarantee {
  AtLeastOnce,  // redelivered (acknowledged only after the handling)
  AtMostOnce,   // acknowledged on receipt (RabbitMQ auto-ack, SQS delete on receive): lost
};

struct Consumer {
  std::string name;  // "shipping:OrderPlaced"
  ServiceId service;
  EventId event;
  std::vector<FieldRef> needs;  // fields the handling needs; those not carried cost callbacks
  Work work;
  int concurrency = 1;  // concurrent handlings per replica
  bool idempotent = false;
  bool ordered = false;  // must see one key's events in order
  DeliveryGuarantee delivery = DeliveryGuarantee::AtLeastOnce;
  // Capacity planning (analyze): utilization above this is low headroom (0..1].
  double max_utilization = 0.7;
  // Longest acceptable time to drain the backlog a fault leaves; nullopt = none stated.
  std::optional<Duration> recovery_objective;
  SourceLoc loc;
};

struct Service {
  std::string name;
  int replicas = 1;
  int workers = 16;                 // concurrent requests per replica
  std::optional<int> queue = 1024;  // waiting requests per replica; nullopt = unbounded
  Balancing balancing = Balancing::RoundRobin;
  // Load shedding, per replica: which waiting request a freed worker takes; requests in flight
  // (running and waiting) beyond which an arrival is rejected; the longest a request may wait
  // before it is rejected. nullopt = no limit.
  QueueDiscipline queue_discipline = QueueDiscipline::Fifo;
  std::optional<int> max_concurrency;
  std::optional<Duration> max_queue_time;
  double max_utilization = 0.7;  // capacity planning: above this is low headroom (0..1]
  std::vector<OperationId> operations;
  std::vector<ConsumerId> consumers;
  SourceLoc loc;
};

// ---------------------------------------------------------------------------------------------
// Brokers, stores, entities, events

enum class BrokerType { Kafka, Sqs, Rabbitmq, Memory };

struct Broker {
  std::string name;
  BrokerType type = BrokerType::Kafka;
  Distribution latency;  // publish to availability for delivery
  int partitions = 1;    // kafka: order per key within a partition; caps parallelism
  Duration visibility_timeout{30 * kSecond.ns};  // sqs: redelivered when handling outlasts it
  std::optional<int> max_receives;               // sqs: then dead-lettered; nullopt = never
  bool fifo = false;                             // sqs: FIFO queue, ordered per key (message group)
  SourceLoc loc;

  // Keeps events while consumers are down or slow, and survives a crash of the publisher.
  [[nodiscard]] bool durable() const { return type != BrokerType::Memory; }
  // May deliver an event more than once (redelivery, rebalance, retry of the publisher).
  [[nodiscard]] bool at_least_once() const { return type != BrokerType::Memory; }
  // Keeps the order of one key's events.
  [[nodiscard]] bool orders_by_key() const {
    return type == BrokerType::Kafka || (type == BrokerType::Sqs && fifo);
  }
};

struct Store {
  std::string name;
  int connections = 10;          // concurrent transactions
  Distribution txn_time;         // fixed cost of one transaction
  Distribution row_time;         // cost per row
  double max_utilization = 0.7;  // capacity planning: above this is low headroom (0..1]
  SourceLoc loc;
};

struct Field {
  std::string name;
  std::int64_t bytes = 0;
  std::string type;  // optional free-form type ("uuid", "money"); "" when not given
  SourceLoc loc;
};

struct Entity {
  std::string name;
  ServiceId owner;
  std::optional<OperationId> read;  // how others fetch it (a callback target)
  std::vector<Field> fields;
  SourceLoc loc;

  [[nodiscard]] std::optional<int> find_field(const std::string& field_name) const;
};

struct Event {
  std::string name;
  BrokerId broker;
  std::optional<FieldRef> key;  // partition / ordering key
  KeyDistribution keys;         // how key values are drawn (keyed events only)
  SourceLoc keys_loc;           // of `keys:`, when declared
  std::vector<FieldRef> carries;
  SourceLoc loc;
};

// ---------------------------------------------------------------------------------------------
// Workload, faults, gates, suppressions

enum class Arrival { Poisson, Constant };

struct Spike {
  Duration at;
  Duration length;  // `for:`
  double rate = 0;  // per second, replaces the base rate during the spike
};

// How a source's rate changes over the run (Poisson arrivals at the rate of the moment; `rate`
// is the mean). Spikes replace it while they last.
enum class RateShape { Steady, Diurnal, Bursty, Trace };

// rate(t) = mean x (1 + a cos(2 pi (t - peak_at) / period)), a = (ratio - 1) / (ratio + 1), so
// peak / trough = ratio and the mean over a period is the mean.
struct DiurnalShape {
  double peak_to_trough = 1;  // >= 1
  Duration period{86'400 * kSecond.ns};
  Duration peak_at{0};  // the time of the first peak, from the start of the run
};

// A Markov-modulated on/off process: bursts at burst_rate, of exponential length (mean
// mean_burst), separated by exponential silences sized so that the long-run rate is the mean.
struct BurstyShape {
  double burst_rate = 0;  // per second, > mean
  Duration mean_burst{kSecond.ns};
};

// Rates per step, read from a CSV file: step k (from k x step) has rates[k]; the last holds on.
struct TraceShape {
  std::string file;  // as the spec wrote it
  Duration step{kSecond.ns};
  std::vector<double> rates;  // per second
};

struct RateSource {
  OperationId to;
  double rate = 0;  // per second (the mean for diurnal and bursty shapes; 0 for users)
  Arrival arrival = Arrival::Poisson;
  RateShape shape = RateShape::Steady;
  DiurnalShape diurnal;
  BurstyShape bursty;
  TraceShape trace;
  // Closed loop (`users: N, think: DIST`): N users each send a request, wait for its answer, think
  // for a draw of `think`, and send the next; no rate.
  int users = 0;
  Distribution think;
  std::vector<Spike> spikes;
  // Clients that wait: each attempt of a request is cut after `timeout` (nullopt: never), a
  // failed attempt is retried with `retry`, and no retry starts later than `abandon_after` after
  // the first attempt (nullopt: no such limit). Without them requests are fire-and-forget.
  std::optional<Duration> timeout;
  RetryPolicy retry;
  std::optional<Duration> abandon_after;
  SourceLoc loc;
};

// `clients` clients drop their connection at `at` and reconnect, each after a uniform delay in
// [0, jitter], retrying failed attempts with `retry`.
struct ReconnectSource {
  OperationId to;
  int clients = 0;
  Duration at;
  Duration jitter{0};
  RetryPolicy retry;
  SourceLoc loc;
};

struct Workload {
  Duration duration{60 * kSecond.ns};
  Duration warmup{0};  // part of duration; results cover the run after it
  std::uint64_t seed = 1;
  std::vector<RateSource> sources;
  std::vector<ReconnectSource> reconnects;
  SourceLoc loc;
};

enum class FaultTarget { Service, Store, Broker };
enum class FaultMode { Down, Slow, Errors, Replicas, PartitionLoss };

struct Fault {
  FaultTarget target_kind = FaultTarget::Service;
  int target = -1;  // ServiceId, StoreId or BrokerId by target_kind
  std::string target_name;
  Duration at;
  Duration length;  // `for:`
  FaultMode mode = FaultMode::Down;
  double factor = 1;  // slow: every service, transaction or broker time multiplied by this
  double ratio = 0;   // errors: share of requests that fail at once (0..1)
  int count = 0;      // replicas: replicas left serving; partition_loss: partitions lost
  SourceLoc loc;
};

enum class Comparison { Less, LessEqual, Greater, GreaterEqual, Equal };

// One line of `gates:`, checked by the loader for syntax and references; evaluated by the cli.
//   p99(gateway.checkout) < 300ms      metric(argument) comparison threshold
//   no sync_cycles                      GateMetric::NoSyncCycles, no argument, no threshold
//   no nested-retries                   GateMetric::Findings, argument "nested-retries", == 0
struct Gate {
  std::string text;  // as written
  GateMetric metric = GateMetric::P99;
  std::string argument;  // "gateway.checkout", "payment", "shipping:OrderPlaced", "" if none
  Comparison comparison = Comparison::Less;
  double threshold = 0;  // in the metric's unit: ms for times, 0..1 for ratios, a count otherwise
  SourceLoc loc;
};

// `suppress:` entries: silence one lint finding, with a reason a reviewer can read.
struct Suppression {
  std::string rule;     // lint id, e.g. "nested-retries"
  std::string element;  // what the finding is about: "order.place", "shipping:OrderPlaced", "bus"
  std::string reason;
  SourceLoc loc;
};

// ---------------------------------------------------------------------------------------------

struct Spec {
  std::vector<std::string> files;  // the spec, the bases it extends, the scenario, gates files
  std::string name;
  std::string description;
  SourceLoc loc;

  std::vector<Service> services;
  std::vector<Operation> operations;
  std::vector<Consumer> consumers;
  std::vector<Broker> brokers;
  std::vector<Store> stores;
  std::vector<Entity> entities;
  std::vector<Event> events;

  // The call policy of callbacks (a consumer fetching what its event lacks): the spec's
  // `defaults:` for timeout, retry, breaker, on_failure and cancel_on_timeout, over the built-in
  // ones. `target` is unset (-1); each callback targets its entity's `read` operation.
  Call callback_policy;

  Workload workload;
  std::vector<Fault> faults;
  std::vector<Gate> gates;
  std::vector<Suppression> suppressions;

  // Name lookups; nullopt when absent. Operations are looked up as "service.operation",
  // consumers as "service:Event".
  [[nodiscard]] std::optional<ServiceId> find_service(const std::string& name) const;
  [[nodiscard]] std::optional<OperationId> find_operation(const std::string& full_name) const;
  [[nodiscard]] std::optional<ConsumerId> find_consumer(const std::string& name) const;
  [[nodiscard]] std::optional<EventId> find_event(const std::string& name) const;
  [[nodiscard]] std::optional<BrokerId> find_broker(const std::string& name) const;
  [[nodiscard]] std::optional<StoreId> find_store(const std::string& name) const;
  [[nodiscard]] std::optional<EntityId> find_entity(const std::string& name) const;

  // Every id of one kind, in declaration order.
  [[nodiscard]] IdRange<ServiceId> service_ids() const {
    return IdRange<ServiceId>(services.size());
  }
  [[nodiscard]] IdRange<OperationId> operation_ids() const {
    return IdRange<OperationId>(operations.size());
  }
  [[nodiscard]] IdRange<ConsumerId> consumer_ids() const {
    return IdRange<ConsumerId>(consumers.size());
  }
  [[nodiscard]] IdRange<EventId> event_ids() const { return IdRange<EventId>(events.size()); }
  [[nodiscard]] IdRange<BrokerId> broker_ids() const { return IdRange<BrokerId>(brokers.size()); }
  [[nodiscard]] IdRange<StoreId> store_ids() const { return IdRange<StoreId>(stores.size()); }
  [[nodiscard]] IdRange<EntityId> entity_ids() const { return IdRange<EntityId>(entities.size()); }

  // Bytes of the fields an event carries (entity.* counts every field of the entity once).
  [[nodiscard]] std::int64_t event_bytes(EventId event) const;
  // Whether `event` carries field `field` of `entity` (directly or through entity.*).
  [[nodiscard]] bool event_carries(EventId event, EntityId entity, int field) const;
  // Whether `event` carries the needed field (for `entity.*`, every field of the entity).
  [[nodiscard]] bool carries(EventId event, const FieldRef& need) const;
  // Consumers of an event, in declaration order.
  [[nodiscard]] std::vector<ConsumerId> consumers_of(EventId event) const;
  // Entities whose needed fields the event lacks: one callback each per delivery.
  [[nodiscard]] std::vector<EntityId> callback_entities(ConsumerId consumer) const;
  // Human text for a location: "shop.yaml:12:5".
  [[nodiscard]] std::string where(const SourceLoc& at) const;

  // Filled by the loader; lookups above use them.
  std::unordered_map<std::string, ServiceId> service_index;
  std::unordered_map<std::string, OperationId> operation_index;
  std::unordered_map<std::string, ConsumerId> consumer_index;
  std::unordered_map<std::string, EventId> event_index;
  std::unordered_map<std::string, BrokerId> broker_index;
  std::unordered_map<std::string, StoreId> store_index;
  std::unordered_map<std::string, EntityId> entity_index;
};

[[nodiscard]] const char* to_string(BrokerType type);
[[nodiscard]] const char* to_string(FaultMode mode);
[[nodiscard]] const char* to_string(FaultTarget target);
[[nodiscard]] const char* to_string(Jitter jitter);
[[nodiscard]] const char* to_string(Comparison comparison);

}  // namespace ripple::model
