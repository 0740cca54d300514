// Backlogs (docs/analyzers.md, "Capacity"): what a fault, or a spike past a consumer group's
// capacity, leaves waiting in front of the group, and how long it takes to drain.

#include <algorithm>

#include "analyzers/capacity.h"

namespace ripple::analyzers::detail {
namespace {

// Share of an event's publishes (by rate) made with `outbox: true`.
std::vector<double> outbox_shares(const model::Spec& spec, const Rates& rates) {
  std::vector<double> kept(spec.events.size(), 0);
  std::vector<double> all(spec.events.size(), 0);
  const auto add = [&](const model::Work& work, double rate) {
    for (const model::Publish& publish : work.publishes) {
      all[publish.event] += rate;
      if (publish.outbox) kept[publish.event] += rate;
    }
  };
  for (model::OperationId op : spec.operation_ids())
    add(spec.operations[op].work, rates.operations[op]);
  for (model::ConsumerId c : spec.consumer_ids()) add(spec.consumers[c].work, rates.consumers[c]);
  std::vector<double> share(spec.events.size(), 0);
  for (std::size_t e = 0; e < share.size(); ++e) share[e] = all[e] > 0 ? kept[e] / all[e] : 0;
  return share;
}

bool touches_store(const model::Work& work, int store) {
  const auto uses = [&](const std::vector<model::StoreAccess>& accesses) {
    return std::any_of(accesses.begin(), accesses.end(),
                       [&](const model::StoreAccess& a) { return a.store == store; });
  };
  return uses(work.reads) || uses(work.writes);
}

std::string fault_text(const model::Fault& fault) {
  return fault.target_name + " " + model::to_string(fault.mode) + " for " +
         model::format_duration(fault.length) + " at " + model::format_duration(fault.at);
}

// Deliveries per second the group can handle while the fault lasts (nullopt: unbounded).
std::optional<double> capacity_during(const model::Spec& spec, const model::Fault& fault,
                                      const ElementCapacity& e) {
  if (fault.mode == model::FaultMode::Replicas)
    return capacity_of(group_servers(spec, model::ConsumerId{e.id}, fault.count), e.holding_ms);
  if (fault.mode == model::FaultMode::Slow && e.capacity_rate)
    return *e.capacity_rate / std::max(1.0, fault.factor);
  return e.capacity_rate;
}

// Deliveries that pile up in front of the group while `fault` lasts; 0 when it leaves none.
double backlog_of(const model::Spec& spec, const model::Fault& fault, const ElementCapacity& e,
                  const std::vector<double>& outbox) {
  const model::Consumer& consumer = spec.consumers[e.id];
  const model::Event& event = spec.events[consumer.event];
  const model::Broker& broker = spec.brokers[event.broker];
  const double rate = e.offered_rate;
  const double length = fault.length.seconds();
  switch (fault.target_kind) {
    case model::FaultTarget::Service: {
      if (fault.target != consumer.service || !broker.durable()) return 0;
      if (fault.mode == model::FaultMode::Down) return rate * length;
      if (fault.mode != model::FaultMode::Replicas && fault.mode != model::FaultMode::Slow)
        return 0;
      const auto during = capacity_during(spec, fault, e);
      if (!during) return 0;
      return std::max(0.0, rate - *during) * length;
    }
    case model::FaultTarget::Broker: {
      if (fault.target != event.broker) return 0;
      if (fault.mode == model::FaultMode::Down) return rate * outbox[consumer.event] * length;
      if (fault.mode == model::FaultMode::PartitionLoss &&
          broker.type == model::BrokerType::Kafka) {
        const int partitions = std::max(1, broker.partitions);
        return rate * std::min(fault.count, partitions) / partitions * length;
      }
      return 0;
    }
    case model::FaultTarget::Store:
      if (fault.mode != model::FaultMode::Down || !broker.durable()) return 0;
      return touches_store(consumer.work, fault.target) ? rate * length : 0;
  }
  return 0;
}

// A consumer group behind a durable broker that a spike takes past capacity: the broker keeps
// what it cannot handle yet (lag, not errors).
bool absorbs_spike(const model::Spec& spec, const ElementCapacity& e) {
  if (e.kind != CapacityKind::Consumer || !e.peak_utilization || *e.peak_utilization < 1 ||
      e.utilization >= 1 || !e.capacity_rate)
    return false;
  return spec.brokers[spec.events[spec.consumers[e.id].event].broker].durable();
}

std::optional<double> drain_of(const ElementCapacity& e, double backlog) {
  if (!e.capacity_rate) return 0.0;
  if (*e.capacity_rate <= e.offered_rate) return std::nullopt;
  return backlog / (*e.capacity_rate - e.offered_rate);
}

}  // namespace

std::string spike_window_text(const ElementCapacity& e) {
  return "the spike window at " + model::format_duration(e.peak_at) + " (" +
         model::format_duration(e.peak_for) + ")";
}

void add_backlogs(const model::Spec& spec, const Rates& rates, Analysis& analysis) {
  for (const ElementCapacity& e : analysis.capacity) {
    if (!absorbs_spike(spec, e)) continue;
    const model::Consumer& consumer = spec.consumers[e.id];
    Backlog b;
    b.fault_text = spike_window_text(e);
    b.consumer = model::ConsumerId{e.id};
    b.consumer_name = e.name;
    b.outage_s = e.peak_for.seconds();
    b.arrival_rate = *e.peak_offered_rate;
    b.backlog = (*e.peak_offered_rate - *e.capacity_rate) * e.peak_for.seconds();
    b.drain_s = drain_of(e, b.backlog);
    if (consumer.recovery_objective) b.objective_s = consumer.recovery_objective->seconds();
    analysis.backlogs.push_back(std::move(b));
  }
  const std::vector<double> outbox = outbox_shares(spec, rates);
  for (std::size_t f = 0; f < spec.faults.size(); ++f) {
    const model::Fault& fault = spec.faults[f];
    for (const ElementCapacity& e : analysis.capacity) {
      if (e.kind != CapacityKind::Consumer || e.offered_rate <= 0) continue;
      const double backlog = backlog_of(spec, fault, e, outbox);
      if (backlog <= 0) continue;
      const model::Consumer& consumer = spec.consumers[e.id];
      Backlog b;
      b.fault = static_cast<int>(f);
      b.fault_text = fault_text(fault);
      b.consumer = model::ConsumerId{e.id};
      b.consumer_name = e.name;
      b.outage_s = fault.length.seconds();
      b.arrival_rate = e.offered_rate;
      b.backlog = backlog;
      b.drain_s = drain_of(e, backlog);
      if (consumer.recovery_objective) b.objective_s = consumer.recovery_objective->seconds();
      analysis.backlogs.push_back(std::move(b));
    }
  }
}

}  // namespace ripple::analyzers::detail
