#include "simulator/calls.h"

#include <algorithm>

#include "simulator/backoff.h"

namespace ripple::sim {

Calls::Calls(const ReplicationContext& context)
    : layout_(context.layout),
      engine_(context.engine),
      recorder_(context.recorder),
      tracer_(context.tracer) {
  for (int edge = 0; edge < layout_.edges(); ++edge) {
    const model::Call& call = layout_.edge_call(edge);
    edge_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::Call, layout_.edge_name(edge))));
    network_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::Network, layout_.edge_name(edge))));
    breakers_.push_back(call.breaker ? std::make_unique<CircuitBreaker>(*call.breaker) : nullptr);
    timeout_lanes_.push_back(engine_.lane(call.timeout.ns));
    budgets_.push_back(call.retry.budget ? std::make_unique<RetryBudgetWindow>(*call.retry.budget)
                                         : nullptr);
  }
}

void Calls::launch(RequestHandle caller, int edge) {
  CallState fresh;
  fresh.parent = caller;
  fresh.edge = edge;
  if (tracer_) fresh.caller_span = requests_->request(caller).span;
  begin_call(calls_.allocate(fresh));
}

// One of the call's `count` calls, from its first attempt.
void Calls::begin_call(CallHandle handle) {
  CallState& state = calls_[handle];
  state.attempt = 0;
  state.previous_wait = layout_.edge_call(state.edge).retry.backoff.ns;
  if (recorder_.measuring()) ++recorder_.edge(state.edge).calls;
  if (RetryBudgetWindow* budget = budgets_[static_cast<std::size_t>(state.edge)].get())
    budget->note_call(engine_.now());
  begin_attempt(handle);
}

// `handle` names the attempt about to start: its timeout and its answer carry it.
void Calls::begin_attempt(CallHandle handle) {
  CallState& state = calls_[handle];
  const Request& parent = requests_->request(state.parent);
  const model::Call& call = layout_.edge_call(state.edge);
  EdgeMetrics& metrics = recorder_.edge(state.edge);
  ++state.attempt;
  state.child = RequestHandle{};
  if (recorder_.measuring()) {
    ++metrics.attempts;
    if (state.attempt > 1) ++metrics.retries;
  }
  if (tracer_) {
    state.attempt_start = engine_.now();
    state.callee_span = 0;
  }
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  state.admission = breaker ? breaker->admit(engine_.now()) : CircuitBreaker::Admission::Pass;
  if (state.admission == CircuitBreaker::Admission::Reject) {
    if (recorder_.measuring()) ++metrics.short_circuited;
    refuse_later(handle.pack(), Answer::Rejected);
    return;
  }
  Arrival arrival;
  arrival.op = call.target;
  arrival.caller = Caller{Caller::Kind::Call, handle.pack()};
  arrival.root = parent.root;
  arrival.root_measured = parent.root_measured;
  if (call.deadline == model::Deadline::Propagate) {
    arrival.deadline = engine_.now() + call.timeout.ns;
    if (parent.deadline > 0) arrival.deadline = std::min(arrival.deadline, parent.deadline);
  }
  if (tracer_) {
    arrival.span = state.callee_span = tracer_->next_span();
    arrival.parent_span = state.caller_span;
    arrival.attempt = state.attempt;
  }
  const auto e = static_cast<std::size_t>(state.edge);
  engine_.schedule_in_lane<&Calls::on_timeout>(timeout_lanes_[e], this, handle.pack());
  send(arrival, handle, call.has_latency() ? sample_ns(call.latency, network_rng_[e]) : 0);
}

void Calls::send(const Arrival& arrival, CallHandle handle, TimeNs network) {
  if (network > 0) {
    engine_.schedule_in<&Calls::on_network_done>(network, this, transit_.allocate(arrival).pack());
    return;
  }
  const RequestHandle child = requests_->arrive(arrival);
  if (CallState* state = calls_.get(handle)) state->child = child;
}

// The request reaches the callee, whether or not its attempt still waits for it.
void Calls::on_network_done(std::uint64_t transit) {
  const Handle<Arrival> handle = Handle<Arrival>::unpack(transit);
  const Arrival arrival = transit_[handle];
  transit_.free(handle);
  send(arrival, CallHandle::unpack(arrival.caller.ref), 0);
}

void Calls::refuse_later(std::uint64_t attempt, Answer answer) {
  if (answer == Answer::Rejected)
    engine_.schedule_in<&Calls::on_rejected>(0, this, attempt);
  else
    engine_.schedule_in<&Calls::on_refused>(0, this, attempt);
}

void Calls::on_refused(std::uint64_t attempt) { on_answer(attempt, Answer::Error); }
void Calls::on_rejected(std::uint64_t attempt) { on_answer(attempt, Answer::Rejected); }

void Calls::on_answer(std::uint64_t attempt, Answer answer) {
  const CallHandle handle = CallHandle::unpack(attempt);
  if (!calls_.alive(handle)) return;  // an abandoned attempt
  resolve_attempt(handle, answer == Answer::Ok ? AttemptOutcome::Ok : AttemptOutcome::Error,
                  answer);
}

// The caller stops waiting. The callee is not told: it finishes the request anyway, unless the
// call has cancel_on_timeout and the request is still queued, in which case it is dropped.
void Calls::on_timeout(std::uint64_t attempt) {
  const CallHandle handle = CallHandle::unpack(attempt);
  CallState* state = calls_.get(handle);
  if (!state) return;
  if (recorder_.measuring()) ++recorder_.edge(state->edge).timeouts;
  if (layout_.edge_call(state->edge).cancel_on_timeout) requests_->cancel_if_queued(state->child);
  resolve_attempt(handle, AttemptOutcome::Timeout, Answer::Error);
}

// A retry needs an attempt left, a failure that `retry.on` lists and, last (it counts the retry),
// room in the edge's budget.
bool Calls::may_retry(const CallState& state, bool timed_out, Answer answer) {
  const model::RetryPolicy& retry = layout_.edge_call(state.edge).retry;
  if (state.attempt >= retry.attempts || !retries_on(retry, timed_out, answer)) return false;
  RetryBudgetWindow* budget = budgets_[static_cast<std::size_t>(state.edge)].get();
  return budget == nullptr || budget->take_retry(engine_.now());
}

void Calls::resolve_attempt(CallHandle attempt, AttemptOutcome outcome, Answer reply) {
  const CallHandle handle = calls_.renew(attempt);  // late answers of the attempt are ignored
  CallState& state = calls_[handle];
  if (tracer_) trace_attempt(state, outcome);
  const Answer answer = outcome == AttemptOutcome::Ok ? Answer::Ok : Answer::Error;
  CircuitBreaker* breaker = breakers_[static_cast<std::size_t>(state.edge)].get();
  if (breaker && state.admission != CircuitBreaker::Admission::Reject) {
    if (breaker->record(answer, state.admission, engine_.now()) && recorder_.measuring())
      ++recorder_.edge(state.edge).breaker_opens;
  }
  if (!requests_->alive(state.parent)) {  // the caller died meanwhile
    calls_.free(handle);
    return;
  }
  const model::Call& call = layout_.edge_call(state.edge);
  if (answer == Answer::Ok || !may_retry(state, outcome == AttemptOutcome::Timeout, reply)) {
    complete_call(handle, answer);
    return;
  }
  const TimeNs wait = retry_delay(call.retry, state.attempt, state.previous_wait,
                                  edge_rng_[static_cast<std::size_t>(state.edge)]);
  engine_.schedule_in<&Calls::on_backoff_done>(wait, this, handle.pack());
}

void Calls::trace_attempt(const CallState& state, AttemptOutcome outcome) {
  if (state.admission == CircuitBreaker::Admission::Reject) outcome = AttemptOutcome::ShortCircuit;
  tracer_->attempt_ended(AttemptEnd{0, state.caller_span, state.callee_span,
                                    layout_.edge_call(state.edge).target, state.attempt, outcome,
                                    state.attempt_start, engine_.now()});
}

void Calls::on_backoff_done(std::uint64_t call) {
  const CallHandle handle = CallHandle::unpack(call);
  const CallState* state = calls_.get(handle);
  if (!state) return;
  if (!requests_->alive(state->parent)) {
    calls_.free(handle);
    return;
  }
  begin_attempt(handle);
}

void Calls::complete_call(CallHandle handle, Answer answer) {
  CallState& state = calls_[handle];
  const RequestHandle parent = state.parent;
  const model::Call& call = layout_.edge_call(state.edge);
  if (answer != Answer::Ok && recorder_.measuring()) ++recorder_.edge(state.edge).failures;
  const bool fatal = answer != Answer::Ok && call.on_failure == model::OnFailure::Fail;
  if (!fatal && ++state.repeat < call.count) {
    begin_call(calls_.renew(handle));
    return;
  }
  calls_.free(handle);
  requests_->on_call_done(parent, answer, call.on_failure);
}

}  // namespace ripple::sim
