#include "simulator/brokers.h"

#include <algorithm>

#include "simulator/consumers.h"

namespace ripple::sim {
namespace {

// SQS FIFO queues order per message group; keys are hashed onto this many groups.
constexpr int kFifoGroups = 1024;

// The cumulative probabilities of a zipf key distribution, for drawing by binary search.
std::vector<double> zipf_cdf(const model::KeyDistribution& keys) {
  std::vector<double> cdf = model::key_probabilities(keys);
  double total = 0;
  for (double& x : cdf) x = total += x;
  if (!cdf.empty()) cdf.back() = 1.0;
  return cdf;
}

}  // namespace

int lane_count(const model::Broker& broker) {
  if (broker.type == model::BrokerType::Kafka) return std::max(1, broker.partitions);
  if (broker.type == model::BrokerType::Sqs && broker.fifo) return kFifoGroups;
  return 1;
}

int lane_of(const model::Broker& broker, std::uint64_t key) {
  return model::partition_of_key(key, lane_count(broker));
}

Brokers::Brokers(const ReplicationContext& context)
    : spec_(context.spec),
      engine_(context.engine),
      recorder_(context.recorder),
      tracer_(context.tracer) {
  for (std::size_t b = 0; b < spec_.brokers.size(); ++b) {
    BrokerState state;
    if (spec_.brokers[b].orders_by_key())
      state.lane_ready.assign(static_cast<std::size_t>(lane_count(spec_.brokers[b])), 0);
    brokers_.push_back(std::move(state));
  }
  for (const model::Event& event : spec_.events) {
    key_rng_.emplace_back(derive_seed(context.seed, stream_key(StreamKind::EventKey, event.name)));
    latency_rng_.emplace_back(derive_seed(
        context.seed,
        stream_key(StreamKind::BrokerLatency,
                   spec_.brokers[static_cast<std::size_t>(event.broker)].name + "/" + event.name)));
  }
  ordinal_.assign(spec_.events.size(), 0);
  key_cdf_.resize(spec_.events.size());
  for (std::size_t e = 0; e < spec_.events.size(); ++e)
    if (spec_.events[e].keys.kind == model::KeyDistribution::Kind::Zipf)
      key_cdf_[e] = zipf_cdf(spec_.events[e].keys);
}

// ---------------------------------------------------------------------------------------------
// Publishing

Answer Brokers::publish(const std::vector<model::Publish>& publishes, const Publisher& publisher) {
  for (const model::Publish& publish : publishes) {
    const int b = spec_.events[static_cast<std::size_t>(publish.event)].broker;
    if (state(b).down && !publish.outbox) {
      refuse(publishes, publisher);
      return Answer::Error;
    }
  }
  const bool measured = recorder_.measuring();
  for (const model::Publish& publish : publishes) {
    Transit transit;
    transit.event = publish.event;
    transit.service = publisher.service;
    transit.replica = publisher.replica;
    transit.root = publisher.root;
    transit.root_measured = publisher.root_measured;
    transit.measured = measured;
    transit.sequence = ++next_sequence_;
    transit.published = engine_.now();
    transit.key = key_of(publish, publisher);
    const Handle<Transit> handle = transits_.allocate(transit);
    const int b = spec_.events[static_cast<std::size_t>(publish.event)].broker;
    if (state(b).down) {
      if (tracer_) trace_publish(transit, publisher.span, PublishOutcome::Outboxed);
      hold(handle, b);
    } else {
      if (tracer_) trace_publish(transit, publisher.span, PublishOutcome::Sent);
      send(handle);
    }
  }
  return Answer::Ok;
}

// Unkeyed events get their rank among the event's publishes (one lane per event, spread evenly;
// counted per event so that other events' publishes do not move them); a handling that
// publishes an event keyed by the entity of the event it handles passes its key on.
std::uint64_t Brokers::key_of(const model::Publish& publish, const Publisher& publisher) {
  const model::Event& event = spec_.events[static_cast<std::size_t>(publish.event)];
  if (!event.key) return ++ordinal_[static_cast<std::size_t>(publish.event)];
  if (event.key->entity == publisher.key_entity)
    return publisher.key % static_cast<std::uint64_t>(event.keys.values);
  return draw_key(publish.event);
}

// Uniform keys take the draw the simulator always made (next() % values), so a spec without
// `keys:` keeps its numbers.
std::uint64_t Brokers::draw_key(int e) {
  const model::KeyDistribution& keys = spec_.events[static_cast<std::size_t>(e)].keys;
  Rng& rng = key_rng_[static_cast<std::size_t>(e)];
  const auto values = static_cast<std::uint64_t>(keys.values);
  switch (keys.kind) {
    case model::KeyDistribution::Kind::Uniform:
      return rng.next() % values;
    case model::KeyDistribution::Kind::Hot:
      if (values == 1 || rng.bernoulli(keys.hot_share)) return 0;
      return 1 + rng.next() % (values - 1);
    case model::KeyDistribution::Kind::Zipf: {
      const std::vector<double>& cdf = key_cdf_[static_cast<std::size_t>(e)];
      const double u = rng.uniform();
      return static_cast<std::uint64_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) %
             values;
    }
  }
  return 0;
}

void Brokers::refuse(const std::vector<model::Publish>& publishes, const Publisher& publisher) {
  const bool measured = recorder_.measuring();
  for (const model::Publish& publish : publishes) {
    if (tracer_)
      tracer_->event_published(PublishRecord{0, 0, publisher.span, publish.event,
                                             PublishOutcome::Refused, engine_.now()});
    const int b = spec_.events[static_cast<std::size_t>(publish.event)].broker;
    if (!state(b).down || publish.outbox) continue;
    if (measured) {
      ++recorder_.broker(b).publish_failures;
      consumers_->count_lost(publish.event);
    }
  }
}

void Brokers::trace_publish(const Transit& transit, SpanId publisher, PublishOutcome outcome) {
  tracer_->event_published(
      PublishRecord{0, transit.sequence, publisher, transit.event, outcome, transit.published});
}

// An outbox keeps the event until the broker recovers.
void Brokers::hold(Handle<Transit> transit, int b) {
  BrokerState& broker = mutable_state(b);
  broker.outbox.push_back(transit);
  change_backlog(b, +1);
  if (transits_[transit].measured) ++recorder_.broker(b).outboxed;
}

// Hands an event to its broker. Brokers that order by key never let a later event of a lane
// become available before an earlier one, whatever their latency samples.
void Brokers::send(Handle<Transit> handle) {
  const Transit& transit = transits_[handle];
  const int b = spec_.events[static_cast<std::size_t>(transit.event)].broker;
  const model::Broker& model_broker = spec_.brokers[static_cast<std::size_t>(b)];
  BrokerState& broker = mutable_state(b);
  if (transit.measured) ++recorder_.broker(b).published;
  TimeNs ready =
      engine_.now() +
      slowed(sample_ns(model_broker.latency, latency_rng_[static_cast<std::size_t>(transit.event)]),
             broker.slow);
  if (!broker.lane_ready.empty()) {
    TimeNs& lane_ready =
        broker.lane_ready[static_cast<std::size_t>(lane_of(model_broker, transit.key))];
    ready = std::max(ready, lane_ready);
    lane_ready = ready;
  }
  engine_.schedule_at<&Brokers::on_event_ready>(ready, this, handle.pack());
}

void Brokers::on_event_ready(std::uint64_t transit) {
  const Handle<Transit> handle = Handle<Transit>::unpack(transit);
  const Transit arrived = transits_[handle];
  transits_.free(handle);
  consumers_->deliver(arrived);
}

void Brokers::change_backlog(int b, int delta) {
  BrokerState& broker = mutable_state(b);
  BrokerMetrics& metrics = recorder_.broker(b);
  BusyClock clock{static_cast<int>(broker.backlog), broker.backlog_since};
  recorder_.accumulate(clock, metrics.backlog_ns);
  broker.backlog_since = clock.since;
  broker.backlog += delta;
  if (recorder_.measuring()) metrics.max_backlog = std::max(metrics.max_backlog, broker.backlog);
}

void Brokers::finish_run() {
  for (std::size_t b = 0; b < brokers_.size(); ++b) change_backlog(static_cast<int>(b), 0);
}

// ---------------------------------------------------------------------------------------------
// Faults and metrics

// Durable brokers keep their backlog; on recovery the outbox is relayed and delivery resumes.
void Brokers::set_faults(int b, const FaultEffects& effects) {
  BrokerState& broker = mutable_state(b);
  const bool recovered = broker.down && !effects.down;
  broker.down = effects.down;
  broker.slow = effects.slow;
  broker.lost_partitions = effects.lost_partitions;
  if (recovered) {
    while (!broker.outbox.empty()) {
      const Handle<Transit> transit = broker.outbox.front();
      broker.outbox.pop_front();
      change_backlog(b, -1);
      send(transit);
    }
  }
  consumers_->dispatch_broker(b);
}

void Brokers::sample_step(Recorder& recorder, std::size_t step) {
  for (std::size_t b = 0; b < brokers_.size(); ++b)
    recorder.backlog_series(static_cast<int>(b))[step] = static_cast<double>(brokers_[b].backlog);
}

}  // namespace ripple::sim
