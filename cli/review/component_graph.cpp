#include "cli/review/component_graph.h"

#include <algorithm>
#include <map>
#include <optional>

#include "analyzers/cascade_names.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using model::Spec;

struct EdgeKey {
  std::size_t from, to;
  EdgeKind kind;
  auto operator<=>(const EdgeKey&) const = default;
};

struct EdgeDraft {
  std::vector<std::string> names;  // distinct, first-seen order
  double rate = 0;
};

// Builds the full component graph of the spec.
class GraphBuilder {
 public:
  GraphBuilder(const Spec& spec, const Analysis& analysis) : spec_(spec), a_(analysis) {}

  void build(ComponentGraph& graph) {
    add_nodes(graph.nodes);
    for (const model::Operation& op : spec_.operations)
      add_work(static_cast<std::size_t>(op.service), op.work, op_rate(op));
    for (std::size_t c = 0; c < spec_.consumers.size(); ++c) add_consumer(c);
    for (auto& [key, draft] : drafts_) {
      ComponentEdge edge;
      edge.from = key.from;
      edge.to = key.to;
      edge.kind = key.kind;
      edge.names = std::move(draft.names);
      edge.rate = draft.rate;
      graph.edges.push_back(std::move(edge));
    }
  }

  [[nodiscard]] std::size_t broker_node(model::BrokerId b) const {
    return spec_.services.size() + static_cast<std::size_t>(b);
  }
  [[nodiscard]] std::size_t store_node(model::StoreId s) const {
    return spec_.services.size() + spec_.brokers.size() + static_cast<std::size_t>(s);
  }

 private:
  double op_rate(const model::Operation& op) const {
    const auto id = static_cast<std::size_t>(&op - spec_.operations.data());
    return id < a_.rates.operations.size() ? a_.rates.operations[id] : 0;
  }

  void add_nodes(std::vector<ComponentNode>& nodes) const {
    for (std::size_t i = 0; i < spec_.services.size(); ++i)
      nodes.push_back({spec_.services[i].name, NodeKind::Service, i});
    for (std::size_t i = 0; i < spec_.brokers.size(); ++i)
      nodes.push_back({spec_.brokers[i].name, NodeKind::Broker, i});
    for (std::size_t i = 0; i < spec_.stores.size(); ++i)
      nodes.push_back({spec_.stores[i].name, NodeKind::Store, i});
  }

  void note(std::size_t from, std::size_t to, EdgeKind kind, const std::string& name, double rate) {
    EdgeDraft& d = drafts_[{from, to, kind}];
    if (std::find(d.names.begin(), d.names.end(), name) == d.names.end()) d.names.push_back(name);
    d.rate += rate;
  }

  void add_work(std::size_t from, const model::Work& work, double rate) {
    for (const model::Call& call : work.calls) {
      const model::Operation& target = spec_.operations[static_cast<std::size_t>(call.target)];
      note(from, static_cast<std::size_t>(target.service), EdgeKind::Sync, target.full_name,
           rate * call.probability);
    }
    for (const model::Publish& p : work.publishes) {
      const model::Event& event = spec_.events[static_cast<std::size_t>(p.event)];
      note(from, broker_node(event.broker), EdgeKind::Publish, event.name, rate);
    }
    for (const model::StoreAccess& r : work.reads)
      note(from, store_node(r.store), EdgeKind::Store, "reads", rate);
    for (const model::StoreAccess& w : work.writes)
      note(from, store_node(w.store), EdgeKind::Store, "writes", rate);
  }

  void add_consumer(std::size_t c) {
    const model::Consumer& consumer = spec_.consumers[c];
    const double rate = c < a_.rates.consumers.size() ? a_.rates.consumers[c] : 0;
    const auto service = static_cast<std::size_t>(consumer.service);
    const model::Event& event = spec_.events[static_cast<std::size_t>(consumer.event)];
    note(broker_node(event.broker), service, EdgeKind::Consume, event.name, rate);
    for (model::EntityId id : spec_.callback_entities(static_cast<model::ConsumerId>(c))) {
      const model::Entity& entity = spec_.entities[static_cast<std::size_t>(id)];
      const std::string target =
          entity.read ? spec_.operations[static_cast<std::size_t>(*entity.read)].full_name
                      : entity.name;
      note(service, static_cast<std::size_t>(entity.owner), EdgeKind::Callback, target, rate);
    }
    add_work(service, consumer.work, rate);
  }

  const Spec& spec_;
  const Analysis& a_;
  std::map<EdgeKey, EdgeDraft> drafts_;
};

// Follows the busiest outgoing edge from the service of the busiest entry operation.
std::vector<std::size_t> hottest_path(const Spec& spec, const Analysis& a,
                                      const std::vector<ComponentEdge>& edges,
                                      std::size_t node_count) {
  std::optional<std::size_t> start;
  double best = 0;
  for (const model::RateSource& source : spec.workload.sources) {
    const auto op = static_cast<std::size_t>(source.to);
    const double rate = op < a.rates.operations.size() ? a.rates.operations[op] : 0;
    if (rate > best) {
      best = rate;
      start = static_cast<std::size_t>(spec.operations[op].service);
    }
  }
  std::vector<std::size_t> path_edges;
  if (!start) return path_edges;
  std::vector<std::vector<std::size_t>> out(node_count);
  for (std::size_t e = 0; e < edges.size(); ++e) out[edges[e].from].push_back(e);
  std::vector<char> visited(node_count, 0);
  std::size_t at = *start;
  visited[at] = 1;
  while (true) {
    std::optional<std::size_t> next;
    for (std::size_t e : out[at]) {
      const ComponentEdge& edge = edges[e];
      if (visited[edge.to] || edge.rate <= 0 || edge.kind == EdgeKind::Store) continue;
      if (!next || edge.rate > edges[*next].rate) next = e;
    }
    if (!next) break;
    path_edges.push_back(*next);
    at = edges[*next].to;
    visited[at] = 1;
  }
  return path_edges;
}

// The longest chain of the cascade with the widest blast radius (the first of equals), as names.
std::vector<std::string> worst_chain(const Spec& spec, const Analysis& a) {
  const analyzers::Cascade* best = nullptr;
  for (const analyzers::Cascade& c : a.cascades) {
    if (c.longest_path_ids.empty()) continue;
    if (!best || c.blast_radius > best->blast_radius ||
        (c.blast_radius == best->blast_radius &&
         c.longest_path_ids.size() > best->longest_path_ids.size()))
      best = &c;
  }
  return best ? analyzers::chain_names(spec, *best, best->longest_path_ids)
              : std::vector<std::string>{};
}

std::optional<std::size_t> component_node(const Spec& spec, const std::string& name,
                                          const GraphBuilder& g) {
  if (auto s = spec.find_service(name)) return static_cast<std::size_t>(*s);
  if (auto b = spec.find_broker(name)) return g.broker_node(*b);
  if (auto s = spec.find_store(name)) return g.store_node(*s);
  if (auto op = spec.find_operation(name))
    return static_cast<std::size_t>(spec.operations[static_cast<std::size_t>(*op)].service);
  return std::nullopt;
}

void mark_cascade(ComponentGraph& graph, const Spec& spec, const Analysis& a,
                  const GraphBuilder& g) {
  const std::vector<std::string> chain = worst_chain(spec, a);
  if (chain.empty()) return;
  graph.worst_chain = chain;
  std::vector<std::size_t> nodes;
  for (const std::string& name : chain)
    if (auto n = component_node(spec, name, g); n && (nodes.empty() || nodes.back() != *n))
      nodes.push_back(*n);
  for (std::size_t n : nodes) graph.nodes[n].cascade = true;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i)
    for (ComponentEdge& e : graph.edges)
      if ((e.from == nodes[i + 1] && e.to == nodes[i]) ||
          (e.from == nodes[i] && e.to == nodes[i + 1]))
        e.cascade = e.kind != EdgeKind::Callback;
}

void mark_hot(ComponentGraph& graph, const Spec& spec, const Analysis& a) {
  graph.hot_path = hottest_path(spec, a, graph.edges, graph.nodes.size());
  if (graph.hot_path.empty()) return;
  graph.nodes[graph.edges[graph.hot_path.front()].from].hot = true;
  for (std::size_t e : graph.hot_path) {
    graph.edges[e].hot = true;
    graph.nodes[graph.edges[e].to].hot = true;
  }
}

}  // namespace

ComponentGraph build_component_graph(const Spec& spec, const Analysis& analysis) {
  ComponentGraph graph;
  GraphBuilder builder(spec, analysis);
  builder.build(graph);
  mark_hot(graph, spec, analysis);
  mark_cascade(graph, spec, analysis, builder);
  return graph;
}

}  // namespace ripple::cli
