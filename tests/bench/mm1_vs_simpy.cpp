// Benchmark (a): M/M/1 customers simulated per second of CPU time, Ripple versus SimPy on the
// same model in the same run (arrivals 80/s, exponential service with mean 10ms, one worker,
// unbounded FIFO). Usage: bench_mm1_vs_simpy [--customers N] [--python PATH].

#include <cstdio>
#include <string>

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

}  // namespace

int main(int argc, char** argv) {
  const long customers = std::stol(ripple::bench::arg(argc, argv, "--customers", "2000000"));
  const std::string python = ripple::bench::arg(argc, argv, "--python", "/usr/bin/python3");
  double mean_ms = 0;
  std::uint64_t served = 0;
  const double ripple_cpu = run_ripple(customers, mean_ms, served);
  const double ripple_rate = static_cast<double>(served) / ripple_cpu;
  std::printf(
      "ripple: %llu customers in %.3f s CPU = %.0f customers/s (mean response %.2f ms, "
      "oracle 50 ms)\n",
      static_cast<unsigned long long>(served), ripple_cpu, ripple_rate, mean_ms);

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
