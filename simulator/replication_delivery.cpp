// Delivery of events to consumers and the handling of a delivery: lanes (Kafka partitions, SQS
// FIFO groups, memory-broker replicas), consumer slots (concurrency x serving replicas),
// callbacks, visibility timeouts, redelivery, dead-lettering, ordering and duplicate counts.
// Semantics: docs/simulator.md, "Events".

#include <algorithm>
#include <cassert>

#include "simulator/replication.h"
#include "simulator/replication_state.h"

namespace ripple::sim {
namespace {

// Kafka and RabbitMQ hand a delivery whose handling failed back after this pause (a consumer's
// nack-and-retry or seek-back); SQS waits for the visibility timeout instead.
constexpr TimeNs kRedeliveryDelay = 1'000'000'000;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lanes

void Replication::enqueue(int c, DeliveryHandle d, QueueEnd end) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  Delivery& delivery = deliveries_[d];
  Lane& lane = consumer.lanes[static_cast<std::size_t>(delivery.lane)];
  delivery.queued = true;
  delivery.next = DeliveryHandle{};
  ++consumer.waiting;
  if (!lane.head.valid()) {
    lane.head = lane.tail = d;
  } else if (end == QueueEnd::Front) {
    delivery.next = lane.head;
    lane.head = d;
  } else {
    deliveries_[lane.tail].next = d;
    lane.tail = d;
  }
  const int b =
      spec_.events[static_cast<std::size_t>(spec_.consumers[static_cast<std::size_t>(c)].event)]
          .broker;
  BrokerState& broker = brokers_[static_cast<std::size_t>(b)];
  ++broker.backlog;
  if (measuring()) {
    BrokerMetrics& m = metrics_.brokers[static_cast<std::size_t>(b)];
    m.max_backlog = std::max(m.max_backlog, broker.backlog);
  }
  if (consumer.mode == LaneMode::Ordered && !lane.runnable && !lane.owner.valid()) {
    lane.runnable = true;
    consumer.runnable.push_back(delivery.lane);
  }
}

// Takes the head of a lane, skipping deliveries acknowledged or dead-lettered while they waited
// (an SQS redelivery whose first handling completed meanwhile). Invalid when none is left.
Replication::DeliveryHandle Replication::pop_lane(int c, int l) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  Lane& lane = consumer.lanes[static_cast<std::size_t>(l)];
  const int b =
      spec_.events[static_cast<std::size_t>(spec_.consumers[static_cast<std::size_t>(c)].event)]
          .broker;
  while (lane.head.valid()) {
    const DeliveryHandle d = lane.head;
    Delivery& delivery = deliveries_[d];
    lane.head = delivery.next;
    if (!lane.head.valid()) lane.tail = DeliveryHandle{};
    delivery.queued = false;
    --consumer.waiting;
    --brokers_[static_cast<std::size_t>(b)].backlog;
    if (!delivery.acked && !delivery.dead) return d;
    maybe_free_delivery(d);
  }
  return DeliveryHandle{};
}

int Replication::least_busy_replica(int c) const {
  const ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  const int serving =
      services_[static_cast<std::size_t>(spec_.consumers[static_cast<std::size_t>(c)].service)]
          .serving;
  int best = 0;
  for (int r = 1; r < serving; ++r)
    if (consumer.replica_busy[static_cast<std::size_t>(r)] <
        consumer.replica_busy[static_cast<std::size_t>(best)])
      best = r;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Dispatch: hand waiting deliveries to free slots, at once (no polling delay).

void Replication::dispatch(int c) {
  const model::Consumer& model_consumer = spec_.consumers[static_cast<std::size_t>(c)];
  const int b = spec_.events[static_cast<std::size_t>(model_consumer.event)].broker;
  if (brokers_[static_cast<std::size_t>(b)].down) return;
  const int serving = services_[static_cast<std::size_t>(model_consumer.service)].serving;
  if (serving == 0) return;
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  if (consumer.mode == LaneMode::PerReplica) {
    dispatch_per_replica(c);
    return;
  }
  const int capacity = serving * model_consumer.concurrency;
  if (consumer.mode == LaneMode::Ordered) {
    dispatch_ordered(c, capacity);
    return;
  }
  while (consumer.busy < capacity) {
    const DeliveryHandle d = pop_lane(c, 0);
    if (!d.valid()) return;
    start_handling(c, d, least_busy_replica(c));
  }
}

// One delivery per lane at a time, in lane order: a group's parallelism is at most its lanes.
// Lanes of lost partitions are skipped; dispatch_broker lists them again when they come back.
void Replication::dispatch_ordered(int c, int capacity) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  const int b =
      spec_.events[static_cast<std::size_t>(spec_.consumers[static_cast<std::size_t>(c)].event)]
          .broker;
  const int lost = brokers_[static_cast<std::size_t>(b)].lost_partitions;
  while (consumer.busy < capacity && !consumer.runnable.empty()) {
    const int l = consumer.runnable.front();
    consumer.runnable.pop_front();
    Lane& lane = consumer.lanes[static_cast<std::size_t>(l)];
    lane.runnable = false;
    if (lane.owner.valid() || l < lost) continue;
    const DeliveryHandle d = pop_lane(c, l);
    if (!d.valid()) continue;
    lane.owner = d;
    start_handling(c, d, least_busy_replica(c));
  }
}

// Memory broker: each replica handles only what it published itself.
void Replication::dispatch_per_replica(int c) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  const model::Consumer& model_consumer = spec_.consumers[static_cast<std::size_t>(c)];
  const int serving = services_[static_cast<std::size_t>(model_consumer.service)].serving;
  for (int r = 0; r < serving; ++r) {
    while (consumer.replica_busy[static_cast<std::size_t>(r)] < model_consumer.concurrency) {
      const DeliveryHandle d = pop_lane(c, r);
      if (!d.valid()) break;
      start_handling(c, d, r);
    }
  }
}

void Replication::dispatch_service(int service) {
  for (const int c : service_consumers_[static_cast<std::size_t>(service)]) dispatch(c);
}

// After a broker fault changes: list every ordered lane with waiting deliveries again (lanes of
// lost partitions were dropped from the list), then dispatch.
void Replication::dispatch_broker(int b) {
  for (const int c : broker_consumers_[static_cast<std::size_t>(b)]) {
    ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
    if (consumer.mode == LaneMode::Ordered) {
      consumer.runnable.clear();
      for (std::size_t l = 0; l < consumer.lanes.size(); ++l) {
        Lane& lane = consumer.lanes[l];
        lane.runnable = lane.head.valid() && !lane.owner.valid();
        if (lane.runnable) consumer.runnable.push_back(static_cast<int>(l));
      }
    }
    dispatch(c);
  }
}

// A replica or service failure: what memory-broker lanes of the replicas that stopped serving
// hold dies with them.
void Replication::drop_replica_queues(int service) {
  const int serving = services_[static_cast<std::size_t>(service)].serving;
  for (const int c : service_consumers_[static_cast<std::size_t>(service)]) {
    ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
    if (consumer.mode != LaneMode::PerReplica) continue;
    for (int r = serving; r < static_cast<int>(consumer.lanes.size()); ++r) {
      for (DeliveryHandle d = pop_lane(c, r); d.valid(); d = pop_lane(c, r)) {
        Delivery& delivery = deliveries_[d];
        delivery.dead = true;
        --consumer.unsettled;
        if (delivery.measured) ++metrics_.consumers[static_cast<std::size_t>(c)].lost;
        maybe_free_delivery(d);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Handling

// A handling holds a consumer slot (not a worker of the service): callbacks first, one request
// per entity the event lacks, then the consumer's own work like an operation's.
void Replication::start_handling(int c, DeliveryHandle d, int replica) {
  const model::Consumer& model_consumer = spec_.consumers[static_cast<std::size_t>(c)];
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  ConsumerMetrics& metrics = metrics_.consumers[static_cast<std::size_t>(c)];
  Delivery& delivery = deliveries_[d];
  ++delivery.receives;
  ++delivery.in_flight;
  if (delivery.measured && delivery.touched) ++metrics.duplicates;
  if (!consumer.last_started.empty()) {  // ordered, keyed: events without a key never collide
    std::uint64_t& last = consumer.last_started[delivery.key];
    if (last > delivery.sequence) {
      if (delivery.measured) ++metrics.out_of_order;
    } else {
      last = delivery.sequence;
    }
  }
  const model::Event& event = spec_.events[static_cast<std::size_t>(model_consumer.event)];
  const model::Broker& broker = spec_.brokers[static_cast<std::size_t>(event.broker)];
  if (broker.type == model::BrokerType::Sqs) {
    set_timer(delivery);
    engine_.schedule_in<&Replication::on_visibility_expired>(broker.visibility_timeout.ns, this,
                                                             d.pack());
  }
  Request request;
  request.state = RequestState::Running;
  request.phase = Phase::Callbacks;
  request.op = -1;
  request.work = layout_.consumer_work(c);
  request.consumer = c;
  request.delivery = d;
  request.key_entity = event.key ? event.key->entity : -1;
  request.key = delivery.key;
  request.service = model_consumer.service;
  request.replica = replica;
  request.root = delivery.root;
  request.root_measured = delivery.root_measured;
  request.measured = delivery.measured;
  request.arrival = engine_.now();
  const RequestHandle handle = requests_.allocate(request);
  touch_handling(c);
  ++consumer.busy;
  ++consumer.replica_busy[static_cast<std::size_t>(replica)];
  next_callback(handle);
}

void Replication::next_callback(RequestHandle handle) {
  Request& request = requests_[handle];
  if (request.step < layout_.callbacks(request.consumer)) {
    const int edge = layout_.callback_offset(request.consumer) + request.step;
    ++request.step;
    request.pending_calls = 1;
    launch_call(handle, edge);
    return;
  }
  start_time(handle);
}

// The end of one handling. Success acknowledges the delivery (the first completion counts as
// delivered and records the lag). A failure leaves it unacknowledged: SQS redelivers after the
// visibility timeout; Kafka and RabbitMQ hand it back at once when the replica died and after
// kRedeliveryDelay when the handling failed; a memory broker loses it.
void Replication::finish_handling(RequestHandle handle, bool ok) {
  Request& request = requests_[handle];
  if (request.held_store >= 0) {
    const int store = request.held_store;
    request.held_store = -1;
    release_connection(store);
  }
  const int c = request.consumer;
  const DeliveryHandle d = request.delivery;
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  touch_handling(c);
  --consumer.busy;
  --consumer.replica_busy[static_cast<std::size_t>(request.replica)];
  requests_.free(handle);
  Delivery& delivery = deliveries_[d];
  --delivery.in_flight;
  ConsumerMetrics& metrics = metrics_.consumers[static_cast<std::size_t>(c)];
  const model::Consumer& model_consumer = spec_.consumers[static_cast<std::size_t>(c)];
  const model::BrokerType type =
      spec_
          .brokers[static_cast<std::size_t>(
              spec_.events[static_cast<std::size_t>(model_consumer.event)].broker)]
          .type;
  if (!ok && delivery.measured) ++metrics.failed;
  if (ok || delivery.acked || delivery.dead) {
    if (ok && !delivery.acked) {
      if (!delivery.dead) --consumer.unsettled;
      delivery.acked = true;
      if (delivery.measured) {
        ++metrics.delivered;
        metrics.lag.record(engine_.now() - delivery.published);
      }
    }
    release_lane(c, d);
  } else if (type == model::BrokerType::Memory) {
    delivery.dead = true;
    --consumer.unsettled;
    if (delivery.measured) ++metrics.lost;
    release_lane(c, d);
  } else if (type != model::BrokerType::Sqs) {
    if (crashing_) {
      release_lane(c, d);
      enqueue(c, d, QueueEnd::Front);
    } else {
      set_timer(delivery);
      engine_.schedule_in<&Replication::on_redelivery>(kRedeliveryDelay, this, d.pack());
    }
  }
  maybe_free_delivery(d);
  dispatch(c);
}

// Frees an ordered lane held by `d`, listing it again when deliveries wait in it.
void Replication::release_lane(int c, DeliveryHandle d) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  if (consumer.mode != LaneMode::Ordered) return;
  Lane& lane = consumer.lanes[static_cast<std::size_t>(deliveries_[d].lane)];
  if (lane.owner != d) return;
  lane.owner = DeliveryHandle{};
  if (lane.head.valid() && !lane.runnable) {
    lane.runnable = true;
    consumer.runnable.push_back(deliveries_[d].lane);
  }
}

// SQS: the delivery was not deleted within the visibility timeout of its latest receive. It is
// received again (a duplicate if a handling is still running or completes later), or moved to
// the dead-letter queue once it has been received max_receives times.
void Replication::on_visibility_expired(std::uint64_t ref) {
  const DeliveryHandle d = DeliveryHandle::unpack(ref);
  Delivery* live = deliveries_.get(d);
  if (!live) return;
  Delivery& delivery = *live;
  delivery.timer_pending = false;
  if (delivery.acked || delivery.dead) return;
  const int c = delivery.consumer;
  const model::Consumer& model_consumer = spec_.consumers[static_cast<std::size_t>(c)];
  const model::Broker& broker = spec_.brokers[static_cast<std::size_t>(
      spec_.events[static_cast<std::size_t>(model_consumer.event)].broker)];
  release_lane(c, d);
  if (broker.max_receives && delivery.receives >= *broker.max_receives) {
    delivery.dead = true;
    --consumers_[static_cast<std::size_t>(c)].unsettled;
    if (delivery.measured) ++metrics_.consumers[static_cast<std::size_t>(c)].dead_lettered;
    maybe_free_delivery(d);
  } else {
    enqueue(c, d, broker.fifo ? QueueEnd::Front : QueueEnd::Back);
  }
  dispatch(c);
}

void Replication::on_redelivery(std::uint64_t ref) {
  const DeliveryHandle d = DeliveryHandle::unpack(ref);
  Delivery* live = deliveries_.get(d);
  if (!live) return;
  Delivery& delivery = *live;
  delivery.timer_pending = false;
  if (delivery.acked || delivery.dead) return;
  const int c = delivery.consumer;
  release_lane(c, d);
  enqueue(c, d, QueueEnd::Front);
  dispatch(c);
}

void Replication::set_timer(Delivery& delivery) {
  assert(!delivery.timer_pending);
  delivery.timer_pending = true;
}

void Replication::maybe_free_delivery(DeliveryHandle d) {
  const Delivery& delivery = deliveries_[d];
  if ((!delivery.acked && !delivery.dead) || delivery.in_flight > 0 || delivery.queued) return;
  deliveries_.free(d);
}

}  // namespace ripple::sim
