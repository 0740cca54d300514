#include "simulator/work_estimate.h"

#include <gtest/gtest.h>

#include <string>

#include "simulator/simulate.h"
#include "tests/simulator/sim_fixture.h"

using ripple::sim::testing::load;

namespace ripple::sim {
namespace {

constexpr std::int64_t kMinute = 60'000'000'000;

std::string one_call(const std::string& rate, int attempts) {
  return "ripple: 1\nservices:\n  a:\n    operations:\n      op:\n        calls:\n"
         "          - {to: b.op, retry: {attempts: " +
         std::to_string(attempts) +
         "}}\n  b:\n    operations:\n      op: {time: 1ms}\nworkload:\n  sources:\n"
         "    - {to: a.op, rate: " +
         rate + "}\n";
}

// Oracle: 100/s for a minute is 6000 arrivals; each sets off the arrival, a's 3 events, and per
// attempt 2 call events plus b's 3: 1 + 3 + attempts x 5.
TEST(WorkEstimate, CountsArrivalsTimesWhatEachSetsOff) {
  const model::Spec spec = load(one_call("100/s", 3));
  const WorkEstimate estimate = estimate_work(spec, {kMinute, 0, 1, 1});
  // Nominal: a's execution (3) and one call (2 + b's 3); worst case: the call's 3 attempts.
  EXPECT_DOUBLE_EQ(estimate.events, 6000 * (1 + 3 + 5));
  EXPECT_DOUBLE_EQ(estimate.worst_case_events, 6000 * (1 + 3 + 3 * 5));
  EXPECT_DOUBLE_EQ(estimate_work(spec, {kMinute, 0, 4, 1}).events, 4 * estimate.events);
}

TEST(WorkEstimate, NeverUnderestimatesWhatARunProcesses) {
  const model::Spec spec = load(one_call("100/s", 3));
  SimulationOptions options;
  const SimulationResult result = simulate(spec, options);
  EXPECT_GE(estimate_work(spec, {spec.workload.duration.ns, 1'000'000'000, 1, 1}).events,
            static_cast<double>(result.events_processed));
}

TEST(WorkEstimate, RefusesARunOverTheBudgetAndSaysHowToRaiseIt) {
  const model::Spec spec = load(one_call("1000000/s", 1000));
  const auto problem = check_budget(spec, SimulationOptions{});
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("over the budget of 5e+08"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("--max-events"), std::string::npos);
  EXPECT_FALSE(check_budget(load(one_call("100/s", 3)), SimulationOptions{}));
}

TEST(WorkEstimate, CountsReplicasTimesWorkersAndQueueBounds) {
  const model::Spec spec = load(
      "ripple: 1\nservices:\n  a: {replicas: 1000000000, workers: 1000000000, operations: {op: "
      "{}}}\n");
  const auto problem = check_budget(spec, SimulationOptions{});
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("--max-memory"), std::string::npos) << *problem;
}

TEST(WorkEstimate, ARunPastItsBudgetStopsAndSaysSo) {
  const model::Spec spec = load(one_call("100/s", 3));
  SimulationOptions options;
  options.budget.max_events = 1000;  // checked by check_budget, not by simulate: run it anyway
  const SimulationResult result = simulate(spec, options);
  EXPECT_TRUE(result.over_budget);
  EXPECT_LE(result.events_processed, 1001u);
  EXPECT_FALSE(simulate(spec, SimulationOptions{}).over_budget);
}

}  // namespace
}  // namespace ripple::sim
