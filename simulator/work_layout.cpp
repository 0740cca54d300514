#include "simulator/work_layout.h"

#include <map>

namespace ripple::sim {

WorkLayout::WorkLayout(const model::Spec& spec)
    : operations_(static_cast<int>(spec.operations.size())) {
  for (const model::Operation& op : spec.operations) {
    work_.push_back(&op.work);
    service_.push_back(op.service);
    work_name_.push_back(&op.full_name);
  }
  for (const model::Consumer& consumer : spec.consumers) {
    work_.push_back(&consumer.work);
    service_.push_back(consumer.service);
    work_name_.push_back(&consumer.name);
  }
  // Callback calls first, so the pointers taken below stay valid.
  callback_offset_.push_back(0);
  for (const model::ConsumerId c : spec.consumer_ids()) {
    for (const model::EntityId entity : spec.callback_entities(c)) {
      const auto& read = spec.entities[static_cast<std::size_t>(entity)].read;
      if (!read) continue;  // nothing to call: the lint reports it, the simulation skips it
      model::Call call = spec.callback_policy;
      call.target = *read;
      callback_calls_.push_back(call);
    }
    callback_offset_.push_back(static_cast<int>(callback_calls_.size()));
  }
  for (std::size_t w = 0; w < work_.size(); ++w) {
    edge_offset_.push_back(static_cast<int>(edge_call_.size()));
    const std::string& name = w < spec.operations.size()
                                  ? spec.operations[w].full_name
                                  : spec.consumers[w - spec.operations.size()].name;
    for (const model::Call& call : work_[w]->calls) {
      edge_call_.push_back(&call);
      edge_from_.push_back(&name);
    }
  }
  first_callback_ = static_cast<int>(edge_call_.size());
  for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
    for (int k = callback_offset_[c]; k < callback_offset_[c + 1]; ++k) {
      edge_call_.push_back(&callback_calls_[static_cast<std::size_t>(k)]);
      edge_from_.push_back(&spec.consumers[c].name);
    }
  }
  batch_offset_.push_back(0);
  access_offset_.push_back(0);
  for (const model::Work* work : work_) {
    batch_offset_.push_back(batch_offset_.back() + static_cast<int>(work->writes.size()));
    access_offset_.push_back(access_offset_.back() +
                             static_cast<int>(work->reads.size() + work->writes.size()));
  }
  // Edge names: the caller, the target and the rank among the caller's edges to that target.
  std::map<std::pair<const std::string*, int>, int> seen;
  for (std::size_t e = 0; e < edge_call_.size(); ++e) {
    const int target = edge_call_[e]->target;
    const bool callback = edge_is_callback(static_cast<int>(e));
    const int rank = seen[{edge_from_[e], 2 * target + (callback ? 1 : 0)}]++;
    edge_name_.push_back(*edge_from_[e] + (callback ? "=>" : "->") +
                         spec.operations[static_cast<std::size_t>(target)].full_name + "#" +
                         std::to_string(rank));
  }
}

bool is_entry_operation(const model::Spec& spec, int op) {
  for (const model::RateSource& source : spec.workload.sources)
    if (source.to == op) return true;
  for (const model::ReconnectSource& source : spec.workload.reconnects)
    if (source.to == op) return true;
  return false;
}

}  // namespace ripple::sim
