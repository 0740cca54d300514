#pragma once

// Test helper: loads a spec from YAML text (or from a file under the source tree) and fails the
// current test, with the diagnostics, if it does not load.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "analyzers/analysis.h"
#include "model/loader.h"

namespace ripple::analyzers::testing {

inline model::Spec load(const std::string& yaml, const std::string& path = "t.yaml") {
  model::LoadResult result = model::load_spec({path, yaml});
  if (!result.spec) {
    std::string text;
    for (const model::Diagnostic& d : result.diagnostics)
      text += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
              d.message + "\n";
    ADD_FAILURE() << "spec did not load:\n" << text;
    return {};
  }
  return *std::move(result.spec);
}

inline model::Spec load_example(const std::string& relative) {
  std::ifstream in(std::string(RIPPLE_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return load(text.str(), relative);
}

inline const Amplification* find_amplification(const Analysis& a, const std::string& name) {
  for (const Amplification& x : a.amplification)
    if (x.name == name) return &x;
  return nullptr;
}

inline const Cascade* find_cascade(const Analysis& a, const std::string& name) {
  for (const Cascade& x : a.cascades)
    if (x.component == name) return &x;
  return nullptr;
}

inline const EventProfile* find_event(const Analysis& a, const std::string& name) {
  for (const EventProfile& x : a.events)
    if (x.name == name) return &x;
  return nullptr;
}

inline const ServiceCoupling* find_service(const Analysis& a, const std::string& name) {
  for (const ServiceCoupling& x : a.coupling.services)
    if (x.name == name) return &x;
  return nullptr;
}

// "rule@element" of every finding, in order.
inline std::vector<std::string> finding_keys(const Analysis& a) {
  std::vector<std::string> keys;
  for (const Finding& f : a.findings) keys.push_back(f.rule + "@" + f.element);
  return keys;
}

}  // namespace ripple::analyzers::testing
