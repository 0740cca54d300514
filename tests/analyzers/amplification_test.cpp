#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::find_amplification;
using testing::load;

// One event, ten consuming services, five synchronous calls each.
std::string fan_out_spec() {
  std::string yaml = R"(
ripple: 1
brokers: {bus: {type: kafka}}
events: {Ping: {broker: bus}}
services:
  source:
    operations:
      emit: {publishes: [Ping]}
  target:
    operations:
      a: {}
      b: {}
      c: {}
      d: {}
      e: {}
)";
  for (int i = 0; i < 10; ++i)
    yaml += "  c" + std::to_string(i) +
            ":\n    consumes:\n      Ping: {calls: [target.a, target.b, target.c, target.d, "
            "target.e]}\n";
  yaml += "workload: {sources: [{to: source.emit, rate: 10/s}]}\n";
  return yaml;
}

TEST(Amplification, OneEventTenConsumersFiveCallsIsFiftyRequests) {
  const Analysis a = analyze(load(fan_out_spec()));
  const Amplification* event = find_amplification(a, "Ping");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->kind, AmplificationKind::Event);
  EXPECT_DOUBLE_EQ(event->nominal.requests, 50);
  EXPECT_DOUBLE_EQ(event->nominal.deliveries, 10);
  EXPECT_DOUBLE_EQ(event->nominal.callbacks, 0);
  EXPECT_DOUBLE_EQ(event->worst_case.requests, 50);
  const Amplification* entry = find_amplification(a, "source.emit");
  ASSERT_NE(entry, nullptr);
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 50);
}

// Five layers below the entry, every call attempted 3 times.
const char* kRetryChain = R"(
ripple: 1
defaults:
  retry: {attempts: 3}
services:
  l0: {operations: {op: {calls: [l1.op]}}}
  l1: {operations: {op: {calls: [l2.op]}}}
  l2: {operations: {op: {calls: [l3.op]}}}
  l3: {operations: {op: {calls: [l4.op]}}}
  l4: {operations: {op: {calls: [l5.op]}}}
  l5: {operations: {op: {}}}
workload: {sources: [{to: l0.op, rate: 1/s}]}
)";

TEST(Amplification, ThreeAttemptsOverFiveLayersIs363WorstCaseAnd243AtTheBottom) {
  const Analysis a = analyze(load(kRetryChain));
  const Amplification* entry = find_amplification(a, "l0.op");
  ASSERT_NE(entry, nullptr);
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 5);
  EXPECT_DOUBLE_EQ(entry->worst_case.requests, 3 + 9 + 27 + 81 + 243);
  EXPECT_DOUBLE_EQ(entry->worst_case_multiplier, 243);
  EXPECT_FALSE(entry->cycles_cut);
}

TEST(Amplification, NominalWeighsCallsByProbabilityWorstCaseMakesThemAll) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  a:
    operations:
      x:
        calls:
          - {to: b.y, probability: 0.25, retry: {attempts: 2}}
          - {to: b.z, probability: 0.5}
  b: {operations: {y: {calls: [b.z]}, z: {}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  const Amplification* entry = find_amplification(a, "a.x");
  ASSERT_NE(entry, nullptr);
  // nominal: 0.25 x (1 + 1) + 0.5 x 1 = 1; worst: 2 x (1 + 1) + 1 = 5.
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 1);
  EXPECT_DOUBLE_EQ(entry->worst_case.requests, 5);
}

TEST(Amplification, CountsTransactionsBytesAndCallbacks) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
stores: {db: {}}
entities:
  order: {owner: orders, read: orders.get, fields: {id: 16B, items: 2KiB}}
events: {Placed: {broker: bus, carries: [order.id]}}
services:
  orders:
    operations:
      place:
        reads: {store: db}
        writes: [{store: db}, {store: db, batch: {size: 4, linger: 5ms}}]
        publishes: [Placed]
      get: {reads: {store: db}}
  mail: {consumes: {Placed: {needs: [order.items]}}}
  audit: {consumes: {Placed: {writes: {store: db}}}}
workload: {sources: [{to: orders.place, rate: 1/s}]}
)"));
  const Amplification* entry = find_amplification(a, "orders.place");
  ASSERT_NE(entry, nullptr);
  EXPECT_DOUBLE_EQ(entry->nominal.deliveries, 2);
  EXPECT_DOUBLE_EQ(entry->nominal.bytes, 32);     // 16 B x 2 deliveries
  EXPECT_DOUBLE_EQ(entry->nominal.callbacks, 1);  // mail calls back orders.get
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 1);   // that callback
  // own: 1 read + 1 write + 1/4 batched write; orders.get: 1; audit: 1.
  EXPECT_DOUBLE_EQ(entry->nominal.transactions, 4.25);
  const Amplification* event = find_amplification(a, "Placed");
  ASSERT_NE(event, nullptr);
  EXPECT_DOUBLE_EQ(event->nominal.transactions, 2);
}

TEST(Amplification, EntryRequestItselfIsNotCounted) {
  const Analysis a = analyze(load(R"(
ripple: 1
services: {a: {operations: {x: {}}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  ASSERT_EQ(a.amplification.size(), 1u);
  EXPECT_DOUBLE_EQ(a.amplification[0].nominal.requests, 0);
  EXPECT_DOUBLE_EQ(a.amplification[0].worst_case.requests, 0);
  EXPECT_DOUBLE_EQ(a.amplification[0].worst_case_multiplier, 1);
}

TEST(Amplification, SyncCycleIsCutAtTheRevisitAndReported) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  a: {operations: {x: {calls: [b.y]}}}
  b: {operations: {y: {calls: [{to: a.x, retry: {attempts: 3}}]}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  const Amplification* entry = find_amplification(a, "a.x");
  ASSERT_NE(entry, nullptr);
  EXPECT_TRUE(entry->cycles_cut);
  // a.x -> b.y (1), b.y -> a.x (the revisit: counted once, not followed).
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 2);
  EXPECT_DOUBLE_EQ(entry->worst_case.requests, 4);
  EXPECT_EQ(a.cut_edges, std::vector<std::string>{"b.y -> a.x"});
}

TEST(Amplification, EventLoopThroughConsumerIsCut) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
events: {Tick: {broker: bus}}
services:
  clock:
    operations: {start: {publishes: [Tick]}}
    consumes: {Tick: {publishes: [Tick]}}
workload: {sources: [{to: clock.start, rate: 1/s}]}
)"));
  const Amplification* entry = find_amplification(a, "clock.start");
  ASSERT_NE(entry, nullptr);
  EXPECT_TRUE(entry->cycles_cut);
  EXPECT_DOUBLE_EQ(entry->nominal.deliveries, 1);
  EXPECT_EQ(a.cut_edges, std::vector<std::string>{"clock:Tick -> Tick"});
}

TEST(Amplification, SelfCallTerminates) {
  const Analysis a = analyze(load(R"(
ripple: 1
services: {a: {operations: {x: {calls: [a.x]}}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  EXPECT_DOUBLE_EQ(a.amplification[0].nominal.requests, 1);
  EXPECT_TRUE(a.amplification[0].cycles_cut);
}

TEST(Amplification, ListsEntryOperationsThenEvents) {
  const Analysis a = analyze(load(fan_out_spec()));
  ASSERT_EQ(a.amplification.size(), 2u);
  EXPECT_EQ(a.amplification[0].name, "source.emit");
  EXPECT_EQ(a.amplification[1].name, "Ping");
}

TEST(Amplification, RetryLayersExampleGives5And363) {
  const Analysis a = analyze(testing::load_example("examples/retry-layers.yaml"));
  const Amplification* entry = find_amplification(a, "edge.handle");
  ASSERT_NE(entry, nullptr);
  EXPECT_DOUBLE_EQ(entry->nominal.requests, 5);
  EXPECT_DOUBLE_EQ(entry->worst_case.requests, 363);
  EXPECT_DOUBLE_EQ(entry->worst_case_multiplier, 243);
}

TEST(Amplification, FanOutExampleGives50) {
  const Analysis a = analyze(testing::load_example("examples/fanout-thin-events.yaml"));
  const Amplification* event = find_amplification(a, "OrderPlaced");
  ASSERT_NE(event, nullptr);
  EXPECT_DOUBLE_EQ(event->nominal.requests, 50);
  EXPECT_DOUBLE_EQ(event->nominal.deliveries, 10);
  EXPECT_DOUBLE_EQ(event->nominal.callbacks, 50);
}

TEST(Rates, PropagateThroughCallsPublishesAndConsumers) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
events: {E: {broker: bus}}
services:
  a: {operations: {x: {calls: [{to: b.y, probability: 0.5}], publishes: [E]}}}
  b: {operations: {y: {}}}
  c: {consumes: {E: {calls: [b.y]}}}
workload: {sources: [{to: a.x, rate: 200/s}, {to: b.y, rate: 10/s}]}
)"));
  ASSERT_EQ(a.rates.operations.size(), 2u);
  EXPECT_DOUBLE_EQ(a.rates.operations[0], 200);
  EXPECT_DOUBLE_EQ(a.rates.operations[1], 10 + 100 + 200);
  EXPECT_DOUBLE_EQ(a.rates.events[0], 200);
  EXPECT_DOUBLE_EQ(a.rates.consumers[0], 200);
}

}  // namespace
}  // namespace ripple::analyzers

namespace ripple::analyzers {
namespace {

// A chain far deeper than any call stack would survive if the analyzers recursed.
TEST(Amplification, DeepChainIsFollowedWithoutRecursion) {
  constexpr int kDepth = 3000;
  std::string yaml = "ripple: 1\ndefaults: {retry: {attempts: 3}}\nservices:\n";
  for (int i = 0; i < kDepth; ++i) {
    yaml += "  s" + std::to_string(i) + ": {operations: {op: {";
    if (i + 1 < kDepth) yaml += "calls: [s" + std::to_string(i + 1) + ".op]";
    yaml += "}}}\n";
  }
  yaml += "workload: {sources: [{to: s0.op, rate: 1/s}]}\n";
  const Analysis a = analyze(testing::load(yaml));
  ASSERT_FALSE(a.amplification.empty());
  EXPECT_DOUBLE_EQ(a.amplification[0].nominal.requests, kDepth - 1);
  EXPECT_TRUE(std::isinf(a.amplification[0].worst_case.requests));  // 3^2999 overflows a double
  EXPECT_EQ(a.coupling.longest_chains[0].length, kDepth - 1);
}

}  // namespace
}  // namespace ripple::analyzers

namespace ripple::analyzers {
namespace {

TEST(Amplification, WorstCaseMultipliesEverythingBelowARetriedCall) {
  const Analysis a = analyze(testing::load(R"(
ripple: 1
brokers: {bus: {type: kafka}}
stores: {db: {}}
events: {E: {broker: bus}}
services:
  a: {operations: {x: {calls: [{to: b.y, retry: {attempts: 3}}]}}}
  b: {operations: {y: {writes: {store: db}, publishes: [E]}}}
  c: {consumes: {E: {}}}
  d: {consumes: {E: {}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)"));
  const Amplification* entry = testing::find_amplification(a, "a.x");
  ASSERT_NE(entry, nullptr);
  EXPECT_DOUBLE_EQ(entry->nominal.deliveries, 2);
  EXPECT_DOUBLE_EQ(entry->nominal.transactions, 1);
  EXPECT_DOUBLE_EQ(entry->worst_case.requests, 3);
  EXPECT_DOUBLE_EQ(entry->worst_case.deliveries, 6);  // each attempt may publish again
  EXPECT_DOUBLE_EQ(entry->worst_case.transactions, 3);
  EXPECT_DOUBLE_EQ(entry->worst_case_multiplier, 3);
}

TEST(Amplification, CallbacksRetryAsTheDefaultsSayInTheWorstCase) {
  const Analysis a = analyze(load(R"(
ripple: 1
defaults: {retry: {attempts: 3}}
brokers: {bus: {type: kafka}}
entities:
  order: {owner: orders, read: orders.get, fields: {id: 16B, items: 2KiB}}
events: {Placed: {broker: bus, carries: [order.id]}}
services:
  orders: {operations: {place: {publishes: [Placed]}, get: {}}}
  mail: {consumes: {Placed: {needs: [order.items]}}}
workload: {sources: [{to: orders.place, rate: 1/s}]}
)"));
  const Amplification* event = find_amplification(a, "Placed");
  ASSERT_NE(event, nullptr);
  EXPECT_DOUBLE_EQ(event->nominal.requests, 1);     // one callback
  EXPECT_DOUBLE_EQ(event->worst_case.requests, 3);  // attempted three times
}

}  // namespace
}  // namespace ripple::analyzers
