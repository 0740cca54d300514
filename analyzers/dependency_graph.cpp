#include "analyzers/dependency_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <deque>

namespace ripple::analyzers::detail {
namespace {

constexpr unsigned kRuntime = 1u;
constexpr unsigned kContract = 2u;

unsigned layer_bit(Layer layer) { return layer == Layer::Runtime ? kRuntime : kContract; }

struct EdgeProperties {
  EdgeKind kind = EdgeKind::Call;
  unsigned layers = 0;  // kRuntime | kContract
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                    boost::no_property, EdgeProperties>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

template <typename T>
void sort_unique(std::vector<T>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

std::vector<std::vector<model::ServiceId>> publishers_by_event(const model::Spec& spec) {
  std::vector<std::vector<model::ServiceId>> publishers(spec.events.size());
  for (const model::Operation& op : spec.operations)
    for (const model::Publish& publish : op.work.publishes)
      publishers[publish.event].push_back(op.service);
  for (const model::Consumer& consumer : spec.consumers)
    for (const model::Publish& publish : consumer.work.publishes)
      publishers[publish.event].push_back(consumer.service);
  for (auto& services : publishers) sort_unique(services);
  return publishers;
}

struct DependencyGraph::Impl {
  Graph graph;
  int services = 0;
  int brokers = 0;

  [[nodiscard]] Vertex broker(model::BrokerId id) const { return services + id; }
  [[nodiscard]] Vertex store(model::StoreId id) const { return services + brokers + id; }

  void add(Vertex from, Vertex to, EdgeKind kind, unsigned layers) {
    if (from == to) return;  // a service does not depend on itself
    boost::add_edge(from, to, EdgeProperties{kind, layers}, graph);
  }

  void add_work(model::ServiceId service, const model::Work& work, const model::Spec& spec) {
    for (const model::Call& call : work.calls)
      add(service, spec.operations[call.target].service, EdgeKind::Call, kRuntime | kContract);
    for (const model::Publish& publish : work.publishes)
      add(service, broker(spec.events[publish.event].broker), EdgeKind::Publish, kRuntime);
    for (const model::StoreAccess& read : work.reads)
      add(service, store(read.store), EdgeKind::Read, kRuntime);
    for (const model::StoreAccess& write : work.writes)
      add(service, store(write.store), EdgeKind::Write, kRuntime);
  }

  void add_consumer(model::ConsumerId id, const model::Spec& spec,
                    const std::vector<std::vector<model::ServiceId>>& publishers) {
    const model::Consumer& consumer = spec.consumers[id];
    add(consumer.service, broker(spec.events[consumer.event].broker), EdgeKind::Consume, kRuntime);
    for (model::ServiceId publisher : publishers[consumer.event])
      add(consumer.service, publisher, EdgeKind::Consume, kContract);
    for (model::EntityId entity : spec.callback_entities(id))
      add(consumer.service, spec.entities[entity].owner, EdgeKind::Callback, kRuntime | kContract);
    add_work(consumer.service, consumer.work, spec);
  }
};

DependencyGraph::DependencyGraph(const model::Spec& spec) : impl_(std::make_unique<Impl>()) {
  impl_->services = static_cast<int>(spec.services.size());
  impl_->brokers = static_cast<int>(spec.brokers.size());
  impl_->graph = Graph(spec.services.size() + spec.brokers.size() + spec.stores.size());
  for (const model::Operation& op : spec.operations) impl_->add_work(op.service, op.work, spec);
  const auto publishers = publishers_by_event(spec);
  for (model::ConsumerId c : spec.consumer_ids()) impl_->add_consumer(c, spec, publishers);
}

DependencyGraph::~DependencyGraph() = default;

std::size_t DependencyGraph::edge_count() const { return boost::num_edges(impl_->graph); }

std::vector<model::ServiceId> DependencyGraph::dependencies(model::ServiceId service, Layer layer,
                                                            EdgeKinds kinds) const {
  std::vector<model::ServiceId> out;
  const unsigned bit = layer_bit(layer);
  for (const Edge& e : boost::make_iterator_range(boost::out_edges(service, impl_->graph))) {
    const EdgeProperties& p = impl_->graph[e];
    const auto target = static_cast<int>(boost::target(e, impl_->graph));
    if ((p.layers & bit) && kinds.has(p.kind) && target < impl_->services) out.emplace_back(target);
  }
  sort_unique(out);
  return out;
}

std::vector<model::ServiceId> DependencyGraph::dependents(model::ServiceId service,
                                                          Layer layer) const {
  std::vector<model::ServiceId> in;
  const unsigned bit = layer_bit(layer);
  for (const Edge& e : boost::make_iterator_range(boost::in_edges(service, impl_->graph)))
    if (impl_->graph[e].layers & bit)
      in.emplace_back(static_cast<int>(boost::source(e, impl_->graph)));
  sort_unique(in);
  return in;
}

namespace {

struct CallsOnly {
  const Graph* graph = nullptr;
  bool operator()(const Edge& e) const { return (*graph)[e].kind == EdgeKind::Call; }
};

}  // namespace

std::vector<std::vector<model::ServiceId>> DependencyGraph::sync_components() const {
  const boost::filtered_graph<Graph, CallsOnly> calls(impl_->graph, CallsOnly{&impl_->graph});
  std::vector<int> component(boost::num_vertices(impl_->graph));
  const int count = boost::strong_components(
      calls,
      boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, calls)));
  std::vector<std::vector<model::ServiceId>> members(static_cast<std::size_t>(count));
  for (int s = 0; s < impl_->services; ++s) members[component[s]].emplace_back(s);
  std::vector<std::vector<model::ServiceId>> result;
  for (auto& m : members)
    if (m.size() > 1) result.push_back(std::move(m));
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<model::ServiceId> DependencyGraph::cycle_in(
    const std::vector<model::ServiceId>& component) const {
  // Breadth-first search from the first member back to itself, inside the component.
  const model::ServiceId start = component.front();
  std::vector<int> parent(static_cast<std::size_t>(impl_->services), -2);
  std::deque<model::ServiceId> queue{start};
  int last = -1;
  while (!queue.empty() && last < 0) {
    const model::ServiceId s = queue.front();
    queue.pop_front();
    for (model::ServiceId next : dependencies(s, Layer::Runtime, {EdgeKind::Call})) {
      if (!std::binary_search(component.begin(), component.end(), next)) continue;
      if (next == start) {
        last = s;
        break;
      }
      if (parent[next] != -2) continue;
      parent[next] = s;
      queue.push_back(next);
    }
  }
  std::vector<model::ServiceId> cycle{start};
  for (int s = last; s != start && s >= 0; s = parent[s]) cycle.emplace_back(s);
  std::reverse(cycle.begin() + 1, cycle.end());
  cycle.push_back(start);
  return cycle;
}

}  // namespace ripple::analyzers::detail
