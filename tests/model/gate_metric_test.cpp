// The table of gate metrics (model/gate_metric.h): every metric in it parses, has a unique name,
// and is documented.

#include "model/gate_metric.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

// A spec in which every kind of argument has an element; the gate is its last line.
std::string spec_with_gate(const std::string& gate) {
  return "ripple: 1\n"
         "brokers: {bus: {type: kafka}}\n"
         "events: {Placed: {broker: bus}}\n"
         "services:\n"
         "  gateway: {operations: {checkout: {calls: [order.place]}}}\n"
         "  order: {operations: {place: {publishes: [Placed]}}}\n"
         "  ship: {consumes: {Placed: {}}}\n"
         "workload: {sources: [{to: gateway.checkout, rate: 10/s, spikes: [{at: 2s, for: 1s, "
         "rate: 50/s}]}]}\n"
         "faults: [{service: order, at: 1s, for: 1s, mode: down}]\n"
         "gates: [\"" +
         gate + "\"]\n";
}

std::string argument_for(GateArgument argument) {
  switch (argument) {
    case GateArgument::Operation:
    case GateArgument::EntryOrEvent:
      return "gateway.checkout";
    case GateArgument::Component:
    case GateArgument::FaultedComponent:
      return "order";
    case GateArgument::Consumer:
      return "ship:Placed";
    case GateArgument::Service:
      return "gateway";
    case GateArgument::Event:
      return "Placed";
    case GateArgument::RuleOrSeverity:
      return "error";
    case GateArgument::None:
      return "";
    case GateArgument::Broker:
      return "bus";
    case GateArgument::SpikedOperation:
      return "gateway.checkout";
  }
  return "";
}

// A threshold in the metric's unit, and its value once parsed.
std::pair<std::string, double> threshold_for(GateValue value) {
  switch (value) {
    case GateValue::Duration:
      return {"1.5s", 1500};
    case GateValue::Ratio:
      return {"5%", 0.05};
    case GateValue::Number:
      return {"2.5", 2.5};
    case GateValue::Count:
      return {"3", 3};
  }
  return {"", 0};
}

// `name(argument) <= threshold`, or just the name for `no WORD` metrics.
std::string gate_text(const GateMetricInfo& m) {
  if (m.argument == GateArgument::None) return m.name;
  return std::string(m.name) + "(" + argument_for(m.argument) +
         ") <= " + threshold_for(m.value).first;
}

TEST(GateMetrics, EveryMetricParses) {
  for (const GateMetricInfo& m : gate_metric_table()) {
    const LoadResult result = load(spec_with_gate(gate_text(m)));
    ASSERT_TRUE(result.spec.has_value()) << gate_text(m) << "\n" << render_all(result.diagnostics);
    ASSERT_EQ(result.spec->gates.size(), 1u);
    const Gate& g = result.spec->gates[0];
    EXPECT_EQ(g.metric, m.metric) << m.name;
    EXPECT_EQ(g.text, gate_text(m));
    EXPECT_EQ(g.argument, argument_for(m.argument)) << m.name;
    if (m.argument == GateArgument::None) continue;
    EXPECT_EQ(g.comparison, Comparison::LessEqual) << m.name;
    EXPECT_DOUBLE_EQ(g.threshold, threshold_for(m.value).second) << m.name;
  }
}

TEST(GateMetrics, NamesAreUniqueAndFindTheirMetric) {
  std::set<std::string> names;
  for (const GateMetricInfo& m : gate_metric_table()) {
    EXPECT_TRUE(names.insert(m.name).second) << m.name;
    EXPECT_EQ(find_gate_metric(m.name), m.metric);
    EXPECT_STREQ(to_string(m.metric), m.name);
    EXPECT_EQ(&gate_metric_info(m.metric), &m);
  }
  EXPECT_EQ(names.size(), 28u);
  EXPECT_FALSE(find_gate_metric("p98").has_value());
}

TEST(GateMetrics, OnlySimulatedFiguresNeedTheSimulation) {
  std::string simulated;
  for (const GateMetricInfo& m : gate_metric_table())
    if (needs_simulation(m.metric)) simulated += std::string(m.name) + " ";
  EXPECT_EQ(simulated,
            "p50 p90 p99 p999 mean max error_rate max_lag mean_lag p99_lag recovery_time lost "
            "duplicates harmful_duplicates dead_lettered out_of_order utilization backlog "
            "max_backlog throughput spike_recovery_time ");
}

// docs/spec.md lists each metric in backquotes; docs/ci.md's metrics table names each in its
// first column.
TEST(GateMetrics, EveryMetricIsDocumented) {
  const std::string spec_md = read_source("docs/spec.md");
  const std::string ci_md = read_source("docs/ci.md");
  const std::size_t table = ci_md.find("### Metrics");
  ASSERT_NE(table, std::string::npos);
  const std::string metrics =
      ci_md.substr(table, ci_md.find("\n\n", ci_md.find("| ---", table)) - table);
  for (const GateMetricInfo& m : gate_metric_table()) {
    EXPECT_NE(spec_md.find("`" + std::string(m.name) + "`"), std::string::npos) << m.name;
    bool in_ci = false;
    for (const char* before : {"`", " "})
      for (const char* after : {"`", " ", "("})
        in_ci = in_ci || metrics.find(before + std::string(m.name) + after) != std::string::npos;
    EXPECT_TRUE(in_ci) << m.name << " is not in the metrics table of docs/ci.md";
  }
}

}  // namespace
}  // namespace ripple::model::testing
