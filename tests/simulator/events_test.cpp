// Event delivery against oracles (../shared/oracles.md, "Brokers" and fan-out) and exact
// behaviours: lag as an M/M/1 response time, fan-out callbacks, SQS visibility timeouts and
// dead-lettering, Kafka partition parallelism, memory brokers, broker outages with and without
// an outbox, reconnect storms, determinism across threads.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::broker;
using testing::consumer;
using testing::load;
using testing::operation;
using testing::replace_all;
using testing::run;

double relative_error(double value, double expected) {
  return std::abs(value - expected) / expected;
}

// A publisher with no time of its own publishes E on `bus`; service n consumes it.
const char* kPipeline = R"(ripple: 1
brokers:
  bus: {type: BROKER}
events:
  E: {broker: bus}
services:
  p:
    operations:
      go: {publishes: [{event: E, outbox: OUTBOX}]}
  n:
    replicas: REPLICAS
    consumes:
      E: {time: HANDLING, concurrency: CONCURRENCY}
workload:
  duration: DURATION
  sources: [{to: p.go, rate: RATE, arrival: ARRIVAL}]
)";

struct Pipeline {
  std::string broker = "rabbitmq";
  std::string outbox = "false";
  std::string replicas = "1";
  std::string handling = "exp(1ms)";
  std::string concurrency = "1";
  std::string duration = "100s";
  std::string rate = "100/s";
  std::string arrival = "poisson";
  std::string extra;  // appended: faults, broker fields

  [[nodiscard]] std::string yaml() const {
    std::string text = kPipeline;
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"BROKER", broker},
                                     {"OUTBOX", outbox},
                                     {"REPLICAS", replicas},
                                     {"HANDLING", handling},
                                     {"CONCURRENCY", concurrency},
                                     {"DURATION", duration},
                                     {"RATE", rate},
                                     {"ARRIVAL", arrival}})
      text = replace_all(text, key, value);
    return text + extra;
  }
};

// A consumer with concurrency 1 and exponential handling behind a zero-latency broker is an
// M/M/1 queue; its lag is the M/M/1 response time. mu = 1000/s. rho 0.5: W = 2ms, p99 = 9.210ms;
// rho 0.8: W = 5ms, p99 = 23.03ms. About 1M events each: the sojourn's autocorrelation gives a
// spread across seeds of about 0.4% (rho 0.5) and 0.8% (rho 0.8) on W and twice that on p99
// (queueing_test measures the same station as a service); tolerances 3%/4% and 5%/7%.
TEST(EventLag, ConsumerWithConcurrencyOneIsAnMM1Queue) {
  Pipeline half;
  half.rate = "500/s";
  half.duration = "2000s";
  const ConsumerResult a = consumer(run(load(half.yaml())), "n:E");
  EXPECT_LT(relative_error(a.lag.mean_ms, 2.0), 0.03) << a.lag.mean_ms;
  EXPECT_LT(relative_error(a.lag.p99_ms, 9.210), 0.04) << a.lag.p99_ms;

  Pipeline eighty;
  eighty.rate = "800/s";
  eighty.duration = "1260s";
  const ConsumerResult b = consumer(run(load(eighty.yaml())), "n:E");
  EXPECT_LT(relative_error(b.lag.mean_ms, 5.0), 0.05) << b.lag.mean_ms;
  EXPECT_LT(relative_error(b.lag.p99_ms, 23.03), 0.07) << b.lag.p99_ms;
  EXPECT_EQ(b.lost + b.duplicates + b.dead_lettered + b.out_of_order, 0u);
}

// Fan-out oracle: one event, ten consuming services, each needing five entities the event does
// not carry, makes 10 x 5 = 50 callbacks, every one a downstream request. Constant arrivals and
// zero times make it exact: every event published in the run is handled within it.
std::string fan_out_spec() {
  std::string text = "ripple: 1\nbrokers:\n  bus: {type: kafka, partitions: 8}\nentities:\n";
  for (int e = 0; e < 5; ++e)
    text += "  e" + std::to_string(e) + ": {owner: owner, read: owner.get" + std::to_string(e) +
            ", fields: {id: 16B, body: 1KiB}}\n";
  text += "events:\n  Changed: {broker: bus, key: e0.id, carries: [e0.id]}\nservices:\n";
  text += "  front:\n    operations:\n      go: {publishes: [Changed]}\n";
  text += "  owner:\n    workers: 100\n    operations:\n";
  for (int e = 0; e < 5; ++e) text += "      get" + std::to_string(e) + ": {time: 1ms}\n";
  for (int c = 0; c < 10; ++c)
    text += "  c" + std::to_string(c) +
            ":\n    consumes:\n      Changed: {needs: [e0.body, e1.body, e2.body, e3.body, "
            "e4.body], concurrency: 4}\n";
  return text +
         "workload:\n  duration: 10s\n  sources: [{to: front.go, rate: 10/s, arrival: "
         "constant}]\n";
}

TEST(FanOut, OneEventToTenConsumersMakingFiveCallbacksIsFiftyRequests) {
  const auto result = run(load(fan_out_spec()));
  ASSERT_EQ(result.amplification.size(), 1u);
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 50.0);
  const std::uint64_t events = operation(result, "front.go").count;
  EXPECT_EQ(events, 99u);  // constant 10/s: arrivals at 0.1s, 0.2s, ... 9.9s
  for (int c = 0; c < 10; ++c)
    EXPECT_EQ(consumer(result, "c" + std::to_string(c) + ":Changed").delivered, events);
  ASSERT_EQ(result.callbacks.size(), 5u);
  for (const CallbackResult& callbacks : result.callbacks)
    EXPECT_EQ(callbacks.callbacks, 10 * events);
  EXPECT_EQ(broker(result, "bus").published, events);
}

// SQS with visibility timeout VT = 10ms and handling S ~ exp(10ms): the first handling outlasts
// the timeout with probability P(S > VT) = e^-1 = 0.3679, and the message is received again (a
// duplicate). With max_receives 2 it is dead-lettered when neither handling has finished when
// the second receive's timeout expires: P(S1 > 2 VT) P(S2 > VT) = e^-3 = 0.04979. Ample slots,
// 200k messages: binomial standard errors 0.0011 and 0.0005; tolerances 0.006 and 0.003.
TEST(Sqs, VisibilityTimeoutShorterThanHandlingDuplicatesAndDeadLetters) {
  Pipeline sqs;
  sqs.broker = "sqs, visibility_timeout: 10ms, max_receives: 2";
  sqs.handling = "exp(10ms)";
  sqs.concurrency = "100";
  sqs.duration = "2000s";
  const auto result = run(load(sqs.yaml()));
  const ConsumerResult& c = consumer(result, "n:E");
  const auto published = static_cast<double>(broker(result, "bus").published);
  EXPECT_NEAR(static_cast<double>(c.duplicates) / published, std::exp(-1.0), 0.006);
  EXPECT_NEAR(static_cast<double>(c.dead_lettered) / published, std::exp(-3.0), 0.003);
  EXPECT_EQ(c.harmful_duplicates, c.duplicates);  // not idempotent
  EXPECT_EQ(c.lost, 0u);
}

// Kafka, 4 partitions, a group of 4 replicas x 4 slots = 16 members: useful parallelism 4, each
// partition an M/M/1 queue with mu = 100/s, so the group's capacity is 400/s. At 320/s (rho 0.8
// per partition) the lag is the M/M/1 response time 1/(100 - 80) = 50ms (keys hash onto the
// partitions; their shares differ by ~1%, which moves W by ~4%: tolerance 10%). At 380/s the
// backlog stays small; at 420/s it grows by about 20/s, ~10,000 after 500s, and the group's
// 16 slots are busy 4/16 of the time: its utilization, stated against the 4 it can use, is 1.
TEST(Kafka, GroupParallelismIsCappedAtThePartitionCount) {
  Pipeline kafka;
  kafka.broker = "kafka, partitions: 4";
  kafka.handling = "exp(10ms)";
  kafka.replicas = "4";
  kafka.concurrency = "4";
  kafka.duration = "500s";
  kafka.rate = "320/s";
  const ConsumerResult below = consumer(run(load(kafka.yaml())), "n:E");
  EXPECT_LT(relative_error(below.lag.mean_ms, 50.0), 0.10) << below.lag.mean_ms;

  kafka.rate = "380/s";
  const ConsumerResult just_below = consumer(run(load(kafka.yaml())), "n:E");
  EXPECT_LT(just_below.waiting, 400u);

  kafka.rate = "420/s";
  const auto above_result = run(load(kafka.yaml()));
  const ConsumerResult above = consumer(above_result, "n:E");
  EXPECT_GT(above.waiting, 6000u);
  // Saturated: the 4 slots the group can use (min(16 slots, 4 partitions)) busy all the time.
  EXPECT_NEAR(above.utilization, 1.0, 0.002);
  EXPECT_NEAR(just_below.utilization, 380.0 / 400.0, 0.02);
  EXPECT_LT(above.waiting, 14000u);
  EXPECT_GT(broker(above_result, "bus").max_backlog, 6000);
}

// A memory broker reaches only consumers inside the publishing process: another service loses
// every event; the publishing service's own consumer gets all of them.
TEST(MemoryBroker, LosesEventsForOtherServices) {
  const auto result = run(load(R"(ripple: 1
brokers:
  local: {type: memory}
events:
  E: {broker: local}
services:
  p:
    replicas: 3
    operations:
      go: {publishes: [E]}
    consumes:
      E: {time: 1ms, concurrency: 2}
  n:
    consumes:
      E: {time: 1ms}
workload:
  duration: 10s
  sources: [{to: p.go, rate: 100/s, arrival: constant}]
)"));
  const std::uint64_t events = operation(result, "p.go").count;
  EXPECT_EQ(consumer(result, "n:E").lost, events);
  EXPECT_EQ(consumer(result, "n:E").delivered, 0u);
  EXPECT_EQ(consumer(result, "p:E").delivered, events);
  EXPECT_EQ(consumer(result, "p:E").lost, 0u);
}

// What a memory broker holds dies with its replica: a replica fault while events wait loses
// them, whereas a durable broker hands them to the surviving replicas.
TEST(MemoryBroker, QueuedEventsDieWithTheirReplica) {
  const char* spec = R"(ripple: 1
brokers:
  local: {type: TYPE}
events:
  E: {broker: local}
services:
  p:
    replicas: 2
    operations:
      go: {publishes: [E]}
    consumes:
      E: {time: 50ms}
workload:
  duration: 20s
  sources: [{to: p.go, rate: 100/s, arrival: constant}]
faults:
  - {service: p, at: 5s, for: 5s, mode: replicas, count: 1}
)";
  const auto memory = run(load(replace_all(spec, "TYPE", "memory")));
  EXPECT_GT(consumer(memory, "p:E").lost, 100u);
  const auto durable = run(load(replace_all(spec, "TYPE", "rabbitmq")));
  EXPECT_EQ(consumer(durable, "p:E").lost, 0u);
}

// Broker down from 2s to 3s under constant 100/s publishes. Without an outbox the 100 publishes
// of the outage fail their operation and the events are lost; with one nothing is lost and the
// events are delivered after the recovery (the oldest waited the whole second).
TEST(BrokerOutage, OutboxLosesNothingWithoutOneThePublishesFail) {
  Pipeline outage;
  outage.arrival = "constant";
  outage.duration = "10s";
  outage.extra = "faults:\n  - {broker: bus, at: 2s, for: 1s, mode: down}\n";
  const auto failing = run(load(outage.yaml()));
  EXPECT_EQ(operation(failing, "p.go").errors, 100u);
  EXPECT_EQ(consumer(failing, "n:E").lost, 100u);
  EXPECT_EQ(broker(failing, "bus").publish_failures, 100u);

  outage.outbox = "true";
  const auto kept = run(load(outage.yaml()));
  EXPECT_EQ(operation(kept, "p.go").errors, 0u);
  EXPECT_EQ(consumer(kept, "n:E").lost, 0u);
  EXPECT_EQ(consumer(kept, "n:E").delivered, operation(kept, "p.go").count);
  EXPECT_EQ(broker(kept, "bus").outboxed, 100u);
  EXPECT_GE(broker(kept, "bus").max_backlog, 100);
  EXPECT_GE(consumer(kept, "n:E").lag.max_ms, 990);
}

// Kafka partition loss: 2 of 4 partitions unavailable from 2s to 4s. Their events wait (the
// oldest about 2s) and are all delivered afterwards; the other partitions keep flowing, so the
// median lag stays at the handling time.
TEST(Kafka, PartitionLossHoldsThoseEventsUntilItEnds) {
  Pipeline loss;
  loss.broker = "kafka, partitions: 4";
  loss.handling = "1ms";
  loss.concurrency = "4";
  loss.arrival = "constant";
  loss.duration = "10s";
  loss.extra = "faults:\n  - {broker: bus, at: 2s, for: 2s, mode: partition_loss, count: 2}\n";
  const auto result = run(load(loss.yaml()));
  const ConsumerResult& c = consumer(result, "n:E");
  EXPECT_EQ(c.lost, 0u);
  EXPECT_EQ(c.delivered, operation(result, "p.go").count);
  EXPECT_GT(c.lag.max_ms, 1950);
  EXPECT_LT(c.lag.max_ms, 2010);
  EXPECT_NEAR(c.lag.p50_ms, 1.0, 0.02);
  EXPECT_GT(broker(result, "bus").max_backlog, 60);
}

// A consumer's service down: a durable broker keeps its events (lag grows, nothing lost).
TEST(ConsumerDown, DurableBrokerKeepsTheEvents) {
  Pipeline down;
  down.broker = "sqs";
  down.arrival = "constant";
  down.duration = "10s";
  down.extra = "faults:\n  - {service: n, at: 2s, for: 3s, mode: down}\n";
  const auto result = run(load(down.yaml()));
  const ConsumerResult& c = consumer(result, "n:E");
  EXPECT_EQ(c.lost, 0u);
  EXPECT_EQ(c.delivered, operation(result, "p.go").count);
  EXPECT_GE(c.lag.max_ms, 2990);
  EXPECT_GE(broker(result, "bus").max_backlog, 290);
}

// Reconnect storm of 2,000 clients at 5s against an ample auth service. Without jitter every
// client arrives in the same instant: 2,000 in one 10ms bin (200,000/s) and one second. With
// 10s of jitter the arrivals spread: about N / jitter = 200 per second (the busiest of ten bins
// of Binomial(2000, 0.1): mean 200, sd 13.4; bounds 200..260).
TEST(Reconnect, StormPeaksAtOnceWithoutJitterAndSpreadsWithIt) {
  const char* spec = R"(ripple: 1
services:
  auth:
    workers: 10000
    operations:
      login: {time: 1ms}
workload:
  duration: 30s
  sources:
    - reconnect: {clients: 2000, at: 5s, to: auth.login, jitter: JITTER}
)";
  const auto burst = run(load(replace_all(spec, "JITTER", "0s")));
  ASSERT_EQ(burst.reconnects.size(), 1u);
  EXPECT_DOUBLE_EQ(burst.reconnects[0].peak_10ms_per_s, 200000);
  EXPECT_DOUBLE_EQ(burst.reconnects[0].peak_per_s, 2000);
  EXPECT_EQ(burst.reconnects[0].connected, 2000u);
  EXPECT_EQ(operation(burst, "auth.login").count, 2000u);

  const auto spread = run(load(replace_all(spec, "JITTER", "10s")));
  EXPECT_GE(spread.reconnects[0].peak_per_s, 200);
  EXPECT_LE(spread.reconnects[0].peak_per_s, 260);
  EXPECT_EQ(spread.reconnects[0].attempts, 2000u);
}

// Clients whose attempt is rejected retry with the source's policy: a queue of 100 in front of
// one worker turns a 1,000-client burst into rejections and retries, and every client gets in.
TEST(Reconnect, RejectedClientsRetryWithThePolicy) {
  const auto result = run(load(R"(ripple: 1
services:
  auth:
    workers: 1
    queue: 100
    operations:
      login: {time: 1ms}
workload:
  duration: 60s
  sources:
    - reconnect: {clients: 1000, at: 1s, to: auth.login, jitter: 0s,
                  retry: {attempts: 10, backoff: 1s, multiplier: 1, jitter: full}}
)"));
  const ReconnectResult& storm = result.reconnects[0];
  EXPECT_GT(storm.attempts, 1000u);
  EXPECT_EQ(storm.connected + storm.gave_up, 1000u);
  EXPECT_EQ(storm.attempts, operation(result, "auth.login").count);
}

// Choreography: a consumer's publish reaches the next consumer; the entry's amplification counts
// the second consumer's calls (1 call + 1 callback per entry request).
TEST(Choreography, ChainedEventsCountInTheEntryAmplification) {
  const auto result = run(load(R"(ripple: 1
brokers:
  bus: {type: kafka, partitions: 4}
entities:
  order: {owner: o, read: o.get, fields: {id: 16B, items: 1KiB}}
events:
  Placed: {broker: bus, key: order.id, carries: [order.id]}
  Shipped: {broker: bus, key: order.id, carries: [order.id]}
services:
  o:
    operations:
      place: {time: 1ms, publishes: [Placed]}
      get: {time: 1ms}
  ship:
    consumes:
      Placed: {time: 2ms, concurrency: 4, publishes: [Shipped]}
  mail:
    consumes:
      Shipped: {needs: [order.items], time: 1ms, concurrency: 4, calls: [o.get]}
workload:
  duration: 10s
  sources: [{to: o.place, rate: 50/s, arrival: constant}]
)"));
  EXPECT_DOUBLE_EQ(result.amplification[0].requests_per_entry, 2.0);
  EXPECT_EQ(consumer(result, "mail:Shipped").delivered, operation(result, "o.place").count);
  EXPECT_EQ(operation(result, "o.get").count, 2 * operation(result, "o.place").count);
}

// Batched writes: the handling hands its rows over and completes; its lag does not include the
// store's 50ms transaction, which runs once per batch of 10.
TEST(Batching, HandlingDoesNotWaitForTheBatch) {
  const auto result = run(load(R"(ripple: 1
brokers:
  bus: {type: rabbitmq}
stores:
  db: {connections: 1, txn_time: 50ms}
events:
  E: {broker: bus}
services:
  p:
    operations:
      go: {publishes: [E]}
  n:
    consumes:
      E: {time: 1ms, concurrency: 10, writes: {store: db, rows: 1, batch: {size: 10, linger: 1s}}}
workload:
  duration: 10s
  sources: [{to: p.go, rate: 100/s, arrival: constant}]
)"));
  EXPECT_NEAR(consumer(result, "n:E").lag.max_ms, 1.0, 0.01);
}

// Ordering: x publishes two B events with the key of the A it handles, at the same instant.
// Behind a broker without key order and with exp(10ms) latency, the later one overtakes the
// earlier with probability 1/2, and the ordered consumer y counts the earlier one's handling as
// out of order. 10,000 pairs: binomial standard error 0.005, tolerance 0.025. Kafka keeps one
// key's events in order: none.
TEST(Ordering, OrderedConsumerCountsOvertakenEventsOnlyOnUnorderedBrokers) {
  const char* spec = R"(ripple: 1
brokers:
  bus: {type: BROKER, latency: exp(10ms)}
entities:
  order: {owner: o, fields: {id: 16B}}
events:
  A: {broker: bus, key: order.id, carries: [order.id]}
  B: {broker: bus, key: order.id, carries: [order.id]}
services:
  o:
    operations:
      place: {publishes: [A]}
  x:
    consumes:
      A: {concurrency: 10, publishes: [B, B]}
  y:
    consumes:
      B: {time: 1ms, concurrency: 10, ordered: true}
workload:
  duration: 100s
  sources: [{to: o.place, rate: 100/s}]
)";
  const auto rabbit = run(load(replace_all(spec, "BROKER", "rabbitmq")));
  const ConsumerResult& overtaken = consumer(rabbit, "y:B");
  EXPECT_NEAR(static_cast<double>(overtaken.out_of_order) /
                  static_cast<double>(consumer(rabbit, "x:A").delivered),
              0.5, 0.025);
  const auto kafka = run(load(replace_all(spec, "BROKER", "kafka, partitions: 8")));
  EXPECT_EQ(consumer(kafka, "y:B").out_of_order, 0u);
  // Every B of a handled A is handled, but for the few still in the broker at the end.
  EXPECT_NEAR(static_cast<double>(consumer(kafka, "y:B").delivered),
              2.0 * static_cast<double>(consumer(kafka, "x:A").delivered), 20);
}

// Replications on 1 or 4 threads give identical results, events included.
TEST(EventDeterminism, ThreadCountDoesNotChangeResults) {
  Pipeline mixed;
  mixed.broker = "sqs, visibility_timeout: 5ms, max_receives: 3";
  mixed.handling = "exp(5ms)";
  mixed.concurrency = "4";
  mixed.duration = "20s";
  const model::Spec spec = load(mixed.yaml());
  EXPECT_EQ(run(spec, 4, 1), run(spec, 4, 4));
}

}  // namespace
}  // namespace ripple::sim
