// The flow graph breaks cycles by a depth-first search from every node in id order: the edges that
// close a cycle (back edges) are cut, in the order the search finds them, and the postorder lists
// every node after its successors. Both orders reach the output, so they are asserted exactly.

#include "analyzers/flow.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/analyzers/load.h"

namespace ripple::analyzers::detail {
namespace {

// Nodes: a.x 0, b.y 1, c.z 2, f.w 3 (operations), E 4 (event), d:E 5 (consumer).
//   a.x -> b.y -> c.z -> b.y (cycle)      c.z -> E -> d:E -> a.x (cycle through an event)
//   b.y -> a.x (cycle)    a.x -> a.x (self call)    a.x -> c.z (forward)    f.w -> c.z (cross)
const char* kCycles = R"(ripple: 1
brokers: {bus: {type: kafka}}
events: {E: {broker: bus}}
services:
  a: {operations: {x: {calls: [b.y, a.x, c.z]}}}
  b: {operations: {y: {calls: [c.z, a.x]}}}
  c: {operations: {z: {calls: [b.y], publishes: [E]}}}
  d: {consumes: {E: {calls: [a.x]}}}
  f: {operations: {w: {calls: [c.z]}}}
)";

std::vector<std::string> postorder_names(const FlowGraph& flow) {
  std::vector<std::string> names;
  for (int node : flow.postorder()) names.push_back(flow.name(node));
  return names;
}

TEST(FlowGraph, CutsEveryBackEdgeInTheOrderTheSearchFindsIt) {
  const model::Spec spec = testing::load(kCycles);
  const FlowGraph flow(spec);
  EXPECT_EQ(flow.cut_edge_names(),
            (std::vector<std::string>{"c.z -> b.y", "d:E -> a.x", "b.y -> a.x", "a.x -> a.x"}));
}

TEST(FlowGraph, ListsEveryNodeAfterItsSuccessors) {
  const model::Spec spec = testing::load(kCycles);
  const FlowGraph flow(spec);
  EXPECT_EQ(postorder_names(flow),
            (std::vector<std::string>{"d:E", "E", "c.z", "b.y", "a.x", "f.w"}));
}

TEST(FlowGraph, MarksOnlyTheBackEdgesAsCut) {
  const model::Spec spec = testing::load(kCycles);
  const FlowGraph flow(spec);
  std::vector<std::string> cut;
  for (int node = 0; node < flow.size(); ++node)
    for (const FlowEdge& edge : flow.out(node))
      if (edge.cut) cut.push_back(flow.name(node) + " -> " + flow.name(edge.to));
  EXPECT_EQ(cut,
            (std::vector<std::string>{"a.x -> a.x", "b.y -> a.x", "c.z -> b.y", "d:E -> a.x"}));
}

TEST(FlowGraph, AnAcyclicGraphHasNoCutAndAPostorderOfEveryNode) {
  const model::Spec spec = testing::load(R"(ripple: 1
services:
  a: {operations: {x: {calls: [b.y, b.y]}}}
  b: {operations: {y: {}}}
)");
  const FlowGraph flow(spec);
  EXPECT_TRUE(flow.cut_edge_names().empty());
  EXPECT_EQ(postorder_names(flow), (std::vector<std::string>{"b.y", "a.x"}));
}

TEST(FlowGraph, AnEmptySpecHasAnEmptyGraph) {
  const model::Spec spec = testing::load("ripple: 1\n");
  const FlowGraph flow(spec);
  EXPECT_EQ(flow.size(), 0);
  EXPECT_TRUE(flow.postorder().empty());
}

}  // namespace
}  // namespace ripple::analyzers::detail
