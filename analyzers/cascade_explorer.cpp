#include "analyzers/cascade_explorer.h"

#include <algorithm>

#include "analyzers/failure_index.h"

namespace ripple::analyzers {
namespace {

using detail::Component;
using detail::FailureIndex;
using detail::Runner;

// Per-operation and per-consumer state, allocated once and reset after each component through
// the lists of what was touched, so one component costs what fails, not the size of the spec.
struct Workspace {
  static constexpr int kUnvisited = -2;
  static constexpr int kSeed = -1;
  std::vector<int> parent;                 // by operation: kUnvisited, kSeed, or the failed callee
  std::vector<char> stalled;               // by consumer
  std::vector<model::OperationId> failed;  // in the order they failed: the propagation's queue
  std::vector<model::ConsumerId> stalled_list;
  std::vector<model::EventId> lost;
  std::vector<int> stoppers;  // ranks

  explicit Workspace(const FailureIndex& index)
      : parent(static_cast<std::size_t>(index.operations()), kUnvisited),
        stalled(static_cast<std::size_t>(index.consumers()), 0) {}

  void reset() {
    for (model::OperationId op : failed) parent[op] = kUnvisited;
    for (model::ConsumerId c : stalled_list) stalled[c] = 0;
    failed.clear();
    stalled_list.clear();
    lost.clear();
    stoppers.clear();
  }
};

// The breadth-first propagation of one component's failure: seeds in declaration order, then
// each failed operation's callers in FailureIndex::callers order. The parent of an operation is
// the callee through which it failed first, which fixes the chains in `paths`.
class Expansion {
 public:
  Expansion(const FailureIndex& index, Workspace& work, Component component)
      : index_(index), spec_(index.spec), work_(work), component_(component) {}

  Cascade run() {
    seed();
    spread();
    Cascade c;
    c.kind = component_.kind;
    c.component_id = component_.id;
    c.component = detail::component_name(spec_, component_);
    collect_operations(c);
    collect_consumers_and_events(c);
    c.counts = {static_cast<int>(c.failed_entry_ids.size()),
                static_cast<int>(c.failed_operation_ids.size()),
                static_cast<int>(c.stalled_consumer_ids.size()),
                static_cast<int>(c.lost_event_ids.size()), static_cast<int>(c.stopper_refs.size())};
    return c;
  }

 private:
  void fail(Runner r, int parent) {
    if (r.kind == RunnerKind::Consumer) {
      stall(r.id);
    } else if (work_.parent[r.id] == Workspace::kUnvisited) {
      work_.parent[r.id] = parent;
      work_.failed.push_back(r.id);
    }
  }

  void stall(model::ConsumerId c) {
    if (work_.stalled[c]) return;
    work_.stalled[c] = 1;
    work_.stalled_list.push_back(c);
  }

  void seed() {
    const int id = component_.id;
    if (component_.kind == ComponentKind::Service) {
      for (model::OperationId op : spec_.services[id].operations)
        fail({RunnerKind::Operation, op}, Workspace::kSeed);
      for (model::ConsumerId c : spec_.services[id].consumers) stall(c);
    } else if (component_.kind == ComponentKind::Store) {
      for (Runner r : index_.store_users[id]) fail(r, Workspace::kSeed);
    } else {
      seed_broker(id);
    }
  }

  void seed_broker(model::BrokerId id) {
    for (const detail::PublishEdge& edge : index_.publishes[id]) {
      if (edge.stopper >= 0) {
        work_.stoppers.push_back(edge.stopper);
      } else {
        fail(edge.publisher, Workspace::kSeed);
        work_.lost.push_back(edge.event);
      }
    }
    for (model::ConsumerId c : index_.broker_consumers[id]) stall(c);
    if (!spec_.brokers[id].durable())
      for (model::EventId e : index_.broker_events[id]) work_.lost.push_back(e);
  }

  void spread() {
    for (std::size_t next = 0; next < work_.failed.size(); ++next) {
      const model::OperationId op = work_.failed[next];
      for (const detail::CallerEdge& edge : index_.callers[op]) {
        if (edge.fails)
          fail(edge.caller, op);
        else
          work_.stoppers.push_back(edge.stopper);
      }
      for (model::ConsumerId c : index_.callbacks[op]) stall(c);
    }
  }

  [[nodiscard]] std::vector<model::OperationId> path_to(model::OperationId entry) const {
    std::vector<model::OperationId> chain;
    for (int op = entry; op >= 0; op = work_.parent[op]) chain.push_back(op);
    std::reverse(chain.begin(), chain.end());
    // A service that is down fails all its operations: the chain starts with the first
    // operation elsewhere, unless the entry itself belongs to the service.
    std::size_t first = 0;
    if (component_.kind == ComponentKind::Service)
      while (first + 1 < chain.size() && spec_.operations[chain[first]].service == component_.id)
        ++first;
    return {chain.begin() + static_cast<std::ptrdiff_t>(first), chain.end()};
  }

  void collect_operations(Cascade& c) const {
    c.failed_operation_ids = work_.failed;
    std::sort(c.failed_operation_ids.begin(), c.failed_operation_ids.end());
    double failed_rate = 0;
    for (model::OperationId op : c.failed_operation_ids) {
      if (!index_.is_entry[op]) continue;
      c.failed_entry_ids.push_back(op);
      c.path_ids.push_back(path_to(op));
      failed_rate += index_.entry_rate[op];
      if (c.longest_path_index < 0 || c.path_ids.back().size() > c.longest_path_ids.size()) {
        c.longest_path_index = static_cast<int>(c.path_ids.size()) - 1;
        c.longest_path_ids = c.path_ids.back();
      }
    }
    c.blast_radius = index_.total_rate > 0 ? failed_rate / index_.total_rate : 0;
  }

  void collect_consumers_and_events(Cascade& c) {
    c.stalled_consumer_ids = work_.stalled_list;
    std::sort(c.stalled_consumer_ids.begin(), c.stalled_consumer_ids.end());
    for (model::ConsumerId consumer : c.stalled_consumer_ids) {
      if (!index_.durable[consumer])
        work_.lost.push_back(spec_.consumers[consumer].event);
      else if (!(component_.kind == ComponentKind::Broker &&
                 index_.broker_of(consumer) == component_.id))
        work_.stoppers.push_back(index_.durable_stopper[consumer]);
    }
    if (component_.kind == ComponentKind::Service) lose_held_events();
    c.lost_event_ids = sorted_unique(work_.lost);
    for (int rank : sorted_unique(work_.stoppers)) c.stopper_refs.push_back(index_.stoppers[rank]);
  }

  // A memory broker holds events inside the publishing process: they die with it.
  void lose_held_events() {
    const model::Service& service = spec_.services[component_.id];
    for (model::OperationId op : service.operations) lose_held(spec_.operations[op].work);
    for (model::ConsumerId c : service.consumers) lose_held(spec_.consumers[c].work);
  }

  void lose_held(const model::Work& work) {
    for (const model::Publish& publish : work.publishes)
      if (!spec_.brokers[spec_.events[publish.event].broker].durable())
        work_.lost.push_back(publish.event);
  }

  static std::vector<int> sorted_unique(std::vector<int> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  const FailureIndex& index_;
  const model::Spec& spec_;
  Workspace& work_;
  Component component_;
};

}  // namespace

struct CascadeExplorer::Impl {
  FailureIndex index;
  Workspace workspace;
  explicit Impl(const model::Spec& spec) : index(spec), workspace(index) {}
};

CascadeExplorer::CascadeExplorer(const model::Spec& spec) : impl_(std::make_unique<Impl>(spec)) {}

CascadeExplorer::~CascadeExplorer() = default;

Cascade CascadeExplorer::expand(ComponentKind kind, int component_id) {
  Cascade c = Expansion(impl_->index, impl_->workspace, {kind, component_id}).run();
  impl_->workspace.reset();
  return c;
}

}  // namespace ripple::analyzers
