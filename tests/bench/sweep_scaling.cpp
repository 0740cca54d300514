// Sweep points spread over cores (issue 15): the points per second of `ripple sweep`'s engine
// (cli/review/sweep.h) with 1 and with 2 threads on the same grid, and the wall time of a
// 20-point sweep of examples/marketplace.yaml with 5 replications per point.
//
// Whether the cores were free is measured first: two bare busy loops in parallel against one
// alone (1.0 = two free cores); the scaling figure is only meaningful when that ratio is near 1,
// and the benchmark says so when it is not. Wall time throughout (the figure is about cores).
//   bench_sweep_scaling [--points 8] [--duration 2m] [--marketplace 1]

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "cli/review/sweep.h"
#include "model/loader.h"
#include "tests/bench/bench_util.h"

namespace {

using namespace ripple;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fixed amount of integer work; returns a value so it is not optimised away.
std::uint64_t busy(std::uint64_t n) {
  std::uint64_t x = 88172645463325252ULL;
  for (std::uint64_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  return x;
}

// Seconds of two busy loops run at once over one run alone: 1.0 when two cores are free.
double parallel_slowdown() {
  constexpr std::uint64_t kWork = 400'000'000;
  std::atomic<std::uint64_t> sink{0};
  double t0 = bench::wall_seconds();
  sink += busy(kWork);
  const double one = bench::wall_seconds() - t0;
  t0 = bench::wall_seconds();
  std::thread other([&] { sink += busy(kWork); });
  sink += busy(kWork);
  other.join();
  const double two = bench::wall_seconds() - t0;
  if (sink.load() == 42) std::puts("");
  return two / one;
}

double sweep_seconds(const model::SourceFile& spec, const std::string& vary, int steps, int threads,
                     int replications, const std::string& duration, int& points) {
  cli::SweepPlan plan;
  plan.axes = {*cli::parse_vary(vary, {steps, false}).axis};
  plan.simulation.replications = replications;
  if (!duration.empty()) plan.simulation.duration = model::parse_duration(duration).value;
  plan.threads = threads;
  const cli::PointLoader load = [&](const std::vector<model::Override>& overrides) {
    return model::load_spec(spec, std::nullopt, {}, {}, overrides);
  };
  const double t0 = bench::wall_seconds();
  const cli::SweepResult result = cli::run_sweep(plan, load);
  const double seconds = bench::wall_seconds() - t0;
  points = static_cast<int>(result.points.size());
  for (const cli::SweepPoint& p : result.points)
    if (!p.error.empty()) {
      std::printf("point %d: %s\n", p.index, p.error.c_str());
      std::exit(1);
    }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int steps = std::stoi(bench::arg(argc, argv, "--points", "8"));
  const std::string duration = bench::arg(argc, argv, "--duration", "2m");
  const bool marketplace = bench::arg(argc, argv, "--marketplace", "1") == "1";
  const std::string root = std::string(RIPPLE_BENCH_DIR) + "/../..";
  const model::SourceFile spec{"examples/marketplace.yaml",
                               read(root + "/examples/marketplace.yaml")};
  const std::string vary = "workload.sources[0].rate=100/s..400/s";

  const double slowdown = parallel_slowdown();
  std::printf("free cores: two busy loops at once take %.2fx one alone (1.00 = 2 free cores)%s\n",
              slowdown,
              slowdown > 1.15 ? " -- the cores were NOT free: the scaling below is low" : "");
  int points = 0;
  const double one = sweep_seconds(spec, vary, steps, 1, 4, duration, points);
  const double two = sweep_seconds(spec, vary, steps, 2, 4, duration, points);
  std::printf(
      "sweep of %d points x 4 replications (%s simulated each): 1 thread %.2f s (%.2f points/s), "
      "2 threads %.2f s (%.2f points/s)\n",
      points, duration.c_str(), one, points / one, two, points / two);
  std::printf(
      "scaling with 2 threads = %.2fx the points per second of 1 (target >= 1.8 on 2 free cores)\n",
      one / two);
  if (marketplace) {
    const double t = sweep_seconds(spec, vary, 20, 2, 5, "", points);
    std::printf(
        "marketplace: 20 points x 5 replications (its own 10m workload) on 2 threads = %.1f s wall "
        "(target well under 60 s)\n",
        t);
  }
  return 0;
}
