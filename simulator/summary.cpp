#include "simulator/summary.h"

#include <algorithm>

#include "simulator/statistics.h"

namespace ripple::sim {
namespace {

constexpr double kNsPerMs = 1e6;
constexpr int kRecoverySteps = 10;         // consecutive healthy steps that mark recovery
constexpr double kRecoverySlack = 0.1;     // 10% above the value before the fault
constexpr double kErrorRateSlack = 0.001;  // or 0.1 percentage points

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
    : spec_(spec), plan_(plan), seed_(seed) {
  const std::size_t n_ops = spec.operations.size();
  const auto steps =
      static_cast<std::size_t>((plan.duration - plan.warmup + plan.step - 1) / plan.step);
  entry_.assign(n_ops, false);
  for (const model::RateSource& source : spec.workload.sources)
    entry_[static_cast<std::size_t>(source.to)] = true;
  std::size_t edges = 0;
  for (const model::Operation& op : spec.operations) edges += op.work.calls.size();

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
  p99_sum_.assign(n_ops, std::vector<double>(steps, 0));
  p99_count_.assign(n_ops, std::vector<int>(steps, 0));
  headline_.resize(n_ops);
}

void Summary::add(ReplicationMetrics&& r) {
  ++replications_;
  total_.events_processed += r.events_processed;
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
}

SimulationResult Summary::finish() const {
  SimulationResult result;
  result.seed = seed_;
  result.replications = replications_;
  result.duration_ms = static_cast<double>(plan_.duration) / kNsPerMs;
  result.warmup_ms = static_cast<double>(plan_.warmup) / kNsPerMs;
  result.events_processed = total_.events_processed;
  build_operations(result);
  build_services(result);
  build_calls(result);
  build_series(result);
  for (const model::Fault& fault : spec_.faults) {
    FaultResult f;
    f.target = fault.target_name;
    f.mode = model::to_string(fault.mode);
    f.at_ms = fault.at.millis();
    f.for_ms = fault.length.millis();
    f.recovery_time_ms = recovery_time_ms(result.series, fault);
    result.faults.push_back(std::move(f));
  }
  for (const model::Consumer& consumer : spec_.consumers) {
    ConsumerResult c;
    c.name = consumer.name;
    result.consumers.push_back(std::move(c));
  }
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

void Summary::build_services(SimulationResult& result) const {
  const double measured_ns = static_cast<double>(total_.measured_ns) * replications_;
  for (std::size_t s = 0; s < spec_.services.size(); ++s) {
    const model::Service& service = spec_.services[s];
    const double capacity = measured_ns * service.replicas * service.workers;
    const ServiceMetrics& m = total_.services[s];
    result.services.push_back(ServiceResult{
        service.name, capacity > 0 ? m.busy_worker_ns / capacity : 0, m.rejected, m.max_queue});
  }
}

void Summary::build_calls(SimulationResult& result) const {
  std::size_t edge = 0;
  for (const model::Operation& op : spec_.operations) {
    for (std::size_t c = 0; c < op.work.calls.size(); ++c, ++edge) {
      const EdgeMetrics& m = total_.edges[edge];
      CallEdgeResult e;
      e.from = op.full_name;
      e.to = spec_.operations[static_cast<std::size_t>(op.work.calls[c].target)].full_name;
      e.index = static_cast<int>(c);
      e.calls = m.calls;
      e.attempts = m.attempts;
      e.retries = m.retries;
      e.timeouts = m.timeouts;
      e.short_circuited = m.short_circuited;
      e.breaker_opens = m.breaker_opens;
      e.failures = m.failures;
      result.calls.push_back(std::move(e));
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
}

void Summary::build_intervals(SimulationResult& result) const {
  for (std::size_t op = 0; op < spec_.operations.size(); ++op) {
    if (!entry_[op]) continue;
    result.intervals.push_back(HeadlineIntervals{
        spec_.operations[op].full_name, confidence_interval(headline_[op].p99_ms),
        confidence_interval(headline_[op].mean_ms), confidence_interval(headline_[op].error_rate)});
  }
}

// Per-step p99s rest on few samples and scatter by tens of percent, so a single step is too
// noisy to compare with a 10% band. Values are therefore averaged: the baseline is the mean over
// the steps that end before the fault starts, and a candidate run is the mean over ten
// consecutive steps starting at or after the fault's end. The run is healthy when, for every
// entry operation, its mean error rate is at most max(baseline x 1.1, baseline + 0.001) and its
// mean p99 at most baseline x 1.1 (being better than before is healthy).
std::optional<double> recovery_time_ms(const Series& series, const model::Fault& fault) {
  const double start = fault.at.millis();
  const double end = start + fault.length.millis();
  std::size_t before = 0;
  while (before < series.start_ms.size() && series.start_ms[before] + series.step_ms <= start)
    ++before;
  if (before == 0 || series.entries.empty()) return std::nullopt;
  auto mean = [](const std::vector<double>& values, std::size_t from, std::size_t count) {
    double sum = 0;
    for (std::size_t k = from; k < from + count; ++k) sum += values[k];
    return sum / static_cast<double>(count);
  };
  auto healthy = [&](std::size_t from) {
    for (const EntrySeries& entry : series.entries) {
      const double base_error = mean(entry.error_rate, 0, before);
      const double base_p99 = mean(entry.p99_ms, 0, before);
      const double error_limit =
          std::max(base_error * (1 + kRecoverySlack), base_error + kErrorRateSlack);
      if (mean(entry.error_rate, from, kRecoverySteps) > error_limit) return false;
      if (mean(entry.p99_ms, from, kRecoverySteps) > base_p99 * (1 + kRecoverySlack)) return false;
    }
    return true;
  };
  for (std::size_t k = 0; k + kRecoverySteps <= series.start_ms.size(); ++k) {
    if (series.start_ms[k] < end) continue;
    if (healthy(k)) return series.start_ms[k] - end;
  }
  return std::nullopt;
}

}  // namespace ripple::sim
