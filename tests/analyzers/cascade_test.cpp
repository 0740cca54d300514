#include <gtest/gtest.h>

#include <memory>

#include "analyzers/cascade_names.h"
#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::find_cascade;
using testing::load;
using Names = std::vector<std::string>;
using Paths = std::vector<std::vector<std::string>>;

// A spec and its analysis with complete cascade lists.
struct Analyzed {
  model::Spec spec;
  Analysis analysis;
};

Analyzed analyzed(const std::string& yaml) {
  Analyzed a{load(yaml), {}};
  a.analysis = analyze(a.spec, {CascadeLists::Full});
  return a;
}

// A cascade's lists as names, with its kind and blast radius; null when there is no cascade.
struct NamedCascade : CascadeNames {
  ComponentKind kind = ComponentKind::Service;
  double blast_radius = 0;
};

std::unique_ptr<NamedCascade> find_named(const Analyzed& a, const std::string& component) {
  const Cascade* c = find_cascade(a.analysis, component);
  if (!c) return nullptr;
  auto named = std::make_unique<NamedCascade>();
  static_cast<CascadeNames&>(*named) = name_cascade(a.spec, *c);
  named->kind = c->kind;
  named->blast_radius = c->blast_radius;
  return named;
}

const char* kShop = R"(
ripple: 1
brokers: {bus: {type: kafka}, mem: {type: memory}}
stores: {orders_db: {}}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 2KiB}}
events:
  OrderPlaced: {broker: bus, carries: [order.id]}
  Audit: {broker: mem}
services:
  gateway:
    operations:
      checkout: {calls: [order.place]}
      browse: {calls: [{to: recommend.list, on_failure: continue}]}
  order:
    operations:
      place:
        calls: [payment.charge]
        writes: {store: orders_db}
        publishes: [OrderPlaced, Audit]
      get: {reads: {store: orders_db}}
    consumes: {Audit: {}}
  payment: {operations: {charge: {}}}
  recommend: {operations: {list: {}}}
  shipping: {consumes: {OrderPlaced: {needs: [order.items]}}}
workload:
  sources:
    - {to: gateway.checkout, rate: 300/s}
    - {to: gateway.browse, rate: 100/s}
)";

TEST(Cascade, ServiceDownFailsItsCallersUpToTheEntry) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "payment");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ComponentKind::Service);
  EXPECT_EQ(c->failed_entries, Names{"gateway.checkout"});
  EXPECT_EQ(c->failed_operations, (Names{"gateway.checkout", "order.place", "payment.charge"}));
  EXPECT_EQ(c->paths, (Paths{{"payment", "order.place", "gateway.checkout"}}));
  EXPECT_DOUBLE_EQ(c->blast_radius, 0.75);  // 300/s of 400/s
  EXPECT_TRUE(c->stalled_consumers.empty());
  EXPECT_TRUE(c->lost_events.empty());
  EXPECT_TRUE(c->stopped_by.empty());
}

TEST(Cascade, FallbackStopsPropagation) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "recommend");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->failed_entries.empty());
  EXPECT_DOUBLE_EQ(c->blast_radius, 0);
  ASSERT_EQ(c->stopped_by.size(), 1u);
  EXPECT_EQ(c->stopped_by[0].at, "gateway.browse");
  EXPECT_EQ(c->stopped_by[0].mechanism, "fallback");
  EXPECT_EQ(c->stopped_by[0].detail, "on_failure: continue on the call to recommend.list");
}

TEST(Cascade, StoreDownFailsItsUsersAndStallsConsumersThatCallThemBack) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "orders_db");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ComponentKind::Store);
  EXPECT_EQ(c->failed_operations, (Names{"gateway.checkout", "order.place", "order.get"}));
  EXPECT_EQ(c->paths, (Paths{{"orders_db", "order.place", "gateway.checkout"}}));
  EXPECT_EQ(c->stalled_consumers, Names{"shipping:OrderPlaced"});
  EXPECT_TRUE(c->lost_events.empty());
  ASSERT_EQ(c->stopped_by.size(), 1u);
  EXPECT_EQ(c->stopped_by[0].mechanism, "durable broker");
  EXPECT_EQ(c->stopped_by[0].detail, "bus keeps OrderPlaced until the consumer recovers");
}

TEST(Cascade, DurableBrokerDownLosesEventsWherePublishFails) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "bus");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ComponentKind::Broker);
  EXPECT_EQ(c->failed_entries, Names{"gateway.checkout"});
  EXPECT_EQ(c->paths, (Paths{{"bus", "order.place", "gateway.checkout"}}));
  EXPECT_EQ(c->stalled_consumers, Names{"shipping:OrderPlaced"});
  EXPECT_EQ(c->lost_events, Names{"OrderPlaced"});
  EXPECT_TRUE(c->stopped_by.empty());
}

TEST(Cascade, HolderOfMemoryBrokerLosesItsEvents) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "order");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->paths, (Paths{{"order", "gateway.checkout"}}));
  EXPECT_EQ(c->stalled_consumers, (Names{"order:Audit", "shipping:OrderPlaced"}));
  EXPECT_EQ(c->lost_events, Names{"Audit"});
}

TEST(Cascade, EntryOfTheFailedServiceIsItsOwnPath) {
  const Analyzed a = analyzed((kShop));
  const auto c = find_named(a, "gateway");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->failed_entries, (Names{"gateway.checkout", "gateway.browse"}));
  EXPECT_EQ(c->paths, (Paths{{"gateway", "gateway.checkout"}, {"gateway", "gateway.browse"}}));
  EXPECT_DOUBLE_EQ(c->blast_radius, 1);
}

TEST(Cascade, FallbackDetailMentionsTheBreaker) {
  const Analyzed a = analyzed((R"(
ripple: 1
services:
  a: {operations: {x: {calls: [{to: b.y, on_failure: continue, breaker: {failure_ratio: 0.5}}]}}}
  b: {operations: {y: {}}}
)"));
  const auto c = find_named(a, "b");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->stopped_by.size(), 1u);
  EXPECT_EQ(c->stopped_by[0].detail,
            "on_failure: continue on the call to b.y, behind a breaker that fails fast");
}

TEST(Cascade, OutboxStopsABrokerOutage) {
  const Analyzed a = analyzed((R"(
ripple: 1
brokers: {bus: {type: kafka}}
events: {E: {broker: bus}}
services:
  a: {operations: {x: {publishes: [{event: E, outbox: true}]}}}
  b: {consumes: {E: {}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  const auto c = find_named(a, "bus");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->failed_entries.empty());
  EXPECT_TRUE(c->lost_events.empty());
  EXPECT_EQ(c->stalled_consumers, Names{"b:E"});
  ASSERT_EQ(c->stopped_by.size(), 1u);
  EXPECT_EQ(c->stopped_by[0].at, "a.x");
  EXPECT_EQ(c->stopped_by[0].mechanism, "outbox");
}

TEST(Cascade, BlastRadiusIsZeroWithoutTraffic) {
  const Analyzed a = analyzed((R"(
ripple: 1
services: {a: {operations: {x: {}}}}
)"));
  ASSERT_EQ(a.analysis.cascades.size(), 1u);
  EXPECT_DOUBLE_EQ(a.analysis.cascades[0].blast_radius, 0);
  EXPECT_EQ(name_cascade(a.spec, a.analysis.cascades[0]).failed_operations, Names{"a.x"});
}

TEST(Cascade, CyclesOfFailingCallersTerminate) {
  const Analyzed a = analyzed((R"(
ripple: 1
services:
  a: {operations: {x: {calls: [b.y]}}}
  b: {operations: {y: {calls: [a.x]}}}
  c: {operations: {z: {}}}
workload: {sources: [{to: a.x, rate: 1/s}, {to: c.z, rate: 3/s}]}
)"));
  const auto c = find_named(a, "b");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->failed_entries, Names{"a.x"});
  EXPECT_DOUBLE_EQ(c->blast_radius, 0.25);
}

TEST(Cascade, ComponentsAreListedServicesThenStoresThenBrokers) {
  const Analyzed a = analyzed((kShop));
  Names order;
  for (const Cascade& c : a.analysis.cascades) order.push_back(c.component);
  EXPECT_EQ(order, (Names{"gateway", "order", "payment", "recommend", "shipping", "orders_db",
                          "bus", "mem"}));
}

}  // namespace
}  // namespace ripple::analyzers
