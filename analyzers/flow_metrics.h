#pragma once

// Internal: per-node figures over the flow graph (analyzers/flow.h), each computed once per node
// (children before parents for downstream work, parents before children for rates), so the
// whole pass is linear in nodes + edges.

#include <vector>

#include "analyzers/analysis.h"
#include "analyzers/flow.h"
#include "model/spec.h"

namespace ripple::analyzers::detail {

struct FlowMetrics {
  std::vector<Load> nominal;        // downstream work of one execution of the node
  std::vector<Load> worst;          // the same, every call made with every attempt
  std::vector<double> multiplier;   // largest product of call attempts along one path (>= 1)
  std::vector<char> cycles_cut;     // a cut edge lies downstream
  std::vector<int> chain_length;    // longest run of sync calls starting here
  std::vector<int> chain_next;      // the callee that continues it (-1: none)
  std::vector<int> retried_layers;  // most calls with attempts > 1 along one sync chain
  std::vector<double> rate;         // executions per second at the workload's source rates
};

[[nodiscard]] FlowMetrics compute_flow_metrics(const model::Spec& spec, const FlowGraph& graph);

// Executions per second of every node when entry operation op receives entry_rates[op] per
// second (the propagation of compute_flow_metrics' `rate` for other source rates).
[[nodiscard]] std::vector<double> propagate_entry_rates(const FlowGraph& graph,
                                                        const std::vector<double>& entry_rates);

// Entry operations: targets of rate or reconnect sources, by operation id, each once.
[[nodiscard]] std::vector<model::OperationId> entry_operations(const model::Spec& spec);

// Total rate of the rate sources (reconnect sources excluded), per second.
[[nodiscard]] double total_entry_rate(const model::Spec& spec);

}  // namespace ripple::analyzers::detail
