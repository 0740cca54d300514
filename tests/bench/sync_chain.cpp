// Benchmark (b): simulated requests per second of CPU time on one core, for a three-hop
// synchronous chain (gateway -> order -> payment) with per-attempt timeouts and retries.
// A request is any arrival at a service: entry requests, calls and retry attempts.
// Usage: bench_sync_chain [--seconds SIMULATED_SECONDS] (default 600).

#include <cstdio>
#include <string>

#include "bench_util.h"
#include "chain_spec.h"
#include "model/loader.h"
#include "simulator/simulate.h"

int main(int argc, char** argv) {
  const std::string seconds = ripple::bench::arg(argc, argv, "--seconds", "600");
  const std::string yaml = ripple::bench::chain_spec(seconds);
  const auto loaded = ripple::model::load_spec({"chain.yaml", yaml});
  if (!loaded.spec) {
    std::fprintf(stderr, "bench spec did not load\n");
    return 3;
  }
  ripple::sim::SimulationOptions options;
  options.series_step = ripple::model::Duration{10 * ripple::model::kSecond.ns};
  const double started = ripple::bench::cpu_seconds();
  const auto result = ripple::sim::simulate(*loaded.spec, options);
  const double cpu = ripple::bench::cpu_seconds() - started;
  std::uint64_t requests = 0;
  for (const auto& op : result.operations) requests += op.count + op.in_flight;
  std::printf(
      "three-hop chain: %llu simulated requests (%llu events) in %.3f s CPU = %.2fM requests/s "
      "(target >= 1M/s)\n",
      static_cast<unsigned long long>(requests),
      static_cast<unsigned long long>(result.events_processed), cpu,
      static_cast<double>(requests) / cpu / 1e6);
  for (const auto& op : result.operations)
    std::printf("  %-18s count %-9llu errors %-7llu p99 %.2f ms\n", op.name.c_str(),
                static_cast<unsigned long long>(op.count),
                static_cast<unsigned long long>(op.errors), op.latency.p99_ms);
  return 0;
}
