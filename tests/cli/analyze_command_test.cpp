#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/cli/run_ripple.h"

namespace ripple::cli {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using Outcome = testing::Ran;
using testing::ripple;

Outcome run_ripple(std::vector<std::string> args) { return ripple(std::move(args)); }

const std::string kExamples = std::string(RIPPLE_SOURCE_DIR) + "/examples/";

TEST(AnalyzeCommand, ExitsZeroEvenWithErrorsUnlessStrict) {
  EXPECT_EQ(run_ripple({"analyze", kExamples + "social-timeline.yaml"}).code, 0);
  const Outcome strict = run_ripple({"analyze", kExamples + "social-timeline.yaml", "--strict"});
  EXPECT_EQ(strict.code, 1);
}

TEST(AnalyzeCommand, FullListsEqualTheBoundedOnesWhenNoListIsLonger) {
  // The examples' cascade lists are all shorter than the default bound of ten.
  const std::string spec = kExamples + "marketplace.yaml";
  const Outcome bounded = run_ripple({"analyze", spec, "--format", "json"});
  const Outcome full = run_ripple({"analyze", spec, "--format", "json", "--full"});
  EXPECT_EQ(full.code, 0);
  EXPECT_EQ(full.out, bounded.out);
  EXPECT_FALSE(contains(bounded.out, "\"counts\""));
}

TEST(AnalyzeCommand, StrictPassesWithoutErrorFindings) {
  EXPECT_EQ(run_ripple({"analyze", kExamples + "retry-layers.yaml", "--strict"}).code, 0);
}

TEST(AnalyzeCommand, MachineFormatsWriteOneDocumentToStdout) {
  const Outcome json =
      run_ripple({"analyze", kExamples + "fanout-thin-events.yaml", "--format", "json"});
  EXPECT_EQ(json.code, 0);
  EXPECT_EQ(json.out.front(), '{');
  EXPECT_EQ(json.out.substr(json.out.size() - 2), "}\n");
  EXPECT_TRUE(contains(json.out, R"("OrderPlaced": {
      "kind": "event",
      "requests": 50,
      "deliveries": 10,
      "callbacks": 50,)"));
}

TEST(AnalyzeCommand, InvalidSpecExitsTwoWithDiagnostics) {
  const Outcome missing = run_ripple({"analyze", kExamples + "no-such-file.yaml"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_FALSE(missing.err.empty());
}

TEST(AnalyzeCommand, UnknownFormatIsAUsageError) {
  EXPECT_EQ(run_ripple({"analyze", kExamples + "retry-layers.yaml", "--format", "xml"}).code, 2);
}

}  // namespace
}  // namespace ripple::cli
