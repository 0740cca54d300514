#include "analyzers/failure_index.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>

#include "analyzers/flow_metrics.h"

namespace ripple::analyzers::detail {
namespace {

const std::string& runner_name(const model::Spec& spec, RunnerKind kind, int id) {
  return kind == RunnerKind::Consumer ? spec.consumers[id].name : spec.operations[id].full_name;
}

// Every (key, item) pair of the indexes, in declaration order, before they are made flat.
struct Pairs {
  std::vector<std::pair<int, CallerEdge>> callers;
  std::vector<std::pair<int, model::ConsumerId>> callbacks;
  std::vector<std::pair<int, Runner>> store_users;
  std::vector<std::pair<int, PublishEdge>> publishes;
  std::vector<std::pair<int, model::ConsumerId>> broker_consumers;
  std::vector<std::pair<int, model::EventId>> broker_events;
};

void add_work(const model::Spec& spec, Runner runner, const model::Work& work, Pairs& pairs) {
  for (const model::Call& call : work.calls)
    pairs.callers.push_back(
        {call.target,
         {runner, call.on_failure == model::OnFailure::Fail, call.breaker.has_value(), -1}});
  for (const auto* accesses : {&work.reads, &work.writes})
    for (const model::StoreAccess& access : *accesses)
      pairs.store_users.push_back({access.store, runner});
  for (const model::Publish& publish : work.publishes)
    pairs.publishes.push_back(
        {spec.events[publish.event].broker, {runner, publish.event, publish.outbox ? 0 : -1}});
}

Pairs collect_pairs(const model::Spec& spec) {
  Pairs pairs;
  for (std::size_t op = 0; op < spec.operations.size(); ++op)
    add_work(spec, {RunnerKind::Operation, static_cast<int>(op)}, spec.operations[op].work, pairs);
  for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
    const int id = static_cast<int>(c);
    add_work(spec, {RunnerKind::Consumer, id}, spec.consumers[c].work, pairs);
    pairs.broker_consumers.push_back({spec.events[spec.consumers[c].event].broker, id});
    for (model::EntityId entity : spec.callback_entities(id))
      if (spec.entities[entity].read) pairs.callbacks.push_back({*spec.entities[entity].read, id});
  }
  for (std::size_t e = 0; e < spec.events.size(); ++e)
    pairs.broker_events.push_back({spec.events[e].broker, static_cast<int>(e)});
  return pairs;
}

// Ranks every possible stopper by its text, equal texts sharing one rank, and writes the ranks
// into the pairs (fallbacks, outboxes) and into `durable_stopper` (by consumer).
std::vector<StopperRef> rank_stoppers(const model::Spec& spec, const std::vector<char>& durable,
                                      Pairs& pairs, std::vector<int>& durable_stopper) {
  std::vector<StopperRef> refs;
  std::vector<int*> slots;  // where each candidate's rank goes
  for (auto& [target, edge] : pairs.callers) {
    if (edge.fails) continue;
    refs.push_back(
        {StopMechanism::Fallback, edge.caller.kind, edge.caller.id, target, edge.breaker});
    slots.push_back(&edge.stopper);
  }
  for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
    if (!durable[c]) continue;
    refs.push_back(
        {StopMechanism::DurableBroker, RunnerKind::Consumer, static_cast<int>(c), -1, false});
    slots.push_back(&durable_stopper[c]);
  }
  for (auto& [broker, edge] : pairs.publishes) {
    if (edge.stopper < 0) continue;
    refs.push_back(
        {StopMechanism::Outbox, edge.publisher.kind, edge.publisher.id, edge.event, false});
    slots.push_back(&edge.stopper);
  }
  std::vector<Stopper> texts;
  texts.reserve(refs.size());
  for (const StopperRef& ref : refs) texts.push_back(stopper_of(spec, ref));
  std::vector<int> order(refs.size());
  std::iota(order.begin(), order.end(), 0);
  const auto key = [&](int i) {
    return std::tie(texts[i].at, texts[i].mechanism, texts[i].detail);
  };
  std::sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
  std::vector<StopperRef> ranked;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || key(order[k - 1]) != key(order[k])) ranked.push_back(refs[order[k]]);
    *slots[order[k]] = static_cast<int>(ranked.size()) - 1;
  }
  return ranked;
}

}  // namespace

FailureIndex::FailureIndex(const model::Spec& s) : spec(s) {
  Pairs pairs = collect_pairs(spec);
  durable.resize(spec.consumers.size());
  for (std::size_t c = 0; c < spec.consumers.size(); ++c)
    durable[c] = spec.brokers[broker_of(static_cast<int>(c))].durable() ? 1 : 0;
  durable_stopper.assign(spec.consumers.size(), -1);
  stoppers = rank_stoppers(spec, durable, pairs, durable_stopper);
  callers = Csr<CallerEdge>(spec.operations.size(), pairs.callers);
  callbacks = Csr<model::ConsumerId>(spec.operations.size(), pairs.callbacks);
  store_users = Csr<Runner>(spec.stores.size(), pairs.store_users);
  publishes = Csr<PublishEdge>(spec.brokers.size(), pairs.publishes);
  broker_consumers = Csr<model::ConsumerId>(spec.brokers.size(), pairs.broker_consumers);
  broker_events = Csr<model::EventId>(spec.brokers.size(), pairs.broker_events);
  is_entry.assign(spec.operations.size(), 0);
  entry_rate.assign(spec.operations.size(), 0);
  for (model::OperationId op : entry_operations(spec)) is_entry[op] = 1;
  for (const model::RateSource& source : spec.workload.sources)
    entry_rate[source.to] += source.rate;
  total_rate = total_entry_rate(spec);
}

std::vector<Component> components_of(const model::Spec& spec) {
  std::vector<Component> components;
  for (std::size_t s = 0; s < spec.services.size(); ++s)
    components.push_back({ComponentKind::Service, static_cast<int>(s)});
  for (std::size_t s = 0; s < spec.stores.size(); ++s)
    components.push_back({ComponentKind::Store, static_cast<int>(s)});
  for (std::size_t b = 0; b < spec.brokers.size(); ++b)
    components.push_back({ComponentKind::Broker, static_cast<int>(b)});
  return components;
}

const std::string& component_name(const model::Spec& spec, Component component) {
  switch (component.kind) {
    case ComponentKind::Service:
      return spec.services[component.id].name;
    case ComponentKind::Store:
      return spec.stores[component.id].name;
    case ComponentKind::Broker:
      break;
  }
  return spec.brokers[component.id].name;
}

}  // namespace ripple::analyzers::detail

namespace ripple::analyzers {

Stopper stopper_of(const model::Spec& spec, const StopperRef& ref) {
  const std::string& at = detail::runner_name(spec, ref.at_kind, ref.at);
  switch (ref.mechanism) {
    case StopMechanism::Fallback:
      return {at, "fallback",
              "on_failure: continue on the call to " + spec.operations[ref.target].full_name +
                  (ref.breaker ? ", behind a breaker that fails fast" : "")};
    case StopMechanism::Outbox:
      return {at, "outbox",
              "keeps " + spec.events[ref.target].name + " until " +
                  spec.brokers[spec.events[ref.target].broker].name + " is back"};
    case StopMechanism::DurableBroker:
      break;
  }
  const model::Consumer& consumer = spec.consumers[ref.at];
  return {at, "durable broker",
          spec.brokers[spec.events[consumer.event].broker].name + " keeps " +
              spec.events[consumer.event].name + " until the consumer recovers"};
}

}  // namespace ripple::analyzers
