// Fuzz target: any bytes as one gate expression of a small valid spec give a gate or one
// diagnostic, never a crash, a hang, a leak or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/gate_parser.h"
#include "model/loader.h"

namespace {

constexpr char kSpec[] = R"(ripple: 1
brokers: {bus: {type: kafka}}
services:
  a: {operations: {op: {time: 1ms, publishes: [E]}}}
  b: {consumes: {E: {time: 1ms}}}
events: {E: {broker: bus}}
workload: {sources: [{to: a.op, rate: 10/s}]}
faults: [{service: a, at: 10s, for: 5s, mode: down}]
)";

const ripple::model::Spec& spec() {
  static const ripple::model::Spec loaded = *ripple::model::load_spec({"s.yaml", kSpec}).spec;
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using ripple::model::detail::YamlNode;
  YamlNode node;
  node.kind = YamlNode::Kind::Scalar;
  node.value.assign(reinterpret_cast<const char*>(data), size);
  node.line = 1;
  node.column = 1;
  ripple::model::Diagnostics diagnostics;
  const std::string path = "gates.yaml";
  ripple::model::detail::Reader reader(path, node.value, 0, diagnostics);
  const auto gate = ripple::model::detail::parse_gate(reader, node, spec());
  // A gate, or at least one error: never both, never neither.
  if (gate.has_value() == ripple::model::has_errors(diagnostics)) __builtin_trap();
  return 0;
}
