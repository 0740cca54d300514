#pragma once

// Internal: the flow of work through a spec, as a graph of operations, events and consumers.
//   operation -> operation  call (weight: probability x count nominal, attempts x count worst
//                           case)
//   operation -> event      publish
//   consumer  -> operation  call, callback (to the read operation of an entity called back)
//   consumer  -> event      publish
//   event     -> consumer   delivery
// Cycles are broken once, deterministically: a depth-first search from every node in id order
// marks the edges that close a cycle (back edges) as cut. Without them the graph is acyclic and
// `postorder` lists every node after all its successors.

#include <string>
#include <vector>

#include "model/spec.h"

namespace ripple::analyzers::detail {

enum class FlowEdgeKind { Call, Publish, Delivery, Callback };

struct FlowEdge {
  int to = -1;
  FlowEdgeKind kind = FlowEdgeKind::Call;
  double nominal = 1;  // expected traversals per execution of the source
  double worst = 1;    // traversals in the worst case (every call made, every attempt taken)
  const model::Call* call = nullptr;  // for calls
  bool cut = false;                   // closes a cycle: not followed
};

class FlowGraph {
 public:
  explicit FlowGraph(const model::Spec& spec);

  [[nodiscard]] int size() const { return static_cast<int>(out_.size()); }
  [[nodiscard]] int op_node(model::OperationId op) const { return op; }
  [[nodiscard]] int event_node(model::EventId event) const { return ops_ + event; }
  [[nodiscard]] int consumer_node(model::ConsumerId c) const { return ops_ + events_ + c; }
  [[nodiscard]] bool is_op(int node) const { return node < ops_; }
  [[nodiscard]] bool is_event(int node) const { return node >= ops_ && node < ops_ + events_; }
  [[nodiscard]] std::string name(int node) const;

  [[nodiscard]] const std::vector<FlowEdge>& out(int node) const { return out_[node]; }
  // Store transactions of one execution of the node itself (operations and consumers).
  [[nodiscard]] double transactions(int node) const { return transactions_[node]; }
  // Callbacks for entities that declare no read operation (counted, not followed).
  [[nodiscard]] double unresolved_callbacks(int node) const { return unresolved_callbacks_[node]; }
  [[nodiscard]] const std::vector<int>& postorder() const { return postorder_; }
  // "a.x -> b.y" for every cut edge, in discovery order.
  [[nodiscard]] std::vector<std::string> cut_edge_names() const;

 private:
  void add_work(int node, const model::Work& work);
  void add_edges(const model::Spec& spec);
  void order_and_cut();

  const model::Spec& spec_;
  int ops_ = 0;
  int events_ = 0;
  std::vector<std::vector<FlowEdge>> out_;
  std::vector<double> transactions_;
  std::vector<double> unresolved_callbacks_;
  std::vector<int> postorder_;
  std::vector<std::pair<int, int>> cut_;  // (node, edge index)
};

// Transactions of one execution of `work`: one per read, one per write (1/size when batched).
[[nodiscard]] double work_transactions(const model::Work& work);

}  // namespace ripple::analyzers::detail
