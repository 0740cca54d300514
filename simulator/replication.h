#pragma once

// One replication of a spec's workload: rate and reconnect sources, services with replicas,
// workers and queues, stores with connection pools and write batching, calls with timeouts,
// retries and breakers, brokers delivering events to consumers (callbacks, handling, further
// publishes), and faults. Built on the domain-free Engine; all randomness comes from streams
// derived from `seed`. The synchronous part lives in replication.cpp and replication_calls.cpp,
// events in replication_events.cpp and replication_delivery.cpp (semantics: docs/simulator.md).
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
#include "simulator/pool.h"
#include "simulator/random.h"
#include "simulator/work_layout.h"

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
  struct Transit;
  struct Delivery;
  struct Lane;
  struct ConsumerState;
  struct BrokerState;
  struct BatchState;
  struct Client;
  struct Caller;
  struct StoreWaiter;
  using RequestHandle = Handle<Request>;
  using CallHandle = Handle<CallState>;
  using TransitHandle = Handle<Transit>;
  using DeliveryHandle = Handle<Delivery>;
  enum class QueueEnd : std::uint8_t { Front, Back };
  enum class Outcome { Ok, Error, Timeout, ShortCircuit };

  void build();
  void build_events();
  // Sources
  void on_arrival(std::uint64_t source);
  void schedule_next_arrival(int source);
  // Requests at a service
  RequestHandle arrive(int op, const Caller& caller, int root, bool root_measured);
  void fail_at_once(int op, const Caller& caller, bool rejected);
  void on_call_failed_at_once(std::uint64_t call);
  void on_client_failed_at_once(std::uint64_t client_ref);
  int pick_replica(ServiceState& service);
  void start(RequestHandle handle);
  void start_time(RequestHandle handle);
  void on_time_done(std::uint64_t request);
  void finish(RequestHandle handle, bool ok);
  void release_worker(Request& request);
  void start_next_queued(int service, int replica);
  // Store work
  void run_store_phase(RequestHandle handle);
  void begin_transaction(RequestHandle handle);
  void start_transaction(RequestHandle handle, int store);
  void on_transaction_done(std::uint64_t request);
  void release_connection(int store);
  // Calls
  void begin_calls(RequestHandle handle);
  void next_sequential_call(RequestHandle handle);
  void launch_call(RequestHandle handle, int edge);
  void begin_attempt(CallHandle call);
  void on_timeout(std::uint64_t call);
  void on_backoff_done(std::uint64_t call);
  void on_child_response(const Caller& caller, bool ok);
  void resolve_attempt(CallHandle call, Outcome outcome);
  void complete_call(CallHandle call, bool ok);
  void on_call_done(RequestHandle handle, bool ok, model::OnFailure on_failure);
  void begin_writes(RequestHandle handle);
  // Batching (replication_events.cpp)
  void add_to_batch(const Request& request, int write);
  void flush_batch(std::uint64_t batcher);
  void on_linger(std::uint64_t ref);
  void start_batch_transaction(int store, int rows);
  void on_batch_done(std::uint64_t store);
  // Publishing (replication_events.cpp)
  [[nodiscard]] bool publish_all(RequestHandle handle);
  void send(TransitHandle transit);
  void on_event_ready(std::uint64_t transit);
  [[nodiscard]] int lane_of(const model::Broker& broker, std::uint64_t key) const;
  void count_lost(int event, std::uint64_t count, bool measured);
  // Delivery and handling (replication_delivery.cpp)
  void enqueue(int consumer, DeliveryHandle delivery, QueueEnd end);
  void dispatch(int consumer);
  void dispatch_ordered(int consumer, int capacity);
  void dispatch_per_replica(int consumer);
  [[nodiscard]] DeliveryHandle pop_lane(int consumer, int lane);
  [[nodiscard]] int least_busy_replica(int consumer) const;
  void start_handling(int consumer, DeliveryHandle delivery, int replica);
  void next_callback(RequestHandle handle);
  void finish_handling(RequestHandle handle, bool ok);
  void release_lane(int consumer, DeliveryHandle delivery);
  void on_visibility_expired(std::uint64_t delivery);
  void on_redelivery(std::uint64_t delivery);
  void set_timer(Delivery& delivery);
  void maybe_free_delivery(DeliveryHandle delivery);
  void drop_replica_queues(int service);
  void dispatch_service(int service);
  void dispatch_broker(int broker);
  // Reconnect storms (replication_events.cpp)
  void schedule_reconnects();
  void on_client_attempt(std::uint64_t client);
  void on_client_response(std::uint64_t client_ref, bool ok);
  void record_storm_arrival(int source);
  // Faults
  void on_fault_start(std::uint64_t fault);
  void on_fault_end(std::uint64_t fault);
  void apply_faults(const model::Fault& changed);
  void apply_broker_faults(int broker, bool down, double slow, int lost_partitions);
  void kill_unserved_work(int service);
  // Metrics
  void on_step_end(std::uint64_t step);
  void touch_busy(int service);
  void touch_handling(int consumer);
  void record_entry_completion(int op, bool ok, TimeNs latency, bool timed);
  [[nodiscard]] double rate_at(int source, TimeNs time) const;
  void count_in_flight();
  [[nodiscard]] bool measuring() const { return engine_.now() >= plan_.warmup; }

  const model::Spec& spec_;
  RunPlan plan_;
  std::uint64_t seed_;
  Engine engine_;
  ReplicationMetrics metrics_;

  std::vector<SourceState> sources_;
  std::vector<ServiceState> services_;
  std::vector<StoreState> stores_;
  WorkLayout layout_;
  std::vector<Rng> work_rng_;                              // handling times, by work id
  std::vector<Rng> edge_rng_;                              // call probability and jitter, by edge
  std::vector<std::unique_ptr<CircuitBreaker>> breakers_;  // by edge; null without a breaker
  std::vector<bool> fault_active_;
  std::vector<Histogram> step_latency_;  // by operation id, entries only used
  int current_step_ = 0;
  int steps_ = 0;

  Pool<Request> requests_;
  Pool<CallState> calls_;

  // Events
  std::vector<ConsumerState> consumers_;
  std::vector<BrokerState> brokers_;
  std::vector<BatchState> batches_;                  // by batcher (WorkLayout::batcher)
  std::vector<std::vector<int>> event_consumers_;    // by event id
  std::vector<std::vector<int>> service_consumers_;  // by service id
  std::vector<std::vector<int>> broker_consumers_;   // by broker id
  std::vector<Rng> key_rng_;                         // by event id
  std::vector<Client> clients_;                      // reconnect clients, all sources
  std::vector<Rng> reconnect_rng_;                   // by reconnect source: start delays, jitter
  std::uint64_t next_sequence_ = 0;
  bool crashing_ = false;  // finish() is called for work killed by a replica or service failure
  Pool<Transit> transits_;
  Pool<Delivery> deliveries_;
};

}  // namespace ripple::sim
