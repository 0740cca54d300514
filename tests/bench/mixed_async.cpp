// Benchmark: simulated engine events per second of CPU time on one core for a mixed
// synchronous/asynchronous system (examples/marketplace.yaml: calls with retries and a breaker,
// a Kafka bus, thin events with callbacks, batched writes, a choreography chain, faults), and
// its ratio to the same figure for the synchronous three-hop chain of bench_sync_chain. The
// event machinery must keep the rate within a factor of two of the synchronous core
// (ratio >= 0.5).
// Usage: bench_mixed_async [--seconds SIMULATED_SECONDS] (default: the example's 600)
//                          [--chain-seconds SECONDS] (default 300) [--require-ratio]

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "bench_util.h"
#include "chain_spec.h"
#include "model/loader.h"
#include "simulator/simulate.h"

namespace {

struct Rate {
  double events = 0;
  double cpu = 0;
  [[nodiscard]] double per_second() const { return events / cpu; }
};

std::optional<ripple::model::Spec> load(const std::string& name, const std::string& text) {
  auto loaded = ripple::model::load_spec({name, text});
  if (!loaded.spec) std::fprintf(stderr, "%s did not load\n", name.c_str());
  return std::move(loaded.spec);
}

Rate measure(const ripple::model::Spec& spec, const std::string& seconds) {
  ripple::sim::SimulationOptions options;
  if (!seconds.empty())
    options.duration = ripple::model::Duration::from_seconds(std::stod(seconds));
  options.series_step = ripple::model::Duration{10 * ripple::model::kSecond.ns};
  const double started = ripple::bench::cpu_seconds();
  const auto result = ripple::sim::simulate(spec, options);
  Rate rate;
  rate.cpu = ripple::bench::cpu_seconds() - started;
  rate.events = static_cast<double>(result.events_processed);
  for (const auto& c : result.consumers)
    std::printf("  %-34s delivered %-9llu lag p99 %.1f ms\n", c.name.c_str(),
                static_cast<unsigned long long>(c.delivered), c.lag.p99_ms);
  return rate;
}

bool flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i)
    if (argv[i] == name) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string seconds = ripple::bench::arg(argc, argv, "--seconds", "");
  const std::string chain_seconds = ripple::bench::arg(argc, argv, "--chain-seconds", "300");
  std::ifstream file(std::string(RIPPLE_BENCH_DIR) + "/../../examples/marketplace.yaml");
  std::stringstream text;
  text << file.rdbuf();
  const auto mixed = load("marketplace.yaml", text.str());
  const auto chain = load("chain.yaml", ripple::bench::chain_spec(chain_seconds));
  if (!mixed || !chain) return 3;

  std::printf("marketplace (sync + async):\n");
  const Rate async_rate = measure(*mixed, seconds);
  const Rate sync_rate = measure(*chain, "");
  const double ratio = async_rate.per_second() / sync_rate.per_second();
  std::printf("mixed sync/async: %.0f events in %.3f s CPU = %.2fM events/s\n", async_rate.events,
              async_rate.cpu, async_rate.per_second() / 1e6);
  std::printf("sync chain:       %.0f events in %.3f s CPU = %.2fM events/s\n", sync_rate.events,
              sync_rate.cpu, sync_rate.per_second() / 1e6);
  std::printf("ratio %.2f (must be >= 0.5: within a factor of two of the synchronous core)\n",
              ratio);
  if (flag(argc, argv, "--require-ratio") && ratio < 0.5) return 1;
  return 0;
}
