#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "tests/cli/run_ripple.h"

namespace ripple::cli {
namespace {

const std::string kSpecs = std::string(RIPPLE_SOURCE_DIR) + "/tests/specs/diff/";

using testing::Ran;
using testing::ripple;

// A file in a fresh temporary directory, removed with the fixture.
class GateCommand : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("ripple-gate-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(GateCommand, PassingGatesExitZero) {
  const std::string gates = write("g.yaml", "gates:\n  - amplification(gateway.checkout) <= 1\n");
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--gates", gates, "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"schema_version\": 1,\n  \"passed\": true,"), std::string::npos);
  EXPECT_NE(r.out.find("\"simulation\": null"), std::string::npos);  // static gates only
}

TEST_F(GateCommand, AFailingGateExitsOne) {
  const std::string gates = write("g.yaml", "gates:\n  - amplification(gateway.checkout) < 1\n");
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--gates", gates});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("FAIL      amplification(gateway.checkout) < 1  1 "), std::string::npos)
      << r.out;
}

TEST_F(GateCommand, ASimulatedGateSaysHowLongItSimulated) {
  const std::string gates = write("g.yaml", "gates:\n  - p99(gateway.checkout) < 1s\n");
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--gates", gates, "--seed", "5"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("simulated 20s of traffic, seed 5, 5 replications"), std::string::npos);
}

const std::string kCrn = std::string(RIPPLE_SOURCE_DIR) + "/tests/specs/crn/";

// At seed 1 the 5 replications give frontend.home a p99 of 58.25 ms, interval [56.16, 60.34].
TEST_F(GateCommand, AGateWhoseIntervalStraddlesItsThresholdIsMarginal) {
  const std::string gates = write("g.yaml",
                                  "gates:\n  - p99(frontend.home) < 58ms\n"
                                  "  - p99(frontend.home) < 200ms\n");
  const Ran strict = ripple({"gate", kCrn + "base.yaml", "--gates", gates});
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(
      strict.out.find("  marginal  p99(frontend.home) < 58ms   58.25 ms  [56.16 ms, 60.34 ms]"),
      std::string::npos)
      << strict.out;
  EXPECT_NE(strict.out.find("1 of 2 gates passed, 1 failed (1 marginal)"), std::string::npos);
  const Ran lenient = ripple({"gate", kCrn + "base.yaml", "--gates", gates, "--marginal", "pass"});
  EXPECT_EQ(lenient.code, 0) << lenient.out;
  const Ran json = ripple({"gate", kCrn + "base.yaml", "--gates", gates, "--format", "json"});
  EXPECT_NE(json.out.find("\"verdict\": \"marginal\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"ci\": [\n        56.1"), std::string::npos) << json.out;
}

TEST_F(GateCommand, SimulatedGatesDoNotDependOnTheThreadCount) {
  const std::string gates = write("g.yaml", "gates:\n  - p99(frontend.home) < 58ms\n");
  const std::vector<std::string> args = {"gate", kCrn + "base.yaml", "--gates", gates, "--format",
                                         "json", "--per-replication"};
  std::vector<std::string> one = args, four = args;
  one.insert(one.end(), {"--threads", "1"});
  four.insert(four.end(), {"--threads", "4"});
  const Ran a = ripple(one), b = ripple(four);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"per_replication\": ["), std::string::npos) << a.out;
  const Ran s1 = ripple({"simulate", kCrn + "base.yaml", "--replications", "4", "--format", "json",
                         "--threads", "1"});
  const Ran s4 = ripple({"simulate", kCrn + "base.yaml", "--replications", "4", "--format", "json",
                         "--threads", "4"});
  EXPECT_EQ(s1.out, s4.out);
  EXPECT_NE(s1.out.find("\"ci\": {"), std::string::npos);
}

TEST_F(GateCommand, AGateNamingAnUnknownOperationIsBadInput) {
  const std::string gates = write("g.yaml", "gates:\n  - p99(gateway.checkou) < 1s\n");
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--gates", gates});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(gates + ":2:9: error: unknown operation `gateway.checkou`"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("hint: did you mean `gateway.checkout`?"), std::string::npos);
  EXPECT_NE(r.err.find(gates + ": 1 error"), std::string::npos);
}

TEST_F(GateCommand, BadInputAnnotatesTheFileInGithubFormat) {
  const std::string gates = write("g.yaml", "gates:\n  - p99(gateway.checkou) < 1s\n");
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--gates", gates, "--format", "github"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find(",line=2,col=9,endLine=2,endColumn=23,title=ripple%3A invalid spec::"
                       "unknown operation `gateway.checkou` (did you mean `gateway.checkout`?)"),
            std::string::npos)
      << r.out;
}

TEST_F(GateCommand, MissingFilesAreBadInput) {
  EXPECT_EQ(ripple({"gate", kSpecs + "missing.yaml"}).code, 2);
  EXPECT_EQ(ripple({"gate", kSpecs + "base.yaml", "--gates", kSpecs + "missing.yaml"}).code, 2);
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--baseline", kSpecs + "missing.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("baseline " + kSpecs + "missing.json: "), std::string::npos) << r.err;
}

TEST_F(GateCommand, ABaselineThatIsNotJsonIsBadInput) {
  const Ran r = ripple({"gate", kSpecs + "base.yaml", "--baseline", write("b.json", "[1, 2")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unexpected end of the document"), std::string::npos) << r.err;
}

TEST_F(GateCommand, ABaselineTurnsAKnownFailureIntoAPassAndCatchesARegression) {
  const std::string gates =
      write("g.yaml", "gates:\n  - worst_case_amplification(gateway.checkout) < 1\n");
  const std::string baseline = (dir_ / "baseline.json").string();
  EXPECT_EQ(
      ripple({"gate", kSpecs + "base.yaml", "--gates", gates, "--write-baseline", baseline}).code,
      1);
  EXPECT_EQ(ripple({"gate", kSpecs + "base.yaml", "--gates", gates, "--baseline", baseline}).code,
            0);
  // new-call.yaml retries a new call: worst case 1 -> 4 requests, a regression.
  const std::string worse_gates =
      write("g2.yaml", "gates:\n  - worst_case_amplification(gateway.checkout) < 1\n");
  const Ran r =
      ripple({"gate", kSpecs + "new-call.yaml", "--gates", worse_gates, "--baseline", baseline});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("baseline value 1"), std::string::npos) << r.out;
}

TEST_F(GateCommand, ASpecWithoutGatesPasses) {
  const Ran r = ripple({"gate", kSpecs + "base.yaml"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("no gates: add `gates:` to the spec or pass --gates FILE"),
            std::string::npos);
}

}  // namespace
}  // namespace ripple::cli
