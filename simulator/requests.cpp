// Arrival, replica choice, queueing, workers and answers of executions, and the loss of
// replicas. The phases between start and answer are in request_phases.cpp.

#include "simulator/requests.h"

#include <algorithm>

#include "simulator/calls.h"
#include "simulator/consumers.h"
#include "simulator/sources.h"
#include "simulator/stores.h"

namespace ripple::sim {

Requests::Requests(const ReplicationContext& context)
    : spec_(context.spec),
      layout_(context.layout),
      engine_(context.engine),
      recorder_(context.recorder),
      tracer_(context.tracer) {
  for (std::size_t s = 0; s < spec_.services.size(); ++s) {
    ServiceState state;
    state.replicas.resize(static_cast<std::size_t>(spec_.services[s].replicas));
    state.serving = spec_.services[s].replicas;
    services_.push_back(std::move(state));
  }
  for (const model::Operation& op : spec_.operations) {
    work_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::Operation, op.full_name)));
    error_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::OperationErrors, op.full_name)));
  }
  for (const model::Consumer& consumer : spec_.consumers)
    work_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::Consumer, consumer.name)));
}

void Requests::connect(Calls& calls, Stores& stores, Brokers& brokers, Consumers& consumers,
                       Sources& sources) {
  calls_ = &calls;
  stores_ = &stores;
  brokers_ = &brokers;
  consumers_ = &consumers;
  sources_ = &sources;
}

// ---------------------------------------------------------------------------------------------
// Arrival

RequestHandle Requests::arrive(const Arrival& arrival) {
  const int s = spec_.operations[static_cast<std::size_t>(arrival.op)].service;
  ServiceState& service = service_state(s);
  if (!arrival.caller.entry() && arrival.root_measured)
    ++recorder_.amplification(arrival.root).downstream;
  if (service.serving == 0 || (arrival.deadline > 0 && arrival.deadline <= engine_.now()) ||
      (service.error_ratio > 0 &&
       error_rng_[static_cast<std::size_t>(arrival.op)].bernoulli(service.error_ratio))) {
    refuse(arrival, -1, RequestOutcome::Error);
    return RequestHandle{};
  }
  const int r = pick_replica(s);
  ReplicaState& replica = service.replicas[static_cast<std::size_t>(r)];
  const model::Service& model_service = spec_.services[static_cast<std::size_t>(s)];
  const bool worker_free = replica.busy < model_service.workers;
  if ((!worker_free && model_service.queue && replica.queued >= *model_service.queue) ||
      (model_service.max_concurrency &&
       replica.busy + replica.queued >= *model_service.max_concurrency)) {
    refuse(arrival, r, RequestOutcome::Rejected);
    return RequestHandle{};
  }
  const RequestHandle handle = requests_.allocate(request_for(arrival, s, r));
  if (tracer_) trace_start(arrival, s, r);
  if (arrival.deadline > 0)
    engine_.schedule_at<&Requests::on_deadline>(arrival.deadline, this, handle.pack());
  if (worker_free) {
    start(handle);
  } else {
    wait(handle, s, replica);
  }
  return handle;
}

Request Requests::request_for(const Arrival& arrival, int service, int replica) const {
  Request request;
  request.op = arrival.op;
  request.work = arrival.op;
  request.service = service;
  request.replica = replica;
  request.root = arrival.root;
  request.root_measured = arrival.root_measured;
  request.measured = recorder_.measuring();
  request.arrival = engine_.now();
  request.caller = arrival.caller;
  request.deadline = arrival.deadline;
  request.span = arrival.span;
  return request;
}

void Requests::wait(RequestHandle handle, int service, ReplicaState& replica) {
  replica.queue.push_back(handle);
  ++replica.queued;
  if (const auto& limit = spec_.services[static_cast<std::size_t>(service)].max_queue_time)
    engine_.schedule_in<&Requests::on_queue_time_up>(limit->ns, this, handle.pack());
  if (recorder_.measuring()) {
    auto& max_queue = recorder_.service(service).max_queue;
    max_queue = std::max<std::int64_t>(max_queue, replica.queued);
  }
}

// A request refused at arrival: a fault failed it (replica -1) or the replica's queue was full.
void Requests::refuse(const Arrival& arrival, int replica, RequestOutcome outcome) {
  const int s = spec_.operations[static_cast<std::size_t>(arrival.op)].service;
  if (recorder_.measuring()) {
    OperationMetrics& metrics = recorder_.operation(arrival.op);
    ++metrics.errors;
    if (outcome == RequestOutcome::Rejected) {
      ++metrics.rejected;
      ++recorder_.service(s).rejected;
    }
  }
  if (tracer_) {
    trace_start(arrival, s, replica);
    tracer_->request_ended(RequestEnd{0, arrival.span, outcome, engine_.now()});
  }
  if (arrival.caller.entry_answered_here()) recorder_.record_entry_refusal(arrival.op);
  // Answered through the queue, not by a nested call, so a caller never re-enters itself.
  const Answer answer = outcome == RequestOutcome::Rejected ? Answer::Rejected : Answer::Error;
  if (arrival.caller.kind == Caller::Kind::Call) {
    calls_->refuse_later(arrival.caller.ref, answer);
  } else if (arrival.caller.kind != Caller::Kind::Source) {
    sources_->refuse_later(arrival.caller, answer);
  }
}

void Requests::trace_start(const Arrival& arrival, int service, int replica) {
  tracer_->request_started(RequestStart{0, arrival.span, arrival.parent_span, arrival.op, service,
                                        replica, arrival.attempt, engine_.now()});
}

int Requests::pick_replica(int s) {
  ServiceState& service = service_state(s);
  if (service.serving == 1) return 0;
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

void Requests::start(RequestHandle handle) {
  Request& request = requests_[handle];
  change_busy(request, +1);
  request.state = RequestState::Running;
  start_time(handle);
}

void Requests::start_handling(const HandlingArrival& arrival) {
  Request request;
  request.state = RequestState::Running;
  request.phase = Phase::Callbacks;
  request.work = layout_.consumer_work(arrival.consumer);
  request.consumer = arrival.consumer;
  request.delivery = arrival.delivery;
  request.key_entity = arrival.key_entity;
  request.key = arrival.key;
  request.service = spec_.consumers[static_cast<std::size_t>(arrival.consumer)].service;
  request.replica = arrival.replica;
  request.root = arrival.root;
  request.root_measured = arrival.root_measured;
  request.measured = arrival.measured;
  request.arrival = engine_.now();
  request.span = arrival.span;
  next_callback(requests_.allocate(request));
}

// ---------------------------------------------------------------------------------------------
// Answers

// Answers a request: records it, frees its worker and connection, starts the next queued
// request on its replica and tells the caller. A handling ends in finish_handling instead.
void Requests::finish(RequestHandle handle, Answer answer) {
  Request& request = requests_[handle];
  if (request.consumer >= 0) {
    finish_handling(handle, answer);
    return;
  }
  const bool ok = answer == Answer::Ok;
  if (tracer_)
    tracer_->request_ended(RequestEnd{
        0, request.span, ok ? RequestOutcome::Ok : RequestOutcome::Error, engine_.now()});
  const TimeNs latency = engine_.now() - request.arrival;
  if (request.measured && request.caller.answered_here()) {
    OperationMetrics& metrics = recorder_.operation(request.op);
    ++(ok ? metrics.ok : metrics.errors);
    metrics.latency.record(latency);
  }
  if (request.caller.entry_answered_here())
    recorder_.record_entry_answer(request.op, answer, latency);
  release_held_connection(request);
  const bool had_worker = request.state == RequestState::Running;
  const int service = request.service;
  const int replica = request.replica;
  const Caller caller = request.caller;
  if (had_worker) {
    change_busy(request, -1);
  } else {
    --service_state(service).replicas[static_cast<std::size_t>(replica)].queued;
  }
  requests_.free(handle);
  if (had_worker) start_next_queued(service, replica);
  answer_caller(caller, answer);
}

void Requests::answer_caller(const Caller& caller, Answer answer) {
  if (caller.kind == Caller::Kind::Call) {
    calls_->on_answer(caller.ref, answer);
  } else if (caller.kind != Caller::Kind::Source) {
    sources_->on_answer(caller, answer);
  }
}

void Requests::finish_handling(RequestHandle handle, Answer answer) {
  Request& request = requests_[handle];
  release_held_connection(request);
  HandlingDone done;
  done.consumer = request.consumer;
  done.delivery = request.delivery;
  done.replica = request.replica;
  done.span = request.span;
  done.outcome = answer == Answer::Ok ? HandlingOutcome::Ok
                 : killing_           ? HandlingOutcome::Crashed
                                      : HandlingOutcome::Error;
  requests_.free(handle);
  consumers_->end_handling(done);
}

void Requests::release_held_connection(Request& request) {
  if (request.held_store < 0) return;
  const int store = request.held_store;
  request.held_store = -1;
  stores_->release(store);
}

void Requests::start_next_queued(int service, int replica) {
  ServiceState& state = service_state(service);
  if (replica >= state.serving) return;
  ReplicaState& r = state.replicas[static_cast<std::size_t>(replica)];
  const bool lifo = spec_.services[static_cast<std::size_t>(service)].queue_discipline ==
                    model::QueueDiscipline::Lifo;
  while (!r.queue.empty()) {
    const RequestHandle handle = lifo ? r.queue.back() : r.queue.front();
    if (lifo)
      r.queue.pop_back();
    else
      r.queue.pop_front();
    if (!requests_.alive(handle)) continue;  // cancelled while waiting
    --r.queued;
    start(handle);
    return;
  }
}

void Requests::cancel_if_queued(RequestHandle handle) {
  Request* request = requests_.get(handle);
  if (!request || request->state != RequestState::Queued) return;
  if (request->measured) ++recorder_.operation(request->op).errors;
  --service_state(request->service).replicas[static_cast<std::size_t>(request->replica)].queued;
  if (tracer_)
    tracer_->request_ended(RequestEnd{0, request->span, RequestOutcome::Cancelled, engine_.now()});
  requests_.free(handle);  // its queue entry goes stale and is skipped
}

void Requests::drop_queued(RequestHandle handle, Answer answer) {
  Request& request = requests_[handle];
  if (request.measured) {
    OperationMetrics& metrics = recorder_.operation(request.op);
    if (request.caller.answered_here()) ++metrics.errors;  // else counted by its client
    if (answer == Answer::Rejected) {
      ++metrics.rejected;
      ++recorder_.service(request.service).rejected;
    }
  }
  --service_state(request.service).replicas[static_cast<std::size_t>(request.replica)].queued;
  if (tracer_)
    tracer_->request_ended(RequestEnd{
        0, request.span,
        answer == Answer::Rejected ? RequestOutcome::Rejected : RequestOutcome::Cancelled,
        engine_.now()});
  if (request.caller.entry_answered_here()) recorder_.record_entry_refusal(request.op);
  const Caller caller = request.caller;
  requests_.free(handle);  // its queue entry goes stale and is skipped
  answer_caller(caller, answer);
}

// `max_queue_time`: still waiting, so it is shed.
void Requests::on_queue_time_up(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  const Request* live = requests_.get(handle);
  if (live && live->state == RequestState::Queued) drop_queued(handle, Answer::Rejected);
}

// The caller's deadline passed: the request is abandoned wherever it is.
void Requests::on_deadline(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  const Request* live = requests_.get(handle);
  if (!live) return;
  if (live->state == RequestState::Queued)
    drop_queued(handle, Answer::Error);
  else
    finish(handle, Answer::Error);
}

void Requests::hold_connection(RequestHandle handle, int store) {
  requests_[handle].held_store = store;
}

// ---------------------------------------------------------------------------------------------
// Faults

bool Requests::set_faults(int s, int serving, double slow, double error_ratio) {
  ServiceState& service = service_state(s);
  const int before = service.serving;
  service.serving = serving;
  service.slow = slow;
  service.error_ratio = error_ratio;
  return service.serving < before;
}

// Replicas that stop serving lose their queued and running work: each such request fails now.
void Requests::kill_unserved(int s) {
  const int serving = service_state(s).serving;
  std::vector<RequestHandle> doomed;
  requests_.for_each([&](RequestHandle handle, const Request& request) {
    if (request.service == s && request.replica >= serving) doomed.push_back(handle);
  });
  killing_ = true;
  for (const RequestHandle handle : doomed)
    if (requests_.alive(handle)) finish(handle, Answer::Error);
  killing_ = false;
  auto& replicas = service_state(s).replicas;
  for (std::size_t r = static_cast<std::size_t>(serving); r < replicas.size(); ++r) {
    replicas[r].queue.clear();
    replicas[r].queued = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics

void Requests::sample_step(Recorder& recorder, std::size_t step) {
  for (std::size_t s = 0; s < services_.size(); ++s) {
    int queued = 0;
    for (const ReplicaState& replica : services_[s].replicas) queued += replica.queued;
    recorder.queue_series(static_cast<int>(s))[step] = queued;
  }
}

void Requests::finish_run() {
  for (std::size_t s = 0; s < services_.size(); ++s)
    recorder_.accumulate(services_[s].clock, recorder_.service(static_cast<int>(s)).busy_worker_ns);
  requests_.for_each([&](RequestHandle, const Request& request) {
    if (request.measured && request.op >= 0) ++recorder_.operation(request.op).in_flight;
  });
}

}  // namespace ripple::sim
