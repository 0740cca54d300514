#pragma once

// The metrics component of a replication: the warmup gate, the counters and histograms of
// ReplicationMetrics (components record their own figures through the accessors), the time series
// of entry operations, and the step clock that samples every registered StepSampler at the end of
// each step. Memory is fixed per model element and per step; nothing grows with the number of
// simulated requests.
//
// Not thread-safe; one per replication. The Engine must outlive it.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/spec.h"
#include "simulator/answer.h"
#include "simulator/engine.h"
#include "simulator/histogram.h"
#include "simulator/metrics.h"
#include "simulator/run_plan.h"

namespace ripple::sim {

class Recorder;

// A component with per-step series (queue lengths, backlogs): asked for its values at the end of
// every measured step.
class StepSampler {
 public:
  virtual void sample_step(Recorder& recorder, std::size_t step) = 0;

 protected:
  ~StepSampler() = default;
};

// A count of busy units (workers, consumer slots) and when it last changed, for time-weighted
// busy integrals (Recorder::accumulate).
struct BusyClock {
  int busy = 0;
  TimeNs since = 0;
};

// Whether consumer `c` gets per-partition figures: a group on a Kafka broker consuming an event
// that declares `keys:`. Others keep the output they always had.
[[nodiscard]] bool partition_tracked(const model::Spec& spec, int c);

class Recorder {
 public:
  // `edges`: the number of call edges of the spec's WorkLayout.
  Recorder(const model::Spec& spec, const RunPlan& plan, int edges, Engine& engine);
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Whether what happens now counts: the warmup is over.
  [[nodiscard]] bool measuring() const { return engine_.now() >= plan_.warmup; }

  [[nodiscard]] OperationMetrics& operation(int op) { return metrics_.operations[index(op)]; }
  [[nodiscard]] ServiceMetrics& service(int s) { return metrics_.services[index(s)]; }
  [[nodiscard]] EdgeMetrics& edge(int e) { return metrics_.edges[index(e)]; }
  [[nodiscard]] AmplificationMetrics& amplification(int op) {
    return metrics_.amplification[index(op)];
  }
  [[nodiscard]] ConsumerMetrics& consumer(int c) { return metrics_.consumers[index(c)]; }
  [[nodiscard]] BrokerMetrics& broker(int b) { return metrics_.brokers[index(b)]; }
  [[nodiscard]] ReconnectMetrics& reconnect(int source) {
    return metrics_.reconnects[index(source)];
  }
  // Per-step series of the samplers, one value per measured step.
  [[nodiscard]] std::vector<double>& queue_series(int s) { return metrics_.queue_steps[index(s)]; }
  [[nodiscard]] std::vector<double>& backlog_series(int b) {
    return metrics_.backlog_steps[index(b)];
  }
  [[nodiscard]] std::vector<double>& waiting_series(int c) {
    return metrics_.waiting_steps[index(c)];
  }

  // An entry request of `op` answered now; its latency goes into the step's p99.
  void record_entry_answer(int op, Answer answer, TimeNs latency);
  // An entry request of `op` refused at arrival (no latency).
  void record_entry_refusal(int op);

  // Adds clock.busy x the measured time since clock.since to `into` (busy nanoseconds), then
  // restarts the clock at now. Call it before every change of clock.busy.
  void accumulate(BusyClock& clock, double& into) const {
    const TimeNs from = std::max(clock.since, plan_.warmup);
    const TimeNs now = engine_.now();
    if (now > from) into += static_cast<double>(clock.busy) * static_cast<double>(now - from);
    clock.since = now;
  }

  // REQUIRES: before start(); `sampler` outlives the run.
  void add_sampler(StepSampler& sampler) { samplers_.push_back(&sampler); }
  // Schedules the end of the first step.
  void start();
  // The metrics of the run, which processed `events` engine events. Call once, at the end.
  [[nodiscard]] ReplicationMetrics finish(std::uint64_t events);

 private:
  static std::size_t index(int id) { return static_cast<std::size_t>(id); }
  void record_entry(int op, Answer answer);
  void start_watches();
  void take_baseline(RecoveryWatch& watch);
  void on_step_end(std::uint64_t step);
  [[nodiscard]] TimeNs step_end(int step) const;

  RunPlan plan_;
  Engine& engine_;
  ReplicationMetrics metrics_;
  std::vector<Histogram> step_latency_;  // by operation id, entries only used
  std::vector<Histogram> past_latency_;  // by operation id: entry answers of the steps so far
  std::vector<int> entries_;             // entry operation ids
  TimeNs next_watch_ = 0;                // earliest start of a watch not yet started; max: none
  std::vector<StepSampler*> samplers_;
  int current_step_ = 0;
  int steps_ = 0;
};

}  // namespace ripple::sim
