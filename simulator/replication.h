#pragma once

// One replication of a spec's synchronous workload: sources, services with replicas, workers and
// queues, stores with connection pools, calls with timeouts, retries and breakers, and faults.
// Built on the domain-free Engine; all randomness comes from streams derived from `seed`.
//
// Event delivery (brokers and consumers) is not simulated yet: publishes are ignored. The place
// where a finished operation would publish is Replication::finish (see the comment there).
//
// Not thread-safe; one Replication per thread. The Spec must outlive it.

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "model/spec.h"
#include "simulator/breaker.h"
#include "simulator/engine.h"
#include "simulator/metrics.h"
#include "simulator/random.h"

namespace ripple::sim {

struct RunPlan {
  TimeNs duration = 0;  // whole run, warmup included
  TimeNs warmup = 0;    // REQUIRES: 0 <= warmup < duration
  TimeNs step = 0;      // series step, > 0
};

class Replication {
 public:
  Replication(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed);
  ~Replication();
  Replication(const Replication&) = delete;
  Replication& operator=(const Replication&) = delete;

  // Runs the whole plan once and returns what was measured.
  [[nodiscard]] ReplicationMetrics run();

 private:
  struct Request;
  struct CallState;
  struct ReplicaState;
  struct ServiceState;
  struct StoreState;
  struct SourceState;
  enum class Outcome { Ok, Error, Timeout, ShortCircuit };

  void build();
  // Sources
  void on_arrival(std::uint64_t source);
  void schedule_next_arrival(int source);
  // Requests at a service
  std::uint64_t arrive(int op, std::uint64_t parent, int root, bool root_measured);
  void fail_at_once(int op, std::uint64_t parent, bool rejected);
  void on_immediate_failure(std::uint64_t call_ref);
  int pick_replica(ServiceState& service);
  void start(std::uint32_t index);
  void on_time_done(std::uint64_t ref);
  void finish(std::uint32_t index, bool ok);
  void release_worker(Request& request);
  void start_next_queued(int service, int replica);
  // Store work
  void run_store_phase(std::uint32_t index);
  void begin_transaction(std::uint32_t index);
  void start_transaction(std::uint32_t index, int store);
  void on_transaction_done(std::uint64_t ref);
  void release_connection(int store);
  // Calls
  void begin_calls(std::uint32_t index);
  void next_sequential_call(std::uint32_t index);
  void launch_call(std::uint32_t index, int call);
  void begin_attempt(std::uint32_t call_index);
  void on_timeout(std::uint64_t call_ref);
  void on_backoff_done(std::uint64_t call_ref);
  void on_child_response(std::uint64_t call_ref, bool ok);
  void resolve_attempt(std::uint32_t call_index, Outcome outcome);
  void complete_call(std::uint32_t call_index, bool ok);
  void on_call_done(std::uint32_t index, bool ok, model::OnFailure on_failure);
  void begin_writes(std::uint32_t index);
  // Faults
  void on_fault_start(std::uint64_t fault);
  void on_fault_end(std::uint64_t fault);
  void apply_faults(const model::Fault& changed);
  void kill_unserved_work(int service);
  // Metrics
  void on_step_end(std::uint64_t step);
  void touch_busy(int service);
  void record_entry_completion(int op, bool ok, TimeNs latency, bool timed);
  [[nodiscard]] double rate_at(int source, TimeNs time) const;
  void count_in_flight();
  [[nodiscard]] bool measuring() const { return engine_.now() >= plan_.warmup; }
  // Pools
  std::uint32_t allocate_request();
  void free_request(std::uint32_t index);
  std::uint32_t allocate_call();
  void free_call(std::uint32_t index);
  [[nodiscard]] bool alive(std::uint32_t index, std::uint32_t generation) const;

  const model::Spec& spec_;
  RunPlan plan_;
  std::uint64_t seed_;
  Engine engine_;
  ReplicationMetrics metrics_;

  std::vector<SourceState> sources_;
  std::vector<ServiceState> services_;
  std::vector<StoreState> stores_;
  std::vector<Rng> operation_rng_;                         // service times, by operation id
  std::vector<Rng> edge_rng_;                              // call probability and jitter, by edge
  std::vector<std::unique_ptr<CircuitBreaker>> breakers_;  // by edge; null without a breaker
  std::vector<int> edge_offset_;                           // first edge of each operation
  std::vector<bool> fault_active_;
  std::vector<Histogram> step_latency_;  // by operation id, entries only used
  int current_step_ = 0;
  int steps_ = 0;

  std::deque<Request> requests_;  // deque: references stay valid while it grows
  std::vector<std::uint32_t> free_requests_;
  std::deque<CallState> calls_;
  std::vector<std::uint32_t> free_calls_;
};

}  // namespace ripple::sim
