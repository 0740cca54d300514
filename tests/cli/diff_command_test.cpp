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

// The paired comparison end to end (tests/specs/crn: a storefront after Online Boutique).
const std::string kCrn = std::string(RIPPLE_SOURCE_DIR) + "/tests/specs/crn/";

std::vector<std::string> lines_about(const std::string& text, const std::string& subject) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find("of `" + subject + "`") != std::string::npos) out.push_back(line);
  return out;
}

TEST(DiffCommand, DoublingADownstreamServiceTimeIsWorseAtEverySeed) {
  for (const char* seed : {"1", "2", "3", "4", "5"}) {
    const Ran r = ripple({"diff", kCrn + "base.yaml", kCrn + "catalog-slower.yaml", "--simulate",
                          "--seed", seed, "--fail-on", "worse"});
    EXPECT_EQ(r.code, 1) << "seed " << seed << "\n" << r.out;
    EXPECT_NE(r.out.find("  worse    p99 of `frontend.home`: "), std::string::npos)
        << "seed " << seed << "\n"
        << r.out;
  }
}

TEST(DiffCommand, AnUnrelatedChangeLeavesTheOtherFiguresIdentical) {
  // payment.charge twice as slow: frontend.home never reaches payment, so with common random
  // numbers its replications are identical and none of its figures is listed at any seed.
  for (const char* seed : {"1", "2", "3"}) {
    const Ran r = ripple(
        {"diff", kCrn + "base.yaml", kCrn + "payment-slower.yaml", "--simulate", "--seed", seed});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(lines_about(r.out, "frontend.home").empty()) << "seed " << seed << "\n" << r.out;
    EXPECT_NE(r.out.find("  worse    p99 of `frontend.checkout`: "), std::string::npos) << r.out;
  }
}

TEST(DiffCommand, ACommentGivesNoSimulatedDifference) {
  const Ran r = ripple({"diff", kCrn + "base.yaml", kCrn + "comment.yaml", "--simulate",
                        "--fail-on", "worse", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"changes\": []"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"replications\": 5,"), std::string::npos) << r.out;
}

TEST(DiffCommand, SimulatedResultsDoNotDependOnTheThreadCount) {
  const std::vector<std::string> args = {
      "diff", kCrn + "base.yaml", kCrn + "catalog-slower.yaml", "--simulate", "--format",
      "json", "--per-replication"};
  std::vector<std::string> one = args, four = args;
  one.insert(one.end(), {"--threads", "1"});
  four.insert(four.end(), {"--threads", "4"});
  const Ran a = ripple(one), b = ripple(four);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"per_replication\": {\n        \"base\": ["), std::string::npos) << a.out;
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
