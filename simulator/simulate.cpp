#include "simulator/simulate.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "simulator/random.h"
#include "simulator/replication.h"
#include "simulator/summary.h"
#include "simulator/work_estimate.h"

namespace ripple::sim {
namespace {

RunPlan plan_for(const model::Spec& spec, const SimulationOptions& options) {
  RunPlan plan;
  plan.duration = options.duration ? options.duration->ns : spec.workload.duration.ns;
  plan.warmup = spec.workload.warmup.ns;
  plan.step = options.series_step.ns;
  // The run's budget, shared among its replications (each runs alone; the threads that run
  // several at once share the memory).
  const auto replications = static_cast<std::uint64_t>(std::max(options.replications, 1));
  if (options.budget.max_events != 0)
    plan.max_events = options.budget.max_events / replications + 1;
  if (options.budget.max_memory_bytes != 0)
    plan.max_pending = static_cast<std::size_t>(
        static_cast<double>(options.budget.max_memory_bytes) / kBytesPerPendingEvent /
        std::clamp(options.threads == 0 ? 1 : options.threads, 1, options.replications));
  return plan;
}

std::uint64_t seed_of(const model::Spec& spec, const SimulationOptions& options) {
  return options.seed.value_or(spec.workload.seed);
}

int thread_count(const SimulationOptions& options) {
  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(threads, 1, options.replications);
}

// Runs replications on worker threads. Each finished replication waits in its slot until all
// earlier ones have been consumed, so consumption follows the replication order and only
// replications finished ahead of a slower earlier one wait in memory.
class Runner {
 public:
  Runner(const model::Spec& spec, const SimulationOptions& options,
         const ReplicationConsumer& consume)
      : spec_(spec),
        plan_(plan_for(spec, options)),
        seed_(seed_of(spec, options)),
        trace_(options.trace),
        progress_(options.progress),
        consume_(consume),
        slots_(static_cast<std::size_t>(options.replications)) {
    progress_state_.replications = options.replications;
  }

  void run(int threads) {
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back([this] { work(); });
    work();
    for (std::thread& worker : workers) worker.join();
  }

 private:
  void work() {
    for (;;) {
      const int index = next_.fetch_add(1);
      if (index >= static_cast<int>(slots_.size())) return;
      Replication replication(spec_, plan_, replication_seed(seed_, index), trace_, index);
      ReplicationMetrics metrics = progress_ ? run_reporting(replication) : replication.run();
      const std::lock_guard<std::mutex> lock(mutex_);
      slots_[static_cast<std::size_t>(index)] = std::move(metrics);
      while (consumed_ < slots_.size() && slots_[consumed_]) {
        consume_(static_cast<int>(consumed_), std::move(*slots_[consumed_]));
        slots_[consumed_].reset();
        ++consumed_;
      }
    }
  }

  // Runs `replication` in slices, adding what each slice ran to the run's progress.
  ReplicationMetrics run_reporting(Replication& replication) {
    TimeNs reported_time = 0;
    std::uint64_t reported_events = 0;
    ReplicationMetrics metrics = replication.run(
        [&](TimeNs now, std::uint64_t events) {
          const std::lock_guard<std::mutex> lock(progress_mutex_);
          done_time_ += now - reported_time;
          progress_state_.events_processed += events - reported_events;
          reported_time = now;
          reported_events = events;
          if (now == plan_.duration) ++progress_state_.replications_done;
          progress_state_.fraction =
              static_cast<double>(done_time_) /
              (static_cast<double>(plan_.duration) * static_cast<double>(slots_.size()));
          progress_(progress_state_);
        },
        kProgressSlices);
    return metrics;
  }

  const model::Spec& spec_;
  RunPlan plan_;
  std::uint64_t seed_;
  TraceSink* trace_;
  const ProgressCallback& progress_;
  std::mutex progress_mutex_;
  Progress progress_state_;  // under progress_mutex_
  TimeNs done_time_ = 0;     // under progress_mutex_
  const ReplicationConsumer& consume_;
  std::atomic<int> next_{0};
  std::mutex mutex_;
  std::vector<std::optional<ReplicationMetrics>> slots_;
  std::size_t consumed_ = 0;
};

}  // namespace

std::uint64_t replication_seed(std::uint64_t seed, int index) {
  return derive_seed(seed, stream_key(StreamKind::Replication, static_cast<std::uint64_t>(index)));
}

std::optional<std::string> check_options(const model::Spec& spec,
                                         const SimulationOptions& options) {
  const RunPlan plan = plan_for(spec, options);
  if (plan.duration <= 0) return "the simulated duration must be positive";
  if (plan.warmup >= plan.duration)
    return "the duration (" + model::format_duration(model::Duration{plan.duration}) +
           ") must exceed the warmup (" + model::format_duration(spec.workload.warmup) + ")";
  if (plan.step <= 0) return "the series step must be positive";
  if (plan.duration / plan.step > kMaxSeriesPoints)
    return "the series step (" + model::format_duration(model::Duration{plan.step}) +
           ") cuts the duration into more than " + std::to_string(kMaxSeriesPoints) +
           " points; use --series-step " +
           model::format_duration(model::Duration{plan.duration / kMaxSeriesPoints + 1}) +
           " or more";
  if (options.replications < 1) return "replications must be at least 1";
  if (options.threads < 0) return "threads must be 0 (all cores) or more";
  return check_budget(spec, options);
}

std::optional<std::string> check_budget(const model::Spec& spec, const SimulationOptions& options) {
  const RunPlan plan = plan_for(spec, options);
  const WorkEstimate estimate =
      estimate_work(spec, {plan.duration, plan.step, options.replications, thread_count(options)});
  return over_budget(estimate, options.budget);
}

void run_replications(const model::Spec& spec, const SimulationOptions& options,
                      const ReplicationConsumer& consume) {
  Runner runner(spec, options, consume);
  runner.run(thread_count(options));
}

std::vector<ReplicationMetrics> run_replications(const model::Spec& spec,
                                                 const SimulationOptions& options) {
  std::vector<ReplicationMetrics> all;
  all.reserve(static_cast<std::size_t>(options.replications));
  run_replications(spec, options, [&all](int, ReplicationMetrics&& metrics) {
    all.push_back(std::move(metrics));
  });
  return all;
}

SimulationResult merge_replications(const model::Spec& spec, const SimulationOptions& options,
                                    std::span<const ReplicationMetrics> replications) {
  Summary summary(spec, plan_for(spec, options), seed_of(spec, options));
  for (const ReplicationMetrics& metrics : replications) summary.add(metrics);
  return summary.finish();
}

SimulationResult simulate(const model::Spec& spec, const SimulationOptions& options) {
  const RunPlan plan = plan_for(spec, options);
  const std::uint64_t seed = seed_of(spec, options);
  Summary summary(spec, plan, seed);
  std::vector<SimulationResult> each;
  run_replications(spec, options, [&](int, ReplicationMetrics&& metrics) {
    summary.add(metrics);
    if (!options.keep_replications) return;
    Summary alone(spec, plan, seed);
    alone.add(metrics);
    each.push_back(alone.finish());
  });
  SimulationResult result = summary.finish();
  result.per_replication = std::move(each);
  return result;
}

}  // namespace ripple::sim
