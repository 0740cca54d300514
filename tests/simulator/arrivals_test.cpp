// Arrival shapes (diurnal, bursty, trace) against their stated mean rates, and closed-loop users
// against exact mean value analysis.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/loader.h"
#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::load;
using testing::operation;
using testing::replace_all;
using testing::run;

// One M/M/1 server: one replica, one worker, an unbounded queue, exponential service.
const char* kServer = R"(ripple: 1
services:
  server:
    replicas: 1
    workers: 1
    queue: unbounded
    operations: {work: {time: exp(SERVICE)}}
workload:
  duration: DURATION
  sources: [SOURCE]
)";

std::string server(const std::string& source, const std::string& duration,
                   const std::string& service = "10ms") {
  return replace_all(replace_all(replace_all(kServer, "SOURCE", source), "DURATION", duration),
                     "SERVICE", service);
}

// Exact mean value analysis of N users with mean think time Z at one queueing station with mean
// service time S: R(n) = S (1 + Q(n-1)), X(n) = n / (R(n) + Z), Q(n) = X(n) R(n).
struct Mva {
  double throughput_per_s;
  double response_s;
};
Mva mean_value_analysis(int users, double service_s, double think_s) {
  double queue = 0;
  Mva out{0, 0};
  for (int n = 1; n <= users; ++n) {
    out.response_s = service_s * (1 + queue);
    out.throughput_per_s = n / (out.response_s + think_s);
    queue = out.throughput_per_s * out.response_s;
  }
  return out;
}

// Oracle: MVA is exact for a closed product-form network (exponential service, FIFO, any think
// distribution's mean). Over 3 replications of 300 s the run completes 9,000 to 30,000 requests;
// the batch error of a mean response time near saturation is about 2-3%, so the tolerance is 6%
// of the MVA value for the response time and 4% for the throughput (arrivals are the completions
// of a closed loop, whose count varies less).
TEST(ClosedLoop, UsersAtAnMM1ServerMatchMeanValueAnalysis) {
  const double service_s = 0.010;
  const double think_s = 0.100;
  for (int users = 1; users <= 20; ++users) {
    const std::string source =
        "{to: server.work, users: " + std::to_string(users) + ", think: exp(100ms)}";
    const SimulationResult r = run(load(server(source, "300s")), 3);
    const OperationResult& op = operation(r, "server.work");
    const Mva expected = mean_value_analysis(users, service_s, think_s);
    EXPECT_NEAR(op.throughput_per_s, expected.throughput_per_s, 0.04 * expected.throughput_per_s)
        << users << " users";
    EXPECT_NEAR(op.latency.mean_ms, expected.response_s * 1000, 0.06 * expected.response_s * 1000)
        << users << " users";
  }
}

TEST(ClosedLoop, LoadFallsAsLatencyRises) {
  const std::string source = "{to: server.work, users: 10, think: exp(100ms)}";
  const double fast =
      operation(run(load(server(source, "100s", "1ms"))), "server.work").throughput_per_s;
  const double slow =
      operation(run(load(server(source, "100s", "50ms"))), "server.work").throughput_per_s;
  EXPECT_GT(fast, 80);  // 10 / (1 ms + 100 ms) = 99/s
  EXPECT_LT(slow, 21);  // the server saturates at 1 / 50 ms = 20/s
}

// Oracle: the mean rate over whole periods is the stated mean, 100/s. 3 replications of 200 s
// (20 periods each) count 60,000 arrivals: a Poisson count's relative standard error is 0.4%,
// so the tolerance of 2% is 5 standard errors.
TEST(Arrivals, DiurnalMeanRateIsTheStatedMean) {
  const std::string source =
      "{to: server.work, rate: 100/s, diurnal: {peak_to_trough: 5, period: 10s, peak_at: 3s}}";
  const SimulationResult r = run(load(server(source, "200s", "1ms")), 3);
  EXPECT_NEAR(operation(r, "server.work").throughput_per_s, 100, 2);
}

// The peak over the trough: 5 periods of 20 s, rates counted in the series' 1 s steps on each
// side of the peaks (t = 0, 20, ...) and of the troughs (t = 10, 30, ...).
TEST(Arrivals, DiurnalPeakOverTroughIsTheStatedRatio) {
  const std::string source =
      "{to: server.work, rate: 200/s, diurnal: {peak_to_trough: 5, period: 20s}}";
  SimulationOptions options;
  options.replications = 3;
  options.series_step = model::Duration{model::kSecond.ns};
  const SimulationResult r = simulate(load(server(source, "100s", "1ms")), options);
  ASSERT_FALSE(r.series.entries.empty());
  const std::vector<double>& rate = r.series.entries[0].throughput_per_s;
  double peak = 0;
  double trough = 0;
  for (int p = 0; p < 5; ++p) {
    peak += rate[static_cast<std::size_t>(20 * p)] +
            rate[static_cast<std::size_t>((20 * p + 19) % 100)];
    trough +=
        rate[static_cast<std::size_t>(20 * p + 9)] + rate[static_cast<std::size_t>(20 * p + 10)];
  }
  // Each 1 s step next to an extreme averages the curve over it: cos averages to
  // c = sin(pi/10) / (pi/10) there, so the expected ratio is (1 + a c) / (1 - a c) = 4.81.
  // Counts are Poisson, about 10,000 at the peaks and 2,000 at the troughs over 3 replications:
  // the ratio's relative standard error is 2.4% (0.12), and 0.6 is 5 of them.
  const double a = 2.0 / 3;
  const double c = std::sin(3.141592653589793 / 10) / (3.141592653589793 / 10);
  EXPECT_NEAR(peak / trough, (1 + a * c) / (1 - a * c), 0.6);
}

// Oracle: the long-run rate is the mean, 100/s, whatever the bursts. Bursts of mean 100 ms at
// 500/s give an on-fraction of 20%; over 5 x 400 s the on-time's relative standard error is
// about 1.8% (alternating renewal: variance 2 a^2 b^2 / (a + b)^3 per second with a = 0.1 s,
// b = 0.4 s), so 8% is over 4 standard errors.
TEST(Arrivals, BurstyMeanRateIsTheStatedMean) {
  const std::string source =
      "{to: server.work, rate: 100/s, bursty: {burst_rate: 500/s, mean_burst: 100ms}}";
  const SimulationResult r = run(load(server(source, "400s", "1ms")), 5);
  EXPECT_NEAR(operation(r, "server.work").throughput_per_s, 100, 8);
}

// Bursts reach the burst rate: the busiest 1 s step far exceeds the mean.
TEST(Arrivals, BurstyStepsReachTheBurstRate) {
  const std::string source =
      "{to: server.work, rate: 50/s, bursty: {burst_rate: 1000/s, mean_burst: 2s}}";
  SimulationOptions options;
  options.series_step = model::Duration{model::kSecond.ns};
  const SimulationResult r = simulate(load(server(source, "100s", "0.1ms")), options);
  const std::vector<double>& rate = r.series.entries[0].throughput_per_s;
  EXPECT_GT(*std::max_element(rate.begin(), rate.end()), 800);
}

// A trace's steps: 100/s for 50 s then 300/s for 50 s is 20,000 arrivals over 100 s, 200/s.
// Over 3 replications the Poisson count's relative error is 0.4%: 2% is 5 standard errors.
TEST(Arrivals, TraceRatesApplyPerStep) {
  const std::string yaml =
      server("{to: server.work, trace: {file: rates.csv, step: 50s}}", "100s", "1ms");
  const model::FileReader files = [](const std::string& path) {
    model::ReadResult read;
    if (path == "arch/rates.csv")
      read.file = model::SourceFile{path, "rate\n100\n300/s\n"};
    else
      read.error = model::Diagnostic{model::Severity::Error, path, 0, 0, 1, "no such file", "", ""};
    return read;
  };
  model::LoadResult loaded = model::load_spec({"arch/t.yaml", yaml}, std::nullopt, {}, files);
  ASSERT_TRUE(loaded.spec.has_value());
  EXPECT_DOUBLE_EQ(loaded.spec->workload.sources[0].rate, 200);
  const SimulationResult r = run(*loaded.spec, 3);
  EXPECT_NEAR(operation(r, "server.work").throughput_per_s, 200, 4);
}

TEST(Arrivals, SteadySourcesKeepTheirNumbers) {
  const std::string yaml = server("{to: server.work, rate: 50/s}", "20s");
  EXPECT_EQ(run(load(yaml)).operations, run(load(yaml)).operations);
}

}  // namespace
}  // namespace ripple::sim
