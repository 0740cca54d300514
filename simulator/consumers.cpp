// Deliveries into lanes and their dispatch to consumer slots, at once (no polling delay).

#include "simulator/consumers.h"

namespace ripple::sim {

Consumers::Consumers(const ReplicationContext& context)
    : spec_(context.spec),
      layout_(context.layout),
      engine_(context.engine),
      recorder_(context.recorder),
      tracer_(context.tracer) {
  event_consumers_.resize(spec_.events.size());
  service_consumers_.resize(spec_.services.size());
  broker_consumers_.resize(spec_.brokers.size());
  for (std::size_t c = 0; c < spec_.consumers.size(); ++c) {
    const model::Consumer& consumer = spec_.consumers[c];
    const int b = spec_.events[static_cast<std::size_t>(consumer.event)].broker;
    const model::Broker& model_broker = spec_.brokers[static_cast<std::size_t>(b)];
    const int replicas = spec_.services[static_cast<std::size_t>(consumer.service)].replicas;
    ConsumerState state;
    int lanes = 1;
    if (model_broker.type == model::BrokerType::Memory) {
      state.mode = LaneMode::PerReplica;
      lanes = replicas;
    } else if (model_broker.orders_by_key()) {
      state.mode = LaneMode::Ordered;
      lanes = lane_count(model_broker);
    }
    state.lanes.resize(static_cast<std::size_t>(lanes));
    state.replica_busy.assign(static_cast<std::size_t>(replicas), 0);
    const model::Event& event = spec_.events[static_cast<std::size_t>(consumer.event)];
    if (consumer.ordered && event.key)
      state.last_started.assign(static_cast<std::size_t>(event.keys.values), 0);
    consumers_.push_back(std::move(state));
    event_consumers_[static_cast<std::size_t>(consumer.event)].push_back(static_cast<int>(c));
    service_consumers_[static_cast<std::size_t>(consumer.service)].push_back(static_cast<int>(c));
    broker_consumers_[static_cast<std::size_t>(b)].push_back(static_cast<int>(c));
  }
}

void Consumers::connect(Requests& requests, Brokers& brokers) {
  requests_ = &requests;
  brokers_ = &brokers;
}

int Consumers::broker_of(int c) const {
  return spec_.events[static_cast<std::size_t>(model_consumer(c).event)].broker;
}

const model::Broker& Consumers::broker(int c) const {
  return spec_.brokers[static_cast<std::size_t>(broker_of(c))];
}

// ---------------------------------------------------------------------------------------------
// Deliveries

void Consumers::deliver(const Transit& transit) {
  const model::Event& event = spec_.events[static_cast<std::size_t>(transit.event)];
  const model::Broker& model_broker = spec_.brokers[static_cast<std::size_t>(event.broker)];
  for (const int c : event_consumers_[static_cast<std::size_t>(transit.event)]) {
    const model::Consumer& consumer = model_consumer(c);
    int lane = lane_of(model_broker, transit.key);
    if (model_broker.type == model::BrokerType::Memory) {
      if (consumer.service != transit.service ||
          transit.replica >= requests_->serving(consumer.service)) {
        if (transit.measured) ++recorder_.consumer(c).lost;
        if (tracer_)
          tracer_->delivery_ended(
              DeliveryEnd{0, transit.sequence, c, DeliveryOutcome::Lost, engine_.now()});
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
    if (tracer_) tracer_->delivery_started(DeliveryStart{0, transit.sequence, c, engine_.now()});
    ++state(c).unsettled;
    brokers_->add_backlog(event.broker);
    enqueue(c, d, QueueEnd::Back);
    dispatch(c);
  }
}

void Consumers::count_lost(int event) {
  for (const int c : event_consumers_[static_cast<std::size_t>(event)])
    ++recorder_.consumer(c).lost;
}

// ---------------------------------------------------------------------------------------------
// Lanes

void Consumers::enqueue(int c, DeliveryHandle d, QueueEnd end) {
  ConsumerState& consumer = state(c);
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
  if (consumer.mode == LaneMode::Ordered && !lane.runnable && !lane.owner.valid()) {
    lane.runnable = true;
    consumer.runnable.push_back(delivery.lane);
  }
}

// Takes the head of a lane, skipping deliveries acknowledged or dead-lettered while they waited
// (an SQS redelivery whose first handling completed meanwhile). Invalid when none is left.
DeliveryHandle Consumers::pop_lane(int c, int l) {
  ConsumerState& consumer = state(c);
  Lane& lane = consumer.lanes[static_cast<std::size_t>(l)];
  while (lane.head.valid()) {
    const DeliveryHandle d = lane.head;
    Delivery& delivery = deliveries_[d];
    lane.head = delivery.next;
    if (!lane.head.valid()) lane.tail = DeliveryHandle{};
    delivery.queued = false;
    --consumer.waiting;
    if (!delivery.acked && !delivery.dead) return d;
    maybe_free(d);
  }
  return DeliveryHandle{};
}

// Frees an ordered lane held by `d`, listing it again when deliveries wait in it.
void Consumers::release_lane(int c, DeliveryHandle d) {
  ConsumerState& consumer = state(c);
  if (consumer.mode != LaneMode::Ordered) return;
  Lane& lane = consumer.lanes[static_cast<std::size_t>(deliveries_[d].lane)];
  if (lane.owner != d) return;
  lane.owner = DeliveryHandle{};
  if (lane.head.valid() && !lane.runnable) {
    lane.runnable = true;
    consumer.runnable.push_back(deliveries_[d].lane);
  }
}

int Consumers::least_busy_replica(int c) const {
  const ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  const int serving = requests_->serving(model_consumer(c).service);
  int best = 0;
  for (int r = 1; r < serving; ++r)
    if (consumer.replica_busy[static_cast<std::size_t>(r)] <
        consumer.replica_busy[static_cast<std::size_t>(best)])
      best = r;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Dispatch

void Consumers::dispatch(int c) {
  if (brokers_->down(broker_of(c))) return;
  const int serving = requests_->serving(model_consumer(c).service);
  if (serving == 0) return;
  ConsumerState& consumer = state(c);
  if (consumer.mode == LaneMode::PerReplica) {
    dispatch_per_replica(c);
    return;
  }
  const int capacity = serving * model_consumer(c).concurrency;
  if (consumer.mode == LaneMode::Ordered) {
    dispatch_ordered(c, capacity);
    return;
  }
  while (consumer.clock.busy < capacity) {
    const DeliveryHandle d = pop_lane(c, 0);
    if (!d.valid()) return;
    start_handling(c, d, least_busy_replica(c));
  }
}

// One delivery per lane at a time, in lane order: a group's parallelism is at most its lanes.
// Lanes of lost partitions are skipped; dispatch_broker lists them again when they come back.
void Consumers::dispatch_ordered(int c, int capacity) {
  ConsumerState& consumer = state(c);
  const int lost = brokers_->lost_partitions(broker_of(c));
  while (consumer.clock.busy < capacity && !consumer.runnable.empty()) {
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
void Consumers::dispatch_per_replica(int c) {
  ConsumerState& consumer = state(c);
  const int serving = requests_->serving(model_consumer(c).service);
  for (int r = 0; r < serving; ++r) {
    while (consumer.replica_busy[static_cast<std::size_t>(r)] < model_consumer(c).concurrency) {
      const DeliveryHandle d = pop_lane(c, r);
      if (!d.valid()) break;
      start_handling(c, d, r);
    }
  }
}

void Consumers::dispatch_service(int service) {
  for (const int c : service_consumers_[static_cast<std::size_t>(service)]) dispatch(c);
}

// After a broker fault changes: list every ordered lane with waiting deliveries again (lanes of
// lost partitions were dropped from the list), then dispatch.
void Consumers::dispatch_broker(int b) {
  for (const int c : broker_consumers_[static_cast<std::size_t>(b)]) {
    ConsumerState& consumer = state(c);
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
void Consumers::drop_unserved(int service) {
  const int serving = requests_->serving(service);
  for (const int c : service_consumers_[static_cast<std::size_t>(service)]) {
    ConsumerState& consumer = state(c);
    if (consumer.mode != LaneMode::PerReplica) continue;
    for (int r = serving; r < static_cast<int>(consumer.lanes.size()); ++r) {
      for (DeliveryHandle d = pop_lane(c, r); d.valid(); d = pop_lane(c, r)) {
        settle(c, deliveries_[d], DeliveryOutcome::Lost);
        maybe_free(d);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics

void Consumers::sample_step(Recorder& recorder, std::size_t step) {
  for (std::size_t c = 0; c < consumers_.size(); ++c)
    recorder.waiting_series(static_cast<int>(c))[step] = consumers_[c].unsettled;
}

void Consumers::finish_run() {
  for (std::size_t c = 0; c < consumers_.size(); ++c)
    recorder_.accumulate(consumers_[c].clock, recorder_.consumer(static_cast<int>(c)).busy_slot_ns);
  for (std::size_t c = 0; c < consumers_.size(); ++c)
    for (std::size_t lane = 0; lane < consumers_[c].lanes.size(); ++lane)
      lane_busy(static_cast<int>(c), static_cast<int>(lane), 0);
  deliveries_.for_each([&](DeliveryHandle, const Delivery& delivery) {
    if (!delivery.acked && !delivery.dead && delivery.measured)
      ++recorder_.consumer(delivery.consumer).waiting;
  });
}

}  // namespace ripple::sim
