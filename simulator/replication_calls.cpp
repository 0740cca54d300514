// Store transactions and synchronous calls of a Replication: the part of a request's life
// between its own time and its answer. Order per execution: reads, calls, writes, publishes.
// The handling of a delivery runs the same phases after its callbacks.

#include <algorithm>
#include <cmath>

#include "simulator/backoff.h"
#include "simulator/replication.h"
#include "simulator/replication_state.h"

namespace ripple::sim {

// ---------------------------------------------------------------------------------------------
// Store work

// Batched writes hand their rows to the batcher and go on at once: the batch's transaction runs
// later on its own, holding a connection but no worker.
void Replication::run_store_phase(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  if (request.phase == Phase::Writes) {
    while (static_cast<std::size_t>(request.step) < accesses.size() &&
           accesses[static_cast<std::size_t>(request.step)].batch) {
      add_to_batch(request, request.step);
      ++request.step;
    }
  }
  if (static_cast<std::size_t>(request.step) < accesses.size()) {
    begin_transaction(handle);
  } else if (request.phase == Phase::Reads) {
    begin_calls(handle);
  } else {
    finish(handle, publish_all(handle));
  }
}

void Replication::begin_transaction(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  const int s = accesses[static_cast<std::size_t>(request.step)].store;
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  if (store.down || (store.error_ratio > 0 && store.rng.bernoulli(store.error_ratio))) {
    finish(handle, false);
    return;
  }
  if (store.busy < spec_.stores[static_cast<std::size_t>(s)].connections) {
    start_transaction(handle, s);
  } else {
    store.waiting.push_back(StoreWaiter{handle, 0});
  }
}

// One transaction costs txn_time + rows x row_time (one row_time sample scaled by rows), times
// the store's slow factor, while holding one connection.
void Replication::start_transaction(RequestHandle handle, int s) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  const model::StoreAccess& access = accesses[static_cast<std::size_t>(request.step)];
  const model::Store& model_store = spec_.stores[static_cast<std::size_t>(s)];
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  ++store.busy;
  request.held_store = s;
  const double time = static_cast<double>(sample_ns(model_store.txn_time, store.rng)) +
                      static_cast<double>(access.rows) *
                          static_cast<double>(sample_ns(model_store.row_time, store.rng));
  const auto delay = static_cast<TimeNs>(std::llround(time * store.slow));
  engine_.schedule_in<&Replication::on_transaction_done>(delay, this, handle.pack());
}

void Replication::on_transaction_done(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  Request* live = requests_.get(handle);
  if (!live) return;  // its connection was released when it died
  const int store = live->held_store;
  live->held_store = -1;
  release_connection(store);
  ++live->step;
  run_store_phase(handle);
}

void Replication::release_connection(int s) {
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  --store.busy;
  while (!store.waiting.empty()) {
    const StoreWaiter waiter = store.waiting.front();
    store.waiting.pop_front();
    if (!waiter.request.valid()) {
      start_batch_transaction(s, waiter.rows);
      return;
    }
    if (!requests_.alive(waiter.request)) continue;
    start_transaction(waiter.request, s);
    return;
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

void Replication::begin_calls(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  request.phase = Phase::Calls;
  request.step = 0;
  request.pending_calls = 0;
  request.call_failed = false;
  if (!work.parallel_calls) {
    next_sequential_call(handle);
    return;
  }
  // Answers never arrive synchronously (even immediate failures go through the event queue), so
  // counting while launching cannot reach zero early.
  const int first_edge = layout_.edge_offset(request.work);
  for (std::size_t c = 0; c < work.calls.size(); ++c) {
    const int edge = first_edge + static_cast<int>(c);
    const double probability = work.calls[c].probability;
    if (probability < 1 && !edge_rng_[static_cast<std::size_t>(edge)].bernoulli(probability))
      continue;
    ++requests_[handle].pending_calls;
    launch_call(handle, edge);
  }
  if (requests_[handle].pending_calls == 0) begin_writes(handle);
}

void Replication::next_sequential_call(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  while (static_cast<std::size_t>(request.step) < work.calls.size()) {
    const int c = request.step++;
    const int edge = layout_.edge_offset(request.work) + c;
    const double probability = work.calls[static_cast<std::size_t>(c)].probability;
    if (probability < 1 && !edge_rng_[static_cast<std::size_t>(edge)].bernoulli(probability))
      continue;
    request.pending_calls = 1;
    launch_call(handle, edge);
    return;
  }
  begin_writes(handle);
}

void Replication::launch_call(RequestHandle handle, int edge) {
  CallState fresh;
  fresh.parent = handle;
  fresh.edge = edge;
  fresh.previous_wait = layout_.edge_call(edge).retry.backoff.ns;
  const CallHandle call = calls_.allocate(fresh);
  if (measuring()) ++metrics_.edges[static_cast<std::size_t>(edge)].calls;
  begin_attempt(call);
}

// `handle` names the attempt about to start: its timeout and its answer carry it.
void Replication::begin_attempt(CallHandle handle) {
  CallState& state = calls_[handle];
  const Request& parent = requests_[state.parent];
  const model::Call& call = layout_.edge_call(state.edge);
  EdgeMetrics& metrics = metrics_.edges[static_cast<std::size_t>(state.edge)];
  ++state.attempt;
  state.child = RequestHandle{};
  if (measuring()) {
    ++metrics.attempts;
    if (state.attempt > 1) ++metrics.retries;
  }
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  state.admission = breaker ? breaker->admit(engine_.now()) : CircuitBreaker::Admission::Pass;
  if (state.admission == CircuitBreaker::Admission::Reject) {
    if (measuring()) ++metrics.short_circuited;
    engine_.schedule_in<&Replication::on_call_failed_at_once>(0, this, handle.pack());
    return;
  }
  const int root = parent.root;
  const bool root_measured = parent.root_measured;
  engine_.schedule_in<&Replication::on_timeout>(call.timeout.ns, this, handle.pack());
  const RequestHandle child =
      arrive(call.target, Caller{Caller::Kind::Call, handle.pack()}, root, root_measured);
  calls_[handle].child = child;
}

void Replication::on_child_response(const Caller& caller, bool ok) {
  const CallHandle handle = CallHandle::unpack(caller.ref);
  if (!calls_.alive(handle)) return;  // an abandoned attempt
  resolve_attempt(handle, ok ? Outcome::Ok : Outcome::Error);
}

// The caller stops waiting. The callee is not told: it finishes the request anyway, unless the
// call has cancel_on_timeout and the request is still queued, in which case it is dropped.
void Replication::on_timeout(std::uint64_t call) {
  const CallHandle handle = CallHandle::unpack(call);
  CallState* state = calls_.get(handle);
  if (!state) return;
  if (measuring()) ++metrics_.edges[static_cast<std::size_t>(state->edge)].timeouts;
  Request* child = requests_.get(state->child);
  if (layout_.edge_call(state->edge).cancel_on_timeout && child &&
      child->state == RequestState::Queued) {
    if (child->measured) ++metrics_.operations[static_cast<std::size_t>(child->op)].errors;
    --services_[static_cast<std::size_t>(child->service)]
          .replicas[static_cast<std::size_t>(child->replica)]
          .queued;
    requests_.free(state->child);  // its queue entry goes stale and is skipped
  }
  resolve_attempt(handle, Outcome::Timeout);
}

void Replication::resolve_attempt(CallHandle attempt, Outcome outcome) {
  const CallHandle handle = calls_.renew(attempt);  // late answers of the attempt are ignored
  CallState& state = calls_[handle];
  const bool ok = outcome == Outcome::Ok;
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  if (breaker && outcome != Outcome::ShortCircuit &&
      state.admission != CircuitBreaker::Admission::Reject) {
    if (breaker->record(ok, state.admission, engine_.now()) && measuring())
      ++metrics_.edges[static_cast<std::size_t>(state.edge)].breaker_opens;
  }
  if (!requests_.alive(state.parent)) {  // the caller died meanwhile
    calls_.free(handle);
    return;
  }
  const model::Call& call = layout_.edge_call(state.edge);
  if (ok || state.attempt >= call.retry.attempts) {
    complete_call(handle, ok);
    return;
  }
  const TimeNs wait = retry_delay(call.retry, state.attempt, state.previous_wait,
                                  edge_rng_[static_cast<std::size_t>(state.edge)]);
  engine_.schedule_in<&Replication::on_backoff_done>(wait, this, handle.pack());
}

void Replication::on_backoff_done(std::uint64_t call) {
  const CallHandle handle = CallHandle::unpack(call);
  const CallState* state = calls_.get(handle);
  if (!state) return;
  if (!requests_.alive(state->parent)) {
    calls_.free(handle);
    return;
  }
  begin_attempt(handle);
}

void Replication::complete_call(CallHandle handle, bool ok) {
  const CallState& state = calls_[handle];
  const RequestHandle parent = state.parent;
  const model::Call& call = layout_.edge_call(state.edge);
  if (!ok && measuring()) ++metrics_.edges[static_cast<std::size_t>(state.edge)].failures;
  calls_.free(handle);
  on_call_done(parent, ok, call.on_failure);
}

void Replication::on_call_done(RequestHandle handle, bool ok, model::OnFailure on_failure) {
  Request& request = requests_[handle];
  const bool fatal = !ok && on_failure == model::OnFailure::Fail;
  --request.pending_calls;
  if (request.phase == Phase::Callbacks) {
    if (fatal) {
      finish(handle, false);
    } else {
      next_callback(handle);
    }
    return;
  }
  if (layout_.work(request.work).parallel_calls) {
    if (fatal) request.call_failed = true;
    if (request.pending_calls > 0) return;
    if (request.call_failed) {
      finish(handle, false);
    } else {
      begin_writes(handle);
    }
    return;
  }
  if (fatal) {
    finish(handle, false);
  } else {
    next_sequential_call(handle);
  }
}

void Replication::begin_writes(RequestHandle handle) {
  Request& request = requests_[handle];
  request.phase = Phase::Writes;
  request.step = 0;
  run_store_phase(handle);
}

}  // namespace ripple::sim
