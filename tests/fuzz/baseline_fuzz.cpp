// Fuzz target: any bytes as a gate baseline (`ripple gate --baseline FILE`) give a baseline or
// one error, never a crash, a hang, a leak or undefined behaviour; a baseline read back holds no
// value that is not a finite number.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/review/gate_baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ripple::cli::BaselineParse parsed = ripple::cli::parse_baseline(text);
  if (parsed.baseline.has_value() == !parsed.error.empty()) __builtin_trap();
  if (parsed.baseline)
    for (const ripple::cli::BaselineGate& gate : parsed.baseline->gates)
      if (gate.value && !std::isfinite(*gate.value)) __builtin_trap();
  return 0;
}
