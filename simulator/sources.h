#pragma once

// The workload of a replication: open-loop rate sources (Poisson or constant arrivals with
// spikes, at a steady rate, a diurnal curve, on/off bursts or a trace's rates), closed-loop users
// (each sends, waits for the answer, thinks, sends again) and reconnect storms (every client makes
// one attempt at `at` + uniform[0, jitter] and retries a failed attempt, an error or a rejection,
// with the source's retry policy). Each arrival and each attempt is an entry request sent through
// Requests. A rate source with a `timeout` or retries
// has waiting clients: each arrival is a client that cuts an attempt after `timeout`, retries a
// failed one with `retry` (its `on` and budget included) unless the retry would start past
// `abandon_after`, and counts its retries as downstream requests of its first attempt.
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <memory>
#include <vector>

#include "simulator/answer.h"
#include "simulator/pool.h"
#include "simulator/random.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"
#include "simulator/retry_budget.h"

namespace ripple::sim {

class Sources {
 public:
  explicit Sources(const ReplicationContext& context);
  void connect(Requests& requests) { requests_ = &requests; }

  // Schedules the first arrival of every rate source, then every reconnect client's attempt.
  void start();
  // The answer to an attempt of a client (a Kind::Client or Kind::RateClient caller).
  void on_answer(const Caller& caller, Answer answer);
  // The attempt was refused at arrival: its answer reaches the client through the event queue.
  void refuse_later(const Caller& caller, Answer answer);

 private:
  struct SourceState {
    Rng rng;
    std::vector<TimeNs> changes;  // sorted instants where the rate may change
    bool bursting = false;        // bursty sources: in a burst
    TimeNs toggle_at = 0;         // bursty sources: when the burst or the silence ends
  };
  struct User {
    int source = 0;
    std::uint32_t token = 0;  // the request in flight
  };
  // A waiting client of a rate source, over its attempts. Its handle is renewed when an attempt
  // ends, so the timeout and the late answer of a finished attempt find a stale handle.
  struct RateClient {
    int source = 0;
    int attempt = 0;
    TimeNs first = 0;               // when its first attempt was sent
    TimeNs attempt_start = 0;       // when the attempt in flight was sent
    bool attempt_measured = false;  // the attempt in flight was sent after the warmup
    TimeNs previous_wait = 0;
    bool root_measured = false;
  };
  using RateClientHandle = Handle<RateClient>;
  struct Client {
    int source = 0;  // reconnect source
    int attempt = 0;
    std::uint32_t token = 0;  // the attempt in flight: answers of earlier ones are ignored
    TimeNs previous_wait = 0;
  };

  [[nodiscard]] double rate_at(int source, TimeNs time) const;
  // The rate's upper bound over [time, the next change), for thinning the diurnal curve.
  [[nodiscard]] double rate_bound(int source, TimeNs time) const;
  [[nodiscard]] TimeNs next_change(int source, TimeNs from);
  void advance_bursts(int source, TimeNs to);
  void start_users();
  void on_user_request(std::uint64_t user);
  void on_user_answer(std::uint32_t user, std::uint32_t token);
  void schedule_next_arrival(int source);
  void on_arrival(std::uint64_t source);
  void send_rate_attempt(RateClientHandle handle);
  void on_rate_attempt(std::uint64_t client);
  void on_rate_timeout(std::uint64_t client);
  void on_rate_refused(std::uint64_t client);
  void on_rate_rejected(std::uint64_t client);
  void on_rate_answer(std::uint64_t client, bool timed_out, Answer answer);
  void on_rate_refusal(std::uint64_t client, Answer answer);
  // REQUIRES: the client's attempt `client` is the one in flight.
  void resolve_rate_attempt(std::uint64_t client, bool timed_out, Answer answer);
  void on_reconnect_answer(std::uint64_t client_ref, Answer answer);
  void on_rejected(std::uint64_t client_ref);
  void schedule_reconnects();
  void on_client_attempt(std::uint64_t client);
  void on_refused(std::uint64_t client_ref);
  void record_storm_arrival(int source);
  [[nodiscard]] SpanId next_span() { return tracer_ ? tracer_->next_span() : 0; }

  const model::Spec& spec_;
  RunPlan plan_;
  Engine& engine_;
  Recorder& recorder_;
  Tracer* tracer_;
  Requests* requests_ = nullptr;
  std::vector<User> users_;

  std::vector<SourceState> sources_;  // by rate source
  std::vector<Client> clients_;       // reconnect clients, all sources
  std::vector<Rng> reconnect_rng_;    // by reconnect source: start delays, jitter
  Pool<RateClient> rate_clients_;
  std::vector<Rng> retry_rng_;  // by rate source: its clients' retry jitter
  // Retry budgets, by rate source then by reconnect source; null without a budget.
  std::vector<std::unique_ptr<RetryBudgetWindow>> budgets_;
};

}  // namespace ripple::sim
