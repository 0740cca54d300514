// Fuzz target: any bytes as a gates file (`ripple gate --gates FILE`) added to a small valid spec
// give gates or diagnostics, never a crash, a hang, a leak or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/loader.h"

namespace {

constexpr char kSpec[] = R"(ripple: 1
services:
  a: {operations: {op: {time: 1ms, calls: [b.op]}}}
  b: {operations: {op: {time: 1ms}}}
workload: {sources: [{to: a.op, rate: 10/s}]}
faults: [{service: b, at: 10s, for: 5s, mode: down}]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ripple::model::Spec base = *ripple::model::load_spec({"s.yaml", kSpec}).spec;
  ripple::model::Spec spec = base;
  const std::size_t gates_before = spec.gates.size();
  ripple::model::LoadLimits limits;
  limits.max_bytes = 1 << 20;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ripple::model::Diagnostics diagnostics =
      ripple::model::add_gates_file(spec, {"gates.yaml", text}, limits);
  // A file with errors adds no gate.
  if (ripple::model::has_errors(diagnostics) && spec.gates.size() != gates_before) __builtin_trap();
  return 0;
}
