#include "simulator/simulate.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "simulator/random.h"
#include "simulator/replication.h"
#include "simulator/summary.h"

namespace ripple::sim {
namespace {

RunPlan plan_for(const model::Spec& spec, const SimulationOptions& options) {
  RunPlan plan;
  plan.duration = options.duration ? options.duration->ns : spec.workload.duration.ns;
  plan.warmup = spec.workload.warmup.ns;
  plan.step = options.series_step.ns;
  return plan;
}

// Runs replications on `threads` workers. Each finished replication waits in its slot until all
// earlier ones have been added to the summary, so the merge order is the replication order and
// only replications finished ahead of a slower earlier one wait in memory.
class Runner {
 public:
  Runner(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed, int replications)
      : spec_(spec),
        plan_(plan),
        seed_(seed),
        slots_(static_cast<std::size_t>(replications)),
        summary_(spec, plan, seed) {}

  SimulationResult run(int threads) {
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back([this] { work(); });
    work();
    for (std::thread& worker : workers) worker.join();
    return summary_.finish();
  }

 private:
  void work() {
    for (;;) {
      const int index = next_.fetch_add(1);
      if (index >= static_cast<int>(slots_.size())) return;
      Replication replication(spec_, plan_, replication_seed(seed_, index));
      ReplicationMetrics metrics = replication.run();
      const std::lock_guard<std::mutex> lock(mutex_);
      slots_[static_cast<std::size_t>(index)] = std::move(metrics);
      while (merged_ < slots_.size() && slots_[merged_]) {
        summary_.add(std::move(*slots_[merged_]));
        slots_[merged_].reset();
        ++merged_;
      }
    }
  }

  const model::Spec& spec_;
  RunPlan plan_;
  std::uint64_t seed_;
  std::atomic<int> next_{0};
  std::mutex mutex_;
  std::vector<std::optional<ReplicationMetrics>> slots_;
  std::size_t merged_ = 0;
  Summary summary_;
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
  if (options.replications < 1) return "replications must be at least 1";
  if (options.threads < 0) return "threads must be 0 (all cores) or more";
  return std::nullopt;
}

SimulationResult simulate(const model::Spec& spec, const SimulationOptions& options) {
  const RunPlan plan = plan_for(spec, options);
  const std::uint64_t seed = options.seed.value_or(spec.workload.seed);
  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::clamp(threads, 1, options.replications);
  Runner runner(spec, plan, seed, options.replications);
  return runner.run(threads);
}

}  // namespace ripple::sim
