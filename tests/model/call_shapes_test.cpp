// Loading repeated, parallel and conditional calls and network time (docs/spec.md, "Calls").

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr const char* kTail = R"(  a: {operations: {op: {}}}
  b: {operations: {op: {}}}
  c: {operations: {op: {}}}
)";

std::string front(const std::string& calls_block) {
  return "ripple: 1\nservices:\n  front:\n    operations:\n      go:\n        calls:\n" +
         calls_block + kTail;
}

TEST(CallShapes, ParallelGroupsNumberTheirCallsInOrder) {
  const Spec spec =
      load_ok(front("          - parallel: [a.op, {to: b.op, timeout: 1s}]\n"
                    "          - c.op\n"
                    "          - parallel: [a.op]\n"));
  const auto& calls = spec.operations[*spec.find_operation("front.go")].work.calls;
  ASSERT_EQ(calls.size(), 4U);
  EXPECT_EQ(calls[0].group, 0);
  EXPECT_EQ(calls[1].group, 0);
  EXPECT_EQ(calls[1].timeout, Duration{kSecond.ns});
  EXPECT_EQ(calls[2].group, -1);
  EXPECT_EQ(calls[3].group, 1);
}

TEST(CallShapes, ParallelTruePutsEveryCallInOneGroup) {
  const Spec spec = load_ok(
      "ripple: 1\nservices:\n  front:\n    operations:\n      go: {parallel: true, calls: "
      "[a.op, b.op]}\n" +
      std::string(kTail));
  for (const Call& call : spec.operations[*spec.find_operation("front.go")].work.calls)
    EXPECT_EQ(call.group, 0);
}

TEST(CallShapes, ReadsCountLatencyAndTheDefaultNetworkLatency) {
  const Spec spec = load_ok(
      "ripple: 1\ndefaults: {network_latency: exp(2ms)}\nservices:\n  front:\n    operations:\n"
      "      go: {calls: [{to: a.op, count: 9, latency: const(1ms)}, b.op]}\n" +
      std::string(kTail));
  const auto& calls = spec.operations[*spec.find_operation("front.go")].work.calls;
  EXPECT_EQ(calls[0].count, 9);
  EXPECT_EQ(calls[0].latency.kind, DistributionKind::Const);
  EXPECT_DOUBLE_EQ(calls[0].latency.a, 1e6);
  EXPECT_EQ(calls[1].count, 1);
  EXPECT_EQ(calls[1].latency.kind, DistributionKind::Exp);
  EXPECT_TRUE(calls[1].has_latency());
  EXPECT_FALSE(spec.operations[*spec.find_operation("a.op")].work.calls.size() > 0);
}

TEST(CallShapes, NoLatencyByDefault) {
  const Spec spec = load_ok(front("          - a.op\n"));
  EXPECT_FALSE(spec.operations[*spec.find_operation("front.go")].work.calls[0].has_latency());
}

TEST(CallShapes, CountBelowOneIsAnError) {
  const std::string line = "          - {to: a.op, count: 0}";
  expect_only(load(front(line + "\n")),
              under(7, line, "0", "`count` must be between 1 and 1000, not 0"));
}

TEST(CallShapes, MisspelledCallKeyGetsADidYouMean) {
  const std::string line = "          - {to: a.op, cuont: 2}";
  expect_only(load(front(line + "\n")),
              under(7, line, "cuont", "unknown key `cuont` in a call of operation `front.go`",
                    "did you mean `count`?"));
}

TEST(CallShapes, ParallelGroupsDoNotNest) {
  const std::string line = "          - parallel: [a.op, {parallel: [b.op]}]";
  const LoadResult result = load(front(line + "\n"));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "parallel groups do not nest");
  EXPECT_EQ(result.diagnostics[0].line, 7);
  EXPECT_EQ(result.diagnostics[0].column, 30);  // the inner group's `{`
}

TEST(CallShapes, EmptyParallelGroupIsAnError) {
  const std::string line = "          - parallel: []";
  expect_only(load(front(line + "\n")),
              under(7, line, "[", "a parallel group needs at least one call",
                    "write `- parallel: [catalog.get, prices.get]`"));
}

TEST(CallShapes, GroupBesideParallelTrueIsAnError) {
  const LoadResult result = load(
      "ripple: 1\nservices:\n  front:\n    operations:\n      go:\n        parallel: true\n"
      "        calls:\n          - parallel: [a.op]\n" +
      std::string(kTail));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message,
            "`parallel: true` already makes every call of operation `front.go` parallel");
  EXPECT_EQ(result.diagnostics[0].line, 8);
}

TEST(CallShapes, UnknownOperationInAGroupGetsADidYouMean) {
  const std::string line = "          - parallel: [a.op, b.opp]";
  const LoadResult result = load(front(line + "\n"));
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean `b.op`?");
  EXPECT_EQ(result.diagnostics[0].line, 7);
}

TEST(CallShapes, BadNetworkLatencyIsLocated) {
  const LoadResult result = load("ripple: 1\ndefaults: {network_latency: fast}\n");
  ASSERT_EQ(result.diagnostics.size(), 1U) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].line, 2);
  EXPECT_EQ(result.diagnostics[0].column, 29);
}

}  // namespace
}  // namespace ripple::model::testing
