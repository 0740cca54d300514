// `gates:` lines, parsed by the loader against the spec they belong to.

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

// A spec with an entry operation, an event and its consumer, a store, a broker and a fault on
// `order`; the gate under test is line 14.
std::string spec_with_gate(const std::string& gate) {
  return "ripple: 1\n"
         "brokers: {bus: {type: kafka}}\n"
         "stores: {db: {}}\n"
         "events: {Placed: {broker: bus}}\n"
         "services:\n"
         "  gateway: {operations: {checkout: {calls: [order.place]}}}\n"
         "  order: {operations: {place: {publishes: [Placed]}, get: {}}}\n"
         "  ship: {consumes: {Placed: {}}}\n"
         "workload:\n"
         "  sources: [{to: gateway.checkout, rate: 10/s}]\n"
         "faults:\n"
         "  - {service: order, at: 1s, for: 1s, mode: down}\n"
         "gates:\n"
         "  - " +
         gate + "\n";
}

Gate gate(const std::string& text) {
  const Spec spec = load_ok(spec_with_gate(text));
  if (spec.gates.size() != 1) {
    ADD_FAILURE() << "expected one gate";
    return {};
  }
  return spec.gates[0];
}

// "metric(argument) comparison threshold" of a parsed gate.
std::string summary(const Gate& g) {
  return std::string(to_string(g.metric)) + "(" + g.argument + ") " + to_string(g.comparison) +
         " " + std::to_string(g.threshold);
}

void expect_gate_error(const std::string& text, const std::string& token,
                       const std::string& message, const std::string& hint = {}) {
  expect_only(load(spec_with_gate(text)), under(14, "  - " + text, token, message, hint));
}

constexpr const char* kSyntaxHint =
    "write `metric(argument) < threshold`, as in `p99(gateway.checkout) < 300ms`, or `no "
    "sync_cycles`";

// --- Metrics --------------------------------------------------------------------------------

TEST(GateParser, ReadsP50InMilliseconds) {
  EXPECT_EQ(summary(gate("p50(gateway.checkout) < 20ms")), "p50(gateway.checkout) < 20.000000");
}

TEST(GateParser, ReadsP90) {
  EXPECT_EQ(summary(gate("p90(order.place) < 250us")), "p90(order.place) < 0.250000");
}

TEST(GateParser, ConvertsP99ThresholdOf300msTo300) {
  EXPECT_EQ(summary(gate("p99(gateway.checkout) < 300ms")), "p99(gateway.checkout) < 300.000000");
}

TEST(GateParser, ConvertsOneSecondTo1000) {
  EXPECT_EQ(summary(gate("p999(gateway.checkout) <= 1s")), "p999(gateway.checkout) <= 1000.000000");
}

TEST(GateParser, ReadsMeanAndMax) {
  EXPECT_EQ(summary(gate("mean(order.get) < 2ms")), "mean(order.get) < 2.000000");
  EXPECT_EQ(summary(gate("max(order.get) < 1m")), "max(order.get) < 60000.000000");
}

TEST(GateParser, ConvertsHalfAPercentTo0005) {
  EXPECT_DOUBLE_EQ(gate("error_rate(gateway.checkout) < 0.5%").threshold, 0.005);
}

TEST(GateParser, ReadsAmplificationOfAnEntryOperation) {
  EXPECT_EQ(summary(gate("amplification(gateway.checkout) <= 30")),
            "amplification(gateway.checkout) <= 30.000000");
}

TEST(GateParser, ReadsAmplificationOfAnEvent) {
  EXPECT_EQ(summary(gate("worst_case_amplification(Placed) <= 4.5")),
            "worst_case_amplification(Placed) <= 4.500000");
}

TEST(GateParser, ReadsBlastRadiusOfAServiceStoreOrBroker) {
  EXPECT_EQ(summary(gate("blast_radius(order) <= 0.5")), "blast_radius(order) <= 0.500000");
  EXPECT_EQ(summary(gate("blast_radius(db) <= 50%")), "blast_radius(db) <= 0.500000");
  EXPECT_EQ(summary(gate("blast_radius(bus) < 1")), "blast_radius(bus) < 1.000000");
}

TEST(GateParser, ReadsLagsOfAConsumer) {
  EXPECT_EQ(summary(gate("max_lag(ship:Placed) < 5s")), "max_lag(ship:Placed) < 5000.000000");
  EXPECT_EQ(summary(gate("mean_lag(ship:Placed) < 5s")), "mean_lag(ship:Placed) < 5000.000000");
  EXPECT_EQ(summary(gate("p99_lag(ship:Placed) < 5s")), "p99_lag(ship:Placed) < 5000.000000");
}

TEST(GateParser, ReadsRecoveryTimeOfAFaultedComponent) {
  EXPECT_EQ(summary(gate("recovery_time(order) < 60s")), "recovery_time(order) < 60000.000000");
}

TEST(GateParser, ReadsInstabilityAndCallbacks) {
  EXPECT_EQ(summary(gate("instability(order) <= 0.8")), "instability(order) <= 0.800000");
  EXPECT_EQ(summary(gate("callbacks(Placed) <= 4")), "callbacks(Placed) <= 4.000000");
}

TEST(GateParser, ReadsFindingsOfASeverityOrARule) {
  EXPECT_EQ(summary(gate("findings(error) == 0")), "findings(error) == 0.000000");
  EXPECT_EQ(summary(gate("findings(nested-retries) <= 2")), "findings(nested-retries) <= 2.000000");
}

// --- Comparisons ----------------------------------------------------------------------------

TEST(GateParser, ReadsEveryComparison) {
  EXPECT_EQ(gate("p99(order.get) < 1ms").comparison, Comparison::Less);
  EXPECT_EQ(gate("p99(order.get) <= 1ms").comparison, Comparison::LessEqual);
  EXPECT_EQ(gate("p99(order.get) > 1ms").comparison, Comparison::Greater);
  EXPECT_EQ(gate("p99(order.get) >= 1ms").comparison, Comparison::GreaterEqual);
  EXPECT_EQ(gate("p99(order.get) == 1ms").comparison, Comparison::Equal);
}

TEST(GateParser, AcceptsComparisonWithoutSpaces) {
  EXPECT_EQ(summary(gate("p99(order.get)<=3ms")), "p99(order.get) <= 3.000000");
}

// --- `no` gates -----------------------------------------------------------------------------

TEST(GateParser, ReadsNoSyncCycles) {
  const Gate g = gate("no sync_cycles");
  EXPECT_EQ(g.metric, GateMetric::NoSyncCycles);
  EXPECT_EQ(g.argument, "");
  EXPECT_EQ(g.text, "no sync_cycles");
}

TEST(GateParser, ReadsNoRuleAsZeroFindingsOfThatRule) {
  EXPECT_EQ(summary(gate("no nested-retries")), "findings(nested-retries) == 0.000000");
}

TEST(GateParser, KeepsTheGatesLocation) {
  const Spec spec = load_ok(spec_with_gate("no sync_cycles"));
  ASSERT_EQ(spec.gates.size(), 1u);
  EXPECT_EQ(spec.where(spec.gates[0].loc), "t.yaml:14:5");
}

// --- Errors ---------------------------------------------------------------------------------

TEST(GateParser, ReportsUnknownMetricWithDidYouMean) {
  expect_gate_error("eror_rate(gateway.checkout) < 1%", "eror_rate",
                    "unknown gate metric `eror_rate`", "did you mean `error_rate`?");
}

TEST(GateParser, ListsMetricsWhenNoneIsClose) {
  expect_gate_error("saturation(gateway.checkout) > 5", "saturation",
                    "unknown gate metric `saturation`",
                    "metrics: `p50`, `p90`, `p99`, `p999`, `mean`, `max`, `error_rate`, "
                    "`amplification`, `worst_case_amplification`, `blast_radius`, `max_lag`, "
                    "`mean_lag`, `p99_lag`, `recovery_time`, `instability`, `callbacks`, "
                    "`findings`, `lost`, `duplicates`, `harmful_duplicates`, `dead_lettered`, "
                    "`out_of_order`, `utilization`, `backlog`, `max_backlog`, `throughput` or "
                    "`spike_recovery_time`");
}

TEST(GateParser, ReadsEventMetricsOfAConsumer) {
  EXPECT_EQ(summary(gate("lost(ship:Placed) == 0")), "lost(ship:Placed) == 0.000000");
  EXPECT_EQ(summary(gate("harmful_duplicates(ship:Placed) <= 2")),
            "harmful_duplicates(ship:Placed) <= 2.000000");
  EXPECT_EQ(summary(gate("utilization(ship) < 80%")), "utilization(ship) < 0.800000");
  EXPECT_EQ(summary(gate("max_backlog(bus) < 1000")), "max_backlog(bus) < 1000.000000");
  EXPECT_EQ(summary(gate("throughput(gateway.checkout) > 9.5")),
            "throughput(gateway.checkout) > 9.500000");
}

TEST(GateParser, ReportsAnUnknownConsumerOfAnEventMetricWithAGuess) {
  expect_gate_error("lost(ship:Placd) == 0", "ship:Placd",
                    "unknown consumer `ship:Placd` (consumers are `service:Event`)",
                    "did you mean `ship:Placed`?");
  expect_gate_error("dead_lettered(shop:Placed) == 0", "shop:Placed",
                    "unknown consumer `shop:Placed` (consumers are `service:Event`)",
                    "did you mean `ship:Placed`?");
}

TEST(GateParser, ReportsAnUnknownBrokerWithAGuess) {
  expect_gate_error("backlog(buss) < 10", "buss", "unknown broker `buss`", "did you mean `bus`?");
}

TEST(GateParser, SpikeRecoveryNeedsASpikedSource) {
  expect_gate_error("spike_recovery_time(gateway.checkout) < 10s", "gateway.checkout",
                    "no workload source with `spikes` targets `gateway.checkout`, so it has no "
                    "spike recovery time");
}

TEST(GateParser, ReportsUnknownOperationUnderTheArgument) {
  expect_gate_error("p99(gateway.chekout) < 300ms", "gateway.chekout",
                    "unknown operation `gateway.chekout`", "did you mean `gateway.checkout`?");
}

TEST(GateParser, ReportsThresholdWithoutUnit) {
  expect_gate_error("p99(gateway.checkout) < 300", "300", "threshold of `p99`: `300` needs a unit",
                    "write `300ms` or `300s`");
}

TEST(GateParser, ReportsRatioThresholdAboveOne) {
  expect_gate_error("error_rate(gateway.checkout) < 5", "5",
                    "threshold of `error_rate`: ratio `5` is above 1 (100%)",
                    "write a share as `0.5%` or `0.005`");
}

TEST(GateParser, ReportsFractionalFindingsCount) {
  expect_gate_error("findings(error) <= 1.5", "1.5",
                    "threshold of `findings`: `1.5` is not a count",
                    "findings takes a plain whole number");
}

// Found by gate_expr_fuzz: a count past the range of a 64-bit integer was converted to one.
TEST(GateParser, ReportsACountTooLargeToHold) {
  expect_gate_error("findings(error) == 55555555555555555555555555555555555550",
                    "55555555555555555555555555555555555550",
                    "threshold of `findings`: `55555555555555555555555555555555555550` is not a "
                    "count",
                    "findings takes a plain whole number");
}

TEST(GateParser, ReportsRecoveryTimeOfAComponentWithoutFault) {
  expect_gate_error("recovery_time(gateway) < 60s", "gateway",
                    "no fault on `gateway` in `faults:`, so it has no recovery time");
}

TEST(GateParser, ReportsAmplificationOfAnOperationNoSourceTargets) {
  expect_gate_error("amplification(order.get) <= 3", "order.get",
                    "`order.get` is not an entry operation (no workload source targets it)");
}

TEST(GateParser, ReportsConsumerWrittenAsAnOperation) {
  expect_gate_error("max_lag(ship.Placed) < 1s", "ship.Placed",
                    "unknown consumer `ship.Placed` (consumers are `service:Event`)",
                    "did you mean `ship:Placed`?");
}

TEST(GateParser, ReportsUnknownSeverityOrRule) {
  expect_gate_error("findings(fatal) == 0", "fatal", "unknown lint rule or severity `fatal`");
}

TEST(GateParser, ReportsMissingComparison) {
  expect_gate_error("p99(gateway.checkout) 300ms", "3",
                    "a gate compares with <, <=, >, >= or ==", kSyntaxHint);
}

TEST(GateParser, ReportsMissingThreshold) {
  const std::string text = "p99(gateway.checkout) <";
  expect_only(load(spec_with_gate(text)),
              {14, 28, 1, "the gate has no threshold",
               "durations take ns, us, ms, s, m or h, as in `20ms`", "  - " + text});
}

TEST(GateParser, ReportsTextThatIsNotAGate) {
  expect_gate_error("fast enough", "fast enough", "`fast enough` is not a gate", kSyntaxHint);
}

TEST(GateParser, ReportsUnknownNoGateWithDidYouMean) {
  expect_gate_error("no sync-cycles", "sync-cycles", "unknown gate `no sync-cycles`",
                    "did you mean `no sync_cycles`?");
}

}  // namespace
}  // namespace ripple::model::testing
