// Lints about events, brokers and consumers: memory-broker-across-processes,
// ordered-without-key, non-idempotent-consumer, event-without-consumer,
// consumer-without-publisher, callback-instead-of-call, unbatched-writes, hot-partition.

#include <algorithm>
#include <cstdio>
#include <string>

#include "analyzers/lints.h"

namespace ripple::analyzers::detail {
namespace {

bool contains(const std::vector<model::ServiceId>& sorted, model::ServiceId id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

std::vector<std::vector<model::ConsumerId>> consumers_by_event(const model::Spec& spec) {
  std::vector<std::vector<model::ConsumerId>> consumers(spec.events.size());
  for (model::ConsumerId c : spec.consumer_ids()) consumers[spec.consumers[c].event].push_back(c);
  return consumers;
}

void lint_memory_event(const LintContext& ctx, model::EventId e,
                       const std::vector<model::ConsumerId>& consumers,
                       std::vector<Finding>& findings) {
  const model::Event& event = ctx.spec.events[e];
  const model::Broker& broker = ctx.spec.brokers[event.broker];
  const auto& publishers = ctx.publishers[e];
  const std::string prefix = event.name + " travels on memory broker " + broker.name + ", but ";
  for (model::ConsumerId c : consumers) {
    const model::ServiceId service = ctx.spec.consumers[c].service;
    if (publishers.empty() || contains(publishers, service)) continue;
    findings.push_back(make_finding(ctx.spec, "memory-broker-across-processes", event.loc,
                                    event.name,
                                    prefix + ctx.spec.services[service].name +
                                        " consumes it from another process: it never arrives"));
    return;
  }
  for (model::ServiceId service : publishers) {
    if (ctx.spec.services[service].replicas <= 1) continue;
    findings.push_back(
        make_finding(ctx.spec, "memory-broker-across-processes", event.loc, event.name,
                     prefix + "its publisher " + ctx.spec.services[service].name + " runs " +
                         std::to_string(ctx.spec.services[service].replicas) +
                         " replicas: each event stays inside one replica and dies with it"));
    return;
  }
}

void lint_consumer(const LintContext& ctx, model::ConsumerId c, std::vector<Finding>& findings) {
  const model::Consumer& consumer = ctx.spec.consumers[c];
  const model::Event& event = ctx.spec.events[consumer.event];
  const model::Broker& broker = ctx.spec.brokers[event.broker];
  if (consumer.ordered && (!event.key || !broker.orders_by_key())) {
    const std::string reason = !event.key ? event.name + " has no key"
                                          : broker.name + " (" + model::to_string(broker.type) +
                                                ") does not keep order per key";
    findings.push_back(make_finding(ctx.spec, "ordered-without-key", consumer.loc, consumer.name,
                                    consumer.name + " expects ordered events, but " + reason));
  }
  if (!consumer.idempotent && broker.at_least_once() &&
      consumer.delivery == model::DeliveryGuarantee::AtLeastOnce)
    findings.push_back(make_finding(ctx.spec, "non-idempotent-consumer", consumer.loc,
                                    consumer.name,
                                    consumer.name + " is not idempotent, but " + broker.name +
                                        " (" + model::to_string(broker.type) +
                                        ") delivers at least once: duplicates will apply twice"));
  if (ctx.publishers[consumer.event].empty())
    findings.push_back(make_finding(
        ctx.spec, "consumer-without-publisher", consumer.loc, consumer.name,
        consumer.name + " consumes " + event.name + ", which nothing in the spec publishes"));
}

// What the single consumer calls straight back: a read of an owner, or an operation of the
// publisher. Empty when it does neither.
std::string straight_back_target(const LintContext& ctx, model::ConsumerId c) {
  const model::Consumer& consumer = ctx.spec.consumers[c];
  for (model::EntityId entity : ctx.spec.callback_entities(c)) {
    const auto& read = ctx.spec.entities[entity].read;
    return read ? ctx.spec.operations[*read].full_name
                : ctx.spec.services[ctx.spec.entities[entity].owner].name;
  }
  for (const model::Call& call : consumer.work.calls)
    if (contains(ctx.publishers[consumer.event], ctx.spec.operations[call.target].service))
      return ctx.spec.operations[call.target].full_name;
  return "";
}

void lint_event(const LintContext& ctx, model::EventId e,
                const std::vector<model::ConsumerId>& consumers, std::vector<Finding>& findings) {
  const model::Event& event = ctx.spec.events[e];
  if (ctx.spec.brokers[event.broker].type == model::BrokerType::Memory)
    lint_memory_event(ctx, e, consumers, findings);
  if (consumers.empty())
    findings.push_back(make_finding(ctx.spec, "event-without-consumer", event.loc, event.name,
                                    event.name + " has no consumer"));
  if (consumers.size() != 1) return;
  const model::Consumer& only = ctx.spec.consumers[consumers[0]];
  if (contains(ctx.publishers[e], only.service)) return;
  const std::string target = straight_back_target(ctx, consumers[0]);
  if (target.empty()) return;
  findings.push_back(make_finding(
      ctx.spec, "callback-instead-of-call", event.loc, event.name,
      event.name + " has one consumer, " + only.name + ", which calls straight back " + target));
}

std::string percent_text(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100);
  return buffer;
}

// The hottest partition's expected share, from the keys' probabilities and the partition each
// key lands on (model::partition_shares, the simulator's placement).
void lint_hot_partition(const LintContext& ctx, model::EventId e, std::vector<Finding>& findings) {
  const model::Event& event = ctx.spec.events[e];
  const model::Broker& broker = ctx.spec.brokers[event.broker];
  if (!event.key || !event.keys.declared || broker.type != model::BrokerType::Kafka ||
      broker.partitions < 2)
    return;
  const std::vector<double> shares = model::partition_shares(event.keys, broker.partitions);
  const auto hottest = std::max_element(shares.begin(), shares.end());
  const double even = 1.0 / broker.partitions;
  if (*hottest <= kHotPartitionFactor * even) return;
  findings.push_back(make_finding(
      ctx.spec, "hot-partition", event.keys_loc, event.name,
      event.name + "'s keys put " + percent_text(*hottest) + " of its events on partition " +
          std::to_string(hottest - shares.begin()) + " of " + broker.name + " (even share " +
          percent_text(even) + ", threshold " + number_text(kHotPartitionFactor) + "x)"));
}

void lint_unbatched(const LintContext& ctx, model::ConsumerId c, std::vector<Finding>& findings) {
  const model::Consumer& consumer = ctx.spec.consumers[c];
  const double rate = ctx.metrics.rate[ctx.flow.consumer_node(c)];
  if (rate <= kUnbatchedWriteRate) return;
  for (const model::StoreAccess& write : consumer.work.writes) {
    if (write.batch && write.batch->size > 1) continue;
    findings.push_back(make_finding(ctx.spec, "unbatched-writes", write.loc, consumer.name,
                                    consumer.name + " writes to " +
                                        ctx.spec.stores[write.store].name + " once per event at " +
                                        number_text(rate) + "/s without batching (threshold " +
                                        number_text(kUnbatchedWriteRate) + "/s)"));
  }
}

}  // namespace

void lint_async(const LintContext& context, std::vector<Finding>& findings) {
  const auto consumers = consumers_by_event(context.spec);
  for (model::EventId e : context.spec.event_ids()) {
    lint_event(context, e, consumers[e], findings);
    lint_hot_partition(context, e, findings);
  }
  for (model::ConsumerId c : context.spec.consumer_ids()) {
    lint_consumer(context, c, findings);
    lint_unbatched(context, c, findings);
  }
}

}  // namespace ripple::analyzers::detail
