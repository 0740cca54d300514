#include <gtest/gtest.h>

#include <cstdio>

#include "analyzers/lint_catalog.h"
#include "model/keys.h"
#include "model/lint_rules.h"
#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::load;
using Names = std::vector<std::string>;

std::vector<const Finding*> of_rule(const Analysis& a, const std::string& rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : a.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

Names elements(const std::string& yaml, const std::string& rule) {
  const Analysis a = analyze(load(yaml));
  Names out;
  for (const Finding* f : of_rule(a, rule)) out.push_back(f->element);
  return out;
}

TEST(LintCatalog, HasExactlyTheStableIdsInOrder) {
  ASSERT_EQ(lint_rules().size(), model::kLintRules.size());
  for (std::size_t i = 0; i < lint_rules().size(); ++i) {
    EXPECT_EQ(lint_rules()[i].id, model::kLintRules[i]);
    EXPECT_FALSE(lint_rules()[i].why.empty());
    EXPECT_FALSE(lint_rules()[i].fix.empty());
  }
  EXPECT_EQ(find_lint_rule("nope"), nullptr);
}

// ---------------------------------------------------------------------------------------------

TEST(SyncCycleLint, FiresOnServicesCallingEachOther) {
  const Analysis a = analyze(load(R"(ripple: 1
services:
  a: {operations: {x: {calls: [b.x]}}}
  b: {operations: {x: {calls: [a.x]}}}
)"));
  const auto found = of_rule(a, "sync-cycle");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::Error);
  EXPECT_EQ(found[0]->element, "a");
  EXPECT_EQ(found[0]->message, "services call each other synchronously in a cycle: a -> b -> a");
  EXPECT_EQ(found[0]->file, "t.yaml");
  EXPECT_EQ(found[0]->line, 3);
  EXPECT_GT(found[0]->column, 0);
  EXPECT_FALSE(found[0]->why.empty());
}

TEST(SyncCycleLint, FiresOnAnOperationCallingItself) {
  EXPECT_EQ(elements("ripple: 1\nservices: {a: {operations: {x: {calls: [a.x]}}}}\n", "sync-cycle"),
            Names{"a.x"});
}

TEST(SyncCycleLint, QuietOnAChain) {
  EXPECT_TRUE(elements(R"(ripple: 1
services:
  a: {operations: {x: {calls: [b.x]}}}
  b: {operations: {x: {calls: [c.x]}}}
  c: {operations: {x: {}}}
)",
                       "sync-cycle")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

const char* kInversion = R"(ripple: 1
services:
  a: {operations: {x: {calls: [{to: b.y, timeout: TIMEOUT}]}}}
  b:
    operations:
      y:
        calls: [{to: c.z, timeout: 50ms, retry: {attempts: 3, backoff: 10ms}}]
  c: {operations: {z: {}}}
)";

std::string with_timeout(const std::string& timeout) {
  std::string yaml = kInversion;
  yaml.replace(yaml.find("TIMEOUT"), 7, timeout);
  return yaml;
}

TEST(TimeoutInversionLint, FiresWhenCalleeMayOutlastTheCaller) {
  const Analysis a = analyze(load(with_timeout("100ms")));
  const auto found = of_rule(a, "timeout-inversion");
  ASSERT_EQ(found.size(), 1u);
  // b.y: 50ms x 3 attempts + 10ms + 20ms backoff = 180ms.
  EXPECT_EQ(found[0]->message,
            "a.x waits 100ms for b.y, but b.y may spend 180ms on its own calls "
            "(timeouts x attempts plus backoff)");
  EXPECT_EQ(found[0]->element, "a.x");
  EXPECT_EQ(found[0]->severity, Severity::Warning);
}

TEST(TimeoutInversionLint, QuietWhenTheCallerWaitsLongEnough) {
  EXPECT_TRUE(elements(with_timeout("180ms"), "timeout-inversion").empty());
}

TEST(TimeoutInversionLint, ParallelCallsCountTheLongestOnly) {
  EXPECT_TRUE(elements(R"(ripple: 1
services:
  a: {operations: {x: {calls: [{to: b.y, timeout: 60ms}]}}}
  b: {operations: {y: {parallel: true, calls: [{to: c.z, timeout: 50ms}, {to: c.z, timeout: 60ms}]}}}
  c: {operations: {z: {}}}
)",
                       "timeout-inversion")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

const char* kNested = R"(ripple: 1
services:
  a: {operations: {x: {calls: [{to: b.y, retry: {attempts: 3}}]}}}
  b: {operations: {y: {calls: [{to: c.z, retry: {attempts: INNER}}]}}}
  c: {operations: {z: {}}}
)";

std::string with_inner(int attempts) {
  std::string yaml = kNested;
  yaml.replace(yaml.find("INNER"), 5, std::to_string(attempts));
  return yaml;
}

TEST(NestedRetriesLint, FiresOnceAtTheOutermostRetriedCall) {
  const Analysis a = analyze(load(with_inner(2)));
  const auto found = of_rule(a, "nested-retries");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "a.x");
  EXPECT_EQ(found[0]->message,
            "a.x retries b.y (3 attempts) and 1 more layer(s) below retry again: one request may "
            "reach the deepest operation 6 times");
}

TEST(NestedRetriesLint, QuietWithOneRetriedLayer) {
  EXPECT_TRUE(elements(with_inner(1), "nested-retries").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(UnboundedQueueLint, FiresOnUnboundedQueue) {
  EXPECT_EQ(elements("ripple: 1\nservices: {a: {queue: unbounded}, b: {}}\n", "unbounded-queue"),
            Names{"a"});
}

// ---------------------------------------------------------------------------------------------

const char* kReplicas = R"(ripple: 1
brokers: {bus: {type: kafka}}
events: {E: {broker: bus}}
services:
  front: {replicas: 2, operations: {x: {calls: [back.y], publishes: [E]}}}
  back: {replicas: REPLICAS, operations: {y: {}}}
  worker: {consumes: {E: {idempotent: true}}}
workload: {sources: [{to: front.x, rate: 1/s}]}
)";

std::string with_replicas(int replicas) {
  std::string yaml = kReplicas;
  yaml.replace(yaml.find("REPLICAS"), 8, std::to_string(replicas));
  return yaml;
}

TEST(SingleReplicaLint, FiresOnASyncPathFromAnEntry) {
  const Analysis a = analyze(load(with_replicas(1)));
  const auto found = of_rule(a, "single-replica");
  ASSERT_EQ(found.size(), 1u);  // worker has 1 replica too, but only consumes
  EXPECT_EQ(found[0]->element, "back");
  EXPECT_EQ(found[0]->message, "back runs 1 replica and is on the synchronous path of front.x");
}

TEST(SingleReplicaLint, QuietWithTwoReplicas) {
  EXPECT_TRUE(elements(with_replicas(2), "single-replica").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(MemoryBrokerLint, FiresWhenAnotherServiceConsumes) {
  const Analysis a = analyze(load(R"(ripple: 1
brokers: {mem: {type: memory}}
events: {E: {broker: mem}}
services:
  a: {operations: {x: {publishes: [E]}}}
  b: {consumes: {E: {}}}
)"));
  const auto found = of_rule(a, "memory-broker-across-processes");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::Error);
  EXPECT_EQ(found[0]->message,
            "E travels on memory broker mem, but b consumes it from another process: it never "
            "arrives");
}

TEST(MemoryBrokerLint, FiresWhenThePublisherHasReplicas) {
  EXPECT_EQ(elements(R"(ripple: 1
brokers: {mem: {type: memory}}
events: {E: {broker: mem}}
services:
  a: {replicas: 3, operations: {x: {publishes: [E]}}, consumes: {E: {}}}
)",
                     "memory-broker-across-processes"),
            Names{"E"});
}

TEST(MemoryBrokerLint, QuietInsideOneSingleReplicaProcess) {
  EXPECT_TRUE(elements(R"(ripple: 1
brokers: {mem: {type: memory}}
events: {E: {broker: mem}}
services:
  a: {operations: {x: {publishes: [E]}}, consumes: {E: {}}}
)",
                       "memory-broker-across-processes")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

std::string ordered_spec(const std::string& broker, const std::string& key) {
  return "ripple: 1\nbrokers: {b: " + broker +
         "}\nentities: {o: {owner: s, fields: {id: 16B}}}\nevents: {E: {broker: b" + key +
         "}}\nservices:\n  s: {operations: {x: {publishes: [E]}}}\n"
         "  c: {consumes: {E: {ordered: true, idempotent: true}}}\n";
}

TEST(OrderedWithoutKeyLint, FiresWithoutKey) {
  const Analysis a = analyze(load(ordered_spec("{type: kafka}", "")));
  const auto found = of_rule(a, "ordered-without-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "c:E");
  EXPECT_EQ(found[0]->message, "c:E expects ordered events, but E has no key");
}

TEST(OrderedWithoutKeyLint, FiresOnABrokerThatDoesNotOrderByKey) {
  const Analysis a = analyze(load(ordered_spec("{type: rabbitmq}", ", key: o.id")));
  const auto found = of_rule(a, "ordered-without-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->message,
            "c:E expects ordered events, but b (rabbitmq) does not keep order per key");
}

TEST(OrderedWithoutKeyLint, QuietWithKeyOnKafkaOrFifoSqs) {
  EXPECT_TRUE(
      elements(ordered_spec("{type: kafka}", ", key: o.id"), "ordered-without-key").empty());
  EXPECT_TRUE(
      elements(ordered_spec("{type: sqs, fifo: true}", ", key: o.id"), "ordered-without-key")
          .empty());
}

// ---------------------------------------------------------------------------------------------

std::string consumer_spec(const std::string& broker, const std::string& consumer) {
  return "ripple: 1\nbrokers: {b: {type: " + broker +
         "}}\nevents: {E: {broker: b}}\nservices:\n  s: {operations: {x: {publishes: [E]}}, "
         "consumes: {E: " +
         consumer + "}}\n";
}

TEST(NonIdempotentConsumerLint, FiresOnAtLeastOnceBroker) {
  EXPECT_EQ(elements(consumer_spec("sqs", "{}"), "non-idempotent-consumer"), Names{"s:E"});
}

TEST(NonIdempotentConsumerLint, QuietWhenIdempotentOrInMemory) {
  EXPECT_TRUE(
      elements(consumer_spec("sqs", "{idempotent: true}"), "non-idempotent-consumer").empty());
  EXPECT_TRUE(elements(consumer_spec("memory", "{}"), "non-idempotent-consumer").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(EventWithoutConsumerLint, FiresAndStaysQuiet) {
  const std::string yaml = R"(ripple: 1
brokers: {b: {type: kafka}}
events: {Lonely: {broker: b}, Used: {broker: b}}
services:
  s: {operations: {x: {publishes: [Lonely, Used]}}}
  c: {consumes: {Used: {idempotent: true}}}
)";
  const Analysis a = analyze(load(yaml));
  const auto found = of_rule(a, "event-without-consumer");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "Lonely");
  EXPECT_EQ(found[0]->severity, Severity::Info);
  EXPECT_EQ(found[0]->message, "Lonely has no consumer");
}

TEST(ConsumerWithoutPublisherLint, FiresAndStaysQuiet) {
  const std::string yaml = R"(ripple: 1
brokers: {b: {type: kafka}}
events: {Ghost: {broker: b}, Real: {broker: b}}
services:
  s: {operations: {x: {publishes: [Real]}}}
  c: {consumes: {Ghost: {idempotent: true}, Real: {idempotent: true}}}
)";
  const Analysis a = analyze(load(yaml));
  const auto found = of_rule(a, "consumer-without-publisher");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "c:Ghost");
  EXPECT_EQ(found[0]->message, "c:Ghost consumes Ghost, which nothing in the spec publishes");
}

// ---------------------------------------------------------------------------------------------

std::string callback_spec(const std::string& consumers) {
  return R"(ripple: 1
brokers: {b: {type: kafka}}
entities: {order: {owner: order, read: order.get, fields: {id: 16B, total: 8B}}}
events: {Placed: {broker: b, carries: [order.id]}}
services:
  order: {operations: {place: {publishes: [Placed]}, get: {}, confirm: {}}}
)" + consumers;
}

TEST(CallbackInsteadOfCallLint, FiresWhenTheOnlyConsumerCallsBackTheOwner) {
  const Analysis a = analyze(load(
      callback_spec("  bill: {consumes: {Placed: {needs: [order.total], idempotent: true}}}\n")));
  const auto found = of_rule(a, "callback-instead-of-call");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "Placed");
  EXPECT_EQ(found[0]->message,
            "Placed has one consumer, bill:Placed, which calls straight back order.get");
}

TEST(CallbackInsteadOfCallLint, FiresWhenTheOnlyConsumerCallsThePublisher) {
  EXPECT_EQ(elements(callback_spec("  bill: {consumes: {Placed: {calls: [order.confirm], "
                                   "idempotent: true}}}\n"),
                     "callback-instead-of-call"),
            Names{"Placed"});
}

TEST(CallbackInsteadOfCallLint, QuietWithSeveralConsumersOrNoCallBack) {
  EXPECT_TRUE(elements(callback_spec("  bill: {consumes: {Placed: {needs: [order.total]}}}\n"
                                     "  mail: {consumes: {Placed: {needs: [order.total]}}}\n"),
                       "callback-instead-of-call")
                  .empty());
  EXPECT_TRUE(elements(callback_spec("  bill: {consumes: {Placed: {needs: [order.id]}}}\n"),
                       "callback-instead-of-call")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

std::string reconnect_spec(const std::string& reconnect) {
  return "ripple: 1\nservices: {auth: {replicas: 2, operations: {login: {}}}}\n"
         "workload: {sources: [{reconnect: " +
         reconnect + "}]}\n";
}

TEST(ReconnectWithoutJitterLint, FiresWithZeroJitter) {
  const Analysis a =
      analyze(load(reconnect_spec("{clients: 20000, at: 1s, to: auth.login, jitter: 0s}")));
  const auto found = of_rule(a, "reconnect-without-jitter");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "auth.login");
  EXPECT_EQ(found[0]->message,
            "20000 clients reconnect to auth.login at the same instant (jitter 0s)");
}

TEST(ReconnectWithoutJitterLint, FiresOnRetriesWithoutJitter) {
  EXPECT_EQ(elements(reconnect_spec("{clients: 10, at: 1s, to: auth.login, jitter: 5s, "
                                    "retry: {attempts: 3, jitter: none}}"),
                     "reconnect-without-jitter"),
            Names{"auth.login"});
}

TEST(ReconnectWithoutJitterLint, QuietWithJitterEverywhere) {
  EXPECT_TRUE(elements(reconnect_spec("{clients: 10, at: 1s, to: auth.login, jitter: 5s, "
                                      "retry: {attempts: 3, jitter: full}}"),
                       "reconnect-without-jitter")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

std::string writes_spec(const std::string& rate, const std::string& writes) {
  return "ripple: 1\nbrokers: {b: {type: kafka}}\nstores: {db: {}}\nevents: {E: {broker: b}}\n"
         "services:\n  s: {operations: {x: {publishes: [E]}}}\n"
         "  c: {consumes: {E: {idempotent: true, writes: " +
         writes +
         "}}}\n"
         "workload: {sources: [{to: s.x, rate: " +
         rate + "}]}\n";
}

TEST(UnbatchedWritesLint, FiresAboveTheRateThreshold) {
  const Analysis a = analyze(load(writes_spec("200/s", "{store: db}")));
  const auto found = of_rule(a, "unbatched-writes");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "c:E");
  EXPECT_EQ(found[0]->message,
            "c:E writes to db once per event at 200/s without batching (threshold 100/s)");
}

TEST(UnbatchedWritesLint, QuietWhenBatchedOrSlow) {
  EXPECT_TRUE(elements(writes_spec("200/s", "{store: db, batch: {size: 50, linger: 5ms}}"),
                       "unbatched-writes")
                  .empty());
  EXPECT_TRUE(elements(writes_spec("100/s", "{store: db}"), "unbatched-writes").empty());
}

std::string keyed_spec(const std::string& keys) {
  return "ripple: 1\nbrokers: {bus: {type: kafka, partitions: 12}}\n"
         "entities: {device: {owner: registry, fields: {id: 16B}}}\n"
         "events:\n  Reading: {broker: bus, key: device.id" +
         keys +
         "}\n"
         "services:\n  registry: {operations: {report: {publishes: [Reading]}}}\n"
         "  metrics: {consumes: {Reading: {idempotent: true}}}\n";
}

TEST(HotPartitionLint, FiresWhenOnePartitionGetsOverTwiceAnEvenShare) {
  const Analysis a = analyze(load(keyed_spec(", keys: {values: 1000, hot: 30%}")));
  const auto found = of_rule(a, "hot-partition");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->element, "Reading");
  const double share =
      model::partition_shares({model::KeyDistribution::Kind::Hot, 1000, 0, 0.3, true},
                              12)[static_cast<std::size_t>(model::partition_of_key(0, 12))];
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  EXPECT_EQ(found[0]->message, "Reading's keys put " + std::string(text) +
                                   " of its events on partition " +
                                   std::to_string(model::partition_of_key(0, 12)) +
                                   " of bus (even share 8.3%, threshold 2x)");
}

TEST(HotPartitionLint, QuietForEvenKeysAndMildSkew) {
  EXPECT_TRUE(elements(keyed_spec(""), "hot-partition").empty());
  EXPECT_TRUE(elements(keyed_spec(", keys: {values: 1000}"), "hot-partition").empty());
  EXPECT_TRUE(elements(keyed_spec(", keys: {values: 1000, hot: 5%}"), "hot-partition").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(Findings, SuppressedFindingsAreRemovedAndKeepTheirReason) {
  const Analysis a = analyze(load(R"(ripple: 1
services: {a: {queue: unbounded}, b: {queue: unbounded}}
suppress:
  - {rule: unbounded-queue, at: a, reason: "a batch job, latency does not matter"}
)"));
  EXPECT_EQ(testing::finding_keys(a), Names{"unbounded-queue@b"});
  ASSERT_EQ(a.suppressed.size(), 1u);
  EXPECT_EQ(a.suppressed[0].finding.element, "a");
  EXPECT_EQ(a.suppressed[0].reason, "a batch job, latency does not matter");
  EXPECT_TRUE(a.unused_suppressions.empty());
}

TEST(Findings, SuppressionsThatMatchNothingAreListed) {
  const Analysis a = analyze(load(R"(ripple: 1
services: {a: {replicas: 2}}
suppress:
  - {rule: unbounded-queue, at: a, reason: stale}
)"));
  EXPECT_TRUE(a.findings.empty());
  EXPECT_EQ(a.unused_suppressions, std::vector<int>{0});
}

TEST(Findings, AreSortedBySeverityThenLocationThenRule) {
  const Analysis a = analyze(load(R"(ripple: 1
brokers: {b: {type: kafka}, mem: {type: memory}}
events: {Lonely: {broker: b}, Lost: {broker: mem}}
services:
  z: {queue: unbounded, operations: {x: {publishes: [Lost]}}}
  y: {consumes: {Lost: {}}}
)"));
  EXPECT_EQ(testing::finding_keys(a),
            (Names{"memory-broker-across-processes@Lost", "unbounded-queue@z",
                   "event-without-consumer@Lonely"}));
}

TEST(Findings, ExamplesRunWithoutErrorsOnTheirDocumentedLints) {
  const Analysis a = analyze(testing::load_example("examples/retry-layers.yaml"));
  const auto inversions = of_rule(a, "timeout-inversion");
  ASSERT_EQ(inversions.size(), 1u);
  EXPECT_EQ(inversions[0]->element, "web-bff.render");
  EXPECT_EQ(of_rule(a, "nested-retries").size(), 1u);
  EXPECT_TRUE(of_rule(a, "sync-cycle").empty());
}

}  // namespace
}  // namespace ripple::analyzers
