// The handling of a delivery and what follows it: acknowledgement, redelivery, dead letters,
// loss, and the duplicate, ordering and lag figures.

#include <algorithm>
#include <cassert>

#include "simulator/consumers.h"

namespace ripple::sim {
namespace {

// Kafka and RabbitMQ hand a delivery whose handling failed back after this pause (a consumer's
// nack-and-retry or seek-back); SQS waits for the visibility timeout instead.
constexpr TimeNs kRedeliveryDelay = 1'000'000'000;

}  // namespace

// A handling holds a consumer slot (not a worker of the service): callbacks first, one request
// per entity the event lacks, then the consumer's own work like an operation's.
void Consumers::start_handling(int c, DeliveryHandle d, int replica) {
  ConsumerState& consumer = state(c);
  Delivery& delivery = deliveries_[d];
  count_receive(c, delivery);
  const model::Broker& model_broker = broker(c);
  const bool auto_ack = model_consumer(c).delivery == model::DeliveryGuarantee::AtMostOnce;
  if (model_broker.type == model::BrokerType::Sqs && !auto_ack) {
    set_timer(delivery);
    engine_.schedule_in<&Consumers::on_visibility_expired>(model_broker.visibility_timeout.ns, this,
                                                           d.pack());
  }
  const model::Event& event = spec_.events[static_cast<std::size_t>(model_consumer(c).event)];
  HandlingArrival arrival;
  arrival.consumer = c;
  arrival.delivery = d;
  arrival.replica = replica;
  arrival.root = delivery.root;
  arrival.root_measured = delivery.root_measured;
  arrival.measured = delivery.measured;
  arrival.key_entity = event.key ? event.key->entity : -1;
  arrival.key = delivery.key;
  if (tracer_) {
    arrival.span = tracer_->next_span();
    tracer_->handling_started(HandlingStart{0, arrival.span, delivery.sequence, c,
                                            model_consumer(c).service, replica, delivery.receives,
                                            engine_.now()});
  }
  recorder_.accumulate(consumer.clock, recorder_.consumer(c).busy_slot_ns);
  ++consumer.clock.busy;
  lane_busy(c, delivery.lane, +1);
  ++consumer.replica_busy[static_cast<std::size_t>(replica)];
  requests_->start_handling(arrival);
}

// Tracked partitions: the busy integral of the lane's handlings.
void Consumers::lane_busy(int c, int lane, int change) {
  std::vector<PartitionMetrics>& partitions = recorder_.consumer(c).partitions;
  if (partitions.empty()) return;
  BusyClock& clock = state(c).lanes[static_cast<std::size_t>(lane)].clock;
  recorder_.accumulate(clock, partitions[static_cast<std::size_t>(lane)].busy_ns);
  clock.busy += change;
}

// A receive after an earlier handling got past its callbacks is a duplicate; an ordered
// consumer's handling that begins after a later event of the same key began is out of order.
void Consumers::count_receive(int c, Delivery& delivery) {
  ConsumerState& consumer = state(c);
  ConsumerMetrics& metrics = recorder_.consumer(c);
  ++delivery.receives;
  ++delivery.in_flight;
  if (delivery.measured && delivery.touched) ++metrics.duplicates;
  if (consumer.last_started.empty()) return;  // ordered, keyed: events without a key never collide
  std::uint64_t& last = consumer.last_started[delivery.key];
  if (last > delivery.sequence) {
    if (delivery.measured) ++metrics.out_of_order;
  } else {
    last = delivery.sequence;
  }
}

// The end of one handling. Success acknowledges the delivery (the first completion counts as
// delivered and records the lag). A failure leaves it unacknowledged: SQS redelivers after the
// visibility timeout; Kafka and RabbitMQ hand it back at once when the replica died and after
// kRedeliveryDelay when the handling failed; a memory broker, and an at-most-once consumer
// (acknowledged on receipt), lose it.
void Consumers::end_handling(const HandlingDone& done) {
  const int c = done.consumer;
  const DeliveryHandle d = done.delivery;
  ConsumerState& consumer = state(c);
  if (tracer_) tracer_->handling_ended(HandlingEnd{0, done.span, done.outcome, engine_.now()});
  recorder_.accumulate(consumer.clock, recorder_.consumer(c).busy_slot_ns);
  --consumer.clock.busy;
  lane_busy(c, deliveries_[d].lane, -1);
  --consumer.replica_busy[static_cast<std::size_t>(done.replica)];
  Delivery& delivery = deliveries_[d];
  --delivery.in_flight;
  const bool ok = done.outcome == HandlingOutcome::Ok;
  const model::BrokerType type = broker(c).type;
  if (!ok && delivery.measured) ++recorder_.consumer(c).failed;
  if (ok || delivery.acked || delivery.dead) {
    if (ok && !delivery.acked) acknowledge(c, delivery);
    release_lane(c, d);
  } else if (type == model::BrokerType::Memory ||
             model_consumer(c).delivery == model::DeliveryGuarantee::AtMostOnce) {
    settle(c, delivery, DeliveryOutcome::Lost);
    release_lane(c, d);
  } else if (type != model::BrokerType::Sqs) {
    if (done.outcome == HandlingOutcome::Crashed) {
      release_lane(c, d);
      enqueue(c, d, QueueEnd::Front);
    } else {
      set_timer(delivery);
      engine_.schedule_in<&Consumers::on_redelivery>(kRedeliveryDelay, this, d.pack());
    }
  }
  maybe_free(d);
  dispatch(c);
}

// The first completed handling: delivered, with its lag from the publish.
void Consumers::acknowledge(int c, Delivery& delivery) {
  if (!delivery.dead) {
    --state(c).unsettled;
    brokers_->remove_backlog(broker_of(c));
    if (tracer_)
      tracer_->delivery_ended(
          DeliveryEnd{0, delivery.sequence, c, DeliveryOutcome::Acknowledged, engine_.now()});
  }
  delivery.acked = true;
  if (delivery.measured) {
    ConsumerMetrics& metrics = recorder_.consumer(c);
    ++metrics.delivered;
    const TimeNs lag = engine_.now() - delivery.published;
    metrics.lag.record(lag);
    if (!metrics.partitions.empty()) {
      PartitionMetrics& partition = metrics.partitions[static_cast<std::size_t>(delivery.lane)];
      ++partition.delivered;
      partition.lag_ns += static_cast<double>(lag);
      partition.max_lag_ns = std::max<std::int64_t>(partition.max_lag_ns, lag);
    }
  }
}

// Never handed out again: dead-lettered or lost.
void Consumers::settle(int c, Delivery& delivery, DeliveryOutcome outcome) {
  delivery.dead = true;
  --state(c).unsettled;
  brokers_->remove_backlog(broker_of(c));
  if (delivery.measured) {
    ConsumerMetrics& metrics = recorder_.consumer(c);
    ++(outcome == DeliveryOutcome::DeadLettered ? metrics.dead_lettered : metrics.lost);
  }
  if (tracer_)
    tracer_->delivery_ended(DeliveryEnd{0, delivery.sequence, c, outcome, engine_.now()});
}

// ---------------------------------------------------------------------------------------------
// Timers

void Consumers::set_timer(Delivery& delivery) {
  assert(!delivery.timer_pending);
  delivery.timer_pending = true;
}

// The delivery a timer names, if it is still live and unsettled.
Delivery* Consumers::take_timer(std::uint64_t ref) {
  Delivery* delivery = deliveries_.get(DeliveryHandle::unpack(ref));
  if (!delivery) return nullptr;
  delivery->timer_pending = false;
  if (delivery->acked || delivery->dead) return nullptr;
  return delivery;
}

// SQS: the delivery was not deleted within the visibility timeout of its latest receive. It is
// received again (a duplicate if a handling is still running or completes later), or moved to
// the dead-letter queue once it has been received max_receives times.
void Consumers::on_visibility_expired(std::uint64_t ref) {
  Delivery* delivery = take_timer(ref);
  if (!delivery) return;
  const DeliveryHandle d = DeliveryHandle::unpack(ref);
  const int c = delivery->consumer;
  const model::Broker& model_broker = broker(c);
  release_lane(c, d);
  if (model_broker.max_receives && delivery->receives >= *model_broker.max_receives) {
    settle(c, *delivery, DeliveryOutcome::DeadLettered);
    maybe_free(d);
  } else {
    enqueue(c, d, model_broker.fifo ? QueueEnd::Front : QueueEnd::Back);
  }
  dispatch(c);
}

void Consumers::on_redelivery(std::uint64_t ref) {
  Delivery* delivery = take_timer(ref);
  if (!delivery) return;
  const DeliveryHandle d = DeliveryHandle::unpack(ref);
  const int c = delivery->consumer;
  release_lane(c, d);
  enqueue(c, d, QueueEnd::Front);
  dispatch(c);
}

// A delivery is freed once settled, out of its lane and with no handling running.
void Consumers::maybe_free(DeliveryHandle d) {
  const Delivery& delivery = deliveries_[d];
  if ((!delivery.acked && !delivery.dead) || delivery.in_flight > 0 || delivery.queued) return;
  deliveries_.free(d);
}

}  // namespace ripple::sim
