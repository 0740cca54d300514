#include "simulator/recorder.h"

#include <algorithm>
#include <limits>

#include "simulator/work_layout.h"

namespace ripple::sim {
namespace {

constexpr TimeNs kNoWatch = std::numeric_limits<TimeNs>::max();

}  // namespace

Recorder::Recorder(const model::Spec& spec, const RunPlan& plan, int edges, Engine& engine)
    : plan_(plan), engine_(engine) {
  const auto n_ops = spec.operations.size();
  metrics_.measured_ns = plan.duration - plan.warmup;
  metrics_.operations.resize(n_ops);
  metrics_.services.resize(spec.services.size());
  metrics_.amplification.resize(n_ops);
  metrics_.edges.resize(static_cast<std::size_t>(edges));
  step_latency_.resize(n_ops);

  steps_ = static_cast<int>((metrics_.measured_ns + plan.step - 1) / plan.step);
  const auto steps = static_cast<std::size_t>(steps_);
  metrics_.entry_steps.resize(n_ops);
  for (std::size_t op = 0; op < n_ops; ++op) {
    if (!is_entry_operation(spec, static_cast<int>(op))) continue;
    StepValues& values = metrics_.entry_steps[op];
    values.completed.assign(steps, 0);
    values.errors.assign(steps, 0);
    values.timed.assign(steps, 0);
    values.p99_ns.assign(steps, 0);
    entries_.push_back(static_cast<int>(op));
  }
  past_latency_.resize(n_ops);
  for (const model::Fault& fault : spec.faults) {
    RecoveryWatch watch;
    watch.start_ns = fault.at.ns;
    watch.end_ns = fault.at.ns + fault.length.ns;
    metrics_.watches.push_back(std::move(watch));
  }
  for (const model::RateSource& source : spec.workload.sources) {
    for (const model::Spike& spike : source.spikes) {
      RecoveryWatch watch;
      watch.start_ns = spike.at.ns;
      watch.end_ns = spike.at.ns + spike.length.ns;
      metrics_.watches.push_back(std::move(watch));
    }
  }
  for (RecoveryWatch& watch : metrics_.watches) {
    watch.base_completed.assign(n_ops, 0);
    watch.base_errors.assign(n_ops, 0);
    watch.slow_limit_ns.assign(n_ops, 0);
    watch.slow.resize(n_ops);
    for (const int op : entries_) watch.slow[index(op)].assign(steps, 0);
  }
  next_watch_ = kNoWatch;
  for (const RecoveryWatch& watch : metrics_.watches)
    next_watch_ = std::min(next_watch_, watch.start_ns);
  metrics_.queue_steps.assign(spec.services.size(), std::vector<double>(steps, 0));
  for (int k = 0; k < steps_; ++k)
    metrics_.step_length_ns.push_back(
        static_cast<double>(step_end(k) - plan.warmup - k * plan.step));

  metrics_.consumers.resize(spec.consumers.size());
  for (std::size_t c = 0; c < spec.consumers.size(); ++c)
    if (partition_tracked(spec, static_cast<int>(c)))
      metrics_.consumers[c].partitions.resize(static_cast<std::size_t>(
          spec.brokers[static_cast<std::size_t>(
                           spec.events[static_cast<std::size_t>(spec.consumers[c].event)].broker)]
              .partitions));
  metrics_.brokers.resize(spec.brokers.size());
  metrics_.backlog_steps.assign(spec.brokers.size(), std::vector<double>(steps, 0));
  metrics_.waiting_steps.assign(spec.consumers.size(), std::vector<double>(steps, 0));
  metrics_.reconnects.resize(spec.workload.reconnects.size());
}

bool partition_tracked(const model::Spec& spec, int c) {
  const model::Event& event =
      spec.events[static_cast<std::size_t>(spec.consumers[static_cast<std::size_t>(c)].event)];
  return event.keys.declared &&
         spec.brokers[static_cast<std::size_t>(event.broker)].type == model::BrokerType::Kafka;
}

TimeNs Recorder::step_end(int step) const {
  return std::min(plan_.duration, plan_.warmup + (step + 1) * plan_.step);
}

void Recorder::start() {
  if (steps_ > 0) engine_.schedule_at<&Recorder::on_step_end>(step_end(0), this, 0);
}

// Watches whose disturbance has begun take their baseline before the first answer at or after
// their start is counted: everything measured before it.
void Recorder::start_watches() {
  next_watch_ = kNoWatch;
  for (RecoveryWatch& watch : metrics_.watches) {
    if (!watch.started && engine_.now() >= watch.start_ns) take_baseline(watch);
    if (!watch.started) next_watch_ = std::min(next_watch_, watch.start_ns);
  }
}

void Recorder::take_baseline(RecoveryWatch& watch) {
  watch.started = true;
  if (watch.start_ns < plan_.warmup) return;  // nothing measured before: no baseline
  for (const int op : entries_) {
    const StepValues& values = metrics_.entry_steps[index(op)];
    for (int k = 0; k <= current_step_ && k < steps_; ++k) {
      watch.base_completed[index(op)] += values.completed[static_cast<std::size_t>(k)];
      watch.base_errors[index(op)] += values.errors[static_cast<std::size_t>(k)];
    }
    Histogram before = past_latency_[index(op)];
    before.merge(step_latency_[index(op)]);
    watch.slow_limit_ns[index(op)] = before.count() ? 1.1 * before.quantile(0.99) : 0;
  }
}

void Recorder::record_entry(int op, Answer answer) {
  StepValues& values = metrics_.entry_steps[index(op)];
  if (values.completed.empty()) return;  // not an entry operation (cannot happen)
  const auto k = static_cast<std::size_t>(current_step_);
  ++values.completed[k];
  if (answer != Answer::Ok) ++values.errors[k];
}

void Recorder::record_entry_answer(int op, Answer answer, TimeNs latency) {
  if (!measuring() || current_step_ >= steps_) return;
  if (engine_.now() >= next_watch_) start_watches();
  record_entry(op, answer);
  StepValues& values = metrics_.entry_steps[index(op)];
  if (values.completed.empty()) return;
  step_latency_[index(op)].record(latency);
  const auto k = static_cast<std::size_t>(current_step_);
  ++values.timed[k];
  for (RecoveryWatch& watch : metrics_.watches) {
    if (!watch.started) continue;
    if (static_cast<double>(latency) > watch.slow_limit_ns[index(op)] &&
        watch.base_completed[index(op)] > 0)
      ++watch.slow[index(op)][k];
  }
}

void Recorder::record_entry_refusal(int op) {
  if (!measuring() || current_step_ >= steps_) return;
  if (engine_.now() >= next_watch_) start_watches();
  record_entry(op, Answer::Error);
}

void Recorder::on_step_end(std::uint64_t step) {
  const auto k = static_cast<std::size_t>(step);
  for (std::size_t op = 0; op < metrics_.entry_steps.size(); ++op) {
    StepValues& values = metrics_.entry_steps[op];
    if (values.completed.empty()) continue;
    values.p99_ns[k] = step_latency_[op].quantile(0.99);
    if (next_watch_ != kNoWatch) past_latency_[op].merge(step_latency_[op]);
    step_latency_[op].clear();
  }
  for (StepSampler* sampler : samplers_) sampler->sample_step(*this, k);
  current_step_ = static_cast<int>(step) + 1;
  if (current_step_ < steps_)
    engine_.schedule_at<&Recorder::on_step_end>(step_end(current_step_), this, step + 1);
}

ReplicationMetrics Recorder::finish(std::uint64_t events) {
  metrics_.events_processed = events;
  return std::move(metrics_);
}

}  // namespace ripple::sim
