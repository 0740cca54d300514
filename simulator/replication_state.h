#pragma once

// Private to the simulator: the mutable state records of a Replication, shared by its .cpp files.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/replication.h"

namespace ripple::sim {

// An index and a tag packed in one event argument (reconnect clients: client and attempt token;
// batchers: batcher and linger token).
constexpr std::uint64_t pack(std::uint32_t index, std::uint32_t tag) {
  return (static_cast<std::uint64_t>(index) << 32) | tag;
}
constexpr std::uint32_t index_of(std::uint64_t ref) {
  return static_cast<std::uint32_t>(ref >> 32);
}
constexpr std::uint32_t tag_of(std::uint64_t ref) { return static_cast<std::uint32_t>(ref); }
// Key values of a keyed event are drawn uniformly from this many values (per event), so that
// one key's events recur now and then, as one order's or one device's do.
constexpr std::uint64_t kKeyspace = 100000;

enum class RequestState : std::uint8_t { Queued, Running };

// Who waits for a request's answer: nobody (an open-loop entry request), a call attempt or a
// reconnect client.
struct Replication::Caller {
  enum class Kind : std::uint8_t { Source, Call, Client };
  Kind kind = Kind::Source;
  std::uint64_t ref = 0;  // Call: the attempt's CallHandle packed; Client: pack(client, token)
  [[nodiscard]] bool entry() const { return kind != Kind::Call; }
};
enum class Phase : std::uint8_t { Callbacks, Time, Reads, Calls, Writes };

struct Replication::Request {
  RequestState state = RequestState::Queued;
  Phase phase = Phase::Time;
  bool measured = false;       // arrived after the warmup
  bool root_measured = false;  // its entry request arrived after the warmup
  bool call_failed = false;    // a parallel call with on_failure fail failed
  int op = -1;                 // operation id; -1 for the handling of a delivery
  int work = -1;               // work id (see WorkLayout)
  int consumer = -1;           // consumer id for the handling of a delivery, else -1
  DeliveryHandle delivery;     // the delivery being handled
  int key_entity = -1;         // entity of `key`, -1 when none
  std::uint64_t key = 0;       // key value of the event being handled
  int service = -1;
  int replica = -1;
  int root = -1;          // entry operation it descends from
  int step = 0;           // index into the current phase's reads, calls or writes
  int pending_calls = 0;  // calls in flight
  int held_store = -1;    // store whose connection it holds, -1 if none
  TimeNs arrival = 0;
  Caller caller;
};

// One call of a request, over its attempts. Its handle is renewed when an attempt ends, so the
// timeout and the late answer of a finished attempt find a stale handle.
struct Replication::CallState {
  CircuitBreaker::Admission admission = CircuitBreaker::Admission::Pass;
  RequestHandle parent;
  int edge = 0;
  int attempt = 0;
  RequestHandle child;       // the request of the attempt in flight; invalid when none
  TimeNs previous_wait = 0;  // decorrelated jitter
};

struct Replication::ReplicaState {
  int busy = 0;
  int queued = 0;                   // live entries of `queue`
  std::deque<RequestHandle> queue;  // stale entries (cancelled while waiting) are skipped
};

// A request waiting for a connection, or (request invalid) a batch flush of `rows` rows.
struct Replication::StoreWaiter {
  RequestHandle request;
  int rows = 0;
};

struct Replication::ServiceState {
  std::vector<ReplicaState> replicas;
  int serving = 0;  // replicas [0, serving) take requests
  double slow = 1;
  double error_ratio = 0;
  std::uint64_t round_robin = 0;
  int busy = 0;  // over all replicas
  TimeNs busy_since = 0;
  Rng rng;
};

struct Replication::StoreState {
  int busy = 0;
  bool down = false;
  double slow = 1;
  double error_ratio = 0;
  std::deque<StoreWaiter> waiting;
  Rng rng;
};

// One event on its way from the publisher to the broker's consumers (broker latency), or held in
// an outbox while its broker is down.
struct Replication::Transit {
  int event = -1;
  int service = -1;  // publisher (memory brokers deliver only inside it)
  int replica = -1;
  int root = -1;
  bool root_measured = false;
  bool measured = false;  // published after the warmup
  std::uint64_t key = 0;
  std::uint64_t sequence = 0;  // publish order, for out-of-order counts
  TimeNs published = 0;
};

// One event for one consumer (a consumer group's copy), from its arrival at the broker until it
// is acknowledged or dead-lettered and no handling of it is running. Its timers (visibility
// timeout, redelivery) carry its handle: a live delivery has at most one pending timer (a
// visibility timeout is set at a receive, which follows the expiry of the previous one; a
// redelivery after a failed handling, and the delivery is idle until it fires), so a timer is
// stale exactly when its delivery was settled and freed.
struct Replication::Delivery {
  DeliveryHandle next;         // next in its lane
  bool timer_pending = false;  // checks the invariant above
  bool acked = false;          // a handling completed
  bool dead = false;           // dead-lettered or lost: never handed out again
  bool queued = false;         // waiting in its lane
  bool touched = false;        // a handling got past its callbacks: its effects may have happened
  bool measured = false;
  bool root_measured = false;
  int consumer = -1;
  int lane = 0;
  int root = -1;
  int receives = 0;   // times handed to the consumer
  int in_flight = 0;  // handlings running
  std::uint64_t key = 0;
  std::uint64_t sequence = 0;
  TimeNs published = 0;
};

// A FIFO of deliveries (intrusive list through Delivery::next). Ordered lanes (Kafka partitions,
// SQS FIFO message groups) hand out one delivery at a time.
struct Replication::Lane {
  DeliveryHandle head;
  DeliveryHandle tail;
  DeliveryHandle owner;   // ordered lanes: the delivery being handled
  bool runnable = false;  // listed in ConsumerState::runnable
};

enum class LaneMode : std::uint8_t { Shared, Ordered, PerReplica };

struct Replication::ConsumerState {
  LaneMode mode = LaneMode::Shared;
  std::vector<Lane> lanes;   // Shared: 1; Ordered: partitions or groups; PerReplica: replicas
  std::deque<int> runnable;  // Ordered: lanes that may have deliveries to hand out
  std::vector<int> replica_busy;
  int busy = 0;  // handlings running
  TimeNs busy_since = 0;
  int waiting = 0;    // deliveries waiting in lanes
  int unsettled = 0;  // deliveries neither acknowledged nor dead: waiting, in handling, or
                      // awaiting redelivery
  // Ordered consumers of keyed events: per key value (< kKeyspace), the highest publish sequence
  // whose handling began. A flat table: a hash map costs a cache miss per handling.
  std::vector<std::uint64_t> last_started;
};

struct Replication::BrokerState {
  bool down = false;
  double slow = 1;
  int lost_partitions = 0;           // partitions [0, n) unavailable
  std::vector<TimeNs> lane_ready;    // ordered brokers: latest availability per lane
  std::deque<TransitHandle> outbox;  // transits held while down
  std::int64_t backlog = 0;          // deliveries waiting plus outbox entries
  Rng rng;
};

struct Replication::BatchState {
  int store = -1;
  int items = 0;
  int rows = 0;
  std::uint32_t token = 0;  // invalidates a pending linger timer
};

struct Replication::Client {
  int source = 0;  // reconnect source
  int attempt = 0;
  std::uint32_t token = 0;
  TimeNs previous_wait = 0;
};

struct Replication::SourceState {
  Rng rng;
  std::vector<TimeNs> changes;  // sorted instants where the rate may change
};

}  // namespace ripple::sim
