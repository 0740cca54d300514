#pragma once

// The request lifecycle of a replication: services with replicas, workers and FIFO queues, and
// every execution on them, from arrival to answer. An execution is a request (an entry request,
// a call attempt, a callback, a reconnect attempt) or the handling of a delivery; it runs its
// phases in order: callbacks (handlings only), its own time, store reads, calls, store writes,
// publishes (docs/simulator.md). Calls go to Calls, store work to Stores, publishes to Brokers,
// and the end of a handling to Consumers.
//
// Semantics kept here: a request takes a worker of the replica chosen (round-robin or least
// outstanding) or waits in its queue, is rejected when the queue is full, and holds its worker
// for its time, its store work and while it waits on its calls. A handling holds a consumer
// slot, not a worker. Replicas that stop serving lose their queued and running work. Load
// shedding: a freed worker takes the newest waiting request under `queue_discipline: lifo`;
// arrivals beyond `max_concurrency` in flight are rejected; a request that has waited
// `max_queue_time` is rejected. A request with a propagated deadline is abandoned, queued or
// running, when it passes (its worker is freed; it counts as an error).
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/answer.h"
#include "simulator/pool.h"
#include "simulator/random.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/trace.h"

namespace ripple::sim {

class Brokers;
class Calls;
class Consumers;
class Sources;
class Stores;
struct Delivery;

// Who waits for a request's answer: nobody (an open-loop entry request), a call attempt, a
// reconnect client or a waiting client of a rate source (one with a timeout or retries).
struct Caller {
  enum class Kind : std::uint8_t { Source, Call, Client, RateClient };
  Kind kind = Kind::Source;
  std::uint64_t ref = 0;  // Call: the attempt's handle, packed; Client, RateClient: see Sources
  [[nodiscard]] bool entry() const { return kind != Kind::Call; }
  // Whether Requests records the answer (the operation's ok, errors and latency, and for entry
  // requests the entry answer); a waiting client records its own (a timed-out attempt is an
  // error to it at its timeout, whenever the request ends).
  [[nodiscard]] bool answered_here() const { return kind != Kind::RateClient; }
  [[nodiscard]] bool entry_answered_here() const { return entry() && answered_here(); }
};

enum class RequestState : std::uint8_t { Queued, Running };
enum class Phase : std::uint8_t { Callbacks, Time, Reads, Calls, Writes };

struct Request {
  RequestState state = RequestState::Queued;
  Phase phase = Phase::Time;
  bool measured = false;       // arrived after the warmup
  bool root_measured = false;  // its entry request arrived after the warmup
  bool call_failed = false;    // a parallel call with on_failure fail failed
  int op = -1;                 // operation id; -1 for the handling of a delivery
  int work = -1;               // work id (see WorkLayout)
  int service = -1;
  int replica = -1;
  int root = -1;          // entry operation it descends from
  int step = 0;           // index into the current phase's reads, calls or writes
  int pending_calls = 0;  // calls in flight
  int held_store = -1;    // store whose connection it holds, -1 if none
  TimeNs arrival = 0;
  TimeNs deadline = 0;  // propagated from its caller: abandoned when it passes; 0 = none
  Caller caller;
  SpanId span = 0;  // 0 unless tracing
  // Handlings of a delivery only:
  int consumer = -1;
  Handle<Delivery> delivery;
  int key_entity = -1;    // entity of the event's `key`, -1 when none
  std::uint64_t key = 0;  // key value of the event being handled
};
using RequestHandle = Handle<Request>;

// A request on its way to a service.
struct Arrival {
  int op = -1;
  Caller caller;
  int root = -1;               // the entry operation it descends from
  bool root_measured = false;  // whether that entry request arrived after the warmup
  TimeNs deadline = 0;         // `deadline: propagate`: abandoned past it; 0 = none
  SpanId span = 0;             // tracing: its id, its caller's, its attempt number
  SpanId parent_span = 0;
  int attempt = 1;
};

// A delivery handed to a consumer slot, to be handled on `replica`.
struct HandlingArrival {
  int consumer = -1;
  Handle<Delivery> delivery;
  int replica = 0;
  int root = -1;
  bool root_measured = false;
  bool measured = false;
  int key_entity = -1;
  std::uint64_t key = 0;
  SpanId span = 0;
};

class Requests : public StepSampler {
 public:
  explicit Requests(const ReplicationContext& context);
  void connect(Calls& calls, Stores& stores, Brokers& brokers, Consumers& consumers,
               Sources& sources);

  // Sends a request to its operation's service. Returns its handle, or an invalid handle when
  // it was refused at once (a fault, a full queue); the caller then hears an error through the
  // event queue, never synchronously.
  RequestHandle arrive(const Arrival& arrival);
  // Starts the handling of a delivery on a consumer slot (the caller holds the slot).
  void start_handling(const HandlingArrival& arrival);

  [[nodiscard]] bool alive(RequestHandle handle) const { return requests_.alive(handle); }
  // REQUIRES: alive(handle).
  [[nodiscard]] const Request& request(RequestHandle handle) const { return requests_[handle]; }
  [[nodiscard]] int serving(int service) const { return service_state(service).serving; }

  // Calls: one call of `handle` ended after its last attempt.
  void on_call_done(RequestHandle handle, Answer answer, model::OnFailure on_failure);
  // Drops `handle` if it still waits in its queue (cancel_on_timeout); it counts as an error.
  void cancel_if_queued(RequestHandle handle);
  // Stores: `handle` got a connection of `store` and runs its transaction; when it ends the
  // engine calls on_transaction_done with the handle packed.
  void hold_connection(RequestHandle handle, int store);
  void on_transaction_done(std::uint64_t request);

  // Faults: the service's replicas [0, serving), its slow factor and error ratio from now on.
  // Returns whether replicas stopped serving (their work must then be killed).
  [[nodiscard]] bool set_faults(int service, int serving, double slow, double error_ratio);
  // Fails every request queued or running on the replicas that stopped serving.
  void kill_unserved(int service);

  void sample_step(Recorder& recorder, std::size_t step) override;
  // At the end of the run: busy time up to now, requests still in flight.
  void finish_run();

 private:
  struct ReplicaState {
    int busy = 0;
    int queued = 0;                   // live entries of `queue`
    std::deque<RequestHandle> queue;  // stale entries (cancelled while waiting) are skipped
  };
  struct ServiceState {
    std::vector<ReplicaState> replicas;
    int serving = 0;  // replicas [0, serving) take requests
    double slow = 1;
    double error_ratio = 0;
    std::uint64_t round_robin = 0;
    BusyClock clock;  // workers busy over all replicas
  };

  // Arrival and answer (requests.cpp)
  [[nodiscard]] Request request_for(const Arrival& arrival, int service, int replica) const;
  void wait(RequestHandle handle, int service, ReplicaState& replica);
  void refuse(const Arrival& arrival, int replica, RequestOutcome outcome);
  int pick_replica(int service);
  void start(RequestHandle handle);
  void finish(RequestHandle handle, Answer answer);
  void finish_handling(RequestHandle handle, Answer answer);
  void release_held_connection(Request& request);
  // A worker of the request's replica taken (+1) or freed (-1).
  void change_busy(const Request& request, int delta) {
    ServiceState& service = service_state(request.service);
    recorder_.accumulate(service.clock, recorder_.service(request.service).busy_worker_ns);
    service.clock.busy += delta;
    service.replicas[static_cast<std::size_t>(request.replica)].busy += delta;
  }
  void start_next_queued(int service, int replica);
  // Removes a waiting request and answers its caller: shed (rejected) or abandoned (error).
  void drop_queued(RequestHandle handle, Answer answer);
  void on_queue_time_up(std::uint64_t request);
  void on_deadline(std::uint64_t request);
  void answer_caller(const Caller& caller, Answer answer);
  void trace_start(const Arrival& arrival, int service, int replica);
  // Phases (request_phases.cpp)
  void start_time(RequestHandle handle);
  void on_time_done(std::uint64_t request);
  void run_store_phase(RequestHandle handle);
  void begin_transaction(RequestHandle handle);
  void begin_calls(RequestHandle handle);
  void next_sequential_call(RequestHandle handle);
  void next_callback(RequestHandle handle);
  void begin_writes(RequestHandle handle);
  [[nodiscard]] Answer publish(RequestHandle handle);

  [[nodiscard]] ServiceState& service_state(int s) {
    return services_[static_cast<std::size_t>(s)];
  }
  [[nodiscard]] const ServiceState& service_state(int s) const {
    return services_[static_cast<std::size_t>(s)];
  }

  const model::Spec& spec_;
  const WorkLayout& layout_;
  Engine& engine_;
  Recorder& recorder_;
  Tracer* tracer_;
  Calls* calls_ = nullptr;
  Stores* stores_ = nullptr;
  Brokers* brokers_ = nullptr;
  Consumers* consumers_ = nullptr;
  Sources* sources_ = nullptr;

  Pool<Request> requests_;
  std::vector<ServiceState> services_;  // by service id
  std::vector<Rng> work_rng_;           // execution times, by work id
  std::vector<Rng> error_rng_;          // `errors` faults of the service, by operation id
  // While kill_unserved runs: every handling that fails now (killed, or failed by the kills'
  // cascade of answers) counts as crashed, so its delivery goes straight back to its consumer.
  bool killing_ = false;
};

}  // namespace ripple::sim
