// Benchmark: the simulator on issue 19's scale design (scale_design.h: 200 services, sync calls
// at most 5 deep, retries, timeouts, 30 Kafka events with 2-5 consumers, a fault) at 50,000
// entry requests/s for 10 simulated minutes, one replication on one core. Prints the CPU
// seconds of simulate() (target < 60 s), the events it ran per CPU second beside those of the
// bare M/M/1 loop (bare_loop.h) timed in the same process, and the resident memory early in the
// run (at 10% of the simulated time, past the warmup) and at its end (flat memory: the ratio
// stays near 1).
// Usage: bench_scale_sim [--duration SECONDS] [--rate PER_S] [--seed N] [--write FILE]
//   --write FILE writes the design's YAML there and exits (for `ripple simulate`).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "bare_loop.h"
#include "bench_util.h"
#include "model/loader.h"
#include "scale_design.h"
#include "simulator/simulate.h"

namespace {

// Resident memory now, in MiB (/proc/self/statm: pages).
double resident_mib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

}  // namespace

int main(int argc, char** argv) {
  ripple::bench::ScaleDesignOptions design;
  design.duration_s = std::stod(ripple::bench::arg(argc, argv, "--duration", "600"));
  design.rate_per_s = std::stod(ripple::bench::arg(argc, argv, "--rate", "50000"));
  design.seed = std::stoull(ripple::bench::arg(argc, argv, "--seed", "1"));
  const std::string yaml = ripple::bench::scale_design(design);
  const std::string write = ripple::bench::arg(argc, argv, "--write", "");
  if (!write.empty()) {
    std::ofstream(write) << yaml;
    return 0;
  }
  const auto loaded = ripple::model::load_spec({"scale-200.yaml", yaml});
  if (!loaded.spec) {
    std::fprintf(stderr, "bench_scale_sim: the generated design did not load\n");
    return 3;
  }

  // The bare loop first: its events per CPU second on this machine, now.
  const double bare_started = ripple::bench::cpu_seconds();
  const auto bare = ripple::bench::bare_mm1(2'000'000, 80, 10.0);
  const double bare_cpu = std::max(ripple::bench::cpu_seconds() - bare_started, 1e-6);
  const double bare_rate = static_cast<double>(bare.events) / bare_cpu;

  ripple::sim::SimulationOptions options;
  double early_mib = 0, late_mib = 0;
  options.progress = [&](const ripple::sim::Progress& progress) {
    if (early_mib == 0 && progress.fraction >= 0.1) early_mib = resident_mib();
    if (progress.fraction >= 1.0) late_mib = resident_mib();
  };
  const double started = ripple::bench::cpu_seconds();
  const auto result = ripple::sim::simulate(*loaded.spec, options);
  const double cpu = std::max(ripple::bench::cpu_seconds() - started, 1e-6);
  const double rate = static_cast<double>(result.events_processed) / cpu;
  std::uint64_t entry = 0;
  for (const auto& op : result.operations) entry = std::max(entry, op.count);

  std::printf("scale design: %d services, %.0f entry requests/s, %.0f simulated s, 1 replication\n",
              static_cast<int>(loaded.spec->services.size()), design.rate_per_s, design.duration_s);
  std::printf("simulate: %.2f s CPU (target < 60 s for 600 simulated s)\n", cpu);
  std::printf("events: %llu run, %.3fM events per CPU second\n",
              static_cast<unsigned long long>(result.events_processed), rate / 1e6);
  std::printf("bare loop: %.3fM events per CPU second (M/M/1, %llu events in %.3f s CPU)\n",
              bare_rate / 1e6, static_cast<unsigned long long>(bare.events), bare_cpu);
  std::printf("ripple/bare: %.3f of the bare loop's events per CPU second\n", rate / bare_rate);
  std::printf(
      "memory: %.1f MiB resident at 10%% of the run, %.1f MiB at its end; "
      "late/early %.3f\n",
      early_mib, late_mib, early_mib > 0 ? late_mib / early_mib : 0.0);
  if (result.over_budget || early_mib <= 0 || late_mib <= 0 || result.events_processed == 0) {
    std::fprintf(stderr, "bench_scale_sim: a figure is missing\n");
    return 1;
  }
  return 0;
}
