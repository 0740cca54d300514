// Fuzz target: any bytes given to the loader, alone or as a scenario, give a spec or
// diagnostics, never a crash, a hang, a leak or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/loader.h"

namespace {

constexpr char kArchitecture[] = R"(ripple: 1
brokers: {bus: {type: kafka}}
services:
  a: {operations: {op: {time: 1ms}}, consumes: {E: {time: 1ms}}}
events: {E: {broker: bus}}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ripple::model::LoadLimits limits;
  limits.max_bytes = 1 << 20;
  const auto spec = ripple::model::load_spec({"fuzz.yaml", text}, std::nullopt, limits);
  // The same bytes as a scenario of a small valid architecture exercise the scenario path.
  const auto scenario = ripple::model::load_spec({"arch.yaml", kArchitecture},
                                                 ripple::model::SourceFile{"s.yaml", text}, limits);
  if (spec.spec.has_value() == ripple::model::has_errors(spec.diagnostics)) __builtin_trap();
  if (scenario.spec.has_value() == ripple::model::has_errors(scenario.diagnostics))
    __builtin_trap();
  return 0;
}
