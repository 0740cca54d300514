#pragma once

// Internal: the typed dependency multigraph of a spec. Vertices are services, brokers and
// stores; every dependency is one edge with a kind, so two calls between the same services are
// two edges. Each edge belongs to one or both layers:
//   runtime  ("who must be up for me to work"): call, callback, publish (to the broker),
//            consume (from the broker), read and write (to the store);
//   contract ("whose change can break me"): call, callback, consume (on the services that
//            publish the event).
// Edges point from the dependent to what it depends on. Boost.Graph stays inside the .cpp.

#include <memory>
#include <vector>

#include "model/spec.h"

namespace ripple::analyzers::detail {

enum class EdgeKind { Call, Publish, Consume, Callback, Read, Write };
enum class Layer { Runtime, Contract };

// A set of edge kinds.
class EdgeKinds {
 public:
  constexpr EdgeKinds(std::initializer_list<EdgeKind> kinds) {
    for (EdgeKind kind : kinds) bits_ |= 1u << static_cast<unsigned>(kind);
  }
  [[nodiscard]] constexpr bool has(EdgeKind kind) const {
    return (bits_ >> static_cast<unsigned>(kind)) & 1u;
  }

 private:
  unsigned bits_ = 0;
};

inline constexpr EdgeKinds kAllKinds = {EdgeKind::Call,     EdgeKind::Publish, EdgeKind::Consume,
                                        EdgeKind::Callback, EdgeKind::Read,    EdgeKind::Write};

class DependencyGraph {
 public:
  explicit DependencyGraph(const model::Spec& spec);
  ~DependencyGraph();
  DependencyGraph(const DependencyGraph&) = delete;
  DependencyGraph& operator=(const DependencyGraph&) = delete;

  // Distinct other services `service` depends on through edges of `kinds` in `layer`, sorted.
  [[nodiscard]] std::vector<model::ServiceId> dependencies(model::ServiceId service, Layer layer,
                                                           EdgeKinds kinds) const;
  // Distinct other services that depend on `service` in `layer`, sorted.
  [[nodiscard]] std::vector<model::ServiceId> dependents(model::ServiceId service,
                                                         Layer layer) const;
  // Strongly connected components with more than one service of the sync call graph, each
  // sorted by id, ordered by their smallest id.
  [[nodiscard]] std::vector<std::vector<model::ServiceId>> sync_components() const;
  // A shortest cycle of calls through the component's first service, first service repeated
  // at the end: {order, payment, order}.
  [[nodiscard]] std::vector<model::ServiceId> cycle_in(
      const std::vector<model::ServiceId>& component) const;
  [[nodiscard]] std::size_t edge_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Services that publish `event`: owners of publishing operations and consumers, sorted, unique.
[[nodiscard]] std::vector<std::vector<model::ServiceId>> publishers_by_event(
    const model::Spec& spec);

}  // namespace ripple::analyzers::detail
