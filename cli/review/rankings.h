#pragma once

// Worst-first orders: which elements of an analysis or a simulation are the most coupled, the
// largest, the widest, the busiest. Each order is a list of indexes into the vector it names,
// sorted stably (ties keep the analyzers' or the simulator's order). Renderers show rows in
// these orders, cut them to fit and sort nothing by badness themselves.

#include <cstddef>
#include <vector>

#include "analyzers/analysis.h"
#include "simulator/results.h"

namespace ripple::cli {

using Order = std::vector<std::size_t>;

// The orders of `ripple analyze`'s tables.
struct AnalysisRanking {
  Order coupling;       // coupling.services: by Ce, then ACS, then hidden Ce, highest first
  Order amplification;  // amplification: largest worst-case requests first
  Order events;         // events: by callback rate, then callbacks per event, highest first
  Order cascades;       // cascades that reach anything: by blast radius, then failing entries,
                        // then stalled consumers, widest first (no effect: left out)
  Order chains;         // coupling.longest_chains: longest first
  Order capacity;  // capacity: by the higher of utilization and peak utilization, highest first
};

// The higher of an element's utilization at the base rates and at the busiest spike window.
[[nodiscard]] double binding_utilization(const analyzers::ElementCapacity& element);

[[nodiscard]] AnalysisRanking rank_analysis(const analyzers::Analysis& analysis);

// The report's tables break some ties differently from analyze's; both are kept as they were.
// coupling.services by Ce, then hidden Ce, then Ca, highest first.
[[nodiscard]] Order most_coupled_then_hidden(const analyzers::Analysis& analysis);
// Cascades that reach anything, by blast radius, then longest chain, then stalled consumers.
[[nodiscard]] Order widest_cascades_then_longest(const analyzers::Analysis& analysis);

// The longest chain of a cascade (its number of steps; 0 without chains).
[[nodiscard]] std::size_t longest_chain(const analyzers::Cascade& cascade);
// Whether a component's failure reaches anything: an operation, a consumer or an event.
[[nodiscard]] bool has_effect(const analyzers::Cascade& cascade);

struct SimulationRanking {
  Order operations;  // operations: entry operations first
  Order consumers;   // consumers: largest lag p99 first
  Order services;    // services: busiest (utilization) first
  Order queues;      // series.queues that ever held a request: longest peak first
};

[[nodiscard]] SimulationRanking rank_simulation(const sim::SimulationResult& result);

}  // namespace ripple::cli
