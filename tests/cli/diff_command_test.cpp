#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/git_show.h"
#include "tests/cli/run_ripple.h"

namespace ripple::cli {
namespace {

const std::string kSpecs = std::string(RIPPLE_SOURCE_DIR) + "/tests/specs/diff/";

using testing::Ran;
using testing::ripple;

TEST(DiffCommand, IdenticalSpecsReportNoChangeAndExitZero) {
  const Ran r = ripple({"diff", kSpecs + "base.yaml", kSpecs + "base.yaml", "--fail-on", "worse"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nno change\n"), std::string::npos) << r.out;
}

TEST(DiffCommand, FailOnWorseExitsOneOnlyWhenAsked) {
  EXPECT_EQ(ripple({"diff", kSpecs + "base.yaml", kSpecs + "key-changed.yaml"}).code, 0);
  EXPECT_EQ(
      ripple({"diff", kSpecs + "base.yaml", kSpecs + "key-changed.yaml", "--fail-on", "worse"})
          .code,
      1);
  EXPECT_EQ(
      ripple({"diff", kSpecs + "key-changed.yaml", kSpecs + "base.yaml", "--fail-on", "worse"})
          .code,
      1);
}

TEST(DiffCommand, SimulateComparesUnderOneSeed) {
  const Ran r = ripple({"diff", kSpecs + "base.yaml", kSpecs + "new-call.yaml", "--simulate",
                        "--seed", "11", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"simulated\": true,\n  \"seed\": 11,"), std::string::npos) << r.out;
  const Ran same = ripple({"diff", kSpecs + "base.yaml", kSpecs + "base.yaml", "--simulate"});
  EXPECT_NE(same.out.find("\nno change\n"), std::string::npos) << same.out;
}

TEST(DiffCommand, BadInputExitsTwo) {
  EXPECT_EQ(ripple({"diff", kSpecs + "base.yaml"}).code, 2);
  EXPECT_EQ(ripple({"diff", kSpecs + "base.yaml", kSpecs + "missing.yaml"}).code, 2);
  EXPECT_EQ(ripple({"diff", "--base-ref", "HEAD", kSpecs + "base.yaml", kSpecs + "base.yaml"}).code,
            2);
  const Ran r = ripple({"diff", "--base-ref", "-p", kSpecs + "base.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: --base-ref `-p` is not a git revision\n");
}

TEST(DiffCommand, BaseRefReadsTheBaseFromGit) {
  // Only inside a git checkout of the sources (an exported tarball has no history).
  if (run_process({"git", "-C", RIPPLE_SOURCE_DIR, "rev-parse", "HEAD"}).exit_code != 0)
    GTEST_SKIP() << "not a git checkout";
  const Ran missing_ref =
      ripple({"diff", "--base-ref", "no-such-ref-anywhere", kSpecs + "base.yaml"});
  EXPECT_EQ(missing_ref.code, 2);
  EXPECT_NE(
      missing_ref.err.find("git show no-such-ref-anywhere:tests/specs/diff/base.yaml failed: "),
      std::string::npos)
      << missing_ref.err;
}

TEST(GitShow, RunProcessCapturesOutputAndExitCode) {
  const ProcessResult ok = run_process({"sh", "-c", "printf out; printf err >&2; exit 3"});
  EXPECT_EQ(ok.exit_code, 3);
  EXPECT_EQ(ok.out, "out");
  EXPECT_EQ(ok.err, "err");
  const ProcessResult missing = run_process({"ripple-no-such-program"});
  EXPECT_EQ(missing.exit_code, -1);
}

}  // namespace
}  // namespace ripple::cli
