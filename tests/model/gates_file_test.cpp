#include <gtest/gtest.h>

#include "model/loader.h"

namespace ripple::model {
namespace {

constexpr char kSpec[] = R"(ripple: 1
services:
  api: {operations: {get: {time: 1ms}}}
workload:
  sources: [{to: api.get, rate: 10/s}]
gates:
  - p99(api.get) < 50ms
)";

Spec load_valid() {
  LoadResult result = load_spec({"arch.yaml", kSpec});
  EXPECT_TRUE(result.spec.has_value());
  return std::move(*result.spec);
}

TEST(GatesFile, AddsItsGatesAfterTheSpecsOwn) {
  Spec spec = load_valid();
  const Diagnostics problems =
      add_gates_file(spec, {"ci-gates.yaml", "gates:\n  - error_rate(api.get) < 1%\n"});
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(spec.gates.size(), 2u);
  EXPECT_EQ(spec.gates[1].metric, GateMetric::ErrorRate);
  EXPECT_DOUBLE_EQ(spec.gates[1].threshold, 0.01);
  EXPECT_EQ(spec.where(spec.gates[1].loc), "ci-gates.yaml:2:5");
}

TEST(GatesFile, ChecksEachGateAgainstTheSpec) {
  Spec spec = load_valid();
  const Diagnostics problems =
      add_gates_file(spec, {"ci-gates.yaml", "gates:\n  - p99(api.gt) < 1s\n  - no sync_cycles\n"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "ci-gates.yaml");
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 9);
  EXPECT_EQ(problems[0].message, "unknown operation `api.gt`");
  EXPECT_EQ(problems[0].hint, "did you mean `api.get`?");
  EXPECT_EQ(spec.gates.size(), 1u) << "no gate is added when the file has errors";
  EXPECT_EQ(spec.files.size(), 1u);
}

TEST(GatesFile, RefusesOtherSections) {
  Spec spec = load_valid();
  const Diagnostics problems = add_gates_file(spec, {"g.yaml", "faults: []\ngates: []\n"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "unknown key `faults` in a gates file");
}

TEST(GatesFile, NeedsAGatesList) {
  Spec spec = load_valid();
  const Diagnostics problems = add_gates_file(spec, {"g.yaml", "name: x\n"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "a gates file needs `gates:`");
}

}  // namespace
}  // namespace ripple::model
