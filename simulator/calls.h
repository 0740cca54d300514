#pragma once

// Synchronous calls of a replication: one call of an execution over its attempts, with the
// per-attempt timeout, retries with backoff and jitter, and the edge's circuit breaker. An
// attempt is a request sent through Requests; the call ends with Requests::on_call_done.
//
// Semantics kept here: a timeout cuts the caller's wait for one attempt and the callee is not
// told (it finishes the request anyway, unless cancel_on_timeout drops it while still queued);
// retries follow an error, a rejection, a timeout or an open breaker; the breaker counts the
// outcomes of the attempts it admitted; `retry.on` limits which failures are retried and a retry
// budget (one per call edge, over all the caller's replicas) refuses retries past its ratio; a
// call with `deadline: propagate` gives its callee the attempt's deadline. A call with `count` N is
// made N times in a row, each with its own attempts; one that fails with on_failure fail ends the
// call. An attempt's network time (`latency`) passes before its request reaches the callee, within
// its timeout; a request on the network when its attempt ends still arrives (the callee is not
// told).
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <memory>
#include <vector>

#include "simulator/answer.h"
#include "simulator/breaker.h"
#include "simulator/pool.h"
#include "simulator/random.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"
#include "simulator/retry_budget.h"

namespace ripple::sim {

class Calls {
 public:
  explicit Calls(const ReplicationContext& context);
  void connect(Requests& requests) { requests_ = &requests; }

  // Whether an execution makes its call on `edge` this time: the call's probability, drawn
  // from the edge's random stream.
  [[nodiscard]] bool made(int edge) {
    const double probability = layout_.edge_call(edge).probability;
    return probability >= 1 || edge_rng_[static_cast<std::size_t>(edge)].bernoulli(probability);
  }
  // Makes the call on `edge` for `caller`. REQUIRES: requests.alive(caller).
  void launch(RequestHandle caller, int edge);
  // The answer of an attempt's request (the Caller::ref of a Kind::Call caller).
  void on_answer(std::uint64_t attempt, Answer answer);
  // The attempt's request was refused at arrival (an error, or a rejection by the callee's
  // capacity): the answer reaches the call through the event queue, after whatever runs now.
  void refuse_later(std::uint64_t attempt, Answer answer);

 private:
  // One call over its attempts. Its handle is renewed when an attempt ends, so the timeout and
  // the late answer of a finished attempt find a stale handle.
  struct CallState {
    CircuitBreaker::Admission admission = CircuitBreaker::Admission::Pass;
    RequestHandle parent;
    int edge = 0;
    int attempt = 0;
    int repeat = 0;            // calls of `count` already ended
    RequestHandle child;       // the request of the attempt in flight; invalid when none
    TimeNs previous_wait = 0;  // decorrelated jitter
    // Tracing only:
    SpanId caller_span = 0;
    SpanId callee_span = 0;
    TimeNs attempt_start = 0;
  };
  using CallHandle = Handle<CallState>;

  void begin_call(CallHandle handle);
  void begin_attempt(CallHandle handle);
  void send(const Arrival& arrival, CallHandle handle, TimeNs network);
  void on_network_done(std::uint64_t transit);
  void on_refused(std::uint64_t attempt);
  void on_rejected(std::uint64_t attempt);
  void on_timeout(std::uint64_t attempt);
  void on_backoff_done(std::uint64_t call);
  void resolve_attempt(CallHandle attempt, AttemptOutcome outcome, Answer answer);
  [[nodiscard]] bool may_retry(const CallState& state, bool timed_out, Answer answer);
  void complete_call(CallHandle handle, Answer answer);
  void trace_attempt(const CallState& state, AttemptOutcome outcome);

  const WorkLayout& layout_;
  Engine& engine_;
  Recorder& recorder_;
  Tracer* tracer_;
  Requests* requests_ = nullptr;

  Pool<CallState> calls_;
  Pool<Arrival> transit_;                                    // attempts on the network
  std::vector<Rng> edge_rng_;                                // call probability, jitter; by edge
  std::vector<Rng> network_rng_;                             // network time; by edge
  std::vector<std::unique_ptr<CircuitBreaker>> breakers_;    // by edge; null without a breaker
  std::vector<std::unique_ptr<RetryBudgetWindow>> budgets_;  // by edge; null without a budget
  std::vector<Engine::Lane> timeout_lanes_;                  // by edge: its timeout's lane
};

}  // namespace ripple::sim
