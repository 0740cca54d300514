#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "analyzers/analysis.h"
#include "cli/review/spec_diff.h"
#include "model/loader.h"

namespace ripple::cli {
namespace {

struct Version {
  model::Spec spec;
  analyzers::Analysis analysis;
};

Version load_text(const std::string& name, const std::string& yaml) {
  model::LoadResult loaded = model::load_spec({name, yaml});
  EXPECT_TRUE(loaded.spec.has_value()) << name;
  Version v{loaded.spec ? *loaded.spec : model::Spec{}, {}};
  v.analysis = analyzers::analyze(v.spec);
  return v;
}

// One of the spec pairs under tests/specs/diff/.
Version load_pair_file(const std::string& name) {
  const std::string path = std::string(RIPPLE_SOURCE_DIR) + "/tests/specs/diff/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return load_text(name, text.str());
}

SpecDiff diff_of(const Version& base, const Version& head) {
  return diff_specs({base.spec, base.analysis}, {head.spec, head.analysis});
}

std::vector<std::string> worse_details(const SpecDiff& d, DiffSection section) {
  std::vector<std::string> out;
  for (const Change& c : d.changes)
    if (c.section == section && c.verdict == Verdict::Worse) out.push_back(c.detail);
  return out;
}

TEST(SpecDiff, IdenticalSpecsHaveNoChange) {
  const Version base = load_pair_file("base.yaml");
  const SpecDiff d = diff_of(base, load_pair_file("base.yaml"));
  EXPECT_TRUE(d.changes.empty());
  EXPECT_FALSE(d.worse());
}

TEST(SpecDiff, RemovingACarriedFieldAConsumerNeedsBreaksTheContract) {
  const SpecDiff d = diff_of(load_pair_file("base.yaml"), load_pair_file("field-removed.yaml"));
  EXPECT_EQ(worse_details(d, DiffSection::Contracts),
            std::vector<std::string>{
                "`OrderPlaced` no longer carries `order.items`, which shipping:OrderPlaced needs"});
  // ... and the consumer now calls back: new hidden coupling, more requests per checkout.
  EXPECT_EQ(worse_details(d, DiffSection::Edges),
            std::vector<std::string>{"new callback `shipping:OrderPlaced -> order.get`"});
  EXPECT_EQ(worse_details(d, DiffSection::Coupling),
            std::vector<std::string>{"ce_hidden of `shipping`: 0 -> 1"});
  EXPECT_EQ(worse_details(d, DiffSection::Amplification),
            (std::vector<std::string>{"requests of `gateway.checkout`: 1 -> 2",
                                      "worst_case_requests of `gateway.checkout`: 1 -> 2",
                                      "requests of `OrderPlaced`: 0 -> 1",
                                      "worst_case_requests of `OrderPlaced`: 0 -> 1"}));
}

TEST(SpecDiff, RetypingANeededFieldBreaksTheContract) {
  const SpecDiff d = diff_of(load_pair_file("base.yaml"), load_pair_file("field-retyped.yaml"));
  EXPECT_EQ(worse_details(d, DiffSection::Contracts),
            std::vector<std::string>{"`order.total` carried by `OrderPlaced` changed from 8 B "
                                     "money to 16 B decimal; needed by billing:OrderPlaced"});
  EXPECT_EQ(d.count(Verdict::Worse), 1);
}

TEST(SpecDiff, ChangingTheKeyUnderAnOrderedConsumerBreaksTheContract) {
  const SpecDiff d = diff_of(load_pair_file("base.yaml"), load_pair_file("key-changed.yaml"));
  EXPECT_EQ(worse_details(d, DiffSection::Contracts),
            std::vector<std::string>{"key of `OrderPlaced` changed from `order.id` to "
                                     "`order.customer_id` under ordered billing:OrderPlaced"});
}

TEST(SpecDiff, RemovingAConsumedEventBreaksTheContract) {
  const SpecDiff d = diff_of(load_pair_file("base.yaml"), load_pair_file("event-removed.yaml"));
  EXPECT_EQ(worse_details(d, DiffSection::Contracts),
            std::vector<std::string>{"`OrderPlaced` removed while shipping:OrderPlaced, "
                                     "billing:OrderPlaced consumed it"});
  std::vector<std::string> removed;
  for (const Change& c : d.changes)
    if (c.section == DiffSection::Elements && c.kind == ChangeKind::Removed)
      removed.push_back(c.what + " " + c.subject);
  EXPECT_EQ(removed, (std::vector<std::string>{"service shipping", "service billing",
                                               "event OrderPlaced", "consumer shipping:OrderPlaced",
                                               "consumer billing:OrderPlaced"}));
}

TEST(SpecDiff, ANewRetriedCallRaisesCouplingAmplificationAndFindings) {
  const SpecDiff d = diff_of(load_pair_file("base.yaml"), load_pair_file("new-call.yaml"));
  EXPECT_EQ(worse_details(d, DiffSection::Coupling),
            (std::vector<std::string>{"ce of `order`: 0 -> 1", "ce_sync of `order`: 0 -> 1"}));
  EXPECT_EQ(worse_details(d, DiffSection::Amplification),
            (std::vector<std::string>{"requests of `gateway.checkout`: 1 -> 2",
                                      "worst_case_requests of `gateway.checkout`: 1 -> 4"}));
  std::vector<std::string> rules;
  for (const Change& c : d.changes)
    if (c.section == DiffSection::Findings) rules.push_back(c.what + " " + to_string(c.kind));
  EXPECT_EQ(rules, std::vector<std::string>{"timeout-inversion added"});
  std::vector<std::string> edges;
  for (const Change& c : d.changes)
    if (c.section == DiffSection::Edges) edges.push_back(c.what + " " + c.subject);
  EXPECT_EQ(edges, std::vector<std::string>{"call order.place -> fraud.check"});
}

TEST(SpecDiff, TheReverseChangeIsBetter) {
  const SpecDiff d = diff_of(load_pair_file("field-removed.yaml"), load_pair_file("base.yaml"));
  EXPECT_FALSE(d.worse());
  EXPECT_EQ(d.count(DiffSection::Edges, Verdict::Better), 1);
  EXPECT_EQ(d.count(DiffSection::Coupling, Verdict::Better), 1);
}

TEST(SpecDiff, AFieldNoConsumerNeedsMayGoWithoutBreakingAnything) {
  const char* base = R"(ripple: 1
entities: {order: {owner: o, fields: {id: 16B, note: 1KiB}}}
brokers: {bus: {type: kafka}}
events: {Done: {broker: bus, carries: [order.*]}}
services:
  o: {operations: {x: {publishes: [Done]}}}
  c: {consumes: {Done: {needs: [order.id], idempotent: true}}}
)";
  std::string head = base;
  head.replace(head.find("order.*"), 7, "order.id");
  const SpecDiff d = diff_of(load_text("b.yaml", base), load_text("h.yaml", head));
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0].verdict, Verdict::Neutral);
  EXPECT_EQ(d.changes[0].detail, "`Done` no longer carries `order.note` (no consumer needs it)");
}

TEST(SpecDiff, MovingAnOrderedEventToAnUnorderedBrokerLosesOrdering) {
  const char* base = R"(ripple: 1
entities: {order: {owner: o, fields: {id: 16B}}}
brokers: {bus: {type: kafka}, q: {type: sqs}}
events: {Done: {broker: bus, key: order.id, carries: [order.id]}}
services:
  o: {operations: {x: {publishes: [Done]}}}
  c: {consumes: {Done: {idempotent: true, ordered: true}}}
)";
  std::string head = base;
  head.replace(head.find("broker: bus"), 11, "broker: q");
  const SpecDiff d = diff_of(load_text("b.yaml", base), load_text("h.yaml", head));
  const auto contracts = worse_details(d, DiffSection::Contracts);
  ASSERT_EQ(contracts.size(), 1u);
  EXPECT_EQ(contracts[0],
            "`Done` moved to broker `q`, which does not keep per-key order; ordered c:Done");
}

TEST(SpecDiff, SimulatedP99AndErrorRateUseTolerances) {
  const Version base = load_pair_file("base.yaml");
  sim::SimulationResult before, after;
  sim::OperationResult op;
  op.name = "gateway.checkout";
  op.entry = true;
  op.latency.p99_ms = 100;
  op.error_rate = 0.010;
  before.operations = {op};
  before.seed = 3;
  op.latency.p99_ms = 104;  // within 5%: shown, neutral
  op.error_rate = 0.0125;   // 0.25 points up: worse
  after.operations = {op};
  after.seed = 3;
  const SpecDiff d =
      diff_specs({base.spec, base.analysis, &before}, {base.spec, base.analysis, &after});
  ASSERT_EQ(d.changes.size(), 2u);
  EXPECT_TRUE(d.simulated);
  EXPECT_EQ(d.seed, 3u);
  EXPECT_EQ(d.changes[0].what, "p99");
  EXPECT_EQ(d.changes[0].verdict, Verdict::Neutral);
  EXPECT_EQ(d.changes[1].what, "error_rate");
  EXPECT_EQ(d.changes[1].verdict, Verdict::Worse);
}

// The event side is compared like p99: lag, losses, duplicates, dead letters, utilization,
// backlog and recovery, each with its tolerance (spec_diff.h); unchanged figures give no row.
TEST(SpecDiff, SimulatedEventFiguresAreComparedWithTolerances) {
  const Version base = load_pair_file("base.yaml");
  sim::SimulationResult before, after;
  sim::ConsumerResult c;
  c.name = "shipping:OrderPlaced";
  c.delivered = 100;
  c.lag.p99_ms = 36;
  c.lost = 415;
  c.duplicates = 3;
  before.consumers = {c};
  c.lag.p99_ms = 15900;  // worse
  c.lost = 0;            // better
  c.duplicates = 4;      // one more: within the one-event slack, neutral
  after.consumers = {c};
  sim::ServiceResult svc;
  svc.name = "payment";
  svc.utilization = 0.40;
  before.services = {svc};
  svc.utilization = 0.41;  // within 2 points: neutral
  after.services = {svc};
  sim::BrokerResult bus;
  bus.name = "bus";
  bus.max_backlog = 3;
  bus.backlog = 0.5;
  before.brokers = {bus};
  bus.max_backlog = 300;  // worse
  after.brokers = {bus};
  sim::FaultResult fault;
  fault.target = "payment";
  fault.recovery_time_ms = 2000;
  before.faults = {fault};
  fault.recovery_time_ms.reset();  // never recovered: worse
  after.faults = {fault};
  const SpecDiff d =
      diff_specs({base.spec, base.analysis, &before}, {base.spec, base.analysis, &after});
  std::vector<std::string> rows;
  for (const Change& ch : d.changes)
    rows.push_back(ch.what + "(" + ch.subject + ") " + to_string(ch.verdict));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "p99_lag(shipping:OrderPlaced) worse", "lost(shipping:OrderPlaced) better",
                      "duplicates(shipping:OrderPlaced) neutral", "utilization(payment) neutral",
                      "max_backlog(bus) worse", "recovery_time(payment) worse"}));
  EXPECT_EQ(d.changes.back().detail, "recovery_time of `payment`: 2000 -> never within the run");
  // The same results on both sides: nothing to report.
  EXPECT_TRUE(diff_specs({base.spec, base.analysis, &after}, {base.spec, base.analysis, &after})
                  .changes.empty());
}

}  // namespace
}  // namespace ripple::cli
