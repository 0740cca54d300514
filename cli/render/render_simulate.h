#pragma once

// Renderers of simulation results: pure functions from a SimulationResult to text. Times in
// milliseconds, rates per second, ratios 0..1 in JSON; JSON holds the stable keys of design.md
// ("simulate") plus: per operation rejected, in_flight, throughput and latency p999; per service
// nothing more; per consumer broker, harmful_duplicates, failed, waiting, throughput and lag
// p50/p90/p999; "brokers" (published, publish_failures, outboxed, max_backlog), "callbacks"
// (per owner read operation: requests, rate), "reconnects" (per storm: attempts, peaks);
// "calls" (per call edge, callbacks flagged), "replications", "duration", "warmup",
// "intervals" (95% Student t across replications, when replications > 1) and per fault mode, at
// and for. Units: docs/simulator.md.
// With estimates over more than one replication (cli/review/simulation_estimates.h), every object
// holding simulated figures (an operation and its latency, a service, a call, a consumer and its
// lag, a broker, an amplification, a fault) also holds "ci": {figure: [low, high] or null}; with
// PerReplication::Shown, "per_replication": {figure: [value of replication 0, 1, ...]}.
// No wall-clock time and no thread count appear in any of them.

#include <string>

#include "cli/render/per_replication.h"
#include "cli/render/terminal.h"
#include "cli/review/simulation_estimates.h"
#include "simulator/results.h"

namespace ripple::cli {

[[nodiscard]] std::string render_simulate_text(const sim::SimulationResult& result, Color color);
[[nodiscard]] std::string render_simulate_json(
    const sim::SimulationResult& result, const SimulationEstimates* estimates = nullptr,
    PerReplication per_replication = PerReplication::Hidden);
[[nodiscard]] std::string render_simulate_markdown(const sim::SimulationResult& result);
// One row per series step: time_ms, then per entry operation throughput, error rate and p99,
// then per service the queue length, then per broker the backlog.
[[nodiscard]] std::string render_series_csv(const sim::SimulationResult& result);

}  // namespace ripple::cli
