#include "cli/review/gate_eval.h"

#include <gtest/gtest.h>

#include <string>

#include "analyzers/analysis.h"
#include "model/loader.h"
#include "simulator/results.h"

namespace ripple::cli {
namespace {

// gateway.checkout calls order.place (3 attempts), which publishes a thin Placed; shipping
// needs order.items, so it calls order.get back: 2 requests per checkout nominal, 6 worst case.
const char* kSpec = R"(ripple: 1
name: t
brokers: {bus: {type: kafka}}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 1KiB}}
events:
  Placed: {broker: bus, carries: [order.id]}
services:
  gateway: {replicas: 2, operations: {checkout: {calls: [{to: order.place, retry: {attempts: 3}}]}}}
  order: {replicas: 2, operations: {place: {publishes: [Placed]}, get: {}}}
  shipping: {replicas: 2, consumes: {Placed: {needs: [order.items], idempotent: true}}}
  lonely: {operations: {noop: {}}}
workload: {duration: 10s, sources: [{to: gateway.checkout, rate: 10/s, spikes: [{at: 2s, for: 1s, rate: 50/s}]}]}
faults: [{service: order, at: 5s, for: 2s, mode: down}]
)";

struct Fixture {
  model::Spec spec;
  analyzers::Analysis analysis;
  sim::SimulationResult simulation;
};

// The spec above, its analysis, and simulation results written by hand (so values are exact).
Fixture load_fixture(const std::string& yaml = kSpec) {
  model::LoadResult loaded = model::load_spec({"t.yaml", yaml});
  EXPECT_TRUE(loaded.spec.has_value());
  Fixture f{loaded.spec ? *loaded.spec : model::Spec{}, {}, {}};
  f.analysis = analyzers::analyze(f.spec);
  sim::OperationResult checkout;
  checkout.name = "gateway.checkout";
  checkout.entry = true;
  checkout.count = 1000;
  checkout.ok = 990;
  checkout.errors = 10;
  checkout.error_rate = 0.01;
  checkout.latency = {12, 10, 20, 250, 400, 900};
  sim::OperationResult get;
  get.name = "order.get";
  f.simulation.operations = {checkout, get};  // order.get: present but no requests
  sim::ConsumerResult shipping;
  shipping.name = "shipping:Placed";
  shipping.delivered = 990;
  shipping.lag = {40, 30, 60, 120, 150, 2500};
  f.simulation.consumers = {shipping};
  sim::FaultResult fault;
  fault.target = "order";
  fault.mode = "down";
  fault.recovery_time_ms = 3000;
  f.simulation.faults = {fault};
  sim::SpikeResult spike;
  spike.operation = "gateway.checkout";
  spike.at_ms = 2000;
  spike.for_ms = 1000;
  spike.rate_per_s = 50;
  spike.recovery_time_ms = 1500;
  f.simulation.spikes = {spike};
  sim::ServiceResult gateway;
  gateway.name = "gateway";
  gateway.utilization = 0.4;
  f.simulation.services = {gateway};
  sim::BrokerResult bus;
  bus.name = "bus";
  bus.backlog = 2.5;
  bus.max_backlog = 17;
  f.simulation.brokers = {bus};
  f.simulation.seed = 9;
  f.simulation.duration_ms = 10000;
  return f;
}

model::Gate gate(model::GateMetric metric, const std::string& argument,
                 model::Comparison comparison, double threshold) {
  model::Gate g;
  g.text = std::string(model::to_string(metric)) + "(" + argument + ")";
  g.metric = metric;
  g.argument = argument;
  g.comparison = comparison;
  g.threshold = threshold;
  g.loc = {0, 7, 5};
  return g;
}

// Whether a gate is evaluated with the fixture's simulation results or without any.
enum class With { Simulation, AnalysisOnly };

GateOutcome eval(const Fixture& f, const model::Gate& g, With with = With::Simulation) {
  return evaluate_gate(f.spec, g, f.analysis, with == With::Simulation ? &f.simulation : nullptr);
}

using model::Comparison;
using model::GateMetric;

TEST(GateEval, ReadsEachLatencyFigureOfAnOperation) {
  const Fixture f = load_fixture();
  const std::pair<GateMetric, double> expected[] = {
      {GateMetric::Mean, 12}, {GateMetric::P50, 10},   {GateMetric::P90, 20},
      {GateMetric::P99, 250}, {GateMetric::P999, 400}, {GateMetric::Max, 900}};
  for (const auto& [metric, value] : expected) {
    const GateOutcome g = eval(f, gate(metric, "gateway.checkout", Comparison::Less, 300));
    ASSERT_TRUE(g.value.has_value()) << model::to_string(metric);
    EXPECT_DOUBLE_EQ(*g.value, value) << model::to_string(metric);
    EXPECT_EQ(g.unit, GateUnit::Milliseconds);
    EXPECT_EQ(g.passed, value < 300) << model::to_string(metric);
  }
}

TEST(GateEval, ErrorRateIsARatio) {
  const Fixture f = load_fixture();
  const GateOutcome g =
      eval(f, gate(GateMetric::ErrorRate, "gateway.checkout", Comparison::Less, 0.005));
  EXPECT_DOUBLE_EQ(*g.value, 0.01);
  EXPECT_EQ(g.unit, GateUnit::Ratio);
  EXPECT_FALSE(g.passed);
}

TEST(GateEval, AnOperationWithoutRequestsIsUndefinedAndFails) {
  const Fixture f = load_fixture();
  for (const char* op : {"order.get", "lonely.noop"}) {
    const GateOutcome g = eval(f, gate(GateMetric::P99, op, Comparison::Less, 1e9));
    EXPECT_FALSE(g.value.has_value());
    EXPECT_FALSE(g.passed);
    EXPECT_EQ(g.reason, "`" + std::string(op) + "` received no requests in the simulation");
  }
}

TEST(GateEval, LagComesFromTheConsumer) {
  const Fixture f = load_fixture();
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::MaxLag, "shipping:Placed", Comparison::Less, 5000)).value, 2500);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::MeanLag, "shipping:Placed", Comparison::Less, 5000)).value, 40);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::P99Lag, "shipping:Placed", Comparison::Less, 5000)).value, 120);
}

TEST(GateEval, LagOfAConsumerThatReceivedNothingIsUndefined) {
  Fixture f = load_fixture();
  f.simulation.consumers[0].delivered = 0;
  const GateOutcome g =
      eval(f, gate(GateMetric::MaxLag, "shipping:Placed", Comparison::Less, 5000));
  EXPECT_FALSE(g.value.has_value());
  EXPECT_FALSE(g.passed);
  EXPECT_EQ(g.reason, "`shipping:Placed` handled no event in the measured run");
  f.simulation.consumers[0].waiting = 42;
  EXPECT_EQ(eval(f, gate(GateMetric::MaxLag, "shipping:Placed", Comparison::Less, 5000)).reason,
            "`shipping:Placed` handled no event in the measured run (42 still waiting at the end: "
            "its backlog never drained)");
}

TEST(GateEval, RecoveryTimeIsTheSlowestOfTheComponentsFaults) {
  Fixture f = load_fixture();
  sim::FaultResult second = f.simulation.faults[0];
  second.recovery_time_ms = 8000;
  f.simulation.faults.push_back(second);
  const GateOutcome g = eval(f, gate(GateMetric::RecoveryTime, "order", Comparison::Less, 60000));
  EXPECT_DOUBLE_EQ(*g.value, 8000);
  EXPECT_TRUE(g.passed);
}

TEST(GateEval, NeverRecoveringIsUndefinedAndFails) {
  Fixture f = load_fixture();
  f.simulation.faults[0].recovery_time_ms.reset();
  const GateOutcome g = eval(f, gate(GateMetric::RecoveryTime, "order", Comparison::Less, 60000));
  EXPECT_FALSE(g.value.has_value());
  EXPECT_FALSE(g.passed);
  EXPECT_EQ(g.reason, "the system never recovered from the `down` fault on `order` within the run");
}

TEST(GateEval, AmplificationIsNominalAndWorstCaseRequests) {
  const Fixture f = load_fixture();
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Amplification, "gateway.checkout", Comparison::LessEqual, 2)).value,
      2);
  EXPECT_DOUBLE_EQ(*eval(f, gate(GateMetric::WorstCaseAmplification, "gateway.checkout",
                                 Comparison::LessEqual, 2))
                        .value,
                   6);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Amplification, "Placed", Comparison::LessEqual, 2)).value, 1);
}

TEST(GateEval, StaticMetricsNeedNoSimulation) {
  const Fixture f = load_fixture();
  const GateOutcome blast = eval(
      f, gate(GateMetric::BlastRadius, "order", Comparison::LessEqual, 0.5), With::AnalysisOnly);
  EXPECT_DOUBLE_EQ(*blast.value, 1);
  EXPECT_FALSE(blast.passed);
  EXPECT_DOUBLE_EQ(*eval(f, gate(GateMetric::BlastRadius, "shipping", Comparison::LessEqual, 0),
                         With::AnalysisOnly)
                        .value,
                   0);
  EXPECT_DOUBLE_EQ(*eval(f, gate(GateMetric::Instability, "gateway", Comparison::LessEqual, 1),
                         With::AnalysisOnly)
                        .value,
                   1);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Callbacks, "Placed", Comparison::LessEqual, 1), With::AnalysisOnly)
           .value,
      1);
}

TEST(GateEval, InstabilityOfAnUncoupledServiceIsUndefined) {
  const Fixture f = load_fixture();
  const GateOutcome g = eval(f, gate(GateMetric::Instability, "lonely", Comparison::LessEqual, 1),
                             With::AnalysisOnly);
  EXPECT_FALSE(g.value.has_value());
  EXPECT_EQ(g.reason, "`lonely` has no coupling at all (ce + ca = 0), so no instability");
}

TEST(GateEval, FindingsCountByRuleOrSeverity) {
  const Fixture f = load_fixture();
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Findings, "callback-instead-of-call", Comparison::Equal, 0),
            With::AnalysisOnly)
           .value,
      1);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Findings, "info", Comparison::Equal, 0), With::AnalysisOnly).value,
      1);
  EXPECT_DOUBLE_EQ(
      *eval(f, gate(GateMetric::Findings, "error", Comparison::Equal, 0), With::AnalysisOnly).value,
      0);
  EXPECT_EQ(
      eval(f, gate(GateMetric::Findings, "info", Comparison::LessEqual, 1), With::AnalysisOnly)
          .unit,
      GateUnit::Count);
}

TEST(GateEval, NoSyncCyclesCountsCycles) {
  const Fixture acyclic = load_fixture();
  const GateOutcome pass =
      eval(acyclic, gate(GateMetric::NoSyncCycles, "", Comparison::Less, 0), With::AnalysisOnly);
  EXPECT_DOUBLE_EQ(*pass.value, 0);
  EXPECT_TRUE(pass.passed);
  EXPECT_EQ(pass.comparison, Comparison::Equal);
  const Fixture cyclic = load_fixture(R"(ripple: 1
services:
  a: {operations: {x: {calls: [b.y]}}}
  b: {operations: {y: {calls: [a.x]}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)");
  const GateOutcome fail =
      eval(cyclic, gate(GateMetric::NoSyncCycles, "", Comparison::Less, 0), With::AnalysisOnly);
  EXPECT_DOUBLE_EQ(*fail.value, 1);
  EXPECT_FALSE(fail.passed);
}

TEST(GateEval, NoRuleGatesFromTheLoaderAreFindingsEqualZero) {
  const Fixture f = load_fixture(std::string(kSpec) + "gates: [no callback-instead-of-call]\n");
  const GateReport report = evaluate_gates(f.spec, f.analysis, nullptr);
  ASSERT_EQ(report.gates.size(), 1u);
  EXPECT_EQ(report.gates[0].metric, GateMetric::Findings);
  EXPECT_DOUBLE_EQ(*report.gates[0].value, 1);
  EXPECT_FALSE(report.passed());
  EXPECT_EQ(report.gates[0].line, 15);
  EXPECT_EQ(report.gates[0].file, "t.yaml");
}

TEST(GateEval, EachComparisonHoldsExactlyOnItsSide) {
  const Fixture f = load_fixture();  // p99 = 250
  const auto passes = [&](Comparison c, double threshold) {
    return eval(f, gate(GateMetric::P99, "gateway.checkout", c, threshold)).passed;
  };
  EXPECT_TRUE(passes(Comparison::Less, 250.001));
  EXPECT_FALSE(passes(Comparison::Less, 250));
  EXPECT_TRUE(passes(Comparison::LessEqual, 250));
  EXPECT_FALSE(passes(Comparison::LessEqual, 249.999));
  EXPECT_TRUE(passes(Comparison::Greater, 249.999));
  EXPECT_FALSE(passes(Comparison::Greater, 250));
  EXPECT_TRUE(passes(Comparison::GreaterEqual, 250));
  EXPECT_FALSE(passes(Comparison::GreaterEqual, 250.001));
  EXPECT_TRUE(passes(Comparison::Equal, 250));
  EXPECT_FALSE(passes(Comparison::Equal, 251));
}

TEST(GateEval, ASimulatedGateWithoutASimulationFailsWithAReason) {
  const Fixture f = load_fixture();
  const GateOutcome g =
      eval(f, gate(GateMetric::P99, "gateway.checkout", Comparison::Less, 300), With::AnalysisOnly);
  EXPECT_FALSE(g.passed);
  EXPECT_EQ(g.reason, "needs a simulation, and none was run");
}

// A valid argument of the fixture's spec for each kind of argument.
std::string argument_for(model::GateArgument argument) {
  switch (argument) {
    case model::GateArgument::Operation:
    case model::GateArgument::EntryOrEvent:
      return "gateway.checkout";
    case model::GateArgument::Component:
    case model::GateArgument::FaultedComponent:
      return "order";
    case model::GateArgument::Consumer:
      return "shipping:Placed";
    case model::GateArgument::Service:
      return "gateway";
    case model::GateArgument::Event:
      return "Placed";
    case model::GateArgument::RuleOrSeverity:
      return "info";
    case model::GateArgument::None:
      return "";
    case model::GateArgument::Broker:
      return "bus";
    case model::GateArgument::SpikedOperation:
      return "gateway.checkout";
  }
  return "";
}

GateUnit unit_for(model::GateValue value) {
  switch (value) {
    case model::GateValue::Duration:
      return GateUnit::Milliseconds;
    case model::GateValue::Ratio:
      return GateUnit::Ratio;
    case model::GateValue::Number:
      return GateUnit::Number;
    case model::GateValue::Count:
      return GateUnit::Count;
  }
  return GateUnit::Number;
}

TEST(GateEval, EveryMetricOfTheTableEvaluatesInItsUnit) {
  const Fixture f = load_fixture();
  for (const model::GateMetricInfo& m : model::gate_metric_table()) {
    const model::Gate g = gate(m.metric, argument_for(m.argument), Comparison::GreaterEqual, 0);
    const GateOutcome out = eval(f, g);
    EXPECT_TRUE(out.value.has_value()) << m.name << ": " << out.reason;
    EXPECT_TRUE(out.passed) << m.name << ": " << out.reason;
    EXPECT_EQ(out.metric, m.metric);
    EXPECT_EQ(out.unit, unit_for(m.value)) << m.name;
    EXPECT_EQ(gate_unit(m.metric), unit_for(m.value)) << m.name;
  }
}

TEST(GateEval, EverySimulatedMetricOfTheTableNeedsTheSimulation) {
  const Fixture f = load_fixture();
  int simulated = 0;
  for (const model::GateMetricInfo& m : model::gate_metric_table()) {
    const model::Gate g = gate(m.metric, argument_for(m.argument), Comparison::GreaterEqual, 0);
    const GateOutcome without = eval(f, g, With::AnalysisOnly);
    const bool needs = m.source == model::GateSource::Simulation;
    EXPECT_EQ(gate_needs_simulation(g), needs) << m.name;
    EXPECT_EQ(gate_needs_simulation(m.metric), needs) << m.name;
    EXPECT_EQ(needs_simulation({g}), needs) << m.name;
    if (needs) {
      ++simulated;
      EXPECT_FALSE(without.value.has_value()) << m.name;
      EXPECT_EQ(without.reason, "needs a simulation, and none was run") << m.name;
    } else {
      EXPECT_EQ(without.value, eval(f, g).value) << m.name;
    }
  }
  EXPECT_EQ(simulated, 21);
}

TEST(GateEval, ReportKeepsTheSimulationRun) {
  const Fixture f = load_fixture(std::string(kSpec) + "gates: [p99(gateway.checkout) < 300ms]\n");
  const GateReport report = evaluate_gates(f.spec, f.analysis, &f.simulation);
  ASSERT_TRUE(report.simulation.has_value());
  EXPECT_EQ(report.simulation->seed, 9u);
  EXPECT_DOUBLE_EQ(report.simulation->simulated_ms, 10000);
  EXPECT_TRUE(report.passed());
  EXPECT_EQ(report.failed_count(), 0);
}

TEST(GateEval, BetterValueFollowsTheComparison) {
  EXPECT_TRUE(better_value(Comparison::Less, 10, 5.0, 6.0));
  EXPECT_FALSE(better_value(Comparison::LessEqual, 10, 6.0, 6.0));
  EXPECT_TRUE(better_value(Comparison::Greater, 10, 7.0, 6.0));
  EXPECT_TRUE(better_value(Comparison::Equal, 0, 1.0, 2.0));
  EXPECT_TRUE(better_value(Comparison::Less, 10, 100.0, std::nullopt));
  EXPECT_FALSE(better_value(Comparison::Less, 10, std::nullopt, 100.0));
}

}  // namespace
}  // namespace ripple::cli
