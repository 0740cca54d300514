#pragma once

// ripple's JUnit XML, in the shape the Jenkins xunit plugin's XSD accepts (and GitLab's and
// GitHub's test reporters read): <testsuites> with one <testsuite> of <testcase>s, each passed,
// failed (<failure message type>text</failure>), in error (<error>) or skipped (<skipped>).
// Locations go into the failure text ("shop.yaml:12:5: ..."), never as testcase attributes,
// which the XSD rejects. Every element has a `time` attribute: "0.000", since outputs are
// deterministic (wall time goes to stderr).

#include <string>
#include <vector>

namespace ripple::cli {

enum class JunitOutcome { Passed, Failed, Error, Skipped };

struct JunitCase {
  std::string classname;  // "ripple.lint", "ripple.gate", "ripple.spec", "ripple.diff"
  std::string name;
  JunitOutcome outcome = JunitOutcome::Passed;
  std::string message;  // the one-line message of a failure, error or skip
  std::string type;     // failure/error type: the rule, the metric
  std::string text;     // the failure's body: locations and details, one per line
  std::string output;   // <system-out> of the case (any outcome); empty: none
};

// A passed test case; set outcome, message, type and text to make it something else.
[[nodiscard]] JunitCase passing_case(std::string classname, std::string name);

struct JunitSuite {
  std::string name;  // "ripple analyze examples/shop.yaml"
  std::vector<JunitCase> cases;
};

// The document; every text escaped for XML (markup_escape).
[[nodiscard]] std::string render_junit(const JunitSuite& suite);

}  // namespace ripple::cli
