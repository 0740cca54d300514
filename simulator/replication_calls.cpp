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
void Replication::run_store_phase(std::uint32_t index) {
  Request& request = requests_[index];
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
    begin_transaction(index);
  } else if (request.phase == Phase::Reads) {
    begin_calls(index);
  } else {
    finish(index, publish_all(index));
  }
}

void Replication::begin_transaction(std::uint32_t index) {
  Request& request = requests_[index];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  const int s = accesses[static_cast<std::size_t>(request.step)].store;
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  if (store.down || (store.error_ratio > 0 && store.rng.bernoulli(store.error_ratio))) {
    finish(index, false);
    return;
  }
  if (store.busy < spec_.stores[static_cast<std::size_t>(s)].connections) {
    start_transaction(index, s);
  } else {
    store.waiting.push_back(pack(index, request.generation));
  }
}

// One transaction costs txn_time + rows x row_time (one row_time sample scaled by rows), times
// the store's slow factor, while holding one connection.
void Replication::start_transaction(std::uint32_t index, int s) {
  Request& request = requests_[index];
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
  engine_.schedule_in<&Replication::on_transaction_done>(delay, this,
                                                         pack(index, request.generation));
}

void Replication::on_transaction_done(std::uint64_t ref) {
  if (!alive(index_of(ref), tag_of(ref))) return;  // its connection was released when it died
  Request& request = requests_[index_of(ref)];
  const int store = request.held_store;
  request.held_store = -1;
  release_connection(store);
  ++request.step;
  run_store_phase(index_of(ref));
}

void Replication::release_connection(int s) {
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  --store.busy;
  while (!store.waiting.empty()) {
    const std::uint64_t ref = store.waiting.front();
    store.waiting.pop_front();
    if (index_of(ref) == kBatchEntry) {
      start_batch_transaction(s, static_cast<int>(tag_of(ref)));
      return;
    }
    if (!alive(index_of(ref), tag_of(ref))) continue;
    start_transaction(index_of(ref), s);
    return;
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

void Replication::begin_calls(std::uint32_t index) {
  Request& request = requests_[index];
  const model::Work& work = layout_.work(request.work);
  request.phase = Phase::Calls;
  request.step = 0;
  request.pending_calls = 0;
  request.call_failed = false;
  if (!work.parallel_calls) {
    next_sequential_call(index);
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
    ++requests_[index].pending_calls;
    launch_call(index, edge);
  }
  if (requests_[index].pending_calls == 0) begin_writes(index);
}

void Replication::next_sequential_call(std::uint32_t index) {
  Request& request = requests_[index];
  const model::Work& work = layout_.work(request.work);
  while (static_cast<std::size_t>(request.step) < work.calls.size()) {
    const int c = request.step++;
    const int edge = layout_.edge_offset(request.work) + c;
    const double probability = work.calls[static_cast<std::size_t>(c)].probability;
    if (probability < 1 && !edge_rng_[static_cast<std::size_t>(edge)].bernoulli(probability))
      continue;
    request.pending_calls = 1;
    launch_call(index, edge);
    return;
  }
  begin_writes(index);
}

const model::Call& Replication::call_of(std::uint32_t c) const {
  return layout_.edge_call(calls_[c].edge);
}

void Replication::launch_call(std::uint32_t index, int edge) {
  const Request& request = requests_[index];
  const std::uint32_t c = allocate_call();
  CallState& state = calls_[c];
  state.parent = index;
  state.parent_generation = request.generation;
  state.edge = edge;
  state.attempt = 0;
  state.child = kNoParent;
  state.previous_wait = layout_.edge_call(edge).retry.backoff.ns;
  if (measuring()) ++metrics_.edges[static_cast<std::size_t>(edge)].calls;
  begin_attempt(c);
}

void Replication::begin_attempt(std::uint32_t c) {
  CallState& state = calls_[c];
  const Request& parent = requests_[state.parent];
  const model::Call& call = call_of(c);
  EdgeMetrics& metrics = metrics_.edges[static_cast<std::size_t>(state.edge)];
  ++state.attempt;
  ++state.token;
  state.waiting = true;
  state.child = kNoParent;
  if (measuring()) {
    ++metrics.attempts;
    if (state.attempt > 1) ++metrics.retries;
  }
  const std::uint64_t ref = pack(c, state.token);
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  state.admission = breaker ? breaker->admit(engine_.now()) : CircuitBreaker::Admission::Pass;
  if (state.admission == CircuitBreaker::Admission::Reject) {
    if (measuring()) ++metrics.short_circuited;
    engine_.schedule_in<&Replication::on_immediate_failure>(0, this, ref);
    return;
  }
  const int root = parent.root;
  const bool root_measured = parent.root_measured;
  engine_.schedule_in<&Replication::on_timeout>(call.timeout.ns, this, ref);
  const std::uint64_t child = arrive(call.target, ref, root, root_measured);
  calls_[c].child = child;
}

void Replication::on_child_response(std::uint64_t call_ref, bool ok) {
  if (index_of(call_ref) & kClientFlag) {
    on_client_response(call_ref, ok);
    return;
  }
  const CallState& state = calls_[index_of(call_ref)];
  if (state.token != tag_of(call_ref) || !state.waiting) return;  // an abandoned attempt
  resolve_attempt(index_of(call_ref), ok ? Outcome::Ok : Outcome::Error);
}

// The caller stops waiting. The callee is not told: it finishes the request anyway, unless the
// call has cancel_on_timeout and the request is still queued, in which case it is dropped.
void Replication::on_timeout(std::uint64_t call_ref) {
  const std::uint32_t c = index_of(call_ref);
  CallState& state = calls_[c];
  if (state.token != tag_of(call_ref) || !state.waiting) return;
  if (measuring()) ++metrics_.edges[static_cast<std::size_t>(state.edge)].timeouts;
  const model::Call& call = call_of(c);
  const std::uint64_t child = state.child;
  if (call.cancel_on_timeout && child != kNoParent && alive(index_of(child), tag_of(child)) &&
      requests_[index_of(child)].state == RequestState::Queued) {
    Request& dropped = requests_[index_of(child)];
    if (dropped.measured) ++metrics_.operations[static_cast<std::size_t>(dropped.op)].errors;
    --services_[static_cast<std::size_t>(dropped.service)]
          .replicas[static_cast<std::size_t>(dropped.replica)]
          .queued;
    free_request(index_of(child));  // its queue entry goes stale and is skipped
  }
  resolve_attempt(c, Outcome::Timeout);
}

void Replication::resolve_attempt(std::uint32_t c, Outcome outcome) {
  CallState& state = calls_[c];
  state.waiting = false;
  ++state.token;  // late answers of this attempt are ignored from now on
  const bool ok = outcome == Outcome::Ok;
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  if (breaker && outcome != Outcome::ShortCircuit &&
      state.admission != CircuitBreaker::Admission::Reject) {
    if (breaker->record(ok, state.admission, engine_.now()) && measuring())
      ++metrics_.edges[static_cast<std::size_t>(state.edge)].breaker_opens;
  }
  if (!alive(state.parent, state.parent_generation)) {  // the caller died meanwhile
    free_call(c);
    return;
  }
  const model::Call& call = call_of(c);
  if (ok || state.attempt >= call.retry.attempts) {
    complete_call(c, ok);
    return;
  }
  const TimeNs wait = retry_delay(call.retry, state.attempt, state.previous_wait,
                                  edge_rng_[static_cast<std::size_t>(state.edge)]);
  engine_.schedule_in<&Replication::on_backoff_done>(wait, this, pack(c, state.token));
}

void Replication::on_backoff_done(std::uint64_t call_ref) {
  const std::uint32_t c = index_of(call_ref);
  const CallState& state = calls_[c];
  if (state.token != tag_of(call_ref)) return;
  if (!alive(state.parent, state.parent_generation)) {
    free_call(c);
    return;
  }
  begin_attempt(c);
}

void Replication::complete_call(std::uint32_t c, bool ok) {
  const CallState& state = calls_[c];
  const std::uint32_t parent = state.parent;
  const model::Call& call = call_of(c);
  if (!ok && measuring()) ++metrics_.edges[static_cast<std::size_t>(state.edge)].failures;
  free_call(c);
  on_call_done(parent, ok, call.on_failure);
}

void Replication::on_call_done(std::uint32_t index, bool ok, model::OnFailure on_failure) {
  Request& request = requests_[index];
  const bool fatal = !ok && on_failure == model::OnFailure::Fail;
  --request.pending_calls;
  if (request.phase == Phase::Callbacks) {
    if (fatal) {
      finish(index, false);
    } else {
      next_callback(index);
    }
    return;
  }
  if (layout_.work(request.work).parallel_calls) {
    if (fatal) request.call_failed = true;
    if (request.pending_calls > 0) return;
    if (request.call_failed) {
      finish(index, false);
    } else {
      begin_writes(index);
    }
    return;
  }
  if (fatal) {
    finish(index, false);
  } else {
    next_sequential_call(index);
  }
}

void Replication::begin_writes(std::uint32_t index) {
  Request& request = requests_[index];
  request.phase = Phase::Writes;
  request.step = 0;
  run_store_phase(index);
}

}  // namespace ripple::sim
