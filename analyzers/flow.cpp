#include "analyzers/flow.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <utility>

namespace ripple::analyzers::detail {
namespace {

// The flow graph as Boost.Graph sees it: one edge per FlowEdge, in the same order (vecS keeps
// insertion order and parallel edges), each knowing its index in its source's out().
struct EdgeIndex {
  std::size_t index = 0;
};
using SearchGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                          boost::no_property, EdgeIndex>;

// Records the back edges, which close a cycle, and the order in which nodes finish.
class CutBackEdges : public boost::default_dfs_visitor {
 public:
  CutBackEdges(std::vector<std::pair<int, int>>& cut, std::vector<int>& postorder)
      : cut_(&cut), postorder_(&postorder) {}

  void back_edge(SearchGraph::edge_descriptor e, const SearchGraph& g) const {
    cut_->emplace_back(static_cast<int>(boost::source(e, g)), static_cast<int>(g[e].index));
  }
  void finish_vertex(SearchGraph::vertex_descriptor v, const SearchGraph&) const {
    postorder_->push_back(static_cast<int>(v));
  }

 private:
  // Pointers: Boost copies the visitor.
  std::vector<std::pair<int, int>>* cut_;
  std::vector<int>* postorder_;
};

}  // namespace

double work_transactions(const model::Work& work) {
  double transactions = static_cast<double>(work.reads.size());
  for (const model::StoreAccess& write : work.writes)
    transactions += write.batch && write.batch->size > 1 ? 1.0 / write.batch->size : 1.0;
  return transactions;
}

FlowGraph::FlowGraph(const model::Spec& spec)
    : spec_(spec),
      ops_(static_cast<int>(spec.operations.size())),
      events_(static_cast<int>(spec.events.size())) {
  const std::size_t nodes = spec.operations.size() + spec.events.size() + spec.consumers.size();
  out_.resize(nodes);
  transactions_.assign(nodes, 0);
  unresolved_callbacks_.assign(nodes, 0);
  add_edges(spec);
  order_and_cut();
}

std::string FlowGraph::name(int node) const {
  if (is_op(node)) return spec_.operations[node].full_name;
  if (is_event(node)) return spec_.events[node - ops_].name;
  return spec_.consumers[node - ops_ - events_].name;
}

void FlowGraph::add_work(int node, const model::Work& work) {
  for (const model::Call& call : work.calls) {
    FlowEdge edge{op_node(call.target),
                  FlowEdgeKind::Call,
                  call.probability * call.count,
                  call.retry.worst_attempts() * call.count,
                  &call,
                  false};
    out_[node].push_back(edge);
  }
  for (const model::Publish& publish : work.publishes)
    out_[node].push_back({event_node(publish.event), FlowEdgeKind::Publish, 1, 1, nullptr, false});
  transactions_[node] = work_transactions(work);
}

void FlowGraph::add_edges(const model::Spec& spec) {
  for (model::OperationId op : spec.operation_ids())
    add_work(op_node(op), spec.operations[op].work);
  for (model::ConsumerId c : spec.consumer_ids()) {
    const int node = consumer_node(c);
    const model::Consumer& consumer = spec.consumers[c];
    out_[event_node(consumer.event)].push_back(
        {node, FlowEdgeKind::Delivery, 1, 1, nullptr, false});
    // Callbacks happen before the consumer's own work, so they come first.
    for (model::EntityId entity : spec.callback_entities(c)) {
      const auto& read = spec.entities[entity].read;
      // Callbacks follow the spec's default call policy: their retries multiply in the worst case.
      const double attempts = spec.callback_policy.retry.worst_attempts();
      if (read)
        out_[node].push_back({op_node(*read), FlowEdgeKind::Callback, 1, attempts, nullptr, false});
      else
        unresolved_callbacks_[node] += 1;
    }
    add_work(node, consumer.work);
  }
}

// Boost's depth_first_search starts from every unvisited node in id order and follows out-edges in
// order, so the cut edges and the postorder are deterministic; it keeps its own stack, so chains
// of thousands of operations do not overflow the call stack.
void FlowGraph::order_and_cut() {
  SearchGraph graph(out_.size());
  for (std::size_t node = 0; node < out_.size(); ++node)
    for (std::size_t index = 0; index < out_[node].size(); ++index)
      boost::add_edge(node, static_cast<std::size_t>(out_[node][index].to), EdgeIndex{index},
                      graph);
  postorder_.reserve(out_.size());
  boost::depth_first_search(graph, boost::visitor(CutBackEdges(cut_, postorder_)));
  for (const auto& [node, index] : cut_) out_[node][index].cut = true;
}

std::vector<std::string> FlowGraph::cut_edge_names() const {
  std::vector<std::string> names;
  for (const auto& [node, index] : cut_)
    names.push_back(name(node) + " -> " + name(out_[node][index].to));
  return names;
}

}  // namespace ripple::analyzers::detail
