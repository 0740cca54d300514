#include "analyzers/capacity.h"

#include <algorithm>
#include <cstdio>

#include "analyzers/flow_metrics.h"
#include "analyzers/lints.h"
#include "analyzers/queueing.h"
#include "model/keys.h"

namespace ripple::analyzers::detail {
namespace {

constexpr double kNsPerMs = 1e6;
constexpr double kMsPerS = 1e3;
// SQS FIFO queues order per message group; the simulator hashes keys onto this many groups.
constexpr long long kFifoGroups = 1024;

double ms(const model::Distribution& d) { return d.mean_ns() / kNsPerMs; }
double ms(model::Duration d) { return static_cast<double>(d.ns) / kNsPerMs; }

// One transaction of `access`, milliseconds: its fixed cost plus its rows.
double transaction_ms(const model::Spec& spec, const model::StoreAccess& access, int rows) {
  const model::Store& store = spec.stores[access.store];
  return ms(store.txn_time) + rows * ms(store.row_time);
}

// The expected slowest of calls made at once, each (time, probability) made with its chance.
double slowest_ms(std::vector<std::pair<double, double>> made) {
  std::sort(made.begin(), made.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  double total = 0;
  double none_slower = 1;  // probability that no slower call was made
  for (const auto& [time, probability] : made) {
    total += none_slower * probability * time;
    none_slower *= 1 - probability;
  }
  return total;
}

// What the calls of one execution add to its holding time: each attempt waits for its network
// time and its callee's holding time, at most its timeout, `count` times in a row; sequential
// calls add up (weighted by their probability), a `parallel:` group (or every call with
// `parallel: true`) costs the expected slowest of those made.
double calls_ms(const model::Work& work, const std::vector<double>& op_ms,
                const std::vector<char>& done) {
  double total = 0;
  std::vector<std::pair<double, double>> group;  // (time, probability) of the current group
  int current = -1;
  const auto flush = [&] {
    if (!group.empty()) total += slowest_ms(group);
    group.clear();
  };
  for (const model::Call& call : work.calls) {
    const double callee = done[call.target] ? op_ms[call.target] : 0;  // a cut cycle adds 0
    const double once = std::min(callee + ms(call.latency), ms(call.timeout));
    const double time = once * std::max(1, call.count);
    const int g = work.parallel_calls ? 0 : call.group;
    if (g < 0) {
      flush();
      current = -1;
      total += time * call.probability;
      continue;
    }
    if (g != current) flush();
    current = g;
    group.emplace_back(time, call.probability);
  }
  flush();
  return total;
}

// Own time, unbatched store accesses and calls of one execution of `work`.
double work_ms(const model::Spec& spec, const model::Work& work, const std::vector<double>& op_ms,
               const std::vector<char>& done) {
  double total = ms(work.time);
  for (const model::StoreAccess& read : work.reads) total += transaction_ms(spec, read, read.rows);
  for (const model::StoreAccess& write : work.writes)
    if (!write.batch) total += transaction_ms(spec, write, write.rows);
  return total + calls_ms(work, op_ms, done);
}

// Callbacks of one handling: one request per entity called back, one after another, each at
// most the callback policy's timeout.
double callbacks_ms(const model::Spec& spec, model::ConsumerId c, const std::vector<double>& op_ms,
                    const std::vector<char>& done) {
  double total = 0;
  for (model::EntityId entity : spec.callback_entities(c)) {
    const auto& read = spec.entities[entity].read;
    if (!read) continue;
    const double callee = done[*read] ? op_ms[*read] : 0;
    total += std::min(callee, ms(spec.callback_policy.timeout));
  }
  return total;
}

std::optional<double> capacity_of(long long servers, double holding_ms) {
  if (holding_ms <= 0) return std::nullopt;
  return static_cast<double>(servers) * kMsPerS / holding_ms;
}

std::optional<double> wait_of(double servers, double load, double holding_ms) {
  if (load <= 0) return 0.0;
  const double wait = mmc_mean_wait(servers, load, holding_ms);
  if (wait < 0) return std::nullopt;
  return wait;
}

ElementCapacity pool(std::string name, CapacityKind kind, int id, double offered, double busy_ms,
                     double idle_holding_ms, long long servers, double max_utilization,
                     model::SourceLoc loc) {
  ElementCapacity e;
  e.name = std::move(name);
  e.kind = kind;
  e.id = id;
  e.offered_rate = offered;
  e.servers = std::max(1LL, servers);
  e.holding_ms = offered > 0 ? busy_ms / offered : idle_holding_ms;
  e.capacity_rate = capacity_of(e.servers, e.holding_ms);
  const double load = offered * e.holding_ms / kMsPerS;  // Erlangs
  e.utilization = load / static_cast<double>(e.servers);
  e.mean_wait_ms = wait_of(static_cast<double>(e.servers), load, e.holding_ms);
  e.max_utilization = max_utilization;
  e.loc = loc;
  return e;
}

void add_services(const model::Spec& spec, const HoldingTimes& h, const Rates& rates,
                  std::vector<ElementCapacity>& out) {
  for (model::ServiceId s : spec.service_ids()) {
    const model::Service& service = spec.services[s];
    if (service.operations.empty()) continue;
    double offered = 0;
    double busy = 0;
    double plain = 0;
    for (model::OperationId op : service.operations) {
      offered += rates.operations[op];
      busy += rates.operations[op] * h.operations[op];
      plain += h.operations[op];
    }
    out.push_back(pool(service.name, CapacityKind::Service, s, offered, busy,
                       plain / static_cast<double>(service.operations.size()),
                       static_cast<long long>(service.replicas) * service.workers,
                       service.max_utilization, service.loc));
  }
}

// Transactions per second and busy connection-milliseconds per second, by store.
struct StoreLoad {
  std::vector<double> rate;
  std::vector<double> busy;
  std::vector<double> plain;  // one transaction of each access, summed (idle holding time)
  std::vector<int> accesses;
};

void add_store_load(const model::Spec& spec, const model::Work& work, double rate, StoreLoad& l) {
  const auto add = [&](const model::StoreAccess& access, double txns, int rows) {
    const double time = transaction_ms(spec, access, rows);
    l.rate[access.store] += rate * txns;
    l.busy[access.store] += rate * txns * time;
    l.plain[access.store] += time;
    ++l.accesses[access.store];
  };
  for (const model::StoreAccess& read : work.reads) add(read, 1, read.rows);
  for (const model::StoreAccess& write : work.writes) {
    if (write.batch)
      add(write, 1.0 / write.batch->size, write.batch->size * write.rows);
    else
      add(write, 1, write.rows);
  }
}

void add_stores(const model::Spec& spec, const Rates& rates, std::vector<ElementCapacity>& out) {
  StoreLoad load;
  load.rate.assign(spec.stores.size(), 0);
  load.busy.assign(spec.stores.size(), 0);
  load.plain.assign(spec.stores.size(), 0);
  load.accesses.assign(spec.stores.size(), 0);
  for (model::OperationId op : spec.operation_ids())
    add_store_load(spec, spec.operations[op].work, rates.operations[op], load);
  for (model::ConsumerId c : spec.consumer_ids())
    add_store_load(spec, spec.consumers[c].work, rates.consumers[c], load);
  for (model::StoreId st : spec.store_ids()) {
    const model::Store& store = spec.stores[st];
    const double idle = load.accesses[st] > 0 ? load.plain[st] / load.accesses[st]
                                              : ms(store.txn_time) + ms(store.row_time);
    out.push_back(pool(store.name, CapacityKind::Store, st, load.rate[st], load.busy[st], idle,
                       store.connections, store.max_utilization, store.loc));
  }
}

// Parallel lanes of a consumer group: partitions or message groups where the broker keeps order
// per key (one handling per lane at a time); unlimited otherwise.
std::optional<long long> lanes_of(const model::Spec& spec, model::ConsumerId c) {
  const model::Broker& broker = spec.brokers[spec.events[spec.consumers[c].event].broker];
  if (broker.type == model::BrokerType::Kafka) return std::max(1, broker.partitions);
  if (broker.type == model::BrokerType::Sqs && broker.fifo) return kFifoGroups;
  return std::nullopt;
}

long long group_servers(const model::Spec& spec, model::ConsumerId c, int replicas) {
  const long long slots = static_cast<long long>(replicas) * spec.consumers[c].concurrency;
  const auto lanes = lanes_of(spec, c);
  return lanes ? std::min(slots, *lanes) : slots;
}

void add_consumers(const model::Spec& spec, const HoldingTimes& h, const Rates& rates,
                   std::vector<ElementCapacity>& out) {
  for (model::ConsumerId c : spec.consumer_ids()) {
    const model::Consumer& consumer = spec.consumers[c];
    const double rate = rates.consumers[c];
    const int replicas = spec.services[consumer.service].replicas;
    ElementCapacity e =
        pool(consumer.name, CapacityKind::Consumer, c, rate, rate * h.consumers[c], h.consumers[c],
             group_servers(spec, c, replicas), consumer.max_utilization, consumer.loc);
    const model::Broker& broker = spec.brokers[spec.events[consumer.event].broker];
    if (broker.type == model::BrokerType::Kafka) {
      PartitionLoad p;
      p.partitions = std::max(1, broker.partitions);
      p.share = 1.0 / p.partitions;  // keys spread evenly over the partitions, unless declared
      const model::Event& event = spec.events[consumer.event];
      if (event.key && event.keys.declared && p.partitions > 1) {
        const std::vector<double> shares = model::partition_shares(event.keys, p.partitions);
        p.share = *std::max_element(shares.begin(), shares.end());
      }
      p.offered_rate = rate * p.share;
      p.capacity_rate = capacity_of(1, e.holding_ms);
      p.utilization = p.offered_rate * e.holding_ms / kMsPerS;
      // With a member per partition, each partition is its own single-server queue.
      const long long slots = static_cast<long long>(replicas) * consumer.concurrency;
      if (slots >= p.partitions) e.mean_wait_ms = wait_of(1, p.utilization, e.holding_ms);
      e.partition = p;
    }
    out.push_back(std::move(e));
  }
}

// ---------------------------------------------------------------------------------------------
// Spikes: the busiest window

// Spike windows beyond this many are not told apart: every source at its highest rate at once.
constexpr std::size_t kMaxWindows = 64;

struct Window {
  model::Duration at{0};
  model::Duration length{0};
  std::vector<double> entry_rates;  // by OperationId
};

// The windows of the run in which at least one spike is on, each with the rates of every source
// (a spike replaces its source's rate; of overlapping spikes, the highest).
std::vector<Window> spike_windows(const model::Spec& spec) {
  std::vector<std::int64_t> bounds;
  const std::int64_t end = spec.workload.duration.ns;
  for (const model::RateSource& source : spec.workload.sources)
    for (const model::Spike& spike : source.spikes) {
      bounds.push_back(spike.at.ns);
      bounds.push_back(spike.at.ns + spike.length.ns);
    }
  bounds.push_back(end);
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  const auto rates_at = [&](std::int64_t t, bool highest, bool& any_spike) {
    std::vector<double> rates(spec.operations.size(), 0);
    for (const model::RateSource& source : spec.workload.sources) {
      double rate = source.rate;
      bool on = false;
      for (const model::Spike& spike : source.spikes)
        if (highest || (spike.at.ns <= t && t < spike.at.ns + spike.length.ns)) {
          rate = on ? std::max(rate, spike.rate) : spike.rate;
          on = true;
        }
      if (highest && on) rate = std::max(rate, source.rate);
      any_spike = any_spike || on;
      rates[source.to] += rate;
    }
    return rates;
  };
  std::vector<Window> windows;
  if (bounds.size() > kMaxWindows) {
    bool any = false;
    Window all{model::Duration{0}, spec.workload.duration, rates_at(0, true, any)};
    if (any) windows.push_back(std::move(all));
    return windows;
  }
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    if (bounds[i] >= end) break;
    bool any = false;
    std::vector<double> rates = rates_at(bounds[i], false, any);
    if (any)
      windows.push_back({model::Duration{bounds[i]}, model::Duration{bounds[i + 1] - bounds[i]},
                         std::move(rates)});
  }
  return windows;
}

Rates rates_from(const model::Spec& spec, const FlowGraph& flow, const std::vector<double>& node) {
  Rates rates;
  for (model::OperationId op : spec.operation_ids())
    rates.operations.push_back(node[flow.op_node(op)]);
  for (model::EventId e : spec.event_ids()) rates.events.push_back(node[flow.event_node(e)]);
  for (model::ConsumerId c : spec.consumer_ids())
    rates.consumers.push_back(node[flow.consumer_node(c)]);
  return rates;
}

// Elements of the same spec at other rates: in the same order, so index i is the same element.
std::vector<ElementCapacity> elements_at(const model::Spec& spec, const HoldingTimes& h,
                                         const Rates& rates);

void add_peaks(const model::Spec& spec, const FlowGraph& flow, const HoldingTimes& h,
               std::vector<ElementCapacity>& elements) {
  for (const Window& window : spike_windows(spec)) {
    const Rates rates = rates_from(spec, flow, propagate_entry_rates(flow, window.entry_rates));
    const std::vector<ElementCapacity> at = elements_at(spec, h, rates);
    for (std::size_t i = 0; i < elements.size(); ++i) {
      ElementCapacity& e = elements[i];
      const double utilization = at[i].utilization;
      if (utilization <= e.utilization) continue;
      if (e.peak_utilization && utilization <= *e.peak_utilization) continue;
      e.peak_offered_rate = at[i].offered_rate;
      e.peak_utilization = utilization;
      e.peak_at = window.at;
      e.peak_for = window.length;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Backlogs

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

void add_backlogs(const model::Spec& spec, const Rates& rates, Analysis& analysis) {
  for (const ElementCapacity& e : analysis.capacity) {
    if (!absorbs_spike(spec, e)) continue;
    const model::Consumer& consumer = spec.consumers[e.id];
    Backlog b;
    b.fault_text = "the spike window at " + model::format_duration(e.peak_at) + " (" +
                   model::format_duration(e.peak_for) + ")";
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

// ---------------------------------------------------------------------------------------------
// Lints

// A figure for a message: three significant digits at most, no exponent.
std::string figure(double value) {
  char buffer[48];
  if (value >= 100)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else if (value >= 10)
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos && text.find('e') == std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string percent(double ratio) { return figure(ratio * 100) + "%"; }

const char* unit(CapacityKind kind) {
  switch (kind) {
    case CapacityKind::Service:
      return "requests";
    case CapacityKind::Store:
      return "transactions";
    case CapacityKind::Consumer:
      return "deliveries";
  }
  return "?";
}

std::string servers_text(const model::Spec& spec, const ElementCapacity& e) {
  switch (e.kind) {
    case CapacityKind::Service: {
      const model::Service& s = spec.services[e.id];
      return std::to_string(s.replicas) + " replica" + (s.replicas == 1 ? "" : "s") + " x " +
             std::to_string(s.workers) + " workers";
    }
    case CapacityKind::Store:
      return std::to_string(e.servers) + " connections";
    case CapacityKind::Consumer: {
      const model::Consumer& c = spec.consumers[e.id];
      const int replicas = spec.services[c.service].replicas;
      std::string text = std::to_string(replicas) + " replica" + (replicas == 1 ? "" : "s") +
                         " x concurrency " + std::to_string(c.concurrency);
      if (e.servers < static_cast<long long>(replicas) * c.concurrency)
        text += ", capped at " + std::to_string(e.servers) +
                (e.partition ? " partitions" : " message groups");
      return text;
    }
  }
  return "";
}

std::string load_text(const model::Spec& spec, const ElementCapacity& e, double offered) {
  return std::string(to_string(e.kind)) + " `" + e.name + "` is offered " + figure(offered) + " " +
         unit(e.kind) + "/s against a capacity of " +
         (e.capacity_rate ? figure(*e.capacity_rate) : std::string("unbounded")) + "/s (" +
         servers_text(spec, e) + " at " + figure(e.holding_ms) + "ms each)";
}

}  // namespace

HoldingTimes compute_holding_times(const model::Spec& spec, const FlowGraph& flow) {
  HoldingTimes h;
  h.operations.assign(spec.operations.size(), 0);
  h.consumers.assign(spec.consumers.size(), 0);
  std::vector<char> done(spec.operations.size(), 0);
  const int first_consumer = flow.consumer_node(model::ConsumerId{0});
  for (int node : flow.postorder()) {
    if (flow.is_op(node)) {
      h.operations[node] = work_ms(spec, spec.operations[node].work, h.operations, done);
      done[node] = 1;
    } else if (!flow.is_event(node)) {
      const model::ConsumerId c{node - first_consumer};
      h.consumers[c] = callbacks_ms(spec, c, h.operations, done) +
                       work_ms(spec, spec.consumers[c].work, h.operations, done);
    }
  }
  return h;
}

namespace {

std::vector<ElementCapacity> elements_at(const model::Spec& spec, const HoldingTimes& h,
                                         const Rates& rates) {
  std::vector<ElementCapacity> elements;
  add_services(spec, h, rates, elements);
  add_stores(spec, rates, elements);
  add_consumers(spec, h, rates, elements);
  return elements;
}

}  // namespace

void compute_capacity(const model::Spec& spec, const FlowGraph& flow, Analysis& analysis) {
  const HoldingTimes h = compute_holding_times(spec, flow);
  analysis.capacity = elements_at(spec, h, analysis.rates);
  add_peaks(spec, flow, h, analysis.capacity);
  add_backlogs(spec, analysis.rates, analysis);
}

void lint_capacity(const model::Spec& spec, const Analysis& analysis,
                   std::vector<Finding>& findings) {
  for (const ElementCapacity& e : analysis.capacity) {
    if (e.partition && e.partition->utilization > e.utilization &&
        e.partition->utilization > e.max_utilization) {
      // Hot keys: one partition, handled one delivery at a time, binds before the group does.
      const PartitionLoad& p = *e.partition;
      findings.push_back(make_finding(
          spec, p.utilization >= 1 ? "overloaded" : "low-headroom", e.loc, e.name,
          "the busiest of the " + std::to_string(p.partitions) + " partitions of consumer `" +
              e.name + "` gets " + percent(p.share) + " of its deliveries, " +
              figure(p.offered_rate) + "/s against the " +
              (p.capacity_rate ? figure(*p.capacity_rate) : std::string("unbounded")) +
              "/s one member handles at " + figure(e.holding_ms) + "ms each: utilization " +
              percent(p.utilization) + " (the group as a whole: " + percent(e.utilization) + ")"));
      continue;
    }
    if (e.utilization >= 1) {
      findings.push_back(make_finding(
          spec, "overloaded", e.loc, e.name,
          load_text(spec, e, e.offered_rate) + ": utilization " + percent(e.utilization) +
              ", so its queue grows without bound at the workload's rates"));
    } else if (absorbs_spike(spec, e)) {
      const double backlog = (*e.peak_offered_rate - *e.capacity_rate) * e.peak_for.seconds();
      const auto drain = drain_of(e, backlog);
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          "during the spike window at " + model::format_duration(e.peak_at) + " (" +
              model::format_duration(e.peak_for) + ") " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + "; its broker keeps about " +
              figure(backlog) + " deliveries waiting when the window ends, drained in " +
              figure(drain.value_or(0)) +
              "s at the spare capacity (at the base rates: " + percent(e.utilization) + ")"));
    } else if (e.peak_utilization && *e.peak_utilization >= 1) {
      const double excess = *e.peak_offered_rate - e.capacity_rate.value_or(*e.peak_offered_rate);
      findings.push_back(make_finding(
          spec, "overloaded", e.loc, e.name,
          "during the spike window at " + model::format_duration(e.peak_at) + " (" +
              model::format_duration(e.peak_for) + ") " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + ", so it falls about " +
              figure(excess * e.peak_for.seconds()) + " " + unit(e.kind) +
              " behind before the window ends, to be queued, rejected or timed out (at the base "
              "rates: " +
              percent(e.utilization) + ")"));
    } else if (e.utilization > e.max_utilization) {
      std::string wait;
      if (e.mean_wait_ms) wait = "; mean wait for a server about " + figure(*e.mean_wait_ms) + "ms";
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          load_text(spec, e, e.offered_rate) + ": utilization " + percent(e.utilization) +
              ", above its max_utilization of " + percent(e.max_utilization) + wait));
    } else if (e.peak_utilization && *e.peak_utilization > e.max_utilization) {
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          "during the spike window at " + model::format_duration(e.peak_at) + " (" +
              model::format_duration(e.peak_for) + ") " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + ", above its max_utilization of " +
              percent(e.max_utilization)));
    }
  }
  for (const Backlog& b : analysis.backlogs) {
    if (!b.objective_s) continue;
    if (b.drain_s && *b.drain_s <= *b.objective_s) continue;
    const model::Consumer& consumer = spec.consumers[b.consumer];
    const std::string drain =
        b.drain_s ? "drains it in " + figure(*b.drain_s) + "s"
                  : std::string("never drains it (capacity at or below the arrival rate)");
    findings.push_back(make_finding(spec, "slow-drain", consumer.loc, b.consumer_name,
                                    "after `" + b.fault_text + "`, consumer `" + b.consumer_name +
                                        "` has " + figure(b.backlog) + " deliveries waiting and " +
                                        drain + ", over its recovery_objective of " +
                                        model::format_duration(*consumer.recovery_objective)));
  }
}

}  // namespace ripple::analyzers::detail
