#pragma once

// The spec's components and the nominal traffic between them, the report's architecture
// diagram before any drawing: services, brokers and stores as nodes; calls, publishes,
// deliveries, callbacks and store accesses as edges aggregated per pair of components and kind;
// the hottest path and the chain of the worst cascade marked on them.
//
//   ComponentGraph g = build_component_graph(spec, analyze(spec));
//
// Rates are per second at the workload's nominal rates (the analyzers' rates).

#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "model/spec.h"

namespace ripple::cli {

enum class NodeKind { Service, Broker, Store };
// Sync: a call; Publish: service to broker; Consume: broker to service; Callback: a consumer
// calling back the owner of a field the event lacks (hidden coupling); Store: reads and writes.
enum class EdgeKind { Sync, Publish, Consume, Callback, Store };

struct ComponentNode {
  std::string name;
  NodeKind kind = NodeKind::Service;
  std::size_t element = 0;  // index into spec.services, spec.brokers or spec.stores, by kind
  bool hot = false;         // on the hottest path
  bool cascade = false;     // on the worst cascade chain
};

struct ComponentEdge {
  std::size_t from = 0;  // index into ComponentGraph::nodes
  std::size_t to = 0;
  EdgeKind kind = EdgeKind::Sync;
  // What flows, each name once, first seen first: the callee operations of calls, the events of
  // publishes and deliveries, "reads" and "writes", the read operations called back (the entity
  // when it declares none).
  std::vector<std::string> names;
  double rate = 0;  // nominal requests, events or deliveries per second
  bool hot = false;
  bool cascade = false;
};

struct ComponentGraph {
  std::vector<ComponentNode> nodes;  // services, then brokers, then stores, each in spec order
  std::vector<ComponentEdge> edges;  // ordered by (from, to, kind)
  // The hottest path: from the service of the busiest entry operation, the busiest outgoing edge
  // (stores aside) to a node not yet on the path, as long as one has traffic. Indexes into
  // edges, in path order; empty without traffic.
  std::vector<std::size_t> hot_path;
  // The longest chain of the cascade with the widest blast radius, as the analyzers give it
  // (the failing component, then each failing operation up to the entry); empty when none.
  std::vector<std::string> worst_chain;
};

// REQUIRES: `analysis` is analyze(spec).
[[nodiscard]] ComponentGraph build_component_graph(const model::Spec& spec,
                                                   const analyzers::Analysis& analysis);

}  // namespace ripple::cli
