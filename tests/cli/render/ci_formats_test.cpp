// The building blocks of the CI formats: SARIF locations and regions, JUnit, Code Quality and
// the failure documents of invalid input.

#include <gtest/gtest.h>

#include <string>

#include "cli/render/codequality.h"
#include "cli/render/junit.h"
#include "cli/render/render_failure.h"
#include "cli/render/sarif.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

const SarifContext kRepo{"analyze", "/repo/", "/repo/sub/", 0};

TEST(SarifUri, PercentEncodesEverythingButUnreservedAndSlash) {
  EXPECT_EQ(percent_encode_path("my specs/100%.yaml"), "my%20specs/100%25.yaml");
  EXPECT_EQ(percent_encode_path("a:b#c?d[e]"), "a%3Ab%23c%3Fd%5Be%5D");
  EXPECT_EQ(percent_encode_path("caf\xc3\xa9.yaml"), "caf%C3%A9.yaml");
  EXPECT_EQ(percent_encode_path("A-z_0.9~/x"), "A-z_0.9~/x");
}

TEST(SarifUri, IsRelativeToTheSourceRootFromTheWorkingDirectory) {
  EXPECT_EQ(sarif_artifact_location(kRepo, "shop.yaml").dump(),
            R"({"uri":"sub/shop.yaml","uriBaseId":"%SRCROOT%"})");
  EXPECT_EQ(sarif_artifact_location(kRepo, "./../arch/a b.yaml").dump(),
            R"({"uri":"arch/a%20b.yaml","uriBaseId":"%SRCROOT%"})");
  EXPECT_EQ(sarif_artifact_location(kRepo, "/repo/x.yaml").dump(),
            R"({"uri":"x.yaml","uriBaseId":"%SRCROOT%"})");
}

TEST(SarifUri, OutsideTheSourceRootIsAnAbsoluteFileUri) {
  EXPECT_EQ(sarif_artifact_location(kRepo, "/tmp/a b.yaml").dump(),
            R"({"uri":"file:///tmp/a%20b.yaml"})");
  EXPECT_EQ(sarif_artifact_location(kRepo, "../../elsewhere.yaml").dump(),
            R"({"uri":"file:///elsewhere.yaml"})");
  EXPECT_EQ(sarif_artifact_location(kRepo, "/repository/x.yaml").dump(),
            R"({"uri":"file:///repository/x.yaml"})");
}

TEST(SarifUri, WithoutASourceRootStaysRelativeButEncoded) {
  const SarifContext none{"gate", "", "", 0};
  EXPECT_EQ(sarif_artifact_location(none, "./a b.yaml").dump(), R"({"uri":"a%20b.yaml"})");
  EXPECT_EQ(sarif_artifact_location(none, "/abs/x.yaml").dump(), R"({"uri":"file:///abs/x.yaml"})");
}

TEST(SarifRegion, EndsAfterTheSpanAndStartsAtOneAtLeast) {
  EXPECT_EQ(sarif_region(12, 5, 7).dump(),
            R"({"startLine":12,"startColumn":5,"endLine":12,"endColumn":12})");
  EXPECT_EQ(sarif_region(0, 0, 0).dump(),
            R"({"startLine":1,"startColumn":1,"endLine":1,"endColumn":2})");
}

TEST(SarifDocument, RecordsTheInvocationTheCategoryAndTheSourceRoot) {
  const SarifContext context{"gate", "/my repo/", "/my repo/", 1};
  const Json doc = parse_json(sarif_document(context, "arch/shop.yaml", Json::array(),
                                             Json::array(), Json::array()))
                       .value.value();
  const Json& run = doc["runs"][0];
  EXPECT_EQ(run["automationDetails"]["id"], "ripple/gate/arch/shop.yaml/");
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///my%20repo/");
  EXPECT_EQ(run["invocations"][0]["exitCode"], 1);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(run["tool"]["driver"]["version"], kRippleVersion);
}

TEST(SarifRule, HasHelpUriAndPropertiesGithubReads) {
  const Json rule = sarif_rule({"sync-cycle", "sync-cycle", "short", "full", "help", "",
                                "lints.md#sync-cycle", "note", "lint"});
  EXPECT_EQ(rule["helpUri"], std::string(kRippleDocsUrl) + "lints.md#sync-cycle");
  EXPECT_EQ(rule["properties"].dump(),
            R"({"tags":["ripple","lint"],"problem.severity":"recommendation"})");
  EXPECT_FALSE(rule["help"].contains("markdown"));
}

TEST(Junit, CountsOutcomesAndPutsLocationsInTheText) {
  JunitSuite suite{"ripple gate s.yaml", {passing_case("ripple.gate", "a < 1")}};
  JunitCase failed = passing_case("ripple.gate", "b < 1 & \"c\"");
  failed.outcome = JunitOutcome::Failed;
  failed.message = "value 2";
  failed.type = "p99";
  failed.text = "s.yaml:3:5: b failed";
  suite.cases.push_back(failed);
  JunitCase skipped = passing_case("ripple.gate", "c");
  skipped.outcome = JunitOutcome::Skipped;
  skipped.message = "known";
  suite.cases.push_back(skipped);
  EXPECT_EQ(render_junit(suite),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"ripple\" tests=\"3\" failures=\"1\" errors=\"0\" time=\"0.000\">\n"
            "  <testsuite name=\"ripple gate s.yaml\" tests=\"3\" failures=\"1\" errors=\"0\" "
            "skipped=\"1\" time=\"0.000\">\n"
            "    <testcase classname=\"ripple.gate\" name=\"a &lt; 1\" time=\"0.000\"/>\n"
            "    <testcase classname=\"ripple.gate\" name=\"b &lt; 1 &amp; &quot;c&quot;\" "
            "time=\"0.000\">\n"
            "      <failure message=\"value 2\" type=\"p99\">s.yaml:3:5: b failed</failure>\n"
            "    </testcase>\n"
            "    <testcase classname=\"ripple.gate\" name=\"c\" time=\"0.000\">\n"
            "      <skipped message=\"known\"/>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(CodeQuality, PathsRelativeToTheRootAndFingerprintsIgnoreTheLine) {
  const std::string a = render_codequality(
      kRepo, {{"sync-cycle", "cycle a -> b", "major", "shop.yaml", 7, "sync-cycle:a"}});
  const std::string b = render_codequality(
      kRepo, {{"sync-cycle", "cycle a -> b", "major", "shop.yaml", 9, "sync-cycle:a"}});
  const Json issue = parse_json(a).value.value()[0];
  EXPECT_EQ(issue["location"].dump(), R"({"path":"sub/shop.yaml","lines":{"begin":7}})");
  EXPECT_EQ(issue["fingerprint"].get<std::string>().size(), 32u);
  EXPECT_EQ(issue["fingerprint"], parse_json(b).value.value()[0]["fingerprint"]);
  EXPECT_EQ(render_codequality(kRepo, {}), "[]\n");
}

model::Diagnostics bad_spec() {
  model::Diagnostic located;
  located.file = "shop.yaml";
  located.line = 4;
  located.column = 9;
  located.length = 5;
  located.message = "unknown broker `buss`";
  located.hint = "did you mean `bus`?";
  model::Diagnostic whole;
  whole.file = "gates.yaml";
  whole.message = "cannot read the file: No such file or directory";
  return {located, whole};
}

TEST(FailureDocuments, JsonListsTheDiagnosticsWithTheVersions) {
  const Json doc = parse_json(render_failure_json("analyze", bad_spec())).value.value();
  EXPECT_EQ(doc["ripple_version"], kRippleVersion);
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["valid"], false);
  EXPECT_EQ(doc["errors"], 2);
  EXPECT_EQ(doc["diagnostics"][0]["hint"], "did you mean `bus`?");
}

TEST(FailureDocuments, SarifHasResultsAndNotificationsForWholeFiles) {
  const SarifContext context{"analyze", "/repo/", "/repo/", 2};
  const Json run =
      parse_json(render_failure_sarif(context, "shop.yaml", bad_spec())).value.value()["runs"][0];
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["message"]["text"],
            "unknown broker `buss` (hint: did you mean `bus`?)");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["endColumn"], 14);
  const Json& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["exitCode"], 2);
  EXPECT_EQ(invocation["executionSuccessful"], false);
  ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
                      ["artifactLocation"]["uri"],
            "gates.yaml");
}

TEST(FailureDocuments, JunitFailsOneCasePerError) {
  const std::string xml = render_failure_junit("gate", "shop.yaml", bad_spec());
  EXPECT_NE(xml.find("<testsuite name=\"ripple gate shop.yaml\" tests=\"2\" failures=\"2\""),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"ripple.spec\" name=\"shop.yaml:4:9\" time=\"0.000\">\n"
                     "      <failure message=\"unknown broker `buss`\" type=\"invalid-spec\">"
                     "shop.yaml:4:9: error: unknown broker `buss` (hint: did you mean `bus`?)\n"
                     "</failure>"),
            std::string::npos);
}

}  // namespace
}  // namespace ripple::cli
