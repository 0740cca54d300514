#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "analyzers/queueing.h"
#include "model/loader.h"
#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::load;
using testing::load_example;

const ElementCapacity* find(const Analysis& a, const std::string& name) {
  for (const ElementCapacity& e : a.capacity)
    if (e.name == name) return &e;
  return nullptr;
}

int count_rule(const Analysis& a, const std::string& rule) {
  int n = 0;
  for (const Finding& f : a.findings) n += f.rule == rule ? 1 : 0;
  return n;
}

const Finding* find_rule(const Analysis& a, const std::string& rule) {
  for (const Finding& f : a.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

// Erlang C, directly from its definition: sum_{k<c} a^k/k! and a^c/c! x c/(c-a).
double erlang_c_by_definition(int c, double a) {
  double term = 1;
  double sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term * c / (c - a);
  return last / (sum + last);
}

TEST(Queueing, ErlangCMatchesItsDefinition) {
  EXPECT_NEAR(detail::erlang_c(2, 1), 1.0 / 3, 1e-12);
  for (int c : {1, 2, 5, 10, 40})
    for (double rho : {0.1, 0.5, 0.8, 0.95}) {
      const double a = rho * c;
      EXPECT_NEAR(detail::erlang_c(c, a), erlang_c_by_definition(c, a), 1e-9) << c << " " << rho;
    }
  EXPECT_DOUBLE_EQ(detail::erlang_c(4, 4), 1);
  EXPECT_DOUBLE_EQ(detail::erlang_c(4, 0), 0);
  // M/M/1: Wq = rho / (mu - lambda); with a 10 ms mean at 50/s: 0.5 / 50 s = 10 ms.
  EXPECT_NEAR(detail::mmc_mean_wait(1, 0.5, 10), 10, 1e-9);
  EXPECT_LT(detail::mmc_mean_wait(3, 3, 10), 0);
}

TEST(Queueing, HalfinWhittJoinsTheExactValueBeyondAMillionServers) {
  const double c = 1e6;
  const double a = c - 1000;  // beta = 1
  const double exact = detail::erlang_c(c, a);
  const double approx = detail::erlang_c(c + 1, a);
  EXPECT_GT(exact, 0.1);
  EXPECT_NEAR(approx, exact, 0.01 * exact);
}

const char* kMm1 = R"(
ripple: 1
services:
  server:
    replicas: 1
    workers: 1
    queue: unbounded
    operations: {serve: {time: exp(10ms)}}
workload: {sources: [{to: server.serve, rate: 50/s}]}
)";

TEST(Capacity, MM1ServerIsHalfBusyAndWaitsTenMilliseconds) {
  const Analysis a = analyze(load(kMm1));
  const ElementCapacity* e = find(a, "server");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, CapacityKind::Service);
  EXPECT_DOUBLE_EQ(e->offered_rate, 50);
  EXPECT_EQ(e->servers, 1);
  EXPECT_DOUBLE_EQ(e->holding_ms, 10);
  ASSERT_TRUE(e->capacity_rate);
  EXPECT_DOUBLE_EQ(*e->capacity_rate, 100);
  EXPECT_DOUBLE_EQ(e->utilization, 0.5);
  ASSERT_TRUE(e->mean_wait_ms);
  EXPECT_NEAR(*e->mean_wait_ms, 10, 1e-9);
  EXPECT_EQ(count_rule(a, "overloaded"), 0);
  EXPECT_EQ(count_rule(a, "low-headroom"), 0);
}

// Hand arithmetic on examples/marketplace.yaml (200 checkouts/s).
TEST(Capacity, MarketplaceFiguresEqualHandArithmetic) {
  const Analysis a = analyze(load_example("examples/marketplace.yaml"));
  // inventory.reserve: exp(3ms) + one write of 3 rows to inventory_db (3ms + 3 x 200us) =
  // 6.6 ms, at 200/s on 2 replicas x 32 workers: 200 x 0.0066 / 64.
  const ElementCapacity* inventory = find(a, "inventory");
  ASSERT_NE(inventory, nullptr);
  EXPECT_NEAR(inventory->holding_ms, 6.6, 1e-9);
  EXPECT_EQ(inventory->servers, 64);
  EXPECT_NEAR(inventory->utilization, 200 * 0.0066 / 64, 1e-12);
  EXPECT_NEAR(*inventory->capacity_rate, 64 / 0.0066, 1e-6);
  // shipping:OrderPlaced: callbacks to order.get (2ms + 2ms + 4 x 50us = 4.2 ms) and
  // customer.get (1.5ms + 1ms + 50us = 2.55 ms), its own exp(4ms); the batched write holds
  // nothing. 2 replicas x concurrency 6 = 12 slots (under 48 partitions).
  const ElementCapacity* shipping = find(a, "shipping:OrderPlaced");
  ASSERT_NE(shipping, nullptr);
  EXPECT_EQ(shipping->kind, CapacityKind::Consumer);
  EXPECT_NEAR(shipping->holding_ms, 10.75, 1e-9);
  EXPECT_EQ(shipping->servers, 12);
  EXPECT_NEAR(shipping->utilization, 200 * 0.01075 / 12, 1e-12);
  ASSERT_TRUE(shipping->partition);
  EXPECT_EQ(shipping->partition->partitions, 48);
  EXPECT_NEAR(shipping->partition->share, 1.0 / 48, 1e-12);
  // ship_db: the batched writes, 100 rows per transaction: 2 transactions/s of 4ms + 100 x 100us.
  const ElementCapacity* ship_db = find(a, "ship_db");
  ASSERT_NE(ship_db, nullptr);
  EXPECT_NEAR(ship_db->offered_rate, 2, 1e-12);
  EXPECT_NEAR(ship_db->holding_ms, 14, 1e-9);
  // The bus outage of 30s with an outbox on every OrderPlaced publish: 200/s x 30s wait for
  // shipping, drained at 12 / 10.75ms - 200/s.
  // The flash sale (2000/s for 30s) takes it past its 12 / 10.75ms: the broker keeps the rest.
  int found = 0;
  const double capacity = 12 / 0.01075;
  for (const Backlog& b : a.backlogs) {
    if (b.consumer_name != "shipping:OrderPlaced") continue;
    ++found;
    ASSERT_TRUE(b.drain_s);
    if (b.fault >= 0) {
      EXPECT_EQ(b.fault_text, "bus down for 30s at 6m");
      EXPECT_NEAR(b.backlog, 6000, 1e-6);
      EXPECT_NEAR(*b.drain_s, 6000 / (capacity - 200), 1e-9);
    } else {
      EXPECT_EQ(b.fault_text, "the spike window at 5m (30s)");
      EXPECT_NEAR(b.backlog, (2000 - capacity) * 30, 1e-6);
      EXPECT_NEAR(*b.drain_s, (2000 - capacity) * 30 / (capacity - 200), 1e-9);
    }
  }
  EXPECT_EQ(found, 2);
}

TEST(Capacity, CallsWaitForTheCalleeAtMostTheirTimeoutAndParallelCallsForTheSlowest) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  slow: {operations: {op: {time: 500ms}}}
  ten: {operations: {op: {time: 10ms}}}
  twenty: {operations: {op: {time: 20ms}}}
  caller:
    operations:
      capped: {time: 1ms, calls: [{to: slow.op, timeout: 100ms}]}
      fanout: {time: 1ms, parallel: true, calls: [ten.op, twenty.op]}
      maybe: {time: 1ms, calls: [{to: ten.op, probability: 0.25}]}
workload:
  sources:
    - {to: caller.capped, rate: 1/s}
    - {to: caller.fanout, rate: 1/s}
    - {to: caller.maybe, rate: 1/s}
)"));
  const ElementCapacity* caller = find(a, "caller");
  ASSERT_NE(caller, nullptr);
  // (1 + 100) + (1 + 20) + (1 + 0.25 x 10), one request per second each.
  EXPECT_NEAR(caller->holding_ms, (101.0 + 21.0 + 3.5) / 3, 1e-9);
}

TEST(Capacity, KafkaPartitionsCapAGroupsServers) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka, partitions: 4}}
events: {E: {broker: bus}}
services:
  p: {operations: {emit: {publishes: [E]}}}
  c: {replicas: 2, consumes: {E: {time: 10ms, concurrency: 8}}}
workload: {sources: [{to: p.emit, rate: 300/s}]}
)"));
  const ElementCapacity* group = find(a, "c:E");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->servers, 4);  // 16 slots, 4 partitions
  EXPECT_NEAR(group->utilization, 300 * 0.01 / 4, 1e-12);
  ASSERT_TRUE(group->partition);
  EXPECT_NEAR(group->partition->offered_rate, 75, 1e-12);
  EXPECT_NEAR(*group->partition->capacity_rate, 100, 1e-9);
  // Each partition is an M/M/1 queue at 75%: Wq = 0.75 / (100 - 75) s = 30 ms.
  ASSERT_TRUE(group->mean_wait_ms);
  EXPECT_NEAR(*group->mean_wait_ms, 30, 1e-9);
  const Finding* f = find_rule(a, "low-headroom");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->element, "c:E");
  EXPECT_NE(f->message.find("capped at 4 partitions"), std::string::npos) << f->message;
}

TEST(Capacity, CountsLatencyAndParallelGroupsAddToTheHoldingTime) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  ten: {operations: {op: {time: 10ms}}}
  twenty: {operations: {op: {time: 20ms}}}
  five: {operations: {op: {time: 5ms}}}
  caller:
    operations:
      repeat: {time: 1ms, calls: [{to: five.op, count: 9}]}
      group:
        time: 2ms
        calls:
          - parallel: [ten.op, twenty.op]
          - five.op
      far: {time: 1ms, calls: [{to: five.op, latency: 3ms}]}
workload:
  sources:
    - {to: caller.repeat, rate: 1/s}
    - {to: caller.group, rate: 1/s}
    - {to: caller.far, rate: 1/s}
)"));
  const ElementCapacity* caller = find(a, "caller");
  ASSERT_NE(caller, nullptr);
  // (1 + 9 x 5) + (2 + max(10, 20) + 5) + (1 + 3 + 5), one request per second each.
  EXPECT_NEAR(caller->holding_ms, (46.0 + 27.0 + 9.0) / 3, 1e-9);
}

TEST(Capacity, AHotKeyMakesItsPartitionTheBindingOne) {
  const Analysis a = analyze(load(R"(
ripple: 1
brokers: {bus: {type: kafka, partitions: 10}}
entities: {order: {owner: p, fields: {id: 16B}}}
events: {E: {broker: bus, key: order.id, carries: [order.id], keys: {values: 1000, hot: 50%}}}
services:
  p: {replicas: 2, operations: {emit: {publishes: [E]}}}
  c: {replicas: 2, consumes: {E: {time: 10ms, concurrency: 5, idempotent: true}}}
workload: {sources: [{to: p.emit, rate: 150/s}]}
)"));
  const ElementCapacity* group = find(a, "c:E");
  ASSERT_NE(group, nullptr);
  ASSERT_TRUE(group->partition);
  EXPECT_GE(group->partition->share,
            0.5);  // the hot key's half, plus its partition's share of the rest
  EXPECT_NEAR(group->utilization, 150 * 0.01 / 10, 1e-12);  // 15%: the group has room
  EXPECT_GE(group->partition->utilization, 0.75);           // one partition does not
  const Finding* f =
      find_rule(a, "overloaded") ? find_rule(a, "overloaded") : find_rule(a, "low-headroom");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->element, "c:E");
  EXPECT_NE(f->message.find("busiest of the 10 partitions"), std::string::npos) << f->message;
}

std::string with_rate(const std::string& rate, const std::string& extra = "") {
  return R"(
ripple: 1
)" + extra +
         R"(
services:
  s:
    replicas: 2
    workers: 4
    operations: {op: {time: 10ms}}
workload: {sources: [{to: s.op, rate: )" +
         rate + "}]}\n";
}

TEST(Capacity, OverloadedIsAnErrorAtTheServiceAndLowHeadroomAWarning) {
  // 8 workers at 10 ms: 800/s.
  const Analysis over = analyze(load(with_rate("800/s")));
  const Finding* f = find_rule(over, "overloaded");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_EQ(f->element, "s");
  EXPECT_EQ(f->line, 5);
  EXPECT_EQ(count_rule(over, "low-headroom"), 0);
  EXPECT_FALSE(find(over, "s")->mean_wait_ms);

  const Analysis busy = analyze(load(with_rate("600/s")));  // 75% > 70%
  EXPECT_EQ(count_rule(busy, "overloaded"), 0);
  const Finding* w = find_rule(busy, "low-headroom");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, Severity::Warning);

  EXPECT_EQ(count_rule(analyze(load(with_rate("500/s"))), "low-headroom"), 0);  // 62.5%
  // The threshold is the spec's: in defaults, or on the element.
  EXPECT_EQ(count_rule(analyze(load(with_rate("600/s", "defaults: {max_utilization: 80%}"))),
                       "low-headroom"),
            0);
  EXPECT_EQ(count_rule(analyze(load(with_rate("500/s", "defaults: {max_utilization: 0.5}"))),
                       "low-headroom"),
            1);
}

TEST(Capacity, ASpikeAboveCapacityIsOverloadedWithItsWindow) {
  const Analysis a = analyze(load(R"(
ripple: 1
services:
  s: {replicas: 1, workers: 1, operations: {op: {time: 10ms}}}
workload:
  duration: 10m
  sources:
    - to: s.op
      rate: 20/s
      spikes: [{at: 2m, for: 1m, rate: 150/s}]
)"));
  const ElementCapacity* s = find(a, "s");
  ASSERT_NE(s, nullptr);
  EXPECT_NEAR(s->utilization, 0.2, 1e-12);
  ASSERT_TRUE(s->peak_utilization);
  EXPECT_NEAR(*s->peak_utilization, 1.5, 1e-12);
  EXPECT_NEAR(*s->peak_offered_rate, 150, 1e-12);
  EXPECT_EQ(s->peak_at.ns, 120'000'000'000);
  EXPECT_EQ(s->peak_for.ns, 60'000'000'000);
  const Finding* f = find_rule(a, "overloaded");
  ASSERT_NE(f, nullptr);
  // 50/s beyond capacity for 60 s.
  EXPECT_NE(f->message.find("about 3000 requests behind"), std::string::npos) << f->message;
}

std::string backlog_spec(const std::string& consumer_extra, const std::string& fault) {
  return R"(
ripple: 1
brokers: {bus: {type: sqs}}
events: {E: {broker: bus}}
services:
  p: {replicas: 2, operations: {emit: {publishes: [{event: E, outbox: true}]}}}
  c:
    replicas: 1
    consumes:
      E: {time: 50ms, )" +
         consumer_extra + R"(}
workload: {duration: 10m, sources: [{to: p.emit, rate: 10/s}]}
faults:
  - )" + fault +
         "\n";
}

TEST(Capacity, BacklogAfterAConsumerOutageDrainsAtTheSpareCapacity) {
  // One slot at 50 ms: 20/s against 10/s; 60 s down leaves 600, drained at 10/s in 60 s.
  const std::string fault = "{service: c, at: 1m, for: 60s, mode: down}";
  const Analysis a = analyze(load(backlog_spec("concurrency: 1", fault)));
  ASSERT_EQ(a.backlogs.size(), 1u);
  const Backlog& b = a.backlogs[0];
  EXPECT_EQ(b.consumer_name, "c:E");
  EXPECT_NEAR(b.backlog, 600, 1e-9);
  ASSERT_TRUE(b.drain_s);
  EXPECT_NEAR(*b.drain_s, 60, 1e-9);
  EXPECT_FALSE(b.objective_s);
  EXPECT_EQ(count_rule(a, "slow-drain"), 0);

  const Analysis slow =
      analyze(load(backlog_spec("concurrency: 1, recovery_objective: 30s", fault)));
  const Finding* f = find_rule(slow, "slow-drain");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->element, "c:E");
  EXPECT_NE(f->message.find("drains it in 60s"), std::string::npos) << f->message;
  EXPECT_EQ(count_rule(analyze(load(backlog_spec("concurrency: 1, recovery_objective: 2m", fault))),
                       "slow-drain"),
            0);
  // An objective in defaults applies to every consumer.
  std::string with_defaults = backlog_spec("concurrency: 1", fault);
  with_defaults.replace(with_defaults.find("ripple: 1\n"), 10,
                        "ripple: 1\ndefaults: {recovery_objective: 10s}\n");
  EXPECT_EQ(count_rule(analyze(load(with_defaults)), "slow-drain"), 1);
}

TEST(Capacity, BrokerOutageLeavesABacklogOnlyOfWhatAnOutboxKept) {
  const Analysis kept =
      analyze(load(backlog_spec("concurrency: 1", "{broker: bus, at: 1m, for: 30s, mode: down}")));
  ASSERT_EQ(kept.backlogs.size(), 1u);
  EXPECT_NEAR(kept.backlogs[0].backlog, 300, 1e-9);

  std::string plain = backlog_spec("concurrency: 1", "{broker: bus, at: 1m, for: 30s, mode: down}");
  plain.replace(plain.find("{event: E, outbox: true}"), 24, "E");
  EXPECT_TRUE(analyze(load(plain)).backlogs.empty());  // the publishes failed: nothing waits
}

TEST(Capacity, ASlowedGroupFallsBehindByTheCapacityItLost) {
  const Analysis a =
      analyze(load(backlog_spec("concurrency: 1, recovery_objective: 1h",
                                "{service: c, at: 1m, for: 60s, mode: slow, factor: 4}")));
  ASSERT_EQ(a.backlogs.size(), 1u);
  EXPECT_NEAR(a.backlogs[0].backlog, (10 - 5) * 60.0, 1e-9);  // 20/s slowed 4x = 5/s
  ASSERT_TRUE(a.backlogs[0].drain_s);  // after the fault the full 20/s is back: 300 at 10/s
  EXPECT_NEAR(*a.backlogs[0].drain_s, 30, 1e-9);
  EXPECT_EQ(count_rule(a, "slow-drain"), 0);
}

TEST(Capacity, AGroupAtItsArrivalRateNeverDrains) {
  std::string yaml = backlog_spec("concurrency: 1, recovery_objective: 1h",
                                  "{service: c, at: 1m, for: 60s, mode: down}");
  yaml.replace(yaml.find("time: 50ms"), 10, "time: 100ms");  // 10/s against 10/s
  const Analysis a = analyze(load(yaml));
  ASSERT_EQ(a.backlogs.size(), 1u);
  EXPECT_FALSE(a.backlogs[0].drain_s);
  EXPECT_EQ(count_rule(a, "slow-drain"), 1);
  EXPECT_EQ(count_rule(a, "overloaded"), 1);
}

TEST(Capacity, MaxUtilizationMustBeAShareAboveZero) {
  for (const char* bad : {"0", "1.5", "-1", "fast"}) {
    const std::string yaml = std::string("ripple: 1\ndefaults: {max_utilization: ") + bad +
                             "}\nservices: {s: {operations: {op: {}}}}\n";
    const model::LoadResult r = model::load_spec({"t.yaml", yaml});
    EXPECT_FALSE(r.spec) << bad;
    ASSERT_FALSE(r.diagnostics.empty()) << bad;
    EXPECT_EQ(r.diagnostics[0].line, 2) << bad;
    EXPECT_NE(r.diagnostics[0].message.find("max_utilization"), std::string::npos)
        << r.diagnostics[0].message;
  }
  const model::LoadResult typo = model::load_spec(
      {"t.yaml", "ripple: 1\nservices: {s: {max_utilisation: 0.5, operations: {op: {}}}}\n"});
  ASSERT_FALSE(typo.spec);
  EXPECT_NE(typo.diagnostics[0].hint.find("max_utilization"), std::string::npos)
      << typo.diagnostics[0].hint;
}

}  // namespace
}  // namespace ripple::analyzers
