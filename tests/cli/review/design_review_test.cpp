#include "cli/review/design_review.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "model/loader.h"

namespace ripple::cli {
namespace {

// gateway.in calls order.place and, less often, order.peek; order publishes Placed on bus, which
// ship consumes calling order back for a field Placed lacks; order writes to db.
const char* kShop = R"(ripple: 1
name: shop
entities: {order: {owner: order, read: order.get, fields: {id: 16B, items: 1KiB}}}
brokers: {bus: {type: kafka}}
stores: {db: {connections: 4}}
events: {Placed: {broker: bus, carries: [order.id]}}
services:
  gateway: {operations: {in: {calls: [order.place, {to: order.peek, probability: 0.5}]}}}
  order:
    operations:
      place: {publishes: [Placed], writes: {store: db, rows: 1}}
      peek: {}
      get: {}
  ship: {consumes: {Placed: {needs: [order.id, order.items], idempotent: true}}}
workload: {duration: 5s, sources: [{to: gateway.in, rate: 10/s}]}
gates:
  - amplification(gateway.in) <= 30
  - p99(gateway.in) < 1s
)";

struct Loaded {
  model::Spec spec;
  analyzers::Analysis analysis;
};

Loaded load(const std::string& yaml) {
  model::LoadResult loaded = model::load_spec({"shop.yaml", yaml});
  EXPECT_TRUE(loaded.spec.has_value());
  Loaded l{loaded.spec ? *loaded.spec : model::Spec{}, {}};
  l.analysis = analyzers::analyze(l.spec);
  return l;
}

const ComponentEdge* find_edge(const ComponentGraph& g, const std::string& from,
                               const std::string& to, EdgeKind kind) {
  for (const ComponentEdge& e : g.edges)
    if (g.nodes[e.from].name == from && g.nodes[e.to].name == to && e.kind == kind) return &e;
  return nullptr;
}

TEST(ComponentGraph, AggregatesTrafficPerPairOfComponentsAndKind) {
  const Loaded l = load(kShop);
  const ComponentGraph g = build_component_graph(l.spec, l.analysis);
  ASSERT_EQ(g.nodes.size(), 5u);  // 3 services, then the broker, then the store
  EXPECT_EQ(g.nodes[3].name, "bus");
  EXPECT_EQ(g.nodes[3].kind, NodeKind::Broker);
  EXPECT_EQ(g.nodes[4].kind, NodeKind::Store);
  const ComponentEdge* calls = find_edge(g, "gateway", "order", EdgeKind::Sync);
  ASSERT_NE(calls, nullptr);
  EXPECT_EQ(calls->names, (std::vector<std::string>{"order.place", "order.peek"}));
  EXPECT_DOUBLE_EQ(calls->rate, 15);  // 10/s to place, 5/s to peek
  const ComponentEdge* callback = find_edge(g, "ship", "order", EdgeKind::Callback);
  ASSERT_NE(callback, nullptr);
  EXPECT_EQ(callback->names, std::vector<std::string>{"order.get"});
  ASSERT_NE(find_edge(g, "order", "db", EdgeKind::Store), nullptr);
  EXPECT_EQ(find_edge(g, "order", "db", EdgeKind::Store)->names,
            std::vector<std::string>{"writes"});
}

TEST(ComponentGraph, MarksTheHottestPathFromTheBusiestEntry) {
  const Loaded l = load(kShop);
  const ComponentGraph g = build_component_graph(l.spec, l.analysis);
  std::vector<std::string> path{g.nodes[g.edges[g.hot_path.front()].from].name};
  for (std::size_t e : g.hot_path) path.push_back(g.nodes[g.edges[e].to].name);
  // From order the busiest edge that is not a store goes to the broker, then to ship.
  EXPECT_EQ(path, (std::vector<std::string>{"gateway", "order", "bus", "ship"}));
  for (std::size_t e : g.hot_path) EXPECT_TRUE(g.edges[e].hot);
  EXPECT_FALSE(g.nodes[4].hot);
}

TEST(ComponentGraph, MarksTheLongestChainOfTheWidestCascade) {
  const Loaded l = load(kShop);
  const ComponentGraph g = build_component_graph(l.spec, l.analysis);
  ASSERT_FALSE(g.worst_chain.empty());
  EXPECT_EQ(g.worst_chain.back(), "gateway.in");
  EXPECT_TRUE(g.nodes[0].cascade);  // gateway fails with it
  EXPECT_FALSE(find_edge(g, "ship", "order", EdgeKind::Callback)->cascade);
}

TEST(Rankings, AreWorstFirstAndKeepTiesInOrder) {
  analyzers::Analysis a;
  for (const auto& [name, ce, acs] :
       {std::tuple{"a", 1, 0}, {"b", 3, 0}, {"c", 1, 2}, {"d", 1, 0}}) {
    analyzers::ServiceCoupling s;
    s.name = name;
    s.ce = ce;
    s.acs = acs;
    a.coupling.services.push_back(s);
  }
  EXPECT_EQ(rank_analysis(a).coupling, (Order{1, 2, 0, 3}));
  EXPECT_EQ(most_coupled_then_hidden(a), (Order{1, 0, 2, 3}));
}

TEST(Rankings, LeaveOutCascadesThatReachNothing) {
  analyzers::Analysis a;
  a.cascades.resize(3);
  a.cascades[0].blast_radius = 0.9;  // reaches nothing: left out
  a.cascades[1].blast_radius = 0.2;
  a.cascades[1].counts.stalled_consumers = 1;
  a.cascades[2].blast_radius = 0.5;
  a.cascades[2].counts.failed_operations = 1;
  EXPECT_EQ(rank_analysis(a).cascades, (Order{2, 1}));
  EXPECT_EQ(widest_cascades_then_longest(a), (Order{2, 1}));
}

TEST(Rankings, PutEntryOperationsFirstAndOnlyQueuesThatFilled) {
  sim::SimulationResult r;
  r.operations.resize(3);
  r.operations[2].entry = true;
  r.series.queues = {{"a", {0, 0}}, {"b", {1, 4}}, {"c", {6, 0}}};
  const SimulationRanking ranking = rank_simulation(r);
  EXPECT_EQ(ranking.operations, (Order{2, 0, 1}));
  EXPECT_EQ(ranking.queues, (Order{2, 1}));
}

TEST(DesignSummary, HeadlinesTheLargestAmplificationAndTheWidestCascade) {
  const Loaded l = load(kShop);
  const DesignSummary s =
      summarize_design(l.spec, l.analysis, static_cast<const sim::SimulationResult*>(nullptr));
  ASSERT_TRUE(s.largest_entry_amplification);
  EXPECT_EQ(l.analysis.amplification[*s.largest_entry_amplification].name, "gateway.in");
  ASSERT_TRUE(s.widest_cascade);
  EXPECT_DOUBLE_EQ(l.analysis.cascades[*s.widest_cascade].blast_radius, 1);
  EXPECT_EQ(s.services_with_hidden_coupling, 1);  // ship calls order back
  EXPECT_DOUBLE_EQ(s.callback_rate, 10);
  EXPECT_EQ(s.unrecovered_faults, 0);
}

TEST(GateTally, WithoutASimulationDoesNotEvaluateGatesThatNeedOne) {
  const Loaded l = load(kShop);
  const GateTally tally =
      tally_gates(l.spec, l.analysis, static_cast<const sim::SimulationResult*>(nullptr));
  ASSERT_EQ(tally.report.gates.size(), 2u);
  EXPECT_EQ(tally.not_evaluated, (std::vector<char>{0, 1}));
  EXPECT_EQ(tally.skipped, 1);
  EXPECT_EQ(tally.failed, 0);
}

TEST(GateTally, WithASimulationEvaluatesEveryGate) {
  const Loaded l = load(kShop);
  sim::SimulationResult none;  // no operation received requests: the p99 gate fails
  const GateTally tally = tally_gates(l.spec, l.analysis, &none);
  EXPECT_EQ(tally.not_evaluated, (std::vector<char>{0, 0}));
  EXPECT_EQ(tally.skipped, 0);
  EXPECT_EQ(tally.failed, 1);
}

}  // namespace
}  // namespace ripple::cli

namespace ripple::cli {
namespace {

sim::OperationResult entry_with_error_rate(const std::string& name, double rate) {
  sim::OperationResult op;
  op.name = name;
  op.entry = true;
  op.count = 1000;
  op.errors = static_cast<std::uint64_t>(rate * 1000);
  op.error_rate = rate;
  return op;
}

TEST(Attention, ListsTheEntryOperationsWithTheHighestErrorRateWithIntervals) {
  ReplicatedSimulation run;
  for (const double shift : {0.0, 0.002, -0.002}) {
    sim::SimulationResult r;
    r.operations = {entry_with_error_rate("a.first", 0.001 + shift / 10),
                    entry_with_error_rate("b.second", 0.05 + shift),
                    entry_with_error_rate("c.third", 0.0),
                    entry_with_error_rate("d.fourth", 0.02 + shift)};
    sim::ConsumerResult quiet, lossy;
    quiet.name = "q:E";
    lossy.name = "l:E";
    lossy.lost = shift > 0 ? 12 : 8;
    r.consumers = {quiet, lossy};
    run.replications.push_back(r);
  }
  run.merged = run.replications[0];
  run.merged.consumers[1].lost = 28;
  const Attention a = needs_attention(analyzers::Analysis{}, GateTally{}, &run);
  ASSERT_EQ(a.error_rates.size(), kAttentionOperations);
  EXPECT_EQ(a.error_rates[0].index, 1u);  // b.second, then d.fourth, then a.first
  EXPECT_EQ(a.error_rates[1].index, 3u);
  EXPECT_EQ(a.error_rates[2].index, 0u);
  ASSERT_TRUE(a.error_rates[0].estimate.ci.has_value());
  EXPECT_DOUBLE_EQ(a.error_rates[0].estimate.value, 0.05);
  ASSERT_EQ(a.losses.size(), 1u);
  EXPECT_EQ(a.losses[0].index, 1u);
  EXPECT_NEAR(a.losses[0].estimate.value, 28.0 / 3, 1e-9);
}

}  // namespace
}  // namespace ripple::cli
