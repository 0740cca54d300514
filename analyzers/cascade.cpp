#include "analyzers/cascade.h"

#include <algorithm>
#include <deque>

#include "analyzers/flow_metrics.h"

namespace ripple::analyzers::detail {
namespace {

// Something that runs work: an operation or a consumer.
struct Runner {
  bool is_consumer = false;
  int id = -1;
};

struct CallerRef {
  Runner caller;
  const model::Call* call = nullptr;
};

struct PublishRef {
  Runner publisher;
  const model::Publish* publish = nullptr;
};

// Reverse indexes built once and shared by every component's propagation.
struct Index {
  std::vector<std::vector<CallerRef>> callers;            // by target operation
  std::vector<std::vector<model::ConsumerId>> callbacks;  // by read operation
  std::vector<std::vector<Runner>> store_users;           // by store
  std::vector<std::vector<PublishRef>> publishes;         // by broker
  std::vector<std::vector<model::ConsumerId>> consumers;  // by broker
  std::vector<double> entry_rate;                         // by operation
  std::vector<char> is_entry;                             // by operation
  double total_rate = 0;
};

void index_work(const model::Spec& spec, Runner runner, const model::Work& work, Index& index) {
  for (const model::Call& call : work.calls) index.callers[call.target].push_back({runner, &call});
  for (const auto* accesses : {&work.reads, &work.writes})
    for (const model::StoreAccess& access : *accesses)
      index.store_users[access.store].push_back(runner);
  for (const model::Publish& publish : work.publishes)
    index.publishes[spec.events[publish.event].broker].push_back({runner, &publish});
}

Index build_index(const model::Spec& spec) {
  Index index;
  index.callers.resize(spec.operations.size());
  index.callbacks.resize(spec.operations.size());
  index.store_users.resize(spec.stores.size());
  index.publishes.resize(spec.brokers.size());
  index.consumers.resize(spec.brokers.size());
  index.entry_rate.assign(spec.operations.size(), 0);
  index.is_entry.assign(spec.operations.size(), 0);
  for (std::size_t op = 0; op < spec.operations.size(); ++op)
    index_work(spec, {false, static_cast<int>(op)}, spec.operations[op].work, index);
  for (model::ConsumerId c : spec.consumer_ids()) {
    const model::Consumer& consumer = spec.consumers[c];
    index_work(spec, {true, c}, consumer.work, index);
    index.consumers[spec.events[consumer.event].broker].push_back(c);
    for (model::EntityId entity : spec.callback_entities(c))
      if (spec.entities[entity].read) index.callbacks[*spec.entities[entity].read].push_back(c);
  }
  for (model::OperationId op : entry_operations(spec)) index.is_entry[op] = 1;
  for (const model::RateSource& source : spec.workload.sources)
    index.entry_rate[source.to] += source.rate;
  index.total_rate = total_entry_rate(spec);
  return index;
}

// Per-operation and per-consumer state, allocated once and reset after each component through
// the lists of what was touched, so one component costs what fails, not the size of the spec.
struct Workspace {
  static constexpr int kUnvisited = -2;
  std::vector<int> parent;    // by operation: kUnvisited, kSeed (-1), or the failed callee
  std::vector<char> stalled;  // by consumer
  std::vector<model::OperationId> failed;
  std::vector<model::ConsumerId> stalled_list;

  explicit Workspace(const model::Spec& spec)
      : parent(spec.operations.size(), kUnvisited), stalled(spec.consumers.size(), 0) {}

  void reset() {
    for (model::OperationId op : failed) parent[op] = kUnvisited;
    for (model::ConsumerId c : stalled_list) stalled[c] = 0;
    failed.clear();
    stalled_list.clear();
  }
};

// The propagation of one component's failure.
class Propagation {
 public:
  Propagation(const model::Spec& spec, const Index& index, Workspace& workspace, ComponentKind kind,
              int id)
      : spec_(spec),
        index_(index),
        kind_(kind),
        id_(id),
        parent_(workspace.parent),
        work_(workspace) {}

  Cascade run() {
    seed();
    spread();
    Cascade cascade;
    cascade.kind = kind_;
    cascade.component = component_name();
    collect_operations(cascade);
    collect_consumers_and_events(cascade);
    std::sort(stoppers_.begin(), stoppers_.end(), [](const Stopper& a, const Stopper& b) {
      return std::tie(a.at, a.mechanism, a.detail) < std::tie(b.at, b.mechanism, b.detail);
    });
    stoppers_.erase(std::unique(stoppers_.begin(), stoppers_.end(),
                                [](const Stopper& a, const Stopper& b) {
                                  return a.at == b.at && a.mechanism == b.mechanism &&
                                         a.detail == b.detail;
                                }),
                    stoppers_.end());
    cascade.stopped_by = std::move(stoppers_);
    return cascade;
  }

 private:
  static constexpr int kUnvisited = Workspace::kUnvisited;
  static constexpr int kSeed = -1;

  [[nodiscard]] std::string component_name() const {
    switch (kind_) {
      case ComponentKind::Service:
        return spec_.services[id_].name;
      case ComponentKind::Store:
        return spec_.stores[id_].name;
      case ComponentKind::Broker:
        return spec_.brokers[id_].name;
    }
    return "";
  }

  [[nodiscard]] std::string runner_name(Runner r) const {
    return r.is_consumer ? spec_.consumers[r.id].name : spec_.operations[r.id].full_name;
  }

  void fail(Runner r, int parent) {
    if (r.is_consumer) {
      stall(model::ConsumerId{r.id});
    } else if (parent_[r.id] == kUnvisited) {
      parent_[r.id] = parent;
      work_.failed.emplace_back(r.id);
      queue_.emplace_back(r.id);
    }
  }

  void stall(model::ConsumerId c) {
    if (work_.stalled[c]) return;
    work_.stalled[c] = 1;
    work_.stalled_list.push_back(c);
  }

  void seed() {
    if (kind_ == ComponentKind::Service) {
      for (model::OperationId op : spec_.services[id_].operations) fail({false, op}, kSeed);
      for (model::ConsumerId c : spec_.services[id_].consumers) stall(c);
    } else if (kind_ == ComponentKind::Store) {
      for (Runner r : index_.store_users[id_]) fail(r, kSeed);
    } else {
      seed_broker();
    }
  }

  void seed_broker() {
    for (const PublishRef& ref : index_.publishes[id_]) {
      if (ref.publish->outbox) {
        stoppers_.push_back({runner_name(ref.publisher), "outbox",
                             "keeps " + spec_.events[ref.publish->event].name + " until " +
                                 spec_.brokers[id_].name + " is back"});
      } else {
        fail(ref.publisher, kSeed);
        lost_event(ref.publish->event);
      }
    }
    for (model::ConsumerId c : index_.consumers[id_]) stall(c);
    if (!spec_.brokers[id_].durable())
      for (model::EventId e : spec_.event_ids())
        if (spec_.events[e].broker == id_) lost_event(e);
  }

  void spread() {
    while (!queue_.empty()) {
      const model::OperationId op = queue_.front();
      queue_.pop_front();
      for (const CallerRef& ref : index_.callers[op]) {
        if (ref.call->on_failure == model::OnFailure::Fail) {
          fail(ref.caller, op);
        } else {
          stoppers_.push_back(
              {runner_name(ref.caller), "fallback",
               "on_failure: continue on the call to " + spec_.operations[op].full_name +
                   (ref.call->breaker ? ", behind a breaker that fails fast" : "")});
        }
      }
      for (model::ConsumerId c : index_.callbacks[op]) stall(c);
    }
  }

  void lost_event(model::EventId event) { lost_.push_back(event); }

  [[nodiscard]] std::vector<std::string> path_to(model::OperationId entry) const {
    std::vector<model::OperationId> chain;
    for (int op = entry; op >= 0; op = parent_[op]) chain.emplace_back(op);
    std::reverse(chain.begin(), chain.end());
    // A service that is down fails all its operations: the chain starts with the first
    // operation elsewhere, unless the entry itself belongs to the service.
    std::size_t first = 0;
    if (kind_ == ComponentKind::Service)
      while (first + 1 < chain.size() && spec_.operations[chain[first]].service == id_) ++first;
    std::vector<std::string> path{component_name()};
    for (std::size_t i = first; i < chain.size(); ++i)
      path.push_back(spec_.operations[chain[i]].full_name);
    return path;
  }

  void collect_operations(Cascade& cascade) const {
    double failed_rate = 0;
    std::vector<model::OperationId> failed = work_.failed;
    std::sort(failed.begin(), failed.end());
    for (model::OperationId op : failed) {
      cascade.failed_operations.push_back(spec_.operations[op].full_name);
      if (!index_.is_entry[op]) continue;
      cascade.failed_entries.push_back(spec_.operations[op].full_name);
      cascade.paths.push_back(path_to(op));
      failed_rate += index_.entry_rate[op];
    }
    cascade.blast_radius = index_.total_rate > 0 ? failed_rate / index_.total_rate : 0;
  }

  void collect_consumers_and_events(Cascade& cascade) {
    std::vector<model::ConsumerId> stalled = work_.stalled_list;
    std::sort(stalled.begin(), stalled.end());
    for (model::ConsumerId c : stalled) {
      const model::Consumer& consumer = spec_.consumers[c];
      const model::Broker& broker = spec_.brokers[spec_.events[consumer.event].broker];
      cascade.stalled_consumers.push_back(consumer.name);
      if (!broker.durable())
        lost_event(consumer.event);
      else if (!(kind_ == ComponentKind::Broker && spec_.events[consumer.event].broker == id_))
        stoppers_.push_back({consumer.name, "durable broker",
                             broker.name + " keeps " + spec_.events[consumer.event].name +
                                 " until the consumer recovers"});
    }
    if (kind_ == ComponentKind::Service) lose_held_events();
    std::sort(lost_.begin(), lost_.end());
    lost_.erase(std::unique(lost_.begin(), lost_.end()), lost_.end());
    for (model::EventId e : lost_) cascade.lost_events.push_back(spec_.events[e].name);
  }

  // A memory broker holds events inside the publishing process: they die with it.
  void lose_held_events() {
    for (model::OperationId op : spec_.services[id_].operations)
      for (const model::Publish& publish : spec_.operations[op].work.publishes)
        if (!spec_.brokers[spec_.events[publish.event].broker].durable()) lost_event(publish.event);
    for (model::ConsumerId c : spec_.services[id_].consumers)
      for (const model::Publish& publish : spec_.consumers[c].work.publishes)
        if (!spec_.brokers[spec_.events[publish.event].broker].durable()) lost_event(publish.event);
  }

  const model::Spec& spec_;
  const Index& index_;
  ComponentKind kind_;
  int id_;
  std::vector<int>& parent_;  // by operation: kUnvisited, kSeed, or the failed callee
  Workspace& work_;
  std::deque<model::OperationId> queue_;
  std::vector<model::EventId> lost_;
  std::vector<Stopper> stoppers_;
};

}  // namespace

std::vector<Cascade> compute_cascades(const model::Spec& spec) {
  const Index index = build_index(spec);
  Workspace workspace(spec);
  std::vector<Cascade> cascades;
  const std::pair<ComponentKind, std::size_t> groups[] = {
      {ComponentKind::Service, spec.services.size()},
      {ComponentKind::Store, spec.stores.size()},
      {ComponentKind::Broker, spec.brokers.size()}};
  for (const auto& [kind, count] : groups)
    for (std::size_t id = 0; id < count; ++id) {
      cascades.push_back(Propagation(spec, index, workspace, kind, static_cast<int>(id)).run());
      workspace.reset();
    }
  return cascades;
}

}  // namespace ripple::analyzers::detail
