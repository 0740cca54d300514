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

enum class RequestState : std::uint8_t { Free, Queued, Running };
enum class Phase : std::uint8_t { Time, Reads, Calls, Writes };

struct Replication::Request {
  std::uint32_t generation = 0;
  RequestState state = RequestState::Free;
  Phase phase = Phase::Time;
  bool measured = false;       // arrived after the warmup
  bool root_measured = false;  // its entry request arrived after the warmup
  bool call_failed = false;    // a parallel call with on_failure fail failed
  int op = -1;
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
  int call = 0;  // index among the caller operation's calls
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

struct Replication::SourceState {
  Rng rng;
  std::vector<TimeNs> changes;  // sorted instants where the rate may change
};

}  // namespace ripple::sim
