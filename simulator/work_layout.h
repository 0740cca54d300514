#pragma once

// How a Replication numbers the units of work of a spec and their outgoing calls, shared with the
// Summary so that both agree on every index.
//
// Work ids: operations first (work id = operation id), then consumers (work id = number of
// operations + consumer id). Call edges: every operation's calls in operation order, then every
// consumer's calls in consumer order, then every consumer's callbacks (one edge per entity whose
// needed fields its event lacks and that has a `read` operation). Operation edges therefore keep
// the indices they had before consumers were simulated. Batchers: one slot per write access,
// numbered by work id then write index.
//
// Callbacks use spec.callback_policy: the spec's `defaults:` call policy (timeout, retry, breaker,
// on_failure) over the built-in one.
//
// Holds pointers into itself and into the Spec: not copyable; the Spec must outlive it.

#include <string>
#include <vector>

#include "model/spec.h"

namespace ripple::sim {

class WorkLayout {
 public:
  explicit WorkLayout(const model::Spec& spec);
  WorkLayout(const WorkLayout&) = delete;
  WorkLayout& operator=(const WorkLayout&) = delete;
  WorkLayout(WorkLayout&&) = default;
  WorkLayout& operator=(WorkLayout&&) = delete;

  [[nodiscard]] int works() const { return static_cast<int>(work_.size()); }
  [[nodiscard]] int operations() const { return operations_; }
  [[nodiscard]] int consumer_work(int consumer) const { return operations_ + consumer; }
  [[nodiscard]] const model::Work& work(int work_id) const { return *work_[work_id]; }
  [[nodiscard]] int service(int work_id) const { return service_[work_id]; }
  // "service.operation" or "service:Event".
  [[nodiscard]] const std::string& work_name(int work_id) const { return *work_name_[work_id]; }

  [[nodiscard]] int edges() const { return static_cast<int>(edge_call_.size()); }
  [[nodiscard]] int edge_offset(int work_id) const { return edge_offset_[work_id]; }
  [[nodiscard]] const model::Call& edge_call(int edge) const { return *edge_call_[edge]; }
  // Name of the caller: "service.operation" or "service:Event".
  [[nodiscard]] const std::string& edge_from(int edge) const { return *edge_from_[edge]; }
  [[nodiscard]] bool edge_is_callback(int edge) const { return edge >= first_callback_; }
  // A name of the edge that does not depend on ids or on other works: "from->svc.op#n", or
  // "svc:Event=>svc.op#n" for a callback, where n counts from's earlier edges to the same target.
  [[nodiscard]] const std::string& edge_name(int edge) const { return edge_name_[edge]; }

  // First callback edge of `consumer`; its callbacks() edges follow.
  [[nodiscard]] int callback_offset(int consumer) const {
    return first_callback_ + callback_offset_[consumer];
  }
  [[nodiscard]] int callbacks(int consumer) const {
    return callback_offset_[consumer + 1] - callback_offset_[consumer];
  }

  // One batcher slot per write access (used only by those with a `batch`).
  [[nodiscard]] int batchers() const { return batch_offset_.back(); }
  [[nodiscard]] int batcher(int work_id, int write) const { return batch_offset_[work_id] + write; }

  // One slot per store access (reads, then writes, by work id): each has its own random stream.
  [[nodiscard]] int store_accesses() const { return access_offset_.back(); }
  [[nodiscard]] int store_access(int work_id, bool write, int index) const {
    return access_offset_[work_id] + (write ? static_cast<int>(work_[work_id]->reads.size()) : 0) +
           index;
  }

 private:
  int operations_ = 0;
  int first_callback_ = 0;
  std::vector<const model::Work*> work_;
  std::vector<int> service_;
  std::vector<int> edge_offset_;
  std::vector<int> callback_offset_;  // by consumer, plus one past the end
  std::vector<model::Call> callback_calls_;
  std::vector<const model::Call*> edge_call_;
  std::vector<const std::string*> edge_from_;
  std::vector<std::string> edge_name_;
  std::vector<const std::string*> work_name_;
  std::vector<int> access_offset_;  // by work id, plus one past the end
  std::vector<int> batch_offset_;   // by work id, plus one past the end
};

// Whether a workload source (rate or reconnect) targets `op`: its requests are entry requests.
[[nodiscard]] bool is_entry_operation(const model::Spec& spec, int op);

}  // namespace ripple::sim
