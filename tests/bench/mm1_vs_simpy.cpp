// Benchmark (a): M/M/1 customers simulated per second of CPU time, Ripple versus a bare C++
// event loop written for this model alone (bare_loop.h: the single-core limit) and versus SimPy,
// on the same model in the same run (arrivals 80/s, exponential service with mean 10ms, one
// worker, unbounded FIFO). Prints each rate and the ratios Ripple/bare (issue 19's target:
// >= 0.6) and Ripple/SimPy. The bare loop and Ripple run alternately, `--rounds` times each;
// the figures are the medians, so that a burst of load on a shared machine skews neither.
// Usage: bench_mm1_vs_simpy [--customers N] [--rounds R] [--python PATH].

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bare_loop.h"
#include "bench_util.h"
#include "model/loader.h"
#include "simulator/simulate.h"

namespace {

constexpr double kRatePerS = 80;

double run_ripple(long customers, double& mean_ms, std::uint64_t& served) {
  const double seconds = static_cast<double>(customers) / kRatePerS;
  const std::string yaml =
      "ripple: 1\n"
      "services:\n"
      "  s:\n"
      "    workers: 1\n"
      "    queue: unbounded\n"
      "    operations:\n"
      "      op: {time: exp(10ms)}\n"
      "workload:\n"
      "  duration: " +
      std::to_string(static_cast<long>(seconds * 1000)) +
      "ms\n"
      "  sources: [{to: s.op, rate: 80/s}]\n";
  const auto loaded = ripple::model::load_spec({"mm1.yaml", yaml});
  if (!loaded.spec) {
    std::fprintf(stderr, "bench spec did not load\n");
    std::exit(3);
  }
  ripple::sim::SimulationOptions options;
  options.series_step = ripple::model::Duration{60 * ripple::model::kSecond.ns};
  const double started = ripple::bench::cpu_seconds();
  const auto result = ripple::sim::simulate(*loaded.spec, options);
  const double cpu = ripple::bench::cpu_seconds() - started;
  mean_ms = result.operations[0].latency.mean_ms;
  served = result.operations[0].count;
  return cpu;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const long customers = std::stol(ripple::bench::arg(argc, argv, "--customers", "2000000"));
  const std::string python = ripple::bench::arg(argc, argv, "--python", "/usr/bin/python3");
  const int rounds = std::max(1, std::stoi(ripple::bench::arg(argc, argv, "--rounds", "3")));
  double mean_ms = 0;
  std::uint64_t served = 0;
  ripple::bench::BareLoopResult bare;
  std::vector<double> ripple_rates, bare_rates, ripple_cpus, bare_cpus;
  for (int round = 0; round < rounds; ++round) {
    const double started = ripple::bench::cpu_seconds();
    bare = ripple::bench::bare_mm1(static_cast<std::uint64_t>(customers), kRatePerS, 10.0,
                                   static_cast<std::uint64_t>(round) + 1);
    const double bare_cpu = std::max(ripple::bench::cpu_seconds() - started, 1e-6);
    bare_cpus.push_back(bare_cpu);
    bare_rates.push_back(static_cast<double>(bare.customers) / bare_cpu);
    const double ripple_cpu = std::max(run_ripple(customers, mean_ms, served), 1e-6);
    ripple_cpus.push_back(ripple_cpu);
    ripple_rates.push_back(static_cast<double>(served) / ripple_cpu);
  }
  const double ripple_rate = median(ripple_rates), bare_rate = median(bare_rates);
  std::printf(
      "bare:   %llu customers in %.3f s CPU = %.0f customers/s (mean response %.2f ms, "
      "oracle 50 ms; 4-ary heap, median of %d)\n",
      static_cast<unsigned long long>(bare.customers), median(bare_cpus), bare_rate,
      bare.mean_response_ms, rounds);
  std::printf(
      "ripple: %llu customers in %.3f s CPU = %.0f customers/s (mean response %.2f ms, "
      "oracle 50 ms; median of %d)\n",
      static_cast<unsigned long long>(served), median(ripple_cpus), ripple_rate, mean_ms, rounds);
  std::printf("ripple/bare: %.2f of the bare loop's customers per CPU second (target >= 0.6)\n",
              ripple_rate / bare_rate);

  // SimPy is much slower: give it a tenth of the customers (at least 1000), compare rates.
  const long simpy_customers = customers / 10 > 1000 ? customers / 10 : 1000;
  const std::string command = python + " " RIPPLE_BENCH_DIR "/mm1_simpy.py " +
                              std::to_string(simpy_customers) + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  long simpy_served = 0;
  double simpy_cpu = 0, simpy_mean = 0;
  const int fields =
      pipe ? std::fscanf(pipe, "%ld %lf %lf", &simpy_served, &simpy_cpu, &simpy_mean) : 0;
  if (pipe) pclose(pipe);
  if (fields != 3 || simpy_cpu <= 0) {
    std::printf("simpy: not available (needs SimPy 2.x for %s); no ratio\n", python.c_str());
    return 0;
  }
  const double simpy_rate = static_cast<double>(simpy_served) / simpy_cpu;
  std::printf("simpy:  %ld customers in %.3f s CPU = %.0f customers/s (mean response %.2f ms)\n",
              simpy_served, simpy_cpu, simpy_rate, simpy_mean);
  std::printf("ratio:  ripple is %.1fx faster than SimPy (target >= 50x)\n",
              ripple_rate / simpy_rate);
  return 0;
}
