// Defaults: built-in values, `defaults:` over them, elements over both; retry and breaker
// merge field by field.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr const char* kDefaultsSpec = R"(ripple: 1
defaults:
  timeout: 2s
  retry: {attempts: 3, backoff: 10ms}
  breaker: {window: 40}
  on_failure: continue
  cancel_on_timeout: true
  concurrency: 4
  balancing: least_outstanding
  queue: unbounded
services:
  a:
    operations:
      op:
        calls:
          - b.op
          - {to: b.op, retry: {backoff: 50ms}, breaker: {open_for: 5s}}
          - {to: b.op, retry: none, breaker: none, timeout: 100ms, on_failure: fail}
  b:
    queue: 8
    operations:
      op: {}
)";

TEST(Defaults, ShortCallFormTakesEveryDefault) {
  const Spec spec = load_ok(kDefaultsSpec);
  const Call& call = spec.operations.at(0).work.calls.at(0);
  EXPECT_EQ(call.target, 1);
  EXPECT_EQ(call.timeout, Duration{2 * kSecond.ns});
  EXPECT_EQ(call.retry.attempts, 3);
  EXPECT_EQ(call.retry.backoff, Duration{10 * kMillisecond.ns});
  ASSERT_TRUE(call.breaker.has_value());
  EXPECT_EQ(call.breaker->window, 40);
  EXPECT_EQ(call.on_failure, OnFailure::Continue);
  EXPECT_TRUE(call.cancel_on_timeout);
}

TEST(Defaults, CallRetryMergesFieldByFieldOverDefaults) {
  const Spec spec = load_ok(kDefaultsSpec);
  const Call& call = spec.operations.at(0).work.calls.at(1);
  EXPECT_EQ(call.retry.attempts, 3);
  EXPECT_EQ(call.retry.backoff, Duration{50 * kMillisecond.ns});
  EXPECT_DOUBLE_EQ(call.retry.multiplier, 2);
}

TEST(Defaults, CallBreakerMergesFieldByFieldOverDefaults) {
  const Spec spec = load_ok(kDefaultsSpec);
  const Call& call = spec.operations.at(0).work.calls.at(1);
  ASSERT_TRUE(call.breaker.has_value());
  EXPECT_EQ(call.breaker->window, 40);
  EXPECT_EQ(call.breaker->open_for, Duration{5 * kSecond.ns});
  EXPECT_DOUBLE_EQ(call.breaker->failure_ratio, 0.5);
}

TEST(Defaults, NoneRemovesDefaultRetryAndBreaker) {
  const Spec spec = load_ok(kDefaultsSpec);
  const Call& call = spec.operations.at(0).work.calls.at(2);
  EXPECT_EQ(call.retry.attempts, 1);
  EXPECT_FALSE(call.breaker.has_value());
  EXPECT_EQ(call.timeout, Duration{100 * kMillisecond.ns});
  EXPECT_EQ(call.on_failure, OnFailure::Fail);
}

TEST(Defaults, DefaultsSetQueueAndBalancingOfServices) {
  const Spec spec = load_ok(kDefaultsSpec);
  EXPECT_EQ(spec.services.at(0).queue, std::nullopt);
  EXPECT_EQ(spec.services.at(0).balancing, Balancing::LeastOutstanding);
  EXPECT_EQ(spec.services.at(1).queue, 8);
}

TEST(Defaults, AppliesBuiltInDefaultsWhenNothingIsSet) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  a:
    operations:
      op: {calls: [b.op]}
  b:
    operations:
      op:
)");
  EXPECT_EQ(spec.name, "t");
  EXPECT_EQ(spec.services.at(0).replicas, 1);
  EXPECT_EQ(spec.services.at(0).workers, 16);
  EXPECT_EQ(spec.services.at(0).queue, 1024);
  const Call& call = spec.operations.at(0).work.calls.at(0);
  EXPECT_EQ(call.timeout, Duration{30 * kSecond.ns});
  EXPECT_EQ(call.retry.attempts, 1);
  EXPECT_FALSE(call.breaker.has_value());
  EXPECT_DOUBLE_EQ(call.probability, 1);
  EXPECT_EQ(spec.operations.at(1).work.time.kind, DistributionKind::Const);
  EXPECT_DOUBLE_EQ(spec.operations.at(1).work.time.a, 0);
  EXPECT_EQ(spec.workload.duration, Duration{60 * kSecond.ns});
  EXPECT_EQ(spec.workload.seed, 1u);
}

TEST(Defaults, RetryWithoutItsOptionalFieldsTakesTheBuiltInOnes) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  a: {operations: {op: {calls: [{to: b.op, retry: {attempts: 4}}]}}}
  b: {operations: {op: {}}}
)");
  const RetryPolicy& retry = spec.operations.at(0).work.calls.at(0).retry;
  EXPECT_EQ(retry.attempts, 4);
  EXPECT_EQ(retry.backoff, Duration{0});
  EXPECT_DOUBLE_EQ(retry.multiplier, 2);
  EXPECT_EQ(retry.max_backoff, Duration{10 * kSecond.ns});
  EXPECT_EQ(retry.jitter, Jitter::None);
}

TEST(Defaults, BreakerGivenAsAMapStartsFromTheBuiltInValues) {
  const Spec spec = load_ok(R"(ripple: 1
services:
  a: {operations: {op: {calls: [{to: b.op, breaker: {window: 10}}]}}}
  b: {operations: {op: {}}}
)");
  const std::optional<BreakerPolicy>& breaker = spec.operations.at(0).work.calls.at(0).breaker;
  ASSERT_TRUE(breaker.has_value());
  EXPECT_DOUBLE_EQ(breaker->failure_ratio, 0.5);
  EXPECT_EQ(breaker->window, 10);
  EXPECT_EQ(breaker->open_for, Duration{10 * kSecond.ns});
}

TEST(Defaults, ConsumerConcurrencyComesFromDefaultsUnlessSet) {
  const Spec spec = load_ok(R"(ripple: 1
defaults: {concurrency: 4}
brokers: {bus: {type: memory}}
events: {A: {broker: bus}, B: {broker: bus}}
services:
  s:
    consumes:
      A: {}
      B: {concurrency: 9}
)");
  EXPECT_EQ(spec.consumers.at(0).concurrency, 4);
  EXPECT_EQ(spec.consumers.at(1).concurrency, 9);
  EXPECT_FALSE(spec.consumers.at(0).idempotent);
  EXPECT_FALSE(spec.consumers.at(0).ordered);
}

TEST(Defaults, BrokerTakesItsBuiltInValues) {
  const Spec spec = load_ok("ripple: 1\nbrokers: {k: {type: kafka}, q: {type: sqs}}\n");
  EXPECT_EQ(spec.brokers.at(0).partitions, 1);
  EXPECT_EQ(spec.brokers.at(0).latency.kind, DistributionKind::Const);
  EXPECT_DOUBLE_EQ(spec.brokers.at(0).latency.a, 0);
  EXPECT_EQ(spec.brokers.at(1).visibility_timeout, Duration{30 * kSecond.ns});
  EXPECT_EQ(spec.brokers.at(1).max_receives, std::nullopt);
  EXPECT_FALSE(spec.brokers.at(1).fifo);
  EXPECT_FALSE(spec.brokers.at(1).orders_by_key());
}

TEST(Defaults, StoreTakesItsBuiltInValues) {
  const Spec spec = load_ok("ripple: 1\nstores: {db: {}}\n");
  EXPECT_EQ(spec.stores.at(0).connections, 10);
  EXPECT_DOUBLE_EQ(spec.stores.at(0).txn_time.a, 0);
  EXPECT_DOUBLE_EQ(spec.stores.at(0).row_time.a, 0);
}

TEST(Defaults, WorkloadTakesItsBuiltInValues) {
  const Spec spec = load_ok("ripple: 1\nworkload: {}\n");
  EXPECT_EQ(spec.workload.duration, Duration{60 * kSecond.ns});
  EXPECT_EQ(spec.workload.warmup, Duration{0});
  EXPECT_EQ(spec.workload.seed, 1u);
}

TEST(Defaults, RejectsZeroDefaultTimeout) {
  expect_only(load("ripple: 1\ndefaults:\n  timeout: 0s\n"),
              under(3, "  timeout: 0s", "0s", "a timeout must be above 0",
                    "remove it to keep the default of 30s"));
}

TEST(Defaults, RejectsUnknownDefaultsKeyWithDidYouMean) {
  expect_only(load("ripple: 1\ndefaults:\n  timout: 1s\n"),
              under(3, "  timout: 1s", "timout", "unknown key `timout` in `defaults`",
                    "did you mean `timeout`?"));
}

}  // namespace
}  // namespace ripple::model::testing

namespace ripple::model {
namespace {

TEST(Defaults, CallbacksFollowTheDefaultCallPolicy) {
  const LoadResult result = load_spec({"t.yaml", R"(ripple: 1
defaults:
  timeout: 250ms
  retry: {attempts: 3, backoff: 10ms}
  on_failure: continue
services:
  a: {operations: {op: {}}}
)"});
  ASSERT_TRUE(result.spec.has_value());
  const Call& policy = result.spec->callback_policy;
  EXPECT_EQ(policy.target, -1);
  EXPECT_EQ(policy.timeout, Duration{250 * kMillisecond.ns});
  EXPECT_EQ(policy.retry.attempts, 3);
  EXPECT_EQ(policy.retry.backoff, Duration{10 * kMillisecond.ns});
  EXPECT_EQ(policy.on_failure, OnFailure::Continue);
}

TEST(Defaults, CallbacksWithoutDefaultsUseTheBuiltInPolicy) {
  const LoadResult result = load_spec({"t.yaml", "ripple: 1\n"});
  ASSERT_TRUE(result.spec.has_value());
  EXPECT_EQ(result.spec->callback_policy.timeout, Duration{30 * kSecond.ns});
  EXPECT_EQ(result.spec->callback_policy.retry.attempts, 1);
  EXPECT_FALSE(result.spec->callback_policy.breaker.has_value());
}

}  // namespace
}  // namespace ripple::model
