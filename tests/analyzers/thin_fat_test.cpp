#include <gtest/gtest.h>

#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::find_event;
using testing::load;
using Names = std::vector<std::string>;

// OrderPlaced carries only the order id; consumers need 2, 1 and 0 callbacks.
const char* kThin = R"(
ripple: 1
brokers: {bus: {type: kafka}}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 2KiB, total: 8B}}
  customer: {owner: customer, read: customer.get, fields: {id: 16B, email: 64B, address: 256B}}
events:
  OrderPlaced: {broker: bus, carries: [order.id]}
  Quiet: {broker: bus, carries: [customer.*]}
services:
  order:
    operations:
      place: {publishes: [OrderPlaced]}
      get: {}
  customer: {operations: {get: {}}}
  shipping: {consumes: {OrderPlaced: {needs: [order.items, customer.address]}}}
  billing: {consumes: {OrderPlaced: {needs: [order.total, order.id]}}}
  audit: {consumes: {OrderPlaced: {needs: [order.id]}}}
workload: {sources: [{to: order.place, rate: 100/s}]}
)";

TEST(ThinFat, CountsBytesConsumersAndCallbacksPerDelivery) {
  const Analysis a = analyze(load(kThin));
  const EventProfile* e = find_event(a, "OrderPlaced");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->bytes, 16);
  EXPECT_EQ(e->consumers, 3);
  EXPECT_DOUBLE_EQ(e->callbacks, 3);
  EXPECT_DOUBLE_EQ(e->callbacks_per_delivery, 1);  // (2 + 1 + 0) / 3
}

TEST(ThinFat, CallbackRateAndOwnerLoadFollowThePublishRate) {
  const Analysis a = analyze(load(kThin));
  const EventProfile* e = find_event(a, "OrderPlaced");
  ASSERT_NE(e, nullptr);
  EXPECT_DOUBLE_EQ(e->publish_rate, 100);
  EXPECT_DOUBLE_EQ(e->callback_rate, 300);
  ASSERT_EQ(e->owner_load.size(), 2u);
  EXPECT_EQ(e->owner_load[0].operation, "order.get");
  EXPECT_DOUBLE_EQ(e->owner_load[0].rate, 200);
  EXPECT_EQ(e->owner_load[1].operation, "customer.get");
  EXPECT_DOUBLE_EQ(e->owner_load[1].rate, 100);
}

TEST(ThinFat, FatVariantAddsEveryMissingNeededField) {
  const Analysis a = analyze(load(kThin));
  const EventProfile* e = find_event(a, "OrderPlaced");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fat_fields, (Names{"order.items", "order.total", "customer.address"}));
  EXPECT_EQ(e->fat_bytes, 16 + 2048 + 8 + 256);
  EXPECT_EQ(e->bytes_added, 2048 + 8 + 256);
  EXPECT_DOUBLE_EQ(e->callbacks_removed, 3);
  EXPECT_DOUBLE_EQ(e->added_bytes_rate, 2312.0 * 3 * 100);
  ASSERT_EQ(e->options.size(), 2u);
  EXPECT_EQ(e->options[0].entity, "order");
  EXPECT_EQ(e->options[0].fields, (Names{"order.items", "order.total"}));
  EXPECT_EQ(e->options[0].bytes_added, 2056);
  EXPECT_DOUBLE_EQ(e->options[0].callbacks_removed, 2);
  EXPECT_EQ(e->options[1].entity, "customer");
  EXPECT_DOUBLE_EQ(e->options[1].callbacks_removed, 1);
}

TEST(ThinFat, EventWithoutConsumersCostsNothing) {
  const Analysis a = analyze(load(kThin));
  const EventProfile* e = find_event(a, "Quiet");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->bytes, 16 + 64 + 256);  // customer.* carries every field
  EXPECT_EQ(e->consumers, 0);
  EXPECT_DOUBLE_EQ(e->callbacks_per_delivery, 0);
  EXPECT_DOUBLE_EQ(e->publish_rate, 0);
  EXPECT_TRUE(e->fat_fields.empty());
  EXPECT_EQ(e->fat_bytes, e->bytes);
}

TEST(ThinFat, WildcardNeedExpandsToTheMissingFields) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
entities:
  customer: {owner: customer, read: customer.get, fields: {id: 16B, email: 64B, address: 256B}}
events: {Signed: {broker: bus, carries: [customer.id]}}
services:
  customer: {operations: {signup: {publishes: [Signed]}, get: {}}}
  crm: {consumes: {Signed: {needs: [customer.*]}}}
)"));
  const EventProfile* e = find_event(a, "Signed");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fat_fields, (Names{"customer.email", "customer.address"}));
  EXPECT_EQ(e->fat_bytes, 16 + 64 + 256);
  EXPECT_DOUBLE_EQ(e->callbacks, 1);  // one per entity, not per field
}

TEST(ThinFat, FanOutExampleMatchesItsComments) {
  const Analysis a = analyze(testing::load_example("examples/fanout-thin-events.yaml"));
  const EventProfile* e = find_event(a, "OrderPlaced");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->bytes, 32);
  EXPECT_DOUBLE_EQ(e->callbacks_per_delivery, 5);
  EXPECT_DOUBLE_EQ(e->callback_rate, 5000);
  EXPECT_EQ(e->fat_fields.size(), 20u);
  EXPECT_EQ(e->fat_bytes, 2921);
}

}  // namespace
}  // namespace ripple::analyzers
