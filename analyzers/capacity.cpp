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

}  // namespace

std::optional<double> capacity_of(long long servers, double holding_ms) {
  if (holding_ms <= 0) return std::nullopt;
  return static_cast<double>(servers) * kMsPerS / holding_ms;
}

long long group_servers(const model::Spec& spec, model::ConsumerId c, int replicas) {
  const long long slots = static_cast<long long>(replicas) * spec.consumers[c].concurrency;
  const auto lanes = lanes_of(spec, c);
  return lanes ? std::min(slots, *lanes) : slots;
}

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

}  // namespace ripple::analyzers::detail
