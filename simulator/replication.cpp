#include "simulator/replication.h"

#include <algorithm>
#include <cmath>

#include "simulator/replication_state.h"

namespace ripple::sim {
namespace {

TimeNs scaled(TimeNs time, double factor) {
  if (factor == 1) return time;
  return static_cast<TimeNs>(std::llround(static_cast<double>(time) * factor));
}

}  // namespace

Replication::Replication(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed)
    : spec_(spec), plan_(plan), seed_(seed), layout_(spec) {}

Replication::~Replication() = default;

ReplicationMetrics Replication::run() {
  build();
  engine_.run_until(plan_.duration);
  for (std::size_t s = 0; s < services_.size(); ++s) touch_busy(static_cast<int>(s));
  for (std::size_t c = 0; c < consumers_.size(); ++c) touch_handling(static_cast<int>(c));
  count_in_flight();
  metrics_.events_processed = engine_.events_processed();
  return std::move(metrics_);
}

// ---------------------------------------------------------------------------------------------
// Set-up

void Replication::build() {
  const auto n_ops = spec_.operations.size();
  metrics_.measured_ns = plan_.duration - plan_.warmup;
  metrics_.operations.resize(n_ops);
  metrics_.services.resize(spec_.services.size());
  metrics_.amplification.resize(n_ops);
  step_latency_.resize(n_ops);

  for (std::size_t op = 0; op < n_ops; ++op)
    work_rng_.emplace_back(derive_seed(seed_, stream_key(StreamKind::Operation, op)));
  for (std::size_t c = 0; c < spec_.consumers.size(); ++c)
    work_rng_.emplace_back(derive_seed(seed_, stream_key(StreamKind::Consumer, c)));
  for (int edge = 0; edge < layout_.edges(); ++edge) {
    const model::Call& call = layout_.edge_call(edge);
    edge_rng_.emplace_back(
        derive_seed(seed_, stream_key(StreamKind::Call, static_cast<std::uint64_t>(edge))));
    breakers_.push_back(call.breaker ? std::make_unique<CircuitBreaker>(*call.breaker) : nullptr);
  }
  metrics_.edges.resize(static_cast<std::size_t>(layout_.edges()));

  for (std::size_t s = 0; s < spec_.services.size(); ++s) {
    ServiceState state;
    state.replicas.resize(static_cast<std::size_t>(spec_.services[s].replicas));
    state.serving = spec_.services[s].replicas;
    state.rng = Rng(derive_seed(seed_, stream_key(StreamKind::Service, s)));
    services_.push_back(std::move(state));
  }
  for (std::size_t s = 0; s < spec_.stores.size(); ++s) {
    StoreState state;
    state.rng = Rng(derive_seed(seed_, stream_key(StreamKind::Store, s)));
    stores_.push_back(std::move(state));
  }

  steps_ = static_cast<int>((metrics_.measured_ns + plan_.step - 1) / plan_.step);
  metrics_.entry_steps.resize(n_ops);
  for (std::size_t op = 0; op < n_ops; ++op) {
    if (!is_entry_operation(spec_, static_cast<int>(op))) continue;
    StepValues& values = metrics_.entry_steps[op];
    values.completed.assign(static_cast<std::size_t>(steps_), 0);
    values.errors.assign(static_cast<std::size_t>(steps_), 0);
    values.p99_ns.assign(static_cast<std::size_t>(steps_), 0);
  }
  metrics_.queue_steps.assign(spec_.services.size(),
                              std::vector<double>(static_cast<std::size_t>(steps_), 0));
  for (int k = 0; k < steps_; ++k) {
    const TimeNs end = std::min(plan_.duration, plan_.warmup + (k + 1) * plan_.step);
    metrics_.step_length_ns.push_back(static_cast<double>(end - plan_.warmup - k * plan_.step));
  }
  if (steps_ > 0)
    engine_.schedule_at<&Replication::on_step_end>(
        std::min(plan_.duration, plan_.warmup + plan_.step), this, 0);

  fault_active_.assign(spec_.faults.size(), false);
  for (std::size_t f = 0; f < spec_.faults.size(); ++f) {
    const model::Fault& fault = spec_.faults[f];
    engine_.schedule_at<&Replication::on_fault_start>(fault.at.ns, this, f);
    engine_.schedule_at<&Replication::on_fault_end>(fault.at.ns + fault.length.ns, this, f);
  }

  for (std::size_t s = 0; s < spec_.workload.sources.size(); ++s) {
    SourceState state;
    state.rng = Rng(derive_seed(seed_, stream_key(StreamKind::Source, s)));
    for (const model::Spike& spike : spec_.workload.sources[s].spikes) {
      state.changes.push_back(spike.at.ns);
      state.changes.push_back(spike.at.ns + spike.length.ns);
    }
    std::sort(state.changes.begin(), state.changes.end());
    sources_.push_back(std::move(state));
  }
  build_events();
  for (std::size_t s = 0; s < sources_.size(); ++s) schedule_next_arrival(static_cast<int>(s));
  schedule_reconnects();
}

// ---------------------------------------------------------------------------------------------
// Open-loop sources

double Replication::rate_at(int source, TimeNs time) const {
  const model::RateSource& model_source = spec_.workload.sources[static_cast<std::size_t>(source)];
  double rate = model_source.rate;
  for (const model::Spike& spike : model_source.spikes)  // a later spike wins where they overlap
    if (time >= spike.at.ns && time < spike.at.ns + spike.length.ns) rate = spike.rate;
  return rate;
}

// The rate is piecewise constant. A gap that would cross a change point is discarded and drawn
// again from the change point with the new rate: exact for Poisson arrivals (memoryless), and for
// constant arrivals it restarts the spacing at the change.
void Replication::schedule_next_arrival(int source) {
  SourceState& state = sources_[static_cast<std::size_t>(source)];
  const bool poisson =
      spec_.workload.sources[static_cast<std::size_t>(source)].arrival == model::Arrival::Poisson;
  TimeNs from = engine_.now();
  for (;;) {
    const auto next_change = std::upper_bound(state.changes.begin(), state.changes.end(), from);
    const TimeNs change = next_change == state.changes.end() ? plan_.duration : *next_change;
    const double rate = rate_at(source, from);
    if (rate > 0) {
      const double mean_gap = 1e9 / rate;
      const double gap = poisson ? state.rng.exponential(mean_gap) : mean_gap;
      const TimeNs at = from + static_cast<TimeNs>(gap + 0.5);
      if (at < change) {
        if (at >= plan_.duration) return;
        engine_.schedule_at<&Replication::on_arrival>(at, this, static_cast<std::uint64_t>(source));
        return;
      }
    }
    if (change >= plan_.duration) return;
    from = change;
  }
}

void Replication::on_arrival(std::uint64_t source) {
  const int op = spec_.workload.sources[source].to;
  const bool measured = measuring();
  if (measured) ++metrics_.amplification[static_cast<std::size_t>(op)].entries;
  (void)arrive(op, Caller{}, op, measured);
  schedule_next_arrival(static_cast<int>(source));
}

// ---------------------------------------------------------------------------------------------
// Requests at a service

Replication::RequestHandle Replication::arrive(int op, const Caller& caller, int root,
                                               bool root_measured) {
  const int s = spec_.operations[static_cast<std::size_t>(op)].service;
  ServiceState& service = services_[static_cast<std::size_t>(s)];
  if (!caller.entry() && root_measured)
    ++metrics_.amplification[static_cast<std::size_t>(root)].downstream;
  if (service.serving == 0 ||
      (service.error_ratio > 0 && service.rng.bernoulli(service.error_ratio))) {
    fail_at_once(op, caller, false);
    return RequestHandle{};
  }
  const int r = pick_replica(service);
  ReplicaState& replica = service.replicas[static_cast<std::size_t>(r)];
  const model::Service& model_service = spec_.services[static_cast<std::size_t>(s)];
  const bool worker_free = replica.busy < model_service.workers;
  if (!worker_free && model_service.queue && replica.queued >= *model_service.queue) {
    fail_at_once(op, caller, true);
    return RequestHandle{};
  }
  Request fresh;
  fresh.op = op;
  fresh.work = op;
  fresh.service = s;
  fresh.replica = r;
  fresh.root = root;
  fresh.root_measured = root_measured;
  fresh.measured = measuring();
  fresh.arrival = engine_.now();
  fresh.caller = caller;
  const RequestHandle handle = requests_.allocate(fresh);
  if (worker_free) {
    start(handle);
  } else {
    replica.queue.push_back(handle);
    ++replica.queued;
    if (measuring()) {
      auto& max_queue = metrics_.services[static_cast<std::size_t>(s)].max_queue;
      max_queue = std::max<std::int64_t>(max_queue, replica.queued);
    }
  }
  return handle;
}

void Replication::fail_at_once(int op, const Caller& caller, bool rejected) {
  if (measuring()) {
    OperationMetrics& metrics = metrics_.operations[static_cast<std::size_t>(op)];
    ++metrics.errors;
    if (rejected) {
      ++metrics.rejected;
      const int s = spec_.operations[static_cast<std::size_t>(op)].service;
      ++metrics_.services[static_cast<std::size_t>(s)].rejected;
    }
  }
  if (caller.entry()) record_entry_completion(op, false, 0, false);
  // Answered through the queue, not by a nested call, so a caller never re-enters itself.
  if (caller.kind == Caller::Kind::Call)
    engine_.schedule_in<&Replication::on_call_failed_at_once>(0, this, caller.ref);
  else if (caller.kind == Caller::Kind::Client)
    engine_.schedule_in<&Replication::on_client_failed_at_once>(0, this, caller.ref);
}

void Replication::on_call_failed_at_once(std::uint64_t call) {
  on_child_response(Caller{Caller::Kind::Call, call}, false);
}

void Replication::on_client_failed_at_once(std::uint64_t client_ref) {
  on_client_response(client_ref, false);
}

int Replication::pick_replica(ServiceState& service) {
  if (service.serving == 1) return 0;
  const int s = static_cast<int>(&service - services_.data());
  if (spec_.services[static_cast<std::size_t>(s)].balancing == model::Balancing::RoundRobin)
    return static_cast<int>(service.round_robin++ % static_cast<std::uint64_t>(service.serving));
  int best = 0;
  for (int r = 1; r < service.serving; ++r) {
    const ReplicaState& x = service.replicas[static_cast<std::size_t>(r)];
    const ReplicaState& y = service.replicas[static_cast<std::size_t>(best)];
    if (x.busy + x.queued < y.busy + y.queued) best = r;
  }
  return best;
}

void Replication::start(RequestHandle handle) {
  Request& request = requests_[handle];
  const auto s = static_cast<std::size_t>(request.service);
  touch_busy(request.service);
  ++services_[s].busy;
  ++services_[s].replicas[static_cast<std::size_t>(request.replica)].busy;
  request.state = RequestState::Running;
  start_time(handle);
}

// The execution's own time (a handling's comes after its callbacks), scaled by the service's
// slow factor.
void Replication::start_time(RequestHandle handle) {
  Request& request = requests_[handle];
  request.phase = Phase::Time;
  if (request.consumer >= 0) deliveries_[request.delivery].touched = true;
  const auto w = static_cast<std::size_t>(request.work);
  const TimeNs time = scaled(sample_ns(layout_.work(request.work).time, work_rng_[w]),
                             services_[static_cast<std::size_t>(request.service)].slow);
  engine_.schedule_in<&Replication::on_time_done>(time, this, handle.pack());
}

void Replication::on_time_done(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  Request* live = requests_.get(handle);
  if (!live) return;
  live->phase = Phase::Reads;
  live->step = 0;
  run_store_phase(handle);
}

// Answers a request: records it, frees its worker and connection, starts the next queued
// request on its replica and tells the caller. A handling goes to finish_handling instead.
void Replication::finish(RequestHandle handle, bool ok) {
  Request& request = requests_[handle];
  if (request.consumer >= 0) {
    finish_handling(handle, ok);
    return;
  }
  const TimeNs latency = engine_.now() - request.arrival;
  if (request.measured) {
    OperationMetrics& metrics = metrics_.operations[static_cast<std::size_t>(request.op)];
    ++(ok ? metrics.ok : metrics.errors);
    metrics.latency.record(latency);
  }
  if (request.caller.entry()) record_entry_completion(request.op, ok, latency, true);
  if (request.held_store >= 0) {
    const int store = request.held_store;
    request.held_store = -1;
    release_connection(store);
  }
  const bool had_worker = request.state == RequestState::Running;
  const int service = request.service;
  const int replica = request.replica;
  const Caller caller = request.caller;
  if (had_worker) {
    release_worker(request);
  } else {
    --services_[static_cast<std::size_t>(service)]
          .replicas[static_cast<std::size_t>(replica)]
          .queued;
  }
  requests_.free(handle);
  if (had_worker) start_next_queued(service, replica);
  if (caller.kind == Caller::Kind::Call) {
    on_child_response(caller, ok);
  } else if (caller.kind == Caller::Kind::Client) {
    on_client_response(caller.ref, ok);
  }
}

void Replication::release_worker(Request& request) {
  ServiceState& service = services_[static_cast<std::size_t>(request.service)];
  touch_busy(request.service);
  --service.busy;
  --service.replicas[static_cast<std::size_t>(request.replica)].busy;
}

void Replication::start_next_queued(int service, int replica) {
  ServiceState& state = services_[static_cast<std::size_t>(service)];
  if (replica >= state.serving) return;
  ReplicaState& r = state.replicas[static_cast<std::size_t>(replica)];
  while (!r.queue.empty()) {
    const RequestHandle handle = r.queue.front();
    r.queue.pop_front();
    if (!requests_.alive(handle)) continue;  // cancelled while waiting
    --r.queued;
    start(handle);
    return;
  }
}

// ---------------------------------------------------------------------------------------------
// Faults

void Replication::on_fault_start(std::uint64_t fault) {
  fault_active_[fault] = true;
  apply_faults(spec_.faults[fault]);
}

void Replication::on_fault_end(std::uint64_t fault) {
  fault_active_[fault] = false;
  apply_faults(spec_.faults[fault]);
}

// Recomputes the changed component's behaviour from every fault active on it, so overlapping
// faults compose: down wins, slow factors multiply, error ratios combine as independent draws.
void Replication::apply_faults(const model::Fault& changed) {
  int serving = changed.target_kind == model::FaultTarget::Service
                    ? spec_.services[static_cast<std::size_t>(changed.target)].replicas
                    : 0;
  bool down = false;
  double slow = 1, keep = 1;
  int lost_partitions = 0;
  for (std::size_t f = 0; f < spec_.faults.size(); ++f) {
    const model::Fault& fault = spec_.faults[f];
    if (!fault_active_[f] || fault.target_kind != changed.target_kind ||
        fault.target != changed.target)
      continue;
    switch (fault.mode) {
      case model::FaultMode::Down:
        down = true;
        break;
      case model::FaultMode::Slow:
        slow *= fault.factor;
        break;
      case model::FaultMode::Errors:
        keep *= 1 - fault.ratio;
        break;
      case model::FaultMode::Replicas:
        serving = std::min(serving, fault.count);
        break;
      case model::FaultMode::PartitionLoss:
        lost_partitions = std::max(lost_partitions, fault.count);
        break;
    }
  }
  if (changed.target_kind == model::FaultTarget::Broker) {
    apply_broker_faults(changed.target, down, slow, lost_partitions);
    return;
  }
  if (changed.target_kind == model::FaultTarget::Service) {
    ServiceState& service = services_[static_cast<std::size_t>(changed.target)];
    const int before = service.serving;
    service.serving = down ? 0 : serving;
    service.slow = slow;
    service.error_ratio = 1 - keep;
    if (service.serving < before) kill_unserved_work(changed.target);
    dispatch_service(changed.target);
  } else if (changed.target_kind == model::FaultTarget::Store) {
    StoreState& store = stores_[static_cast<std::size_t>(changed.target)];
    store.down = down;
    store.slow = slow;
    store.error_ratio = 1 - keep;
  }
}

// Replicas that stop serving lose their queued and running work: each such request fails now.
void Replication::kill_unserved_work(int service) {
  const int serving = services_[static_cast<std::size_t>(service)].serving;
  drop_replica_queues(service);
  std::vector<RequestHandle> doomed;
  requests_.for_each([&](RequestHandle handle, const Request& request) {
    if (request.service == service && request.replica >= serving) doomed.push_back(handle);
  });
  crashing_ = true;
  for (const RequestHandle handle : doomed)
    if (requests_.alive(handle)) finish(handle, false);
  crashing_ = false;
  auto& replicas = services_[static_cast<std::size_t>(service)].replicas;
  for (std::size_t r = static_cast<std::size_t>(serving); r < replicas.size(); ++r) {
    replicas[r].queue.clear();
    replicas[r].queued = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics

void Replication::touch_busy(int s) {
  ServiceState& service = services_[static_cast<std::size_t>(s)];
  const TimeNs from = std::max(service.busy_since, plan_.warmup);
  const TimeNs now = engine_.now();
  if (now > from)
    metrics_.services[static_cast<std::size_t>(s)].busy_worker_ns +=
        static_cast<double>(service.busy) * static_cast<double>(now - from);
  service.busy_since = now;
}

void Replication::touch_handling(int c) {
  ConsumerState& consumer = consumers_[static_cast<std::size_t>(c)];
  const TimeNs from = std::max(consumer.busy_since, plan_.warmup);
  const TimeNs now = engine_.now();
  if (now > from)
    metrics_.consumers[static_cast<std::size_t>(c)].busy_slot_ns +=
        static_cast<double>(consumer.busy) * static_cast<double>(now - from);
  consumer.busy_since = now;
}

void Replication::record_entry_completion(int op, bool ok, TimeNs latency, bool timed) {
  if (!measuring() || current_step_ >= steps_) return;
  StepValues& values = metrics_.entry_steps[static_cast<std::size_t>(op)];
  if (values.completed.empty()) return;  // not an entry operation (cannot happen)
  const auto k = static_cast<std::size_t>(current_step_);
  ++values.completed[k];
  if (!ok) ++values.errors[k];
  if (timed) step_latency_[static_cast<std::size_t>(op)].record(latency);
}

void Replication::on_step_end(std::uint64_t step) {
  const auto k = static_cast<std::size_t>(step);
  for (std::size_t op = 0; op < metrics_.entry_steps.size(); ++op) {
    StepValues& values = metrics_.entry_steps[op];
    if (values.completed.empty()) continue;
    values.p99_ns[k] = step_latency_[op].quantile(0.99);
    step_latency_[op].clear();
  }
  for (std::size_t s = 0; s < services_.size(); ++s) {
    int queued = 0;
    for (const ReplicaState& replica : services_[s].replicas) queued += replica.queued;
    metrics_.queue_steps[s][k] = queued;
  }
  for (std::size_t b = 0; b < brokers_.size(); ++b)
    metrics_.backlog_steps[b][k] = static_cast<double>(brokers_[b].backlog);
  for (std::size_t c = 0; c < consumers_.size(); ++c)
    metrics_.waiting_steps[c][k] = consumers_[c].unsettled;
  current_step_ = static_cast<int>(step) + 1;
  if (current_step_ < steps_)
    engine_.schedule_at<&Replication::on_step_end>(
        std::min(plan_.duration, plan_.warmup + (current_step_ + 1) * plan_.step), this, step + 1);
}

void Replication::count_in_flight() {
  requests_.for_each([&](RequestHandle, const Request& request) {
    if (request.measured && request.op >= 0)
      ++metrics_.operations[static_cast<std::size_t>(request.op)].in_flight;
  });
  deliveries_.for_each([&](DeliveryHandle, const Delivery& delivery) {
    if (!delivery.acked && !delivery.dead && delivery.measured)
      ++metrics_.consumers[static_cast<std::size_t>(delivery.consumer)].waiting;
  });
}

}  // namespace ripple::sim
