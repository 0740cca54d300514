#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analyzers/lint_catalog.h"
#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

std::string read_doc(const std::string& relative) {
  std::ifstream in(std::string(RIPPLE_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text of docs/lints.md from the heading of `id` to the next heading.
std::string section(const std::string& doc, std::string_view id) {
  const std::string heading = "\n## " + std::string(id) + "\n";
  const std::size_t start = doc.find(heading);
  if (start == std::string::npos) return "";
  const std::size_t end = doc.find("\n## ", start + heading.size());
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string yaml_block(const std::string& text) {
  const std::size_t start = text.find("```yaml\n");
  if (start == std::string::npos) return "";
  const std::size_t end = text.find("```", start + 8);
  return text.substr(start + 8, end - start - 8);
}

TEST(LintDocs, EveryRuleHasASectionWithItsSeverity) {
  const std::string doc = read_doc("docs/lints.md");
  for (const LintRule& rule : lint_rules()) {
    const std::string text = section(doc, rule.id);
    ASSERT_FALSE(text.empty()) << rule.id;
    EXPECT_NE(text.find("**Severity** " + std::string(to_string(rule.severity)) + "."),
              std::string::npos)
        << rule.id;
  }
}

TEST(LintDocs, EveryExampleFiresItsRule) {
  const std::string doc = read_doc("docs/lints.md");
  for (const LintRule& rule : lint_rules()) {
    const std::string yaml = yaml_block(section(doc, rule.id));
    ASSERT_FALSE(yaml.empty()) << rule.id;
    const Analysis a = analyze(testing::load(yaml, std::string(rule.id) + ".yaml"));
    bool fired = false;
    for (const Finding& f : a.findings) fired = fired || f.rule == rule.id;
    EXPECT_TRUE(fired) << rule.id << " does not fire on its documented example";
  }
}

}  // namespace
}  // namespace ripple::analyzers
