#pragma once

// Internal: what failure propagation (design.md, "Failure propagation") needs to know about a
// spec, as flat reverse indexes by id built once: who calls each operation and what the call
// does when it fails, who calls it back, who uses each store, who publishes to and consumes from
// each broker, and every stopper that can occur, ranked by its text. Shared by the expansion of
// one cascade (cascade_explorer) and by the bounded pass over all of them (cascade_bounded).

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/analysis.h"
#include "model/spec.h"

namespace ripple::analyzers::detail {

// Something that runs work: an operation or a consumer.
struct Runner {
  RunnerKind kind = RunnerKind::Operation;
  int id = -1;
};

// A flat list of lists: items of key k are items[start[k] .. start[k + 1]).
template <class T>
class Csr {
 public:
  struct Range {
    const T* first;
    const T* last;
    [[nodiscard]] const T* begin() const { return first; }
    [[nodiscard]] const T* end() const { return last; }
    [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(last - first); }
  };

  // From (key, item) pairs; each key's items keep the order of `pairs`.
  Csr(std::size_t keys, const std::vector<std::pair<int, T>>& pairs) : start_(keys + 1, 0) {
    for (const auto& [key, item] : pairs) ++start_[static_cast<std::size_t>(key) + 1];
    for (std::size_t k = 0; k < keys; ++k) start_[k + 1] += start_[k];
    items_.resize(pairs.size());
    std::vector<int> next(start_.begin(), start_.end() - 1);
    for (const auto& [key, item] : pairs) items_[static_cast<std::size_t>(next[key]++)] = item;
  }
  Csr() = default;

  [[nodiscard]] Range operator[](int key) const {
    return {items_.data() + start_[key], items_.data() + start_[key + 1]};
  }
  [[nodiscard]] std::size_t keys() const { return start_.empty() ? 0 : start_.size() - 1; }

 private:
  std::vector<int> start_;
  std::vector<T> items_;
};

// A call seen from its callee.
struct CallerEdge {
  Runner caller;
  bool fails = true;     // on_failure: fail; otherwise a fallback stops the failure here
  bool breaker = false;  // the call has a breaker
  int stopper = -1;      // a fallback's stopper rank
};

struct PublishEdge {
  Runner publisher;
  model::EventId event = -1;
  int stopper = -1;  // with outbox: true, the outbox's stopper rank; otherwise -1
};

class FailureIndex {
 public:
  explicit FailureIndex(const model::Spec& spec);

  const model::Spec& spec;
  // By target operation, in the order of the callers' declarations (operations by id, then
  // consumers by id, each one's calls in order): the order a breadth-first propagation follows.
  Csr<CallerEdge> callers;
  Csr<model::ConsumerId> callbacks;         // by the read operation called back
  Csr<Runner> store_users;                  // by store: every read, then every write, per runner
  Csr<PublishEdge> publishes;               // by broker
  Csr<model::ConsumerId> broker_consumers;  // by broker: consumers of its events
  Csr<model::EventId> broker_events;        // by broker
  std::vector<char> is_entry;               // by operation: a workload source targets it
  std::vector<double> entry_rate;           // by operation: rate sources' rates, per second
  double total_rate = 0;                    // per second
  std::vector<char> durable;                // by consumer: its event's broker keeps events
  std::vector<int> durable_stopper;         // by consumer: its stopper rank, -1 if not durable
  // By rank: one of each distinct stopper, in the order of their text (at, mechanism, detail).
  std::vector<StopperRef> stoppers;

  [[nodiscard]] int operations() const { return static_cast<int>(spec.operations.size()); }
  [[nodiscard]] int consumers() const { return static_cast<int>(spec.consumers.size()); }
  [[nodiscard]] int events() const { return static_cast<int>(spec.events.size()); }
  [[nodiscard]] model::BrokerId broker_of(model::ConsumerId c) const {
    return spec.events[spec.consumers[c].event].broker;
  }
};

// Components in the order of Analysis::cascades: services, then stores, then brokers, by id.
struct Component {
  ComponentKind kind = ComponentKind::Service;
  int id = -1;
};
[[nodiscard]] std::vector<Component> components_of(const model::Spec& spec);
[[nodiscard]] const std::string& component_name(const model::Spec& spec, Component component);

}  // namespace ripple::analyzers::detail
