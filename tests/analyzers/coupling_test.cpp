#include <gtest/gtest.h>

#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::find_service;
using testing::load;

// gateway -> order <-> payment (sync); shipping consumes order's event and calls back order and
// customer for fields the event lacks; lonely touches nobody.
const char* kShop = R"(
ripple: 1
brokers: {bus: {type: kafka}}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 2KiB}}
  customer: {owner: customer, read: customer.get, fields: {id: 16B, address: 256B}}
events:
  OrderPlaced: {broker: bus, key: order.id, carries: [order.id]}
services:
  gateway: {operations: {checkout: {calls: [order.place]}}}
  order:
    operations:
      place: {calls: [payment.charge], publishes: [OrderPlaced]}
      get: {}
  payment: {operations: {charge: {calls: [order.get]}}}
  customer: {operations: {get: {}}}
  shipping:
    consumes:
      OrderPlaced: {needs: [order.items, customer.address]}
  lonely: {operations: {idle: {}}}
workload: {sources: [{to: gateway.checkout, rate: 10/s}]}
)";

struct Expected {
  int ce, ca, ce_sync, ce_async, ce_hidden, ais, ads, acs, siy;
};

void expect_coupling(const ServiceCoupling& c, const Expected& e) {
  EXPECT_EQ(c.ce, e.ce) << c.name;
  EXPECT_EQ(c.ca, e.ca) << c.name;
  EXPECT_EQ(c.ce_sync, e.ce_sync) << c.name;
  EXPECT_EQ(c.ce_async, e.ce_async) << c.name;
  EXPECT_EQ(c.ce_hidden, e.ce_hidden) << c.name;
  EXPECT_EQ(c.ais, e.ais) << c.name;
  EXPECT_EQ(c.ads, e.ads) << c.name;
  EXPECT_EQ(c.acs, e.acs) << c.name;
  EXPECT_EQ(c.siy, e.siy) << c.name;
}

TEST(Coupling, CountsEfferentAndAfferentPerKind) {
  const Analysis a = analyze(load(kShop));
  expect_coupling(*find_service(a, "gateway"), {1, 0, 1, 0, 0, 0, 1, 0, 0});
  expect_coupling(*find_service(a, "order"), {1, 3, 1, 0, 0, 3, 1, 3, 1});
  expect_coupling(*find_service(a, "payment"), {1, 1, 1, 0, 0, 1, 1, 1, 1});
  expect_coupling(*find_service(a, "customer"), {0, 1, 0, 0, 0, 1, 0, 0, 0});
  // async on order (the publisher), hidden on order and customer (the owners called back).
  expect_coupling(*find_service(a, "shipping"), {2, 0, 0, 1, 2, 0, 2, 0, 0});
}

TEST(Coupling, InstabilityIsEfferentShareAndNullWhenIsolated) {
  const Analysis a = analyze(load(kShop));
  EXPECT_EQ(find_service(a, "gateway")->instability, 1.0);
  EXPECT_EQ(find_service(a, "order")->instability, 0.25);
  EXPECT_EQ(find_service(a, "payment")->instability, 0.5);
  EXPECT_EQ(find_service(a, "customer")->instability, 0.0);
  EXPECT_FALSE(find_service(a, "lonely")->instability.has_value());
}

TEST(Coupling, CountsInterdependentPairsOnce) {
  const Analysis a = analyze(load(kShop));
  EXPECT_EQ(a.coupling.siy, 1);
}

TEST(Coupling, FindsSyncComponentsAndACycleThroughEach) {
  const Analysis a = analyze(load(kShop));
  using Names = std::vector<std::vector<std::string>>;
  EXPECT_EQ(a.coupling.sync_components, (Names{{"order", "payment"}}));
  EXPECT_EQ(a.coupling.sync_cycles, (Names{{"order", "payment", "order"}}));
  EXPECT_TRUE(a.coupling.operation_cycles.empty());
}

TEST(Coupling, LongestSyncChainPerEntry) {
  const Analysis a = analyze(load(kShop));
  ASSERT_EQ(a.coupling.longest_chains.size(), 1u);
  const SyncChain& chain = a.coupling.longest_chains[0];
  EXPECT_EQ(chain.entry, "gateway.checkout");
  EXPECT_EQ(chain.length, 3);
  EXPECT_EQ(chain.operations, (std::vector<std::string>{"gateway.checkout", "order.place",
                                                        "payment.charge", "order.get"}));
}

TEST(Coupling, HiddenCouplingCountsDistinctOwnersOtherThanItself) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
entities:
  order: {owner: sales, read: sales.order, fields: {id: 16B, total: 8B}}
  quote: {owner: sales, read: sales.quote, fields: {id: 16B, price: 8B}}
  note: {owner: crm, read: crm.note, fields: {id: 16B, text: 1KiB}}
events: {Closed: {broker: bus, carries: [order.id]}}
services:
  sales: {operations: {close: {publishes: [Closed]}, order: {}, quote: {}}}
  crm:
    operations: {note: {}}
    consumes: {Closed: {needs: [order.total, quote.price, note.text]}}
)"));
  const ServiceCoupling* crm = find_service(a, "crm");
  ASSERT_NE(crm, nullptr);
  EXPECT_EQ(crm->ce_hidden, 1);  // sales, once for two entities; crm's own note does not count
  EXPECT_EQ(crm->ce_async, 1);
  EXPECT_EQ(crm->ce, 1);
  EXPECT_EQ(crm->ads, 1);
}

TEST(Coupling, FindsOperationCyclesInsideOneService) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  a: {operations: {x: {calls: [a.y]}, y: {calls: [a.x]}, z: {calls: [a.z]}, w: {calls: [a.x]}}}
)"));
  using Names = std::vector<std::vector<std::string>>;
  EXPECT_EQ(a.coupling.operation_cycles, (Names{{"a.x", "a.y"}, {"a.z"}}));
  EXPECT_TRUE(a.coupling.sync_components.empty());
}

TEST(Coupling, ThreeServiceCycleIsListedInCallOrder) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  a: {operations: {x: {calls: [b.x]}}}
  b: {operations: {x: {calls: [c.x]}}}
  c: {operations: {x: {calls: [a.x]}}}
)"));
  using Names = std::vector<std::vector<std::string>>;
  EXPECT_EQ(a.coupling.sync_cycles, (Names{{"a", "b", "c", "a"}}));
}

}  // namespace
}  // namespace ripple::analyzers
