// Benchmark (c): memory does not grow with simulated duration. Runs an M/M/1 at 80/s (mean
// service 10ms) for a short and a long duration, each in a child process of its own, and prints
// the peak RSS of both and their ratio. Usage: bench_flat_memory [--short 1h] [--long 24h];
// internal: bench_flat_memory --run DURATION (prints the peak RSS in KiB).

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "bench_util.h"
#include "model/loader.h"
#include "simulator/simulate.h"

namespace {

int run_one(const std::string& duration) {
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
      duration +
      "\n"
      "  sources: [{to: s.op, rate: 80/s}]\n";
  const auto loaded = ripple::model::load_spec({"mm1.yaml", yaml});
  if (!loaded.spec) return 3;
  ripple::sim::SimulationOptions options;
  options.series_step = ripple::model::Duration{60 * ripple::model::kSecond.ns};
  const auto result = ripple::sim::simulate(*loaded.spec, options);
  std::printf("%ld %llu\n", ripple::bench::peak_rss_kib(),
              static_cast<unsigned long long>(result.operations[0].count));
  return 0;
}

// Runs this executable with --run DURATION and reads back peak RSS and requests served.
bool measure(const char* self, const std::string& duration, long& rss_kib,
             unsigned long long& served) {
  const std::string command = std::string(self) + " --run " + duration;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return false;
  const int fields = std::fscanf(pipe, "%ld %llu", &rss_kib, &served);
  return pclose(pipe) == 0 && fields == 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string run = ripple::bench::arg(argc, argv, "--run", "");
  if (!run.empty()) return run_one(run);
  const std::string short_run = ripple::bench::arg(argc, argv, "--short", "1h");
  const std::string long_run = ripple::bench::arg(argc, argv, "--long", "24h");
  long short_rss = 0, long_rss = 0;
  unsigned long long short_served = 0, long_served = 0;
  if (!measure(argv[0], short_run, short_rss, short_served) ||
      !measure(argv[0], long_run, long_rss, long_served)) {
    std::fprintf(stderr, "bench_flat_memory: a child run failed\n");
    return 3;
  }
  std::printf("M/M/1 at 80/s, %s: %llu requests, peak RSS %ld KiB\n", short_run.c_str(),
              short_served, short_rss);
  std::printf("M/M/1 at 80/s, %s: %llu requests, peak RSS %ld KiB\n", long_run.c_str(), long_served,
              long_rss);
  std::printf("ratio of peak RSS (%s / %s): %.3f\n", long_run.c_str(), short_run.c_str(),
              static_cast<double>(long_rss) / static_cast<double>(short_rss));
  return 0;
}
