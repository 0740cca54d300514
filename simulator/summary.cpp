#include "simulator/summary.h"

#include <algorithm>
#include <cmath>

#include "simulator/brokers.h"
#include "simulator/statistics.h"

namespace ripple::sim {
namespace {

LatencySummary summarize_latency(const Histogram& h) {
  LatencySummary s;
  s.mean_ms = h.mean() / kNsPerMs;
  s.p50_ms = h.quantile(0.50) / kNsPerMs;
  s.p90_ms = h.quantile(0.90) / kNsPerMs;
  s.p99_ms = h.quantile(0.99) / kNsPerMs;
  s.p999_ms = h.quantile(0.999) / kNsPerMs;
  s.max_ms = static_cast<double>(h.max()) / kNsPerMs;
  return s;
}

template <typename T, typename U>
void add_into(std::vector<T>& into, const std::vector<U>& from) {
  for (std::size_t i = 0; i < from.size() && i < into.size(); ++i) into[i] += from[i];
}

void add_edge(EdgeMetrics& t, const EdgeMetrics& x) {
  t.calls += x.calls;
  t.attempts += x.attempts;
  t.retries += x.retries;
  t.timeouts += x.timeouts;
  t.short_circuited += x.short_circuited;
  t.breaker_opens += x.breaker_opens;
  t.failures += x.failures;
}

}  // namespace

Summary::Summary(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed)
    : spec_(spec), layout_(spec), plan_(plan), seed_(seed) {
  const std::size_t n_ops = spec.operations.size();
  const auto steps =
      static_cast<std::size_t>((plan.duration - plan.warmup + plan.step - 1) / plan.step);
  entry_.assign(n_ops, false);
  for (std::size_t op = 0; op < n_ops; ++op)
    entry_[op] = is_entry_operation(spec, static_cast<int>(op));
  const auto edges = static_cast<std::size_t>(layout_.edges());

  total_.measured_ns = plan.duration - plan.warmup;
  total_.operations.resize(n_ops);
  total_.services.resize(spec.services.size());
  total_.edges.resize(edges);
  total_.amplification.resize(n_ops);
  total_.entry_steps.resize(n_ops);
  for (std::size_t op = 0; op < n_ops; ++op) {
    if (!entry_[op]) continue;
    total_.entry_steps[op].completed.assign(steps, 0);
    total_.entry_steps[op].errors.assign(steps, 0);
  }
  total_.queue_steps.assign(spec.services.size(), std::vector<double>(steps, 0));
  total_.consumers.resize(spec.consumers.size());
  total_.brokers.resize(spec.brokers.size());
  total_.reconnects.resize(spec.workload.reconnects.size());
  total_.backlog_steps.assign(spec.brokers.size(), std::vector<double>(steps, 0));
  total_.waiting_steps.assign(spec.consumers.size(), std::vector<double>(steps, 0));
  p99_sum_.assign(n_ops, std::vector<double>(steps, 0));
  p99_count_.assign(n_ops, std::vector<int>(steps, 0));
  headline_.resize(n_ops);
}

void Summary::add(const ReplicationMetrics& r) {
  ++replications_;
  total_.events_processed += r.events_processed;
  total_.over_budget = total_.over_budget || r.over_budget;
  if (total_.step_length_ns.empty()) total_.step_length_ns = r.step_length_ns;
  for (std::size_t op = 0; op < r.operations.size(); ++op) {
    OperationMetrics& t = total_.operations[op];
    const OperationMetrics& x = r.operations[op];
    t.ok += x.ok;
    t.errors += x.errors;
    t.rejected += x.rejected;
    t.in_flight += x.in_flight;
    t.latency.merge(x.latency);
    if (!entry_[op]) continue;
    const double count = static_cast<double>(x.ok + x.errors);
    headline_[op].p99_ms.push_back(x.latency.quantile(0.99) / kNsPerMs);
    headline_[op].mean_ms.push_back(x.latency.mean() / kNsPerMs);
    headline_[op].error_rate.push_back(count > 0 ? static_cast<double>(x.errors) / count : 0);
  }
  for (std::size_t s = 0; s < r.services.size(); ++s) {
    ServiceMetrics& t = total_.services[s];
    t.busy_worker_ns += r.services[s].busy_worker_ns;
    t.rejected += r.services[s].rejected;
    t.max_queue = std::max(t.max_queue, r.services[s].max_queue);
  }
  for (std::size_t e = 0; e < r.edges.size(); ++e) add_edge(total_.edges[e], r.edges[e]);
  for (std::size_t op = 0; op < r.amplification.size(); ++op) {
    total_.amplification[op].entries += r.amplification[op].entries;
    total_.amplification[op].downstream += r.amplification[op].downstream;
  }
  for (std::size_t op = 0; op < r.entry_steps.size(); ++op) {
    const StepValues& x = r.entry_steps[op];
    add_into(total_.entry_steps[op].completed, x.completed);
    add_into(total_.entry_steps[op].errors, x.errors);
    for (std::size_t k = 0; k < x.p99_ns.size() && k < p99_sum_[op].size(); ++k) {
      if (x.completed[k] == 0) continue;
      p99_sum_[op][k] += x.p99_ns[k] / kNsPerMs;
      ++p99_count_[op][k];
    }
  }
  for (std::size_t s = 0; s < r.queue_steps.size(); ++s)
    add_into(total_.queue_steps[s], r.queue_steps[s]);
  add_events(r);
  add_recoveries(r);
}

void Summary::add_events(const ReplicationMetrics& r) {
  for (std::size_t c = 0; c < r.consumers.size(); ++c) {
    ConsumerMetrics& t = total_.consumers[c];
    const ConsumerMetrics& x = r.consumers[c];
    t.delivered += x.delivered;
    t.duplicates += x.duplicates;
    t.out_of_order += x.out_of_order;
    t.dead_lettered += x.dead_lettered;
    t.lost += x.lost;
    t.failed += x.failed;
    t.waiting += x.waiting;
    t.busy_slot_ns += x.busy_slot_ns;
    t.lag.merge(x.lag);
    t.partitions.resize(x.partitions.size());
    for (std::size_t p = 0; p < x.partitions.size(); ++p) {
      PartitionMetrics& tp = t.partitions[p];
      tp.delivered += x.partitions[p].delivered;
      tp.busy_ns += x.partitions[p].busy_ns;
      tp.lag_ns += x.partitions[p].lag_ns;
      tp.max_lag_ns = std::max(tp.max_lag_ns, x.partitions[p].max_lag_ns);
    }
  }
  for (std::size_t b = 0; b < r.brokers.size(); ++b) {
    BrokerMetrics& t = total_.brokers[b];
    t.published += r.brokers[b].published;
    t.publish_failures += r.brokers[b].publish_failures;
    t.outboxed += r.brokers[b].outboxed;
    t.max_backlog = std::max(t.max_backlog, r.brokers[b].max_backlog);
    t.backlog_ns += r.brokers[b].backlog_ns;
  }
  for (std::size_t b = 0; b < r.backlog_steps.size(); ++b)
    add_into(total_.backlog_steps[b], r.backlog_steps[b]);
  for (std::size_t c = 0; c < r.waiting_steps.size(); ++c)
    add_into(total_.waiting_steps[c], r.waiting_steps[c]);
  for (std::size_t s = 0; s < r.reconnects.size(); ++s) {
    ReconnectMetrics& t = total_.reconnects[s];
    const ReconnectMetrics& x = r.reconnects[s];
    t.attempts += x.attempts;
    t.connected += x.connected;
    t.gave_up += x.gave_up;
    if (t.bins.size() < x.bins.size()) t.bins.resize(x.bins.size(), 0);
    add_into(t.bins, x.bins);
  }
}

SimulationResult Summary::finish() const {
  SimulationResult result;
  result.seed = seed_;
  result.replications = replications_;
  result.duration_ms = static_cast<double>(plan_.duration) / kNsPerMs;
  result.warmup_ms = static_cast<double>(plan_.warmup) / kNsPerMs;
  result.events_processed = total_.events_processed;
  result.over_budget = total_.over_budget;
  build_operations(result);
  build_services(result);
  build_calls(result);
  build_series(result);
  build_faults(result);
  build_events(result);
  build_reconnects(result);
  if (replications_ > 1) build_intervals(result);
  return result;
}

void Summary::build_operations(SimulationResult& result) const {
  const double measured_s = static_cast<double>(total_.measured_ns) / 1e9 * replications_;
  for (std::size_t op = 0; op < spec_.operations.size(); ++op) {
    const OperationMetrics& m = total_.operations[op];
    const std::uint64_t count = m.ok + m.errors;
    if (!entry_[op] && count == 0 && m.in_flight == 0) continue;
    OperationResult o;
    o.name = spec_.operations[op].full_name;
    o.operation = static_cast<int>(op);
    o.entry = entry_[op];
    o.count = count;
    o.ok = m.ok;
    o.errors = m.errors;
    o.rejected = m.rejected;
    o.in_flight = m.in_flight;
    o.error_rate = count ? static_cast<double>(m.errors) / static_cast<double>(count) : 0;
    o.throughput_per_s = measured_s > 0 ? static_cast<double>(count) / measured_s : 0;
    o.latency = summarize_latency(m.latency);
    result.operations.push_back(std::move(o));
    if (!entry_[op]) continue;
    const AmplificationMetrics& a = total_.amplification[op];
    result.amplification.push_back(AmplificationResult{
        spec_.operations[op].full_name,
        a.entries ? static_cast<double>(a.downstream) / static_cast<double>(a.entries) : 0});
  }
}

// Handling time over what the group can use: its slots, capped at the lanes an ordered broker
// runs at once (a Kafka group never uses more slots than partitions).
double Summary::consumer_utilization(int c) const {
  const model::Consumer& consumer = spec_.consumers[static_cast<std::size_t>(c)];
  const model::Broker& broker = spec_.brokers[static_cast<std::size_t>(
      spec_.events[static_cast<std::size_t>(consumer.event)].broker)];
  const int replicas = spec_.services[static_cast<std::size_t>(consumer.service)].replicas;
  double slots = static_cast<double>(replicas) * consumer.concurrency;
  if (broker.orders_by_key()) slots = std::min(slots, static_cast<double>(lane_count(broker)));
  const double measured_ns = static_cast<double>(total_.measured_ns) * replications_;
  return slots * measured_ns > 0
             ? total_.consumers[static_cast<std::size_t>(c)].busy_slot_ns / (slots * measured_ns)
             : 0;
}

void Summary::build_services(SimulationResult& result) const {
  const double measured_ns = static_cast<double>(total_.measured_ns) * replications_;
  for (std::size_t s = 0; s < spec_.services.size(); ++s) {
    const model::Service& service = spec_.services[s];
    const double capacity = measured_ns * service.replicas * service.workers;
    const ServiceMetrics& m = total_.services[s];
    ServiceResult r;
    r.name = service.name;
    r.worker_utilization = capacity > 0 ? m.busy_worker_ns / capacity : 0;
    r.utilization = r.worker_utilization;
    for (const model::ConsumerId c : service.consumers)
      r.utilization = std::max(r.utilization, consumer_utilization(c));
    r.rejected = m.rejected;
    r.max_queue = m.max_queue;
    result.services.push_back(std::move(r));
  }
}

void Summary::build_calls(SimulationResult& result) const {
  for (int w = 0; w < layout_.works(); ++w) {
    const int first = layout_.edge_offset(w);
    for (std::size_t c = 0; c < layout_.work(w).calls.size(); ++c) {
      const int edge = first + static_cast<int>(c);
      result.calls.push_back(edge_result(edge, static_cast<int>(c)));
    }
  }
  for (std::size_t consumer = 0; consumer < spec_.consumers.size(); ++consumer) {
    const int first = layout_.callback_offset(static_cast<int>(consumer));
    for (int k = 0; k < layout_.callbacks(static_cast<int>(consumer)); ++k)
      result.calls.push_back(edge_result(first + k, k));
  }
}

CallEdgeResult Summary::edge_result(int edge, int index) const {
  const EdgeMetrics& m = total_.edges[static_cast<std::size_t>(edge)];
  CallEdgeResult e;
  e.from = layout_.edge_from(edge);
  e.to = spec_.operations[static_cast<std::size_t>(layout_.edge_call(edge).target)].full_name;
  e.index = index;
  e.callback = layout_.edge_is_callback(edge);
  e.calls = m.calls;
  e.attempts = m.attempts;
  e.retries = m.retries;
  e.timeouts = m.timeouts;
  e.short_circuited = m.short_circuited;
  e.breaker_opens = m.breaker_opens;
  e.failures = m.failures;
  return e;
}

void Summary::build_events(SimulationResult& result) const {
  const double measured_s = static_cast<double>(total_.measured_ns) / 1e9 * replications_;
  for (std::size_t c = 0; c < spec_.consumers.size(); ++c) {
    const model::Consumer& consumer = spec_.consumers[c];
    const ConsumerMetrics& m = total_.consumers[c];
    ConsumerResult r;
    r.name = consumer.name;
    r.broker = spec_
                   .brokers[static_cast<std::size_t>(
                       spec_.events[static_cast<std::size_t>(consumer.event)].broker)]
                   .name;
    r.delivered = m.delivered;
    r.duplicates = m.duplicates;
    r.harmful_duplicates = consumer.idempotent ? 0 : m.duplicates;
    r.out_of_order = m.out_of_order;
    r.dead_lettered = m.dead_lettered;
    r.lost = m.lost;
    r.failed = m.failed;
    r.waiting = m.waiting;
    r.delivered_per_s = measured_s > 0 ? static_cast<double>(m.delivered) / measured_s : 0;
    r.utilization = consumer_utilization(static_cast<int>(c));
    r.lag = summarize_latency(m.lag);
    const double measured_ns = static_cast<double>(total_.measured_ns) * replications_;
    for (std::size_t p = 0; p < m.partitions.size(); ++p) {
      const PartitionMetrics& x = m.partitions[p];
      const double delivered = static_cast<double>(x.delivered);
      r.partitions.push_back(PartitionResult{
          static_cast<int>(p), m.delivered > 0 ? delivered / static_cast<double>(m.delivered) : 0,
          measured_ns > 0 ? x.busy_ns / measured_ns : 0,
          x.delivered > 0 ? x.lag_ns / delivered / kNsPerMs : 0,
          static_cast<double>(x.max_lag_ns) / kNsPerMs});
    }
    result.consumers.push_back(std::move(r));
  }
  for (std::size_t b = 0; b < spec_.brokers.size(); ++b) {
    const BrokerMetrics& m = total_.brokers[b];
    const double measured_ns = static_cast<double>(total_.measured_ns) * replications_;
    result.brokers.push_back(
        BrokerResult{spec_.brokers[b].name, model::to_string(spec_.brokers[b].type), m.published,
                     m.publish_failures, m.outboxed, static_cast<double>(m.max_backlog),
                     measured_ns > 0 ? m.backlog_ns / measured_ns : 0});
  }
  std::vector<std::uint64_t> callbacks(spec_.operations.size(), 0);
  std::vector<bool> called_back(spec_.operations.size(), false);
  for (int edge = 0; edge < layout_.edges(); ++edge) {
    if (!layout_.edge_is_callback(edge)) continue;
    const auto op = static_cast<std::size_t>(layout_.edge_call(edge).target);
    called_back[op] = true;
    callbacks[op] += total_.edges[static_cast<std::size_t>(edge)].attempts;
  }
  for (std::size_t op = 0; op < callbacks.size(); ++op) {
    if (!called_back[op]) continue;
    result.callbacks.push_back(
        CallbackResult{spec_.operations[op].full_name, callbacks[op],
                       measured_s > 0 ? static_cast<double>(callbacks[op]) / measured_s : 0});
  }
}

void Summary::build_reconnects(SimulationResult& result) const {
  constexpr std::size_t kBinsPerSecond = 100;  // 10 ms bins
  for (std::size_t s = 0; s < spec_.workload.reconnects.size(); ++s) {
    const model::ReconnectSource& source = spec_.workload.reconnects[s];
    const ReconnectMetrics& m = total_.reconnects[s];
    ReconnectResult r;
    r.target = spec_.operations[static_cast<std::size_t>(source.to)].full_name;
    r.clients = source.clients;
    r.at_ms = source.at.millis();
    r.jitter_ms = source.jitter.millis();
    r.attempts = m.attempts;
    r.connected = m.connected;
    r.gave_up = m.gave_up;
    std::uint64_t peak_bin = 0, peak_second = 0, second = 0;
    for (std::size_t k = 0; k < m.bins.size(); ++k) {
      peak_bin = std::max<std::uint64_t>(peak_bin, m.bins[k]);
      second += m.bins[k];
      if ((k + 1) % kBinsPerSecond == 0 || k + 1 == m.bins.size()) {
        peak_second = std::max(peak_second, second);
        second = 0;
      }
    }
    r.peak_per_s = static_cast<double>(peak_second) / replications_;
    r.peak_10ms_per_s = static_cast<double>(peak_bin) * kBinsPerSecond / replications_;
    result.reconnects.push_back(std::move(r));
  }
}

// Whether `fault` can hold up consumer `c`: a fault of its broker, of its own service, of a store
// it reads or writes, or of a service it calls or calls back directly.
bool Summary::fault_reaches(const model::Fault& fault, int c) const {
  const model::Consumer& consumer = spec_.consumers[static_cast<std::size_t>(c)];
  if (fault.target_kind == model::FaultTarget::Broker)
    return spec_.events[static_cast<std::size_t>(consumer.event)].broker == fault.target;
  if (fault.target_kind == model::FaultTarget::Store) {
    for (const auto* accesses : {&consumer.work.reads, &consumer.work.writes})
      for (const model::StoreAccess& access : *accesses)
        if (access.store == fault.target) return true;
    return false;
  }
  if (consumer.service == fault.target) return true;
  const auto calls = [&](int edge) {
    const model::Operation& target =
        spec_.operations[static_cast<std::size_t>(layout_.edge_call(edge).target)];
    return target.service == fault.target;
  };
  const int work = layout_.consumer_work(c);
  for (std::size_t k = 0; k < layout_.work(work).calls.size(); ++k)
    if (calls(layout_.edge_offset(work) + static_cast<int>(k))) return true;
  for (int k = 0; k < layout_.callbacks(c); ++k)
    if (calls(layout_.callback_offset(c) + k)) return true;
  return false;
}

// Each replication's recovery from each fault and spike, from its own counts. Faults that can
// hold up consumers also wait for those consumers' unsettled events to drain; spikes for every
// consumer's.
void Summary::add_recoveries(const ReplicationMetrics& r) {
  recoveries_.resize(r.watches.size());
  std::vector<const std::vector<double>*> all;
  for (const std::vector<double>& waiting : r.waiting_steps) all.push_back(&waiting);
  for (std::size_t w = 0; w < r.watches.size(); ++w) {
    std::vector<const std::vector<double>*> backlogs;
    if (w < spec_.faults.size()) {
      for (std::size_t c = 0; c < r.waiting_steps.size(); ++c)
        if (fault_reaches(spec_.faults[w], static_cast<int>(c)))
          backlogs.push_back(&r.waiting_steps[c]);
    } else {
      backlogs = all;
    }
    recoveries_[w].push_back(recovery_time_ms(r, r.watches[w], plan_, backlogs));
  }
}

namespace {

// One figure over replications: the mean, or nullopt if any replication has none.
std::optional<double> mean_recovery(const std::vector<std::optional<double>>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (const std::optional<double>& v : values) {
    if (!v) return std::nullopt;
    sum += *v;
  }
  return sum / static_cast<double>(values.size());
}

}  // namespace

void Summary::build_faults(SimulationResult& result) const {
  const auto recovery = [&](std::size_t w) {
    return w < recoveries_.size() ? mean_recovery(recoveries_[w]) : std::nullopt;
  };
  std::size_t w = 0;
  for (const model::Fault& fault : spec_.faults) {
    FaultResult f;
    f.target = fault.target_name;
    f.mode = model::to_string(fault.mode);
    f.at_ms = fault.at.millis();
    f.for_ms = fault.length.millis();
    f.recovery_time_ms = recovery(w++);
    result.faults.push_back(std::move(f));
  }
  for (const model::RateSource& source : spec_.workload.sources) {
    for (const model::Spike& spike : source.spikes) {
      SpikeResult s;
      s.operation = spec_.operations[static_cast<std::size_t>(source.to)].full_name;
      s.at_ms = spike.at.millis();
      s.for_ms = spike.length.millis();
      s.rate_per_s = spike.rate;
      s.recovery_time_ms = recovery(w++);
      result.spikes.push_back(std::move(s));
    }
  }
}

void Summary::build_series(SimulationResult& result) const {
  Series& series = result.series;
  series.step_ms = static_cast<double>(plan_.step) / kNsPerMs;
  const std::size_t steps = total_.step_length_ns.size();
  for (std::size_t k = 0; k < steps; ++k)
    series.start_ms.push_back(
        static_cast<double>(plan_.warmup + static_cast<TimeNs>(k) * plan_.step) / kNsPerMs);
  const double reps = replications_;
  for (std::size_t op = 0; op < spec_.operations.size(); ++op) {
    if (!entry_[op]) continue;
    EntrySeries e;
    e.operation = spec_.operations[op].full_name;
    const StepValues& v = total_.entry_steps[op];
    for (std::size_t k = 0; k < steps; ++k) {
      const double seconds = total_.step_length_ns[k] / 1e9;
      e.throughput_per_s.push_back(static_cast<double>(v.completed[k]) / seconds / reps);
      e.error_rate.push_back(v.completed[k] ? static_cast<double>(v.errors[k]) /
                                                  static_cast<double>(v.completed[k])
                                            : 0);
      e.p99_ms.push_back(p99_count_[op][k] ? p99_sum_[op][k] / p99_count_[op][k] : 0);
    }
    series.entries.push_back(std::move(e));
  }
  for (std::size_t s = 0; s < spec_.services.size(); ++s) {
    QueueSeries q;
    q.service = spec_.services[s].name;
    for (std::size_t k = 0; k < steps; ++k)
      q.queue_length.push_back(total_.queue_steps[s][k] / reps);
    series.queues.push_back(std::move(q));
  }
  for (std::size_t b = 0; b < spec_.brokers.size(); ++b) {
    BacklogSeries q;
    q.broker = spec_.brokers[b].name;
    for (std::size_t k = 0; k < steps; ++k) q.backlog.push_back(total_.backlog_steps[b][k] / reps);
    series.backlogs.push_back(std::move(q));
  }
}

void Summary::build_intervals(SimulationResult& result) const {
  for (std::size_t op = 0; op < spec_.operations.size(); ++op) {
    if (!entry_[op]) continue;
    result.intervals.push_back(HeadlineIntervals{
        spec_.operations[op].full_name, confidence_interval(headline_[op].p99_ms),
        confidence_interval(headline_[op].mean_ms), confidence_interval(headline_[op].error_rate)});
  }
}

}  // namespace ripple::sim
