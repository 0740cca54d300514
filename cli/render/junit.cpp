#include "cli/render/junit.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/render/escape.h"

namespace ripple::cli {
namespace {

const char* element(JunitOutcome outcome) {
  switch (outcome) {
    case JunitOutcome::Failed:
      return "failure";
    case JunitOutcome::Error:
      return "error";
    case JunitOutcome::Skipped:
      return "skipped";
    case JunitOutcome::Passed:
      break;
  }
  return "";
}

int count(const JunitSuite& suite, JunitOutcome outcome) {
  return static_cast<int>(std::count_if(suite.cases.begin(), suite.cases.end(),
                                        [&](const JunitCase& c) { return c.outcome == outcome; }));
}

std::string testcase(const JunitCase& c) {
  std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0.000\"",
                                markup_escape(c.classname), markup_escape(c.name));
  if (c.outcome == JunitOutcome::Passed && c.output.empty()) return out + "/>\n";
  out += ">\n";
  if (c.outcome != JunitOutcome::Passed) {
    const char* tag = element(c.outcome);
    out += fmt::format("      <{} message=\"{}\"", tag, markup_escape(c.message));
    if (!c.type.empty()) out += fmt::format(" type=\"{}\"", markup_escape(c.type));
    if (c.text.empty())
      out += "/>\n";
    else
      out += fmt::format(">{}</{}>\n", markup_escape(c.text), tag);
  }
  if (!c.output.empty())
    out += fmt::format("      <system-out>{}</system-out>\n", markup_escape(c.output));
  return out + "    </testcase>\n";
}

}  // namespace

JunitCase passing_case(std::string classname, std::string name) {
  JunitCase c;
  c.classname = std::move(classname);
  c.name = std::move(name);
  return c;
}

std::string render_junit(const JunitSuite& suite) {
  const std::size_t tests = suite.cases.size();
  const int failures = count(suite, JunitOutcome::Failed);
  const int errors = count(suite, JunitOutcome::Error);
  const int skipped = count(suite, JunitOutcome::Skipped);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"ripple\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0.000\">\n",
      tests, failures, errors);
  out += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"0.000\">\n",
      markup_escape(suite.name), tests, failures, errors, skipped);
  for (const JunitCase& c : suite.cases) out += testcase(c);
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace ripple::cli
