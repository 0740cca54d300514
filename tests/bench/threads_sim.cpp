// Benchmark: replications spread over threads. Runs the scale design (scale_design.h) with
// `--replications 4` on 1 thread and then on 2, and prints the wall-time speedup (issue 19's
// target: >= 1.8x with 2 free cores) and whether the two runs' results agree.
//
// Wall time is what threads save, so this one benchmark measures wall time; it first checks
// that two cores are free by timing one bare M/M/1 loop (bare_loop.h) alone and then two at
// once on two threads: on two free cores the pair takes as long as one. When the pair takes
// more than 1.1x as long, it says so and the speedup is a measure of the machine's load, not of
// the simulator. It also prints the CPU seconds of both runs, which load does not change much:
// their ratio is the work that spreading over threads adds.
// Usage: bench_threads_sim [--duration SECONDS] [--rate PER_S] [--replications N]

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "bare_loop.h"
#include "bench_util.h"
#include "model/loader.h"
#include "scale_design.h"
#include "simulator/simulate.h"

namespace {

constexpr std::uint64_t kBareCustomers = 3'000'000;

double time_bare_loops(int loops) {
  const double started = ripple::bench::wall_seconds();
  std::vector<std::thread> threads;
  for (int i = 0; i < loops; ++i)
    threads.emplace_back([i] {
      const auto result =
          ripple::bench::bare_mm1(kBareCustomers, 80, 10.0, static_cast<std::uint64_t>(i) + 1);
      if (result.customers != kBareCustomers) std::abort();
    });
  for (auto& thread : threads) thread.join();
  return ripple::bench::wall_seconds() - started;
}

}  // namespace

int main(int argc, char** argv) {
  ripple::bench::ScaleDesignOptions design;
  design.duration_s = std::stod(ripple::bench::arg(argc, argv, "--duration", "20"));
  design.rate_per_s = std::stod(ripple::bench::arg(argc, argv, "--rate", "50000"));
  const int replications = std::stoi(ripple::bench::arg(argc, argv, "--replications", "4"));
  const auto loaded =
      ripple::model::load_spec({"scale-200.yaml", ripple::bench::scale_design(design)});
  if (!loaded.spec) {
    std::fprintf(stderr, "bench_threads_sim: the generated design did not load\n");
    return 3;
  }

  const double one = time_bare_loops(1);
  const double two = time_bare_loops(2);
  const double pair_ratio = two / one;
  const bool free = pair_ratio <= 1.1;
  std::printf("cores: one bare loop %.3f s wall, two in parallel %.3f s wall (%.2fx): %s\n", one,
              two, pair_ratio,
              free ? "2 cores free"
                   : "2 cores NOT free (other load on the machine): the speedup below measures "
                     "that load too");

  ripple::sim::SimulationOptions options;
  options.replications = replications;
  double wall[2] = {0, 0}, cpu[2] = {0, 0};
  std::uint64_t events[2] = {0, 0};
  double mean_ms[2] = {0, 0};
  for (int threads = 1; threads <= 2; ++threads) {
    options.threads = threads;
    const double started = ripple::bench::wall_seconds();
    const double cpu_started = ripple::bench::cpu_seconds();
    const auto result = ripple::sim::simulate(*loaded.spec, options);
    wall[threads - 1] = ripple::bench::wall_seconds() - started;
    cpu[threads - 1] = ripple::bench::cpu_seconds() - cpu_started;
    events[threads - 1] = result.events_processed;
    mean_ms[threads - 1] = result.operations.empty() ? 0 : result.operations[0].latency.mean_ms;
  }
  const bool same = events[0] == events[1] && mean_ms[0] == mean_ms[1];
  std::printf(
      "scale design, %.0f simulated s at %.0f/s, --replications %d: --threads 1 %.3f s "
      "wall, --threads 2 %.3f s wall\n",
      design.duration_s, design.rate_per_s, replications, wall[0], wall[1]);
  // CPU time of the whole process (both threads): what running on 2 threads costs in work.
  std::printf("CPU: --threads 1 %.3f s, --threads 2 %.3f s (ratio %.2f: the work threads add)\n",
              cpu[0], cpu[1], cpu[1] / std::max(cpu[0], 1e-9));
  std::printf("speedup %.2fx with 2 threads (target >= 1.8x on 2 free cores%s); results %s\n",
              wall[0] / std::max(wall[1], 1e-9), free ? "" : "; cores were not free",
              same ? "identical" : "DIFFER");
  return same ? 0 : 1;
}
