// Statistical test of the confidence intervals `ripple simulate`, `gate` and `diff` report: over
// many independent seeded runs, the 95% Student t interval of an M/M/1 mean response time must
// cover the oracle in about 95% of them (../shared/oracles.md: W = 1 / (mu - lambda)).
//
// Model: one worker, exp(10ms) service (mu = 100/s), Poisson arrivals at 50/s (rho = 0.5), so
// W = 20 ms. Each run is 5 replications of 50 s after a 5 s warmup (about 2,500 customers each;
// the queue's relaxation time is about 0.1 s, so the warmup removes the empty start). Seeds
// 1..kRuns, fixed: the test is deterministic.
//
// Tolerance: with true 95% coverage the number of covering runs out of 200 is Binomial(200, 0.95):
// mean 190, standard deviation 3.08. The test accepts 180..200 (below 180 is 3.2 standard
// deviations down, probability about 0.1%), and also requires the intervals to be useful: a mean
// half width under 10% of W, so that wide intervals cannot pass by covering everything. The 200
// runs take about 1 s in a Release build (about 10 s under ASan).

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/review/estimates.h"
#include "cli/review/replicated.h"
#include "model/loader.h"

namespace ripple::cli {
namespace {

constexpr int kRuns = 200;
constexpr int kMinCovering = 180;
constexpr double kW = 20.0;  // ms

const char* kMM1 = R"(ripple: 1
services:
  s:
    workers: 1
    queue: unbounded
    operations:
      op: {time: exp(10ms)}
workload:
  duration: 55s
  warmup: 5s
  sources: [{to: s.op, rate: 50/s}]
)";

TEST(IntervalCoverage, TheIntervalOfAnMM1MeanCoversTheOracleInAbout95Percent) {
  model::LoadResult loaded = model::load_spec({"mm1.yaml", kMM1});
  ASSERT_TRUE(loaded.spec.has_value());
  int covering = 0;
  double half_widths = 0;
  for (int run = 1; run <= kRuns; ++run) {
    sim::SimulationOptions options;
    options.seed = static_cast<std::uint64_t>(run);
    options.replications = 5;
    options.threads = 0;
    const ReplicatedSimulation sim = simulate_replicated(*loaded.spec, options);
    std::vector<double> means;
    for (const sim::SimulationResult& r : sim.replications)
      means.push_back(r.operations.at(0).latency.mean_ms);
    const Estimate e = estimate(means);
    ASSERT_TRUE(e.ci.has_value());
    covering += e.ci->low <= kW && kW <= e.ci->high ? 1 : 0;
    half_widths += (e.ci->high - e.ci->low) / 2;
  }
  const double mean_half_width = half_widths / kRuns;
  RecordProperty("covering", covering);
  EXPECT_GE(covering, kMinCovering) << covering << " of " << kRuns << " intervals cover W";
  EXPECT_LE(covering, kRuns);
  EXPECT_LT(mean_half_width, 0.1 * kW) << "mean half width " << mean_half_width << " ms";
  std::printf("M/M/1 rho 0.5: %d of %d intervals cover W = 20 ms; mean half width %.3f ms\n",
              covering, kRuns, mean_half_width);
}

}  // namespace
}  // namespace ripple::cli
