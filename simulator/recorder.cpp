#include "simulator/recorder.h"

#include <algorithm>

#include "simulator/work_layout.h"

namespace ripple::sim {

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
    values.p99_ns.assign(steps, 0);
  }
  metrics_.queue_steps.assign(spec.services.size(), std::vector<double>(steps, 0));
  for (int k = 0; k < steps_; ++k)
    metrics_.step_length_ns.push_back(
        static_cast<double>(step_end(k) - plan.warmup - k * plan.step));

  metrics_.consumers.resize(spec.consumers.size());
  metrics_.brokers.resize(spec.brokers.size());
  metrics_.backlog_steps.assign(spec.brokers.size(), std::vector<double>(steps, 0));
  metrics_.waiting_steps.assign(spec.consumers.size(), std::vector<double>(steps, 0));
  metrics_.reconnects.resize(spec.workload.reconnects.size());
}

TimeNs Recorder::step_end(int step) const {
  return std::min(plan_.duration, plan_.warmup + (step + 1) * plan_.step);
}

void Recorder::start() {
  if (steps_ > 0) engine_.schedule_at<&Recorder::on_step_end>(step_end(0), this, 0);
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
  record_entry(op, answer);
  if (!metrics_.entry_steps[index(op)].completed.empty()) step_latency_[index(op)].record(latency);
}

void Recorder::record_entry_refusal(int op) {
  if (!measuring() || current_step_ >= steps_) return;
  record_entry(op, Answer::Error);
}

void Recorder::on_step_end(std::uint64_t step) {
  const auto k = static_cast<std::size_t>(step);
  for (std::size_t op = 0; op < metrics_.entry_steps.size(); ++op) {
    StepValues& values = metrics_.entry_steps[op];
    if (values.completed.empty()) continue;
    values.p99_ns[k] = step_latency_[op].quantile(0.99);
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
