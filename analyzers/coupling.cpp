#include "analyzers/coupling.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

namespace ripple::analyzers::detail {
namespace {

std::vector<model::ServiceId> merged(std::vector<model::ServiceId> a,
                                     const std::vector<model::ServiceId>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

ServiceCoupling couple(const model::Spec& spec, const DependencyGraph& graph, model::ServiceId s) {
  ServiceCoupling c;
  c.name = spec.services[s].name;
  const auto sync = graph.dependencies(s, Layer::Contract, {EdgeKind::Call});
  const auto async = graph.dependencies(s, Layer::Contract, {EdgeKind::Consume});
  const auto hidden = graph.dependencies(s, Layer::Contract, {EdgeKind::Callback});
  c.ce_sync = static_cast<int>(sync.size());
  c.ce_async = static_cast<int>(async.size());
  c.ce_hidden = static_cast<int>(hidden.size());
  c.ce = static_cast<int>(merged(merged(sync, async), hidden).size());
  c.ca = static_cast<int>(graph.dependents(s, Layer::Contract).size());
  if (c.ca + c.ce > 0) c.instability = static_cast<double>(c.ce) / (c.ca + c.ce);
  c.ads = static_cast<int>(graph.dependencies(s, Layer::Runtime, kAllKinds).size());
  c.ais = static_cast<int>(graph.dependents(s, Layer::Runtime).size());
  c.acs = c.ais * c.ads;
  return c;
}

// Services that depend on each other both ways in the contract layer.
void count_interdependence(const DependencyGraph& graph, Coupling& coupling) {
  const model::IdRange<model::ServiceId> services(coupling.services.size());
  std::vector<std::vector<model::ServiceId>> depends(coupling.services.size());
  for (model::ServiceId s : services)
    depends[s] = graph.dependencies(s, Layer::Contract, kAllKinds);
  for (model::ServiceId s : services) {
    for (model::ServiceId t : depends[s]) {
      if (!std::binary_search(depends[t].begin(), depends[t].end(), s)) continue;
      ++coupling.services[s].siy;
      if (s < t) ++coupling.siy;
    }
  }
}

std::vector<std::string> service_names(const model::Spec& spec,
                                       const std::vector<model::ServiceId>& ids) {
  std::vector<std::string> names;
  for (model::ServiceId id : ids) names.push_back(spec.services[id].name);
  return names;
}

SyncChain chain_from(const model::Spec& spec, const FlowGraph& flow, const FlowMetrics& metrics,
                     model::OperationId entry) {
  SyncChain chain;
  chain.entry = spec.operations[entry].full_name;
  chain.length = metrics.chain_length[flow.op_node(entry)];
  for (int node = flow.op_node(entry); node >= 0; node = metrics.chain_next[node])
    chain.operations.push_back(flow.name(node));
  return chain;
}

}  // namespace

std::vector<std::vector<model::OperationId>> operation_cycles(const model::Spec& spec) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph calls(spec.operations.size());
  std::vector<char> self_call(spec.operations.size(), 0);
  for (std::size_t op = 0; op < spec.operations.size(); ++op) {
    for (const model::Call& call : spec.operations[op].work.calls) {
      if (spec.operations[call.target].service != spec.operations[op].service) continue;
      if (call.target == static_cast<int>(op)) self_call[op] = 1;
      boost::add_edge(op, static_cast<std::size_t>(call.target), calls);
    }
  }
  std::vector<int> component(spec.operations.size());
  const int count = boost::strong_components(calls, component.data());
  std::vector<std::vector<model::OperationId>> members(static_cast<std::size_t>(count));
  for (std::size_t op = 0; op < component.size(); ++op)
    members[component[op]].emplace_back(static_cast<int>(op));
  std::vector<std::vector<model::OperationId>> cycles;
  for (auto& m : members)
    if (m.size() > 1 || (m.size() == 1 && self_call[m.front()])) cycles.push_back(std::move(m));
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

Coupling compute_coupling(const model::Spec& spec, const DependencyGraph& graph,
                          const FlowGraph& flow, const FlowMetrics& metrics) {
  Coupling coupling;
  for (model::ServiceId s : spec.service_ids()) coupling.services.push_back(couple(spec, graph, s));
  count_interdependence(graph, coupling);
  for (const auto& component : graph.sync_components()) {
    coupling.sync_components.push_back(service_names(spec, component));
    coupling.sync_cycles.push_back(service_names(spec, graph.cycle_in(component)));
  }
  for (const auto& cycle : operation_cycles(spec)) {
    std::vector<std::string> names;
    for (model::OperationId op : cycle) names.push_back(spec.operations[op].full_name);
    coupling.operation_cycles.push_back(std::move(names));
  }
  for (model::OperationId entry : entry_operations(spec))
    coupling.longest_chains.push_back(chain_from(spec, flow, metrics, entry));
  return coupling;
}

}  // namespace ripple::analyzers::detail
