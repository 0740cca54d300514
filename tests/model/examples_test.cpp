// Every example of the repository loads without a diagnostic: the specs examples/*.yaml, and the
// scenarios examples/scenarios/*.yaml over the architecture each names in its header comment
// ("# Black Friday for examples/marketplace.yaml: ..."). The files are found by globbing, so a
// new example is checked without being listed here.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

// The `*.yaml` files of a folder of the source tree, as paths relative to it, sorted.
std::vector<std::string> yaml_files(const std::string& folder) {
  std::vector<std::string> out;
  const std::filesystem::path root(RIPPLE_SOURCE_DIR);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(root / folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      out.push_back(folder + "/" + entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// The first spec `examples/NAME.yaml` that a scenario's text names (not itself a scenario).
std::optional<std::string> architecture_of(const std::string& scenario_text) {
  const std::string prefix = "examples/";
  for (std::size_t at = scenario_text.find(prefix); at != std::string::npos;
       at = scenario_text.find(prefix, at + 1)) {
    std::size_t end = at + prefix.size();
    while (end < scenario_text.size() && is_name_character(scenario_text[end])) ++end;
    if (end > at + prefix.size() && scenario_text.compare(end, 5, ".yaml") == 0)
      return scenario_text.substr(at, end + 5 - at);
  }
  return std::nullopt;
}

TEST(Examples, EverySpecLoadsWithoutADiagnostic) {
  const std::vector<std::string> examples = yaml_files("examples");
  ASSERT_FALSE(examples.empty()) << "no examples/*.yaml under " << RIPPLE_SOURCE_DIR;
  for (const std::string& example : examples) {
    const LoadResult result = load_spec({example, read_source(example)});
    EXPECT_TRUE(result.spec.has_value()) << example << "\n" << render_all(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << example << "\n" << render_all(result.diagnostics);
  }
}

TEST(Examples, EveryScenarioLoadsOverItsArchitecture) {
  const std::vector<std::string> scenarios = yaml_files("examples/scenarios");
  ASSERT_FALSE(scenarios.empty()) << "no examples/scenarios/*.yaml under " << RIPPLE_SOURCE_DIR;
  for (const std::string& scenario : scenarios) {
    const std::string text = read_source(scenario);
    const auto architecture = architecture_of(text);
    ASSERT_TRUE(architecture.has_value())
        << scenario << " does not name its architecture (`examples/NAME.yaml`) in its header";
    const LoadResult result =
        load_spec({*architecture, read_source(*architecture)}, SourceFile{scenario, text});
    EXPECT_TRUE(result.spec.has_value()) << scenario << "\n" << render_all(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << scenario << "\n" << render_all(result.diagnostics);
  }
}

TEST(Examples, AScenarioNamesItsArchitectureInItsHeader) {
  EXPECT_EQ(architecture_of("# Peak for examples/shop.yaml: a day\n# also examples/x.yaml\n"),
            "examples/shop.yaml");
  EXPECT_EQ(architecture_of("# see examples/scenarios/peak.yaml\n"), std::nullopt);
}

}  // namespace
}  // namespace ripple::model::testing
