#include "cli/commands/shared_options.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/spec_input.h"
#include "cli/version.h"
#include "tests/cli/run_ripple.h"

namespace ripple::cli {
namespace {

struct Captured {
  std::ostringstream out, err;
  Io io{out, err};
};

TEST(UsageError, IsOneLineAndBadInput) {
  Captured c;
  EXPECT_EQ(usage_error(c.io, "give two specs"), kExitBadInput);
  EXPECT_EQ(c.err.str(), "error: give two specs\n");
  EXPECT_EQ(c.out.str(), "");
}

TEST(DurationFlag, ParsesADurationOrNamesTheFlagInTheError) {
  Captured c;
  EXPECT_EQ(duration_flag("--duration", "90s", c.io), model::Duration::from_seconds(90));
  EXPECT_FALSE(duration_flag("--series-step", "5x", c.io));
  EXPECT_EQ(c.err.str(), "error: --series-step: unknown duration unit `x` in `5x`\n");
}

TEST(SimulationFlags, BecomeTheSimulatorsOptions) {
  const sim::SimulationOptions options = simulation_options({7, 3, 2, {1000, "1MiB"}});
  EXPECT_EQ(options.seed, 7u);
  EXPECT_EQ(options.budget.max_events, 1000u);
  EXPECT_EQ(options.budget.max_memory_bytes, 1u << 20);
  EXPECT_EQ(options.replications, 3);
  EXPECT_EQ(options.threads, 2);
  EXPECT_FALSE(options.duration);
}

TEST(AcceptSpec, ReportsDiagnosticsAndWhereTheErrorsAre) {
  model::Diagnostic warning;
  warning.file = "a.yaml";
  warning.severity = model::Severity::Warning;
  warning.message = "odd";
  model::Diagnostic error = warning;
  error.severity = model::Severity::Error;
  error.message = "broken";
  Captured c;
  EXPECT_TRUE(accept_spec(model::Spec{}, {warning}, "a.yaml", c.io));
  EXPECT_EQ(c.err.str(), "a.yaml: warning: odd\n");
  Captured failed;
  EXPECT_FALSE(
      accept_spec(model::Spec{}, {warning, error}, "gates.yaml", failed.io, GithubAnnotations::On));
  EXPECT_EQ(failed.err.str(),
            "a.yaml: warning: odd\na.yaml: error: broken\ngates.yaml: 1 error, 1 warning\n");
  EXPECT_EQ(failed.out.str(),
            "::warning file=a.yaml,title=ripple%3A spec warning::odd\n"
            "::error file=a.yaml,title=ripple%3A invalid spec::broken\n");
}

TEST(Version, IsTheProjectVersionOfCMake) {
  EXPECT_STREQ(kRippleVersion, RIPPLE_PROJECT_VERSION);
  const testing::Ran r = testing::ripple({"--version"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, std::string("ripple ") + RIPPLE_PROJECT_VERSION + "\n");
}

}  // namespace
}  // namespace ripple::cli
