#pragma once

// Renderers of simulation results: pure functions from a SimulationResult to text. Times in
// milliseconds, rates per second, ratios 0..1 in JSON; JSON holds the stable keys of design.md
// ("simulate") plus: per operation rejected, in_flight, throughput and latency p999; per service
// nothing more; "calls" (per call edge), "replications", "duration", "warmup", "intervals"
// (95% Student t across replications, when replications > 1) and per fault mode, at and for.
// No wall-clock time and no thread count appear in any of them.

#include <string>

#include "simulator/results.h"

namespace ripple::cli {

[[nodiscard]] std::string render_simulate_text(const sim::SimulationResult& result, bool color);
[[nodiscard]] std::string render_simulate_json(const sim::SimulationResult& result);
[[nodiscard]] std::string render_simulate_markdown(const sim::SimulationResult& result);
// One row per series step: time_ms, then per entry operation throughput, error rate and p99,
// then per service the queue length.
[[nodiscard]] std::string render_series_csv(const sim::SimulationResult& result);

}  // namespace ripple::cli
