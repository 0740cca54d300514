// The publishing side of events (publishes, outboxes, broker latency and faults), write batching
// and reconnect storms. Delivery to consumers is in replication_delivery.cpp.

#include <algorithm>
#include <cmath>

#include "simulator/backoff.h"
#include "simulator/replication.h"
#include "simulator/replication_state.h"

namespace ripple::sim {
namespace {

// SQS FIFO queues order per message group; keys are hashed onto this many groups.
constexpr int kFifoGroups = 1024;
constexpr TimeNs kStormBin = 10'000'000;  // reconnect arrivals are counted per 10 ms

// A bijective 64-bit mix (the splitmix64 finalizer): spreads consecutive keys over partitions.
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

TimeNs scaled(TimeNs time, double factor) {
  if (factor == 1) return time;
  return static_cast<TimeNs>(std::llround(static_cast<double>(time) * factor));
}

int lane_count(const model::Broker& broker) {
  if (broker.type == model::BrokerType::Kafka) return std::max(1, broker.partitions);
  if (broker.type == model::BrokerType::Sqs && broker.fifo) return kFifoGroups;
  return 1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Set-up

void Replication::build_events() {
  const auto n_consumers = spec_.consumers.size();
  metrics_.consumers.resize(n_consumers);
  metrics_.brokers.resize(spec_.brokers.size());
  metrics_.backlog_steps.assign(spec_.brokers.size(),
                                std::vector<double>(static_cast<std::size_t>(steps_), 0));
  metrics_.waiting_steps.assign(n_consumers,
                                std::vector<double>(static_cast<std::size_t>(steps_), 0));
  event_consumers_.resize(spec_.events.size());
  service_consumers_.resize(spec_.services.size());
  broker_consumers_.resize(spec_.brokers.size());
  for (std::size_t b = 0; b < spec_.brokers.size(); ++b) {
    BrokerState state;
    state.rng = Rng(derive_seed(seed_, stream_key(StreamKind::Broker, b)));
    if (spec_.brokers[b].orders_by_key())
      state.lane_ready.assign(static_cast<std::size_t>(lane_count(spec_.brokers[b])), 0);
    brokers_.push_back(std::move(state));
  }
  for (std::size_t e = 0; e < spec_.events.size(); ++e)
    key_rng_.emplace_back(derive_seed(seed_, stream_key(StreamKind::EventKey, e)));
  for (std::size_t c = 0; c < n_consumers; ++c) {
    const model::Consumer& consumer = spec_.consumers[c];
    const int b = spec_.events[static_cast<std::size_t>(consumer.event)].broker;
    const model::Broker& broker = spec_.brokers[static_cast<std::size_t>(b)];
    const int replicas = spec_.services[static_cast<std::size_t>(consumer.service)].replicas;
    ConsumerState state;
    int lanes = 1;
    if (broker.type == model::BrokerType::Memory) {
      state.mode = LaneMode::PerReplica;
      lanes = replicas;
    } else if (broker.orders_by_key()) {
      state.mode = LaneMode::Ordered;
      lanes = lane_count(broker);
    }
    state.lanes.resize(static_cast<std::size_t>(lanes));
    state.replica_busy.assign(static_cast<std::size_t>(replicas), 0);
    if (consumer.ordered && spec_.events[static_cast<std::size_t>(consumer.event)].key)
      state.last_started.assign(kKeyspace, 0);
    consumers_.push_back(std::move(state));
    event_consumers_[static_cast<std::size_t>(consumer.event)].push_back(static_cast<int>(c));
    service_consumers_[static_cast<std::size_t>(consumer.service)].push_back(static_cast<int>(c));
    broker_consumers_[static_cast<std::size_t>(b)].push_back(static_cast<int>(c));
  }
  batches_.resize(static_cast<std::size_t>(layout_.batchers()));
}

// ---------------------------------------------------------------------------------------------
// Publishing

int Replication::lane_of(const model::Broker& broker, std::uint64_t key) const {
  const int lanes = lane_count(broker);
  if (lanes == 1) return 0;
  return static_cast<int>(mix(key) % static_cast<std::uint64_t>(lanes));
}

void Replication::count_lost(int event, std::uint64_t count, bool measured) {
  if (!measured) return;
  for (const int c : event_consumers_[static_cast<std::size_t>(event)])
    metrics_.consumers[static_cast<std::size_t>(c)].lost += count;
}

// Publishes every event of a finished execution. A publish to a down broker without an outbox
// fails the execution and none of its events is published (the events meant for the down broker
// count as lost for their consumers); with an outbox the event waits for the broker's recovery.
// Publishing takes no time from the publisher: the broker's latency runs from publish to
// availability for delivery. Returns whether the execution still succeeds.
bool Replication::publish_all(RequestHandle handle) {
  const model::Work& work = layout_.work(requests_[handle].work);
  if (work.publishes.empty()) return true;
  bool refused = false;
  for (const model::Publish& publish : work.publishes) {
    const int b = spec_.events[static_cast<std::size_t>(publish.event)].broker;
    refused = refused || (brokers_[static_cast<std::size_t>(b)].down && !publish.outbox);
  }
  const bool measured = measuring();
  if (refused) {
    for (const model::Publish& publish : work.publishes) {
      const int b = spec_.events[static_cast<std::size_t>(publish.event)].broker;
      if (!brokers_[static_cast<std::size_t>(b)].down || publish.outbox) continue;
      if (measured) ++metrics_.brokers[static_cast<std::size_t>(b)].publish_failures;
      count_lost(publish.event, 1, measured);
    }
    return false;
  }
  for (const model::Publish& publish : work.publishes) {
    const model::Event& event = spec_.events[static_cast<std::size_t>(publish.event)];
    const Request& request = requests_[handle];
    Transit transit;
    transit.event = publish.event;
    transit.service = request.service;
    transit.replica = request.replica;
    transit.root = request.root;
    transit.root_measured = request.root_measured;
    transit.measured = measured;
    transit.sequence = ++next_sequence_;
    transit.published = engine_.now();
    if (!event.key) {
      transit.key = transit.sequence;
    } else if (event.key->entity == request.key_entity) {
      transit.key = request.key;  // the same entity as the event being handled: same key
    } else {
      transit.key = key_rng_[static_cast<std::size_t>(publish.event)].next() % kKeyspace;
    }
    const TransitHandle t = transits_.allocate(transit);
    BrokerState& broker = brokers_[static_cast<std::size_t>(event.broker)];
    if (broker.down) {
      broker.outbox.push_back(t);
      ++broker.backlog;
      if (measured) {
        BrokerMetrics& m = metrics_.brokers[static_cast<std::size_t>(event.broker)];
        ++m.outboxed;
        m.max_backlog = std::max(m.max_backlog, broker.backlog);
      }
    } else {
      send(t);
    }
  }
  return true;
}

// Hands an event to its broker. Brokers that order by key never let a later event of a lane
// become available before an earlier one, whatever their latency samples.
void Replication::send(TransitHandle t) {
  const Transit& transit = transits_[t];
  const int b = spec_.events[static_cast<std::size_t>(transit.event)].broker;
  const model::Broker& model_broker = spec_.brokers[static_cast<std::size_t>(b)];
  BrokerState& broker = brokers_[static_cast<std::size_t>(b)];
  if (transit.measured) ++metrics_.brokers[static_cast<std::size_t>(b)].published;
  TimeNs ready = engine_.now() + scaled(sample_ns(model_broker.latency, broker.rng), broker.slow);
  if (!broker.lane_ready.empty()) {
    TimeNs& lane_ready =
        broker.lane_ready[static_cast<std::size_t>(lane_of(model_broker, transit.key))];
    ready = std::max(ready, lane_ready);
    lane_ready = ready;
  }
  engine_.schedule_at<&Replication::on_event_ready>(ready, this, t.pack());
}

// The event reaches the broker: one delivery per consuming service. A memory broker reaches
// only the publishing replica's own consumers; every other consumer loses the event.
void Replication::on_event_ready(std::uint64_t t) {
  const TransitHandle handle = TransitHandle::unpack(t);
  const Transit transit = transits_[handle];
  transits_.free(handle);
  const model::Event& event = spec_.events[static_cast<std::size_t>(transit.event)];
  const model::Broker& broker = spec_.brokers[static_cast<std::size_t>(event.broker)];
  for (const int c : event_consumers_[static_cast<std::size_t>(transit.event)]) {
    const model::Consumer& consumer = spec_.consumers[static_cast<std::size_t>(c)];
    int lane = lane_of(broker, transit.key);
    if (broker.type == model::BrokerType::Memory) {
      const int serving = services_[static_cast<std::size_t>(consumer.service)].serving;
      if (consumer.service != transit.service || transit.replica >= serving) {
        if (transit.measured) ++metrics_.consumers[static_cast<std::size_t>(c)].lost;
        continue;
      }
      lane = transit.replica;
    }
    Delivery delivery;
    delivery.consumer = c;
    delivery.lane = lane;
    delivery.root = transit.root;
    delivery.root_measured = transit.root_measured;
    delivery.measured = transit.measured;
    delivery.key = transit.key;
    delivery.sequence = transit.sequence;
    delivery.published = transit.published;
    const DeliveryHandle d = deliveries_.allocate(delivery);
    ++consumers_[static_cast<std::size_t>(c)].unsettled;
    enqueue(c, d, QueueEnd::Back);
    dispatch(c);
  }
}

// Broker faults: down refuses publishes and delivers nothing; slow multiplies the latency;
// partition_loss makes the first `count` partitions unavailable (their events wait). Durable
// brokers keep their backlog; on recovery the outbox is relayed and delivery resumes.
void Replication::apply_broker_faults(int b, bool down, double slow, int lost_partitions) {
  BrokerState& broker = brokers_[static_cast<std::size_t>(b)];
  const bool recovered = broker.down && !down;
  broker.down = down;
  broker.slow = slow;
  broker.lost_partitions = lost_partitions;
  if (recovered) {
    while (!broker.outbox.empty()) {
      const TransitHandle t = broker.outbox.front();
      broker.outbox.pop_front();
      --broker.backlog;
      send(t);
    }
  }
  dispatch_broker(b);
}

// ---------------------------------------------------------------------------------------------
// Write batching: rows wait until `size` executions have handed theirs over or `linger` has
// passed since the first; then one transaction writes them all (txn_time + rows x row_time).
// A batch whose store is down or fails is dropped.

void Replication::add_to_batch(const Request& request, int write) {
  const model::StoreAccess& access =
      layout_.work(request.work).writes[static_cast<std::size_t>(write)];
  const auto b = static_cast<std::uint32_t>(layout_.batcher(request.work, write));
  BatchState& batch = batches_[b];
  batch.store = access.store;
  if (batch.items == 0)
    engine_.schedule_in<&Replication::on_linger>(access.batch->linger.ns, this,
                                                 pack(b, ++batch.token));
  ++batch.items;
  batch.rows += access.rows;
  if (batch.items >= access.batch->size) flush_batch(b);
}

void Replication::on_linger(std::uint64_t ref) {
  if (batches_[index_of(ref)].token != tag_of(ref)) return;
  flush_batch(index_of(ref));
}

void Replication::flush_batch(std::uint64_t b) {
  BatchState& batch = batches_[b];
  const int rows = batch.rows;
  const int s = batch.store;
  batch.items = 0;
  batch.rows = 0;
  ++batch.token;
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  if (store.down || (store.error_ratio > 0 && store.rng.bernoulli(store.error_ratio))) return;
  if (store.busy < spec_.stores[static_cast<std::size_t>(s)].connections) {
    start_batch_transaction(s, rows);
  } else {
    store.waiting.push_back(StoreWaiter{RequestHandle{}, rows});
  }
}

void Replication::start_batch_transaction(int s, int rows) {
  const model::Store& model_store = spec_.stores[static_cast<std::size_t>(s)];
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  ++store.busy;
  const double time =
      static_cast<double>(sample_ns(model_store.txn_time, store.rng)) +
      static_cast<double>(rows) * static_cast<double>(sample_ns(model_store.row_time, store.rng));
  engine_.schedule_in<&Replication::on_batch_done>(
      static_cast<TimeNs>(std::llround(time * store.slow)), this, static_cast<std::uint64_t>(s));
}

void Replication::on_batch_done(std::uint64_t store) {
  release_connection(static_cast<int>(store));
}

// ---------------------------------------------------------------------------------------------
// Reconnect storms: every client makes one attempt at `at` + uniform[0, jitter] and retries a
// failed attempt (an error or a rejection) with the source's retry policy. Each attempt is an
// entry request of the target operation.

void Replication::schedule_reconnects() {
  const auto& sources = spec_.workload.reconnects;
  metrics_.reconnects.resize(sources.size());
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const model::ReconnectSource& source = sources[s];
    reconnect_rng_.emplace_back(derive_seed(seed_, stream_key(StreamKind::Reconnect, s)));
    if (source.at.ns >= plan_.duration) continue;
    metrics_.reconnects[s].bins.assign(
        static_cast<std::size_t>((plan_.duration - source.at.ns + kStormBin - 1) / kStormBin), 0);
    for (int i = 0; i < source.clients; ++i) {
      const auto client = static_cast<std::uint32_t>(clients_.size());
      clients_.push_back(Client{static_cast<int>(s), 0, 0, source.retry.backoff.ns});
      const double delay = source.jitter.ns > 0
                               ? reconnect_rng_[s].uniform(0, static_cast<double>(source.jitter.ns))
                               : 0;
      const TimeNs at = source.at.ns + static_cast<TimeNs>(delay);
      if (at < plan_.duration)
        engine_.schedule_at<&Replication::on_client_attempt>(at, this, client);
    }
  }
}

void Replication::on_client_attempt(std::uint64_t client) {
  Client& state = clients_[client];
  ++state.attempt;
  ++state.token;
  const int op = spec_.workload.reconnects[static_cast<std::size_t>(state.source)].to;
  record_storm_arrival(state.source);
  const bool measured = measuring();
  if (measured) ++metrics_.amplification[static_cast<std::size_t>(op)].entries;
  (void)arrive(op,
               Caller{Caller::Kind::Client, pack(static_cast<std::uint32_t>(client), state.token)},
               op, measured);
}

void Replication::on_client_response(std::uint64_t client_ref, bool ok) {
  const std::uint32_t client = index_of(client_ref);
  Client& state = clients_[client];
  if (state.token != tag_of(client_ref)) return;
  const auto s = static_cast<std::size_t>(state.source);
  const model::RetryPolicy& retry = spec_.workload.reconnects[s].retry;
  ReconnectMetrics& metrics = metrics_.reconnects[s];
  if (ok) {
    ++metrics.connected;
    return;
  }
  if (state.attempt >= retry.attempts) {
    ++metrics.gave_up;
    return;
  }
  const TimeNs wait = retry_delay(retry, state.attempt, state.previous_wait, reconnect_rng_[s]);
  engine_.schedule_in<&Replication::on_client_attempt>(wait, this, client);
}

void Replication::record_storm_arrival(int source) {
  ReconnectMetrics& metrics = metrics_.reconnects[static_cast<std::size_t>(source)];
  ++metrics.attempts;
  const TimeNs since =
      engine_.now() - spec_.workload.reconnects[static_cast<std::size_t>(source)].at.ns;
  const auto bin = static_cast<std::size_t>(since / kStormBin);
  if (bin < metrics.bins.size()) ++metrics.bins[bin];
}

}  // namespace ripple::sim
