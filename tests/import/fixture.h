#pragma once

// Test helpers for the importer: documents held in memory instead of on disk, an import of them,
// and the documents of tests/asyncapi/ read from the source tree.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/import/importer.h"
#include "model/loader.h"

namespace ripple::importer::testing {

// Files by path, served by reader().
class MemoryFiles {
 public:
  MemoryFiles& add(const std::string& path, std::string text) {
    files_[path] = std::move(text);
    return *this;
  }
  [[nodiscard]] FileReader reader() const {
    return [files = files_](const std::string& path) {
      FileRead r;
      if (const auto it = files.find(path); it != files.end())
        r.text = it->second;
      else
        r.error = "no such file";
      return r;
    };
  }

 private:
  std::map<std::string, std::string> files_;
};

// "file:line:col: error: message" for each diagnostic, one a line.
inline std::string diagnostics_text(const ImportResult& r) {
  std::string out;
  for (const model::Diagnostic& d : r.diagnostics) {
    out += d.file;
    if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    out += std::string(": ") + (d.severity == model::Severity::Error ? "error" : "warning") + ": " +
           d.message + "\n";
  }
  return out;
}

inline ImportResult run_import(const MemoryFiles& files, std::vector<std::string> paths,
                               ImportOptions options = {}) {
  options.files = std::move(paths);
  return import_asyncapi(options, files.reader());
}

// The text of a file of the source tree: "tests/asyncapi/v3.0.0/simple-asyncapi.yml".
inline std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(RIPPLE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Imports documents of the source tree by their paths relative to it.
inline ImportResult import_sources(std::vector<std::string> relative, ImportOptions options = {}) {
  options.files = std::move(relative);
  const FileReader reader = [](const std::string& path) {
    FileRead r;
    std::ifstream in(std::string(RIPPLE_SOURCE_DIR) + "/" + path, std::ios::binary);
    if (!in) {
      r.error = "no such file";
      return r;
    }
    std::stringstream text;
    text << in.rdbuf();
    r.text = text.str();
    return r;
  };
  return import_asyncapi(options, reader);
}

// The output must load as a spec without an error.
inline void expect_valid_spec(const ImportResult& r) {
  ASSERT_TRUE(r.spec.has_value()) << diagnostics_text(r);
  const model::LoadResult loaded = model::load_spec({"imported.yaml", *r.spec});
  std::string problems;
  for (const model::Diagnostic& d : loaded.diagnostics)
    problems += std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + "\n";
  EXPECT_TRUE(loaded.spec.has_value()) << problems << *r.spec;
}

// The lines of `text` that contain `needle`, trimmed of leading spaces.
inline std::vector<std::string> lines_with(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos)
      out.push_back(line.substr(line.find_first_not_of(' ')));
  return out;
}

}  // namespace ripple::importer::testing
