#include "analyzers/flow.h"

#include <utility>

namespace ripple::analyzers::detail {

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
                  call.probability,
                  static_cast<double>(call.retry.attempts),
                  &call,
                  false};
    out_[node].push_back(edge);
  }
  for (const model::Publish& publish : work.publishes)
    out_[node].push_back({event_node(publish.event), FlowEdgeKind::Publish, 1, 1, nullptr, false});
  transactions_[node] = work_transactions(work);
}

void FlowGraph::add_edges(const model::Spec& spec) {
  for (std::size_t op = 0; op < spec.operations.size(); ++op)
    add_work(op_node(static_cast<int>(op)), spec.operations[op].work);
  for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
    const int node = consumer_node(static_cast<int>(c));
    const model::Consumer& consumer = spec.consumers[c];
    out_[event_node(consumer.event)].push_back(
        {node, FlowEdgeKind::Delivery, 1, 1, nullptr, false});
    // Callbacks happen before the consumer's own work, so they come first.
    for (model::EntityId entity : spec.callback_entities(static_cast<int>(c))) {
      const auto& read = spec.entities[entity].read;
      // Callbacks follow the spec's default call policy: their retries multiply in the worst case.
      const double attempts = spec.callback_policy.retry.attempts;
      if (read)
        out_[node].push_back({op_node(*read), FlowEdgeKind::Callback, 1, attempts, nullptr, false});
      else
        unresolved_callbacks_[node] += 1;
    }
    add_work(node, consumer.work);
  }
}

// Iterative depth-first search (chains of thousands of operations must not overflow the stack).
void FlowGraph::order_and_cut() {
  enum class Colour { White, Grey, Black };
  std::vector<Colour> colour(out_.size(), Colour::White);
  std::vector<std::pair<int, std::size_t>> stack;
  postorder_.reserve(out_.size());
  for (int root = 0; root < size(); ++root) {
    if (colour[root] != Colour::White) continue;
    colour[root] = Colour::Grey;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == out_[node].size()) {
        colour[node] = Colour::Black;
        postorder_.push_back(node);
        stack.pop_back();
        continue;
      }
      FlowEdge& edge = out_[node][next];
      const int from = node;
      const std::size_t index = next++;
      if (colour[edge.to] == Colour::Grey) {
        edge.cut = true;
        cut_.emplace_back(from, index);
      } else if (colour[edge.to] == Colour::White) {
        colour[edge.to] = Colour::Grey;
        stack.emplace_back(edge.to, 0);
      }
    }
  }
}

std::vector<std::string> FlowGraph::cut_edge_names() const {
  std::vector<std::string> names;
  for (const auto& [node, index] : cut_)
    names.push_back(name(node) + " -> " + name(out_[node][index].to));
  return names;
}

}  // namespace ripple::analyzers::detail
