#include "analyzers/flow_metrics.h"

#include <algorithm>

namespace ripple::analyzers::detail {
namespace {

Load& operator+=(Load& a, const Load& b) {
  a.requests += b.requests;
  a.deliveries += b.deliveries;
  a.callbacks += b.callbacks;
  a.transactions += b.transactions;
  a.bytes += b.bytes;
  return a;
}

Load scaled(const Load& load, double factor) {
  return {load.requests * factor, load.deliveries * factor, load.callbacks * factor,
          load.transactions * factor, load.bytes * factor};
}

// The work the edge itself stands for, once: a request, a delivery, a callback.
Load edge_load(const FlowEdge& edge, const std::vector<double>& event_bytes, const FlowGraph& g,
               int from) {
  switch (edge.kind) {
    case FlowEdgeKind::Call:
      return {1, 0, 0, 0, 0};
    case FlowEdgeKind::Callback:
      return {1, 0, 1, 0, 0};
    case FlowEdgeKind::Delivery:
      return {0, 1, 0, 0, event_bytes[from - g.event_node(model::EventId{0})]};
    case FlowEdgeKind::Publish:
      return {};
  }
  return {};
}

Load own_load(const FlowGraph& graph, int node) {
  const double unresolved = graph.unresolved_callbacks(node);
  return {unresolved, 0, unresolved, graph.transactions(node), 0};
}

void accumulate_downstream(const model::Spec& spec, const FlowGraph& graph, FlowMetrics& m) {
  std::vector<double> event_bytes(spec.events.size());
  for (model::EventId e : spec.event_ids())
    event_bytes[e] = static_cast<double>(spec.event_bytes(e));
  for (int node : graph.postorder()) {
    Load nominal = own_load(graph, node);
    Load worst = nominal;
    for (const FlowEdge& edge : graph.out(node)) {
      const Load once = edge_load(edge, event_bytes, graph, node);
      Load nominal_each = once;
      Load worst_each = once;
      if (edge.cut) {
        m.cycles_cut[node] = 1;
      } else {
        nominal_each += m.nominal[edge.to];
        worst_each += m.worst[edge.to];
        m.cycles_cut[node] = m.cycles_cut[node] || m.cycles_cut[edge.to];
        m.multiplier[node] = std::max(m.multiplier[node], edge.worst * m.multiplier[edge.to]);
      }
      nominal += scaled(nominal_each, edge.nominal);
      worst += scaled(worst_each, edge.worst);
    }
    m.nominal[node] = nominal;
    m.worst[node] = worst;
  }
}

void follow_chains(const FlowGraph& graph, FlowMetrics& m) {
  for (int node : graph.postorder()) {
    for (const FlowEdge& edge : graph.out(node)) {
      if (edge.cut || edge.kind != FlowEdgeKind::Call) continue;
      if (1 + m.chain_length[edge.to] > m.chain_length[node]) {
        m.chain_length[node] = 1 + m.chain_length[edge.to];
        m.chain_next[node] = edge.to;
      }
      const int retried = edge.call->retry.attempts > 1 ? 1 : 0;
      m.retried_layers[node] =
          std::max(m.retried_layers[node], retried + m.retried_layers[edge.to]);
    }
  }
}

void propagate(const FlowGraph& graph, std::vector<double>& rate) {
  const std::vector<int>& order = graph.postorder();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    for (const FlowEdge& edge : graph.out(*it))
      if (!edge.cut) rate[edge.to] += rate[*it] * edge.nominal;
  }
}

void propagate_rates(const model::Spec& spec, const FlowGraph& graph, FlowMetrics& m) {
  for (const model::RateSource& source : spec.workload.sources)
    m.rate[graph.op_node(source.to)] += source.rate;
  propagate(graph, m.rate);
}

}  // namespace

std::vector<double> propagate_entry_rates(const FlowGraph& graph,
                                          const std::vector<double>& entry_rates) {
  std::vector<double> rate(static_cast<std::size_t>(graph.size()), 0);
  for (std::size_t op = 0; op < entry_rates.size(); ++op)
    rate[static_cast<std::size_t>(graph.op_node(model::OperationId{static_cast<int>(op)}))] +=
        entry_rates[op];
  propagate(graph, rate);
  return rate;
}

FlowMetrics compute_flow_metrics(const model::Spec& spec, const FlowGraph& graph) {
  const std::size_t n = static_cast<std::size_t>(graph.size());
  FlowMetrics m;
  m.nominal.resize(n);
  m.worst.resize(n);
  m.multiplier.assign(n, 1);
  m.cycles_cut.assign(n, 0);
  m.chain_length.assign(n, 0);
  m.chain_next.assign(n, -1);
  m.retried_layers.assign(n, 0);
  m.rate.assign(n, 0);
  accumulate_downstream(spec, graph, m);
  follow_chains(graph, m);
  propagate_rates(spec, graph, m);
  return m;
}

std::vector<model::OperationId> entry_operations(const model::Spec& spec) {
  std::vector<char> is_entry(spec.operations.size(), 0);
  for (const model::RateSource& source : spec.workload.sources) is_entry[source.to] = 1;
  for (const model::ReconnectSource& source : spec.workload.reconnects) is_entry[source.to] = 1;
  std::vector<model::OperationId> entries;
  for (std::size_t op = 0; op < is_entry.size(); ++op)
    if (is_entry[op]) entries.emplace_back(static_cast<int>(op));
  return entries;
}

double total_entry_rate(const model::Spec& spec) {
  double total = 0;
  for (const model::RateSource& source : spec.workload.sources) total += source.rate;
  return total;
}

}  // namespace ripple::analyzers::detail
