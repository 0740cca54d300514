// Loading retry budgets and `on`, deadline propagation, load shedding and waiting clients of
// sources (docs/spec.md, "Retry", "Calls", "Services", "Workload").

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

std::string with_call(const std::string& call) {
  return "ripple: 1\nservices:\n  front:\n    operations:\n      go:\n        calls:\n"
         "          - " +
         call + "\n  back: {operations: {op: {}}}\n";
}

const Call& first_call(const Spec& spec) {
  return spec.operations[*spec.find_operation("front.go")].work.calls[0];
}

TEST(Policies, RetryReadsBudgetAndOn) {
  const Spec spec = load_ok(with_call(
      "{to: back.op, retry: {attempts: 3, budget: {ratio: 10%, window: 5s}, on: [timeout]}}"));
  const RetryPolicy& retry = first_call(spec).retry;
  ASSERT_TRUE(retry.budget.has_value());
  EXPECT_DOUBLE_EQ(retry.budget->ratio, 0.1);
  EXPECT_EQ(retry.budget->window, Duration{5 * kSecond.ns});
  EXPECT_TRUE(retry.on_timeout);
  EXPECT_FALSE(retry.on_error);
  EXPECT_FALSE(retry.on_rejected);
}

TEST(Policies, ScalarBudgetKeepsTheDefaultWindowAndRetriesEveryFailure) {
  const Spec spec = load_ok(with_call("{to: back.op, retry: {attempts: 3, budget: 20%}}"));
  const RetryPolicy& retry = first_call(spec).retry;
  EXPECT_DOUBLE_EQ(retry.budget->ratio, 0.2);
  EXPECT_EQ(retry.budget->window, Duration{10 * kSecond.ns});
  EXPECT_TRUE(retry.on_timeout && retry.on_error && retry.on_rejected);
}

TEST(Policies, UnknownFailureInOnGetsADidYouMean) {
  const std::string line = "          - {to: back.op, retry: {attempts: 2, on: [timout]}}";
  const LoadResult result = load(with_call(line.substr(12)));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean `timeout`?");
  EXPECT_EQ(result.diagnostics[0].line, 7);
  EXPECT_EQ(result.diagnostics[0].column, static_cast<int>(line.find("timout")) + 1);
}

TEST(Policies, EmptyOnIsAnError) {
  const LoadResult result = load(with_call("{to: back.op, retry: {attempts: 2, on: []}}"));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "`on: []` retries nothing");
}

TEST(Policies, BudgetWithoutRatioIsAnError) {
  const LoadResult result = load(with_call("{to: back.op, retry: {budget: {window: 1s}}}"));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "`budget` needs a `ratio`");
}

TEST(Policies, DeadlinePropagateIsReadAndMisspellingsAreCaught) {
  EXPECT_EQ(first_call(load_ok(with_call("{to: back.op, deadline: propagate}"))).deadline,
            Deadline::Propagate);
  EXPECT_EQ(first_call(load_ok(with_call("back.op"))).deadline, Deadline::None);
  const LoadResult result = load(with_call("{to: back.op, deadline: propogate}"));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean `propagate`?");
}

TEST(Policies, ServiceSheddingFieldsAndTheirDefaults) {
  const Spec spec = load_ok(
      "ripple: 1\ndefaults: {max_queue_time: 2s}\nservices:\n"
      "  a: {queue_discipline: lifo, max_concurrency: 50}\n  b: {max_queue_time: 100ms}\n"
      "  c: {}\n");
  const Service& a = spec.services[*spec.find_service("a")];
  EXPECT_EQ(a.queue_discipline, QueueDiscipline::Lifo);
  EXPECT_EQ(a.max_concurrency, 50);
  EXPECT_EQ(a.max_queue_time, Duration{2 * kSecond.ns});
  EXPECT_EQ(spec.services[*spec.find_service("b")].max_queue_time, Duration{100'000'000});
  const Service& c = spec.services[*spec.find_service("c")];
  EXPECT_EQ(c.queue_discipline, QueueDiscipline::Fifo);
  EXPECT_FALSE(c.max_concurrency.has_value());
}

TEST(Policies, SheddingMistakesAreLocated) {
  const LoadResult discipline = load("ripple: 1\nservices:\n  a: {queue_discipline: lifi}\n");
  ASSERT_EQ(discipline.diagnostics.size(), 1U) << render_all(discipline.diagnostics);
  EXPECT_EQ(discipline.diagnostics[0].hint, "did you mean `lifo`?");
  EXPECT_EQ(discipline.diagnostics[0].line, 3);
  const LoadResult zero = load("ripple: 1\nservices:\n  a: {max_queue_time: 0ms}\n");
  ASSERT_EQ(zero.diagnostics.size(), 1U) << render_all(zero.diagnostics);
  EXPECT_EQ(zero.diagnostics[0].message, "`max_queue_time` must be above 0");
  const LoadResult concurrency = load("ripple: 1\nservices:\n  a: {max_concurency: 3}\n");
  ASSERT_EQ(concurrency.diagnostics.size(), 1U) << render_all(concurrency.diagnostics);
  EXPECT_EQ(concurrency.diagnostics[0].hint, "did you mean `max_concurrency`?");
}

constexpr const char* kSourceHead =
    "ripple: 1\nservices:\n  back: {operations: {op: {}}}\n"
    "workload:\n  sources:\n    - ";

TEST(Policies, SourcesReadTimeoutRetryAndAbandonAfter) {
  const Spec spec = load_ok(std::string(kSourceHead) +
                            "{to: back.op, rate: 10/s, timeout: 2s, retry: {attempts: 3, "
                            "backoff: 100ms, budget: 10%}, abandon_after: 5s}\n");
  const RateSource& source = spec.workload.sources[0];
  EXPECT_EQ(source.timeout, Duration{2 * kSecond.ns});
  EXPECT_EQ(source.retry.attempts, 3);
  EXPECT_TRUE(source.retry.budget.has_value());
  EXPECT_EQ(source.abandon_after, Duration{5 * kSecond.ns});
  const Spec plain = load_ok(std::string(kSourceHead) + "{to: back.op, rate: 10/s}\n");
  EXPECT_FALSE(plain.workload.sources[0].timeout.has_value());
  EXPECT_EQ(plain.workload.sources[0].retry.attempts, 1);
}

TEST(Policies, AbandonAfterWithoutRetriesIsAWarning) {
  const LoadResult result =
      load(std::string(kSourceHead) + "{to: back.op, rate: 10/s, abandon_after: 5s}\n");
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::Warning);
  EXPECT_TRUE(result.spec.has_value());
}

TEST(Policies, MisspelledSourceKeyGetsADidYouMean) {
  const LoadResult result =
      load(std::string(kSourceHead) + "{to: back.op, rate: 10/s, timeuot: 1s}\n");
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean `timeout`?");
}

}  // namespace
}  // namespace ripple::model::testing
