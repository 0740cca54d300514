#pragma once

// Private to the simulator: the mutable state records of a Replication, shared by its .cpp files.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/replication.h"

namespace ripple::sim {

// A reference to a pooled record that goes stale when the record is reused: index and generation
// (requests) or index and token (call states) packed in one event argument.
constexpr std::uint64_t pack(std::uint32_t index, std::uint32_t tag) {
  return (static_cast<std::uint64_t>(index) << 32) | tag;
}
constexpr std::uint32_t index_of(std::uint64_t ref) {
  return static_cast<std::uint32_t>(ref >> 32);
}
constexpr std::uint32_t tag_of(std::uint64_t ref) { return static_cast<std::uint32_t>(ref); }
constexpr std::uint64_t kNoParent = ~std::uint64_t{0};
// Parents of reconnect attempts: pack(kClientFlag | client, attempt token). Call-state indices
// never reach 2^31, so the flag tells the two kinds of parent apart.
constexpr std::uint32_t kClientFlag = 0x80000000u;
// Store wait-queue entries of batch flushes: pack(kBatchEntry, rows).
constexpr std::uint32_t kBatchEntry = 0xFFFFFFFFu;
constexpr std::uint32_t kNoDelivery = 0xFFFFFFFFu;
// Key values of a keyed event are drawn uniformly from this many values (per event), so that
// one key's events recur now and then, as one order's or one device's do.
constexpr std::uint64_t kKeyspace = 100000;

enum class RequestState : std::uint8_t { Free, Queued, Running };
enum class Phase : std::uint8_t { Callbacks, Time, Reads, Calls, Writes };

struct Replication::Request {
  std::uint32_t generation = 0;
  RequestState state = RequestState::Free;
  Phase phase = Phase::Time;
  bool measured = false;                 // arrived after the warmup
  bool root_measured = false;            // its entry request arrived after the warmup
  bool call_failed = false;              // a parallel call with on_failure fail failed
  int op = -1;                           // operation id; -1 for the handling of a delivery
  int work = -1;                         // work id (see WorkLayout)
  int consumer = -1;                     // consumer id for the handling of a delivery, else -1
  std::uint32_t delivery = kNoDelivery;  // the delivery being handled
  int key_entity = -1;                   // entity of `key`, -1 when none
  std::uint64_t key = 0;                 // key value of the event being handled
  int service = -1;
  int replica = -1;
  int root = -1;          // entry operation it descends from
  int step = 0;           // index into the current phase's reads, calls or writes
  int pending_calls = 0;  // calls in flight
  int held_store = -1;    // store whose connection it holds, -1 if none
  TimeNs arrival = 0;
  std::uint64_t parent = kNoParent;  // pack(call state, token); kNoParent for entry requests
};

struct Replication::CallState {
  std::uint32_t token = 0;  // changes at every attempt and on release
  bool waiting = false;     // an attempt is in flight
  CircuitBreaker::Admission admission = CircuitBreaker::Admission::Pass;
  std::uint32_t parent = 0;  // request index
  std::uint32_t parent_generation = 0;
  int edge = 0;
  int attempt = 0;
  std::uint64_t child = kNoParent;  // pack(request, generation) of the attempt in flight
  TimeNs previous_wait = 0;         // decorrelated jitter
};

struct Replication::ReplicaState {
  int busy = 0;
  int queued = 0;                   // live entries of `queue`
  std::deque<std::uint64_t> queue;  // pack(request, generation); stale entries are skipped
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
  std::deque<std::uint64_t> waiting;  // pack(request, generation)
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
// is acknowledged or dead-lettered and no handling of it is running.
struct Replication::Delivery {
  std::uint32_t next = kNoDelivery;  // next in its lane
  std::uint32_t timer = 0;           // token of the pending visibility or redelivery timer
  bool acked = false;                // a handling completed
  bool dead = false;                 // dead-lettered or lost: never handed out again
  bool queued = false;               // waiting in its lane
  bool touched = false;  // a handling got past its callbacks: its effects may have happened
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
  std::uint32_t head = kNoDelivery;
  std::uint32_t tail = kNoDelivery;
  std::uint32_t owner = kNoDelivery;  // ordered lanes: the delivery being handled
  bool runnable = false;              // listed in ConsumerState::runnable
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
  std::deque<std::uint32_t> outbox;  // transits held while down
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
