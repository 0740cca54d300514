// `--scenario`: a second file whose `workload:`, `faults:` and `gates:` replace the spec's own.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr const char* kArchitecture = R"(ripple: 1
name: shop
services:
  gateway: {operations: {checkout: {}}}
  payment: {operations: {charge: {}}}
workload:
  duration: 2m
  sources: [{to: gateway.checkout, rate: 10/s}]
faults:
  - {service: payment, at: 10s, for: 5s, mode: down}
gates:
  - p99(gateway.checkout) < 300ms
)";

LoadResult load_with(const std::string& scenario) {
  return load_spec(SourceFile{kPath, kArchitecture}, SourceFile{"peak.yaml", scenario});
}

Spec load_with_ok(const std::string& scenario) {
  LoadResult result = load_with(scenario);
  if (!result.spec) {
    ADD_FAILURE() << render_all(result.diagnostics);
    return {};
  }
  return *std::move(result.spec);
}

TEST(Scenario, ReplacesTheWorkload) {
  const Spec spec = load_with_ok(
      "ripple: 1\nworkload:\n  duration: 5m\n  seed: 9\n"
      "  sources: [{to: payment.charge, rate: 20/s}]\n");
  EXPECT_EQ(spec.workload.duration, Duration{300 * kSecond.ns});
  EXPECT_EQ(spec.workload.seed, 9u);
  ASSERT_EQ(spec.workload.sources.size(), 1u);
  EXPECT_EQ(spec.workload.sources[0].to, 1);
  EXPECT_DOUBLE_EQ(spec.workload.sources[0].rate, 20);
  EXPECT_EQ(spec.workload.loc.file, 1);
}

TEST(Scenario, KeepsTheSpecsFaultsAndGatesWhenItHasNone) {
  const Spec spec = load_with_ok("ripple: 1\nworkload: {duration: 5m}\n");
  ASSERT_EQ(spec.faults.size(), 1u);
  EXPECT_EQ(spec.faults[0].loc.file, 0);
  ASSERT_EQ(spec.gates.size(), 1u);
  EXPECT_EQ(spec.gates[0].text, "p99(gateway.checkout) < 300ms");
}

TEST(Scenario, KeepsTheSpecsWorkloadWhenItHasNone) {
  const Spec spec = load_with_ok("ripple: 1\nfaults: []\n");
  EXPECT_EQ(spec.workload.duration, Duration{120 * kSecond.ns});
  EXPECT_EQ(spec.workload.sources.size(), 1u);
}

TEST(Scenario, EmptyFaultListRemovesTheSpecsFaults) {
  const Spec spec = load_with_ok("ripple: 1\nfaults: []\n");
  EXPECT_TRUE(spec.faults.empty());
}

TEST(Scenario, ReplacesFaultsAndGates) {
  const Spec spec = load_with_ok(
      "ripple: 1\n"
      "faults:\n"
      "  - {service: gateway, at: 1s, for: 1s, mode: slow, factor: 3}\n"
      "gates:\n"
      "  - recovery_time(gateway) < 10s\n"
      "  - no sync_cycles\n");
  ASSERT_EQ(spec.faults.size(), 1u);
  EXPECT_EQ(spec.faults[0].target_name, "gateway");
  EXPECT_EQ(spec.faults[0].loc.file, 1);
  ASSERT_EQ(spec.gates.size(), 2u);
  EXPECT_EQ(spec.gates[0].metric, GateMetric::RecoveryTime);
  EXPECT_DOUBLE_EQ(spec.gates[0].threshold, 10'000);
  EXPECT_EQ(spec.where(spec.gates[0].loc), "peak.yaml:5:5");
}

TEST(Scenario, KeepsTheArchitecturesNameAndListsBothFiles) {
  const Spec spec = load_with_ok("ripple: 1\nname: peak\ndescription: a busy day\nfaults: []\n");
  EXPECT_EQ(spec.name, "shop");
  EXPECT_EQ(spec.files, (std::vector<std::string>{kPath, "peak.yaml"}));
}

TEST(Scenario, RejectsArchitectureKeys) {
  const LoadResult result = load_with("ripple: 1\nservices: {}\n");
  EXPECT_FALSE(result.spec.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, "peak.yaml");
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(2, "services: {}", "services", "unknown key `services` in a scenario",
                         "allowed here: `ripple`, `name`, `description`, `workload`, `faults` "
                         "or `gates`")));
}

TEST(Scenario, SuggestsTheKeyMeant) {
  const LoadResult result = load_with("ripple: 1\nfault: []\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(2, "fault: []", "fault", "unknown key `fault` in a scenario",
                         "did you mean `faults`?")));
}

TEST(Scenario, ResolvesItsNamesAgainstTheArchitecture) {
  const LoadResult result =
      load_with("ripple: 1\nfaults:\n  - {service: paymnt, at: 1s, for: 1s, mode: down}\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, "peak.yaml");
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(3, "  - {service: paymnt, at: 1s, for: 1s, mode: down}", "paymnt",
                         "unknown service `paymnt`", "did you mean `payment`?")));
}

TEST(Scenario, ChecksGatesAgainstTheScenariosFaults) {
  const LoadResult result =
      load_with("ripple: 1\nfaults: []\ngates:\n  - recovery_time(payment) < 1s\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(4, "  - recovery_time(payment) < 1s", "payment",
                         "no fault on `payment` in `faults:`, so it has no recovery time")));
}

TEST(Scenario, RejectsAnotherFormatVersion) {
  const LoadResult result = load_with("ripple: 2\nfaults: []\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(1, "ripple: 2", "2", "unsupported spec format version",
                         "this Ripple reads `ripple: 1`")));
}

TEST(Scenario, ReportsAnEmptyScenarioFileAlone) {
  const LoadResult result = load_with("");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, "peak.yaml");
  EXPECT_EQ(result.diagnostics[0].message, "the file is empty");
}

TEST(Scenario, SortsTheSpecsDiagnosticsBeforeTheScenarios) {
  const LoadResult result = load_spec(SourceFile{kPath, "ripple: 1\ncolour: red\n"},
                                      SourceFile{"peak.yaml", "ripple: 1\nfault: []\n"});
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].file, kPath);
  EXPECT_EQ(result.diagnostics[1].file, "peak.yaml");
}

}  // namespace
}  // namespace ripple::model::testing
