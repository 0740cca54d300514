#pragma once

// Test helpers for the model: load a spec from YAML text held in the test, and compare
// diagnostics field by field through one rendered string, so a failure shows every field at once.

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostic.h"
#include "model/loader.h"

namespace ripple::model::testing {

inline constexpr const char* kPath = "t.yaml";

// What a test expects of one diagnostic. Severity is Error unless `warning` is set.
struct Expected {
  int line = 0;
  int column = 0;
  int length = 1;
  std::string message;
  std::string hint;
  std::string source_line;
  bool warning = false;
};

// An error on line `line` whose text is `source`, underlining the last occurrence of `token`.
inline Expected under(int line, const std::string& source, const std::string& token,
                      std::string message, std::string hint = {}) {
  const std::size_t at = source.rfind(token);
  EXPECT_NE(at, std::string::npos) << "`" << token << "` is not in `" << source << "`";
  return Expected{line,
                  static_cast<int>(at) + 1,
                  static_cast<int>(token.size()),
                  std::move(message),
                  std::move(hint),
                  source};
}

// "LINE:COLUMN~LENGTH severity: message | hint: HINT | source: SOURCE" (one line, all fields).
inline std::string render(const Diagnostic& d) {
  return std::to_string(d.line) + ":" + std::to_string(d.column) + "~" + std::to_string(d.length) +
         " " + to_string(d.severity) + ": " + d.message + " | hint: " + d.hint +
         " | source: " + d.source_line;
}

inline std::string render(const Expected& e) {
  Diagnostic d;
  d.severity = e.warning ? Severity::Warning : Severity::Error;
  d.line = e.line;
  d.column = e.column;
  d.length = e.length;
  d.message = e.message;
  d.hint = e.hint;
  d.source_line = e.source_line;
  return render(d);
}

inline std::string render_all(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += render(d) + "\n";
  return out;
}

inline LoadResult load(const std::string& yaml, const LoadLimits& limits = {}) {
  return load_spec(SourceFile{kPath, yaml}, std::nullopt, limits);
}

// The spec of `yaml`, failing the test (with every diagnostic) when it does not load.
inline Spec load_ok(const std::string& yaml, const std::string& path = kPath) {
  LoadResult result = load_spec(SourceFile{path, yaml});
  if (!result.spec) {
    ADD_FAILURE() << "spec did not load:\n" << render_all(result.diagnostics);
    return {};
  }
  return *std::move(result.spec);
}

// The text of a file of the source tree, such as "examples/marketplace.yaml".
inline std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(RIPPLE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Checks that loading failed with exactly one diagnostic, equal to `expected`, in file t.yaml.
inline void expect_only(const LoadResult& result, const Expected& expected) {
  EXPECT_FALSE(result.spec.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].file, kPath);
  EXPECT_EQ(render(result.diagnostics[0]), render(expected));
}

// Checks every diagnostic of `result`, in order.
inline void expect_diagnostics(const LoadResult& result, const std::vector<Expected>& expected) {
  std::string want;
  for (const Expected& e : expected) want += render(e) + "\n";
  EXPECT_EQ(render_all(result.diagnostics), want);
}

}  // namespace ripple::model::testing
