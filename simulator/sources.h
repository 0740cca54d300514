#pragma once

// The workload of a replication: open-loop rate sources (Poisson or constant arrivals with
// spikes, at a steady rate, a diurnal curve, on/off bursts or a trace's rates), closed-loop users
// (each sends, waits for the answer, thinks, sends again) and reconnect storms (every client makes
// one attempt at `at` + uniform[0, jitter] and retries a failed attempt, an error or a rejection,
// with the source's retry policy). Each arrival and each attempt is an entry request sent through
// Requests.
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <vector>

#include "simulator/answer.h"
#include "simulator/random.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"

namespace ripple::sim {

class Sources {
 public:
  explicit Sources(const ReplicationContext& context);
  void connect(Requests& requests) { requests_ = &requests; }

  // Schedules the first arrival of every rate source, then every reconnect client's attempt.
  void start();
  // The answer to a reconnect attempt (the Caller::ref of a Kind::Client caller).
  void on_answer(std::uint64_t client_ref, Answer answer);
  // The attempt was refused at arrival: its error reaches the client through the event queue.
  void refuse_later(std::uint64_t client_ref);

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
};

}  // namespace ripple::sim
