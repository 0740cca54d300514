#pragma once

// Test helpers for the simulator: load a small YAML spec (failing the test on any diagnostic)
// and find results by name.

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "simulator/simulate.h"

namespace ripple::sim::testing {

inline model::Spec load(const std::string& yaml) {
  model::LoadResult loaded = model::load_spec({"test.yaml", yaml});
  std::string problems;
  for (const model::Diagnostic& d : loaded.diagnostics)
    problems += std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + "\n";
  EXPECT_TRUE(loaded.spec.has_value()) << problems;
  return loaded.spec ? std::move(*loaded.spec) : model::Spec{};
}

inline SimulationResult run(const model::Spec& spec, int replications = 1, int threads = 1) {
  SimulationOptions options;
  options.replications = replications;
  options.threads = threads;
  EXPECT_FALSE(check_options(spec, options).has_value());
  return simulate(spec, options);
}

inline const OperationResult& operation(const SimulationResult& result, const std::string& name) {
  for (const OperationResult& op : result.operations)
    if (op.name == name) return op;
  ADD_FAILURE() << "no operation " << name;
  static const OperationResult kNone;
  return kNone;
}

inline const ServiceResult& service(const SimulationResult& result, const std::string& name) {
  for (const ServiceResult& s : result.services)
    if (s.name == name) return s;
  ADD_FAILURE() << "no service " << name;
  static const ServiceResult kNone;
  return kNone;
}

inline const CallEdgeResult& edge(const SimulationResult& result, const std::string& from) {
  for (const CallEdgeResult& e : result.calls)
    if (e.from == from) return e;
  ADD_FAILURE() << "no call from " << from;
  static const CallEdgeResult kNone;
  return kNone;
}

inline const ConsumerResult& consumer(const SimulationResult& result, const std::string& name) {
  for (const ConsumerResult& c : result.consumers)
    if (c.name == name) return c;
  ADD_FAILURE() << "no consumer " << name;
  static const ConsumerResult kNone;
  return kNone;
}

inline const BrokerResult& broker(const SimulationResult& result, const std::string& name) {
  for (const BrokerResult& b : result.brokers)
    if (b.name == name) return b;
  ADD_FAILURE() << "no broker " << name;
  static const BrokerResult kNone;
  return kNone;
}

// Replaces every `from` in `text` with `to`.
inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace ripple::sim::testing
