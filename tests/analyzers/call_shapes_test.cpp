// Amplification and lints of repeated, parallel and conditional calls.

#include <gtest/gtest.h>

#include <string>

#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::find_amplification;
using testing::load;

// Online Boutique's frontend converts nine prices: `count: 9` is nine requests, nominal and worst
// case; 3 attempts each make 27 in the worst case.
TEST(CallShapes, CountNineIsNineRequestsAndTwentySevenWithThreeAttempts) {
  const Analysis a = analyze(load(R"(ripple: 1
services:
  frontend:
    operations:
      home: {calls: [{to: currency.convert, count: 9, retry: {attempts: 3}}]}
  currency: {operations: {convert: {}}}
workload: {sources: [{to: frontend.home, rate: 10/s}]}
)"));
  const Amplification* home = find_amplification(a, "frontend.home");
  ASSERT_NE(home, nullptr);
  EXPECT_DOUBLE_EQ(home->nominal.requests, 9);
  EXPECT_DOUBLE_EQ(home->worst_case.requests, 27);
}

// A parallel group counts each branch once; a 20% cache miss counts 0.2 nominally and 1 in the
// worst case; a repeated call below multiplies what its callee does.
TEST(CallShapes, GroupsCountEachBranchAndProbabilityWeighsNominal) {
  const Analysis a = analyze(load(R"(ripple: 1
services:
  front:
    operations:
      go:
        calls:
          - parallel: [a.op, b.op, {to: db.miss, probability: 20%}]
          - {to: c.op, count: 2}
  a: {operations: {op: {}}}
  b: {operations: {op: {}}}
  c: {operations: {op: {calls: [{to: a.op, count: 3}]}}}
  db: {operations: {miss: {}}}
workload: {sources: [{to: front.go, rate: 10/s}]}
)"));
  const Amplification* go = find_amplification(a, "front.go");
  ASSERT_NE(go, nullptr);
  EXPECT_DOUBLE_EQ(go->nominal.requests, 1 + 1 + 0.2 + 2 * (1 + 3));
  EXPECT_DOUBLE_EQ(go->worst_case.requests, 1 + 1 + 1 + 2 * (1 + 3));
}

int count_rule(const std::vector<Finding>& findings, const std::string& rule) {
  int n = 0;
  for (const Finding& f : findings) n += f.rule == rule ? 1 : 0;
  return n;
}

// timeout-inversion: a parallel group waits for its longest branch (500 ms, under the 700 ms
// timeout), the same calls in sequence for their sum (900 ms, over it); `count: 2` doubles it.
TEST(CallShapes, TimeoutInversionWaitsForTheLongestBranchOfAGroup) {
  const std::string head = R"(ripple: 1
services:
  front: {operations: {go: {calls: [{to: mid.op, timeout: 700ms}]}}}
  a: {operations: {op: {}}}
  b: {operations: {op: {}}}
  mid:
    operations:
      op:
        calls:
)";
  const std::string tail = "workload: {sources: [{to: front.go, rate: 1/s}]}\n";
  const auto inversions = [&](const std::string& calls) {
    return count_rule(analyze(load(head + calls + tail)).findings, "timeout-inversion");
  };
  EXPECT_EQ(inversions("          - parallel: [{to: a.op, timeout: 400ms}, {to: b.op, timeout: "
                       "500ms}]\n"),
            0);
  EXPECT_EQ(inversions("          - {to: a.op, timeout: 400ms}\n          - {to: b.op, timeout: "
                       "500ms}\n"),
            1);
  EXPECT_EQ(inversions("          - {to: a.op, timeout: 400ms, count: 2}\n"), 1);
}

// Client retries of a source multiply the worst case: 3 client attempts over an entry that makes
// 2 requests (worst case) is 3 x 2 plus the 2 retries themselves = 8; nominal is unchanged.
TEST(CallShapes, ClientRetriesMultiplyTheWorstCase) {
  const Analysis a = analyze(load(R"(ripple: 1
services:
  front: {operations: {go: {calls: [{to: back.op, retry: {attempts: 2}}]}}}
  back: {operations: {op: {}}}
workload: {sources: [{to: front.go, rate: 10/s, timeout: 1s, retry: {attempts: 3}}]}
)"));
  const Amplification* go = find_amplification(a, "front.go");
  ASSERT_NE(go, nullptr);
  EXPECT_DOUBLE_EQ(go->nominal.requests, 1);
  EXPECT_DOUBLE_EQ(go->worst_case.requests, 8);
  EXPECT_DOUBLE_EQ(go->worst_case_multiplier, 6);
}

// A 10% retry budget bounds the worst case: retries stay within 10% of calls over every window,
// so 5 attempts count as 1.1 per call; a budgeted client of 3 attempts at 20% as 1.2.
TEST(CallShapes, ARetryBudgetBoundsTheWorstCase) {
  const Analysis a = analyze(load(R"(ripple: 1
services:
  front:
    operations:
      go: {calls: [{to: back.op, retry: {attempts: 5, budget: 10%}}]}
  back: {operations: {op: {}}}
workload:
  sources: [{to: front.go, rate: 10/s, retry: {attempts: 3, budget: 20%}}]
)"));
  const Amplification* go = find_amplification(a, "front.go");
  ASSERT_NE(go, nullptr);
  EXPECT_DOUBLE_EQ(go->worst_case.requests, 1.1 * 1.2 + 0.2);
}

}  // namespace
}  // namespace ripple::analyzers
