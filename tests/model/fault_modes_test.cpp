// The table of fault modes (model/fault_modes.h) drives the loader: every mode, on every target,
// with every parameter, is accepted or refused as its row says.

#include "model/fault_modes.h"

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr FaultTarget kTargets[] = {FaultTarget::Service, FaultTarget::Store, FaultTarget::Broker};

// A target of each kind in fault_spec below.
std::string target_of(FaultTarget target) {
  switch (target) {
    case FaultTarget::Service:
      return "service: payment";
    case FaultTarget::Store:
      return "store: db";
    case FaultTarget::Broker:
      return "broker: bus";
  }
  return "";
}

// A valid value of a parameter for the targets of fault_spec.
std::string value_of(FaultValue value) {
  switch (value) {
    case FaultValue::None:
      return "";
    case FaultValue::PositiveNumber:
      return "10";
    case FaultValue::Ratio:
      return "20%";
    case FaultValue::Count:
      return "1";
  }
  return "";
}

std::string fault_spec(const std::string& fault) {
  return "ripple: 1\n"
         "brokers: {bus: {type: kafka, partitions: 4}}\n"
         "stores: {db: {}}\n"
         "services: {payment: {replicas: 2}}\n"
         "faults:\n"
         "  - " +
         fault + "\n";
}

// `{TARGET, at: 1s, for: 2s, mode: MODE[, PARAMETER: VALUE]}`.
std::string fault_of(const FaultModeInfo& mode, FaultTarget target) {
  std::string fault = "{" + target_of(target) + ", at: 1s, for: 2s, mode: " + mode.name;
  if (!mode.parameter.empty())
    fault += ", " + std::string(mode.parameter) + ": " + value_of(mode.value);
  return fault + "}";
}

TEST(FaultModes, EveryModeLoadsOnEveryTargetItAppliesTo) {
  for (const FaultModeInfo& mode : fault_modes())
    for (const FaultTarget target : kTargets) {
      if (!applies_to(mode, target)) continue;
      const LoadResult result = load(fault_spec(fault_of(mode, target)));
      ASSERT_TRUE(result.spec.has_value()) << fault_of(mode, target) << "\n"
                                           << render_all(result.diagnostics);
      ASSERT_EQ(result.spec->faults.size(), 1u);
      EXPECT_EQ(result.spec->faults[0].mode, mode.mode);
      EXPECT_EQ(result.spec->faults[0].target_kind, target);
    }
}

TEST(FaultModes, EveryModeIsRefusedOnTheTargetsItDoesNotApplyTo) {
  int refused = 0;
  for (const FaultModeInfo& mode : fault_modes())
    for (const FaultTarget target : kTargets) {
      if (applies_to(mode, target)) continue;
      const std::string fault = fault_of(mode, target);
      expect_only(
          load(fault_spec(fault)),
          under(6, "  - " + fault, mode.name,
                std::string("mode `") + mode.name + "` does not apply to a " + to_string(target),
                "services take down, slow, errors, replicas; stores down, slow, errors; "
                "brokers down, slow, partition_loss"));
      ++refused;
    }
  EXPECT_EQ(refused, 5);
}

TEST(FaultModes, EveryModeRefusesTheParametersOfTheOthers) {
  for (const FaultModeInfo& mode : fault_modes()) {
    const FaultTarget target = mode.targets.service ? FaultTarget::Service : FaultTarget::Broker;
    for (const FaultModeInfo& other : fault_modes()) {
      if (other.parameter.empty() || other.parameter == mode.parameter) continue;
      std::string fault = fault_of(mode, target);
      fault.insert(fault.size() - 1,
                   ", " + std::string(other.parameter) + ": " + value_of(other.value));
      const std::string hint =
          mode.parameter.empty()
              ? "mode `" + std::string(mode.name) + "` takes no parameter"
              : "mode `" + std::string(mode.name) + "` takes `" + std::string(mode.parameter) + "`";
      expect_only(load(fault_spec(fault)), under(6, "  - " + fault, value_of(other.value),
                                                 "`" + std::string(other.parameter) +
                                                     "` does not apply to mode `" + mode.name + "`",
                                                 hint));
    }
  }
}

TEST(FaultModes, EveryParameterIsRequiredByItsMode) {
  for (const FaultModeInfo& mode : fault_modes()) {
    if (mode.parameter.empty()) continue;
    const FaultTarget target = mode.targets.service ? FaultTarget::Service : FaultTarget::Broker;
    const std::string fault =
        "{" + target_of(target) + ", at: 1s, for: 2s, mode: " + mode.name + "}";
    expect_only(load(fault_spec(fault)), under(6, "  - " + fault, mode.name,
                                               "mode `" + std::string(mode.name) + "` needs `" +
                                                   std::string(mode.parameter) + "`",
                                               std::string(mode.example)));
  }
}

TEST(FaultModes, AMisspeltModeSuggestsOneFromTheTable) {
  const std::string fault = "{service: payment, at: 1s, for: 2s, mode: partition_los, count: 1}";
  const LoadResult result = load(fault_spec(fault));
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].hint, "did you mean `partition_loss`?");
}

TEST(FaultModes, AnUnknownKeyListsTheParametersOfEveryMode) {
  const std::string fault = "{service: payment, at: 1s, for: 2s, mode: down, zzzzzzzz: 1}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "zzzzzzzz", "unknown key `zzzzzzzz` in a fault",
                    "allowed here: `service`, `store`, `broker`, `at`, `for`, `mode`, `factor`, "
                    "`ratio`, `count` or `description`"));
}

TEST(FaultModes, TheParametersAreFactorRatioAndCount) {
  const std::vector<std::string_view> expected = {"factor", "ratio", "count"};
  EXPECT_EQ(fault_parameters(), expected);
}

TEST(FaultModes, NamesAreTheSpellingOfToString) {
  for (const FaultModeInfo& mode : fault_modes()) {
    EXPECT_STREQ(to_string(mode.mode), mode.name);
    EXPECT_EQ(&fault_mode_info(mode.mode), &mode);
  }
}

TEST(FaultModes, EveryModeHasARowInTheSpecReference) {
  const std::string doc = read_source("docs/spec.md");
  for (const FaultModeInfo& mode : fault_modes())
    EXPECT_NE(doc.find("\n| `" + std::string(mode.name) + "` |"), std::string::npos) << mode.name;
}

}  // namespace
}  // namespace ripple::model::testing
