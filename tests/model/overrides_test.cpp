#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"

namespace ripple::model {
namespace {

const char* kSpec = R"(ripple: 1
defaults: {workers: 4}
services:
  api:
    replicas: 2
    operations: {get: {time: 5ms}}
workload:
  sources:
    - {to: api.get, rate: 10/s}
)";

LoadResult load_with(std::vector<Override> overrides) {
  return load_spec({"t.yaml", kSpec}, std::nullopt, {}, {}, overrides);
}

TEST(Overrides, SetExistingValuesAndAddTheLastKey) {
  const LoadResult r = load_with({{"services.api.replicas", "5"},
                                  {"workload.sources[0].rate", "250/s"},
                                  {"defaults.timeout", "2s"},
                                  {"services.api.workers", "9"}});
  ASSERT_TRUE(r.spec) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  EXPECT_EQ(r.spec->services[0].replicas, 5);
  EXPECT_EQ(r.spec->services[0].workers, 9);
  EXPECT_DOUBLE_EQ(r.spec->workload.sources[0].rate, 250);
  EXPECT_EQ(r.spec->callback_policy.timeout.ns, 2'000'000'000);
}

TEST(Overrides, UnknownKeysGetADidYouMeanOnTheOverride) {
  const LoadResult r = load_with({{"servics.api.replicas", "5"}});
  ASSERT_FALSE(r.spec);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.file, "--vary servics.api.replicas=5");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 1);
  EXPECT_EQ(d.hint, "did you mean `services`?");
  // A new last key goes to the loader, which knows the fields.
  const LoadResult field = load_with({{"services.api.replicaz", "5"}});
  ASSERT_FALSE(field.spec);
  EXPECT_EQ(field.diagnostics[0].file, "--vary services.api.replicaz=5");
  EXPECT_EQ(field.diagnostics[0].column, 14);
  EXPECT_NE(field.diagnostics[0].hint.find("replicas"), std::string::npos);
}

TEST(Overrides, IndexesOutOfRangeAndWrongShapesAreErrors) {
  const LoadResult range = load_with({{"workload.sources[2].rate", "1/s"}});
  ASSERT_FALSE(range.spec);
  EXPECT_NE(range.diagnostics[0].message.find("index 2 is out of range"), std::string::npos);
  EXPECT_NE(range.diagnostics[0].message.find("has 1 entry"), std::string::npos);
  for (const char* path : {"services.api", "services[0]", "workload.sources.rate", "a..b",
                           "workload.sources[x].rate"}) {
    const LoadResult r = load_with({{path, "1"}});
    EXPECT_FALSE(r.spec) << path;
    ASSERT_FALSE(r.diagnostics.empty()) << path;
    EXPECT_EQ(r.diagnostics[0].line, 1) << path;
  }
}

TEST(Overrides, AValueTheFieldRejectsIsLocatedOnTheOverride) {
  const LoadResult r = load_with({{"workload.sources[0].rate", "20ms"}});
  ASSERT_FALSE(r.spec);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.file, "--vary workload.sources[0].rate=20ms");
  EXPECT_EQ(d.column, 26);
  EXPECT_EQ(d.source_line, "workload.sources[0].rate=20ms");
}

TEST(Overrides, ScenarioSectionsAreSetInTheScenario) {
  const SourceFile scenario{"s.yaml", "workload:\n  sources: [{to: api.get, rate: 30/s}]\n"};
  const LoadResult r =
      load_spec({"t.yaml", kSpec}, scenario, {}, {}, {{"workload.sources[0].rate", "70/s"}});
  ASSERT_TRUE(r.spec);
  EXPECT_DOUBLE_EQ(r.spec->workload.sources[0].rate, 70);
}

}  // namespace
}  // namespace ripple::model
