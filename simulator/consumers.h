#pragma once

// The consuming side of events in a replication: one delivery per consuming service (a consumer
// group) and event, lanes (Kafka partitions, SQS FIFO groups, memory-broker replicas), dispatch
// to free consumer slots (concurrency x serving replicas) at once, and the fate of each handling:
// acknowledgement, visibility timeouts, redelivery, dead letters, loss; duplicate and ordering
// counts; lag. The handling itself runs as an execution of Requests (callbacks first).
// Semantics: docs/simulator.md, "Events".
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/brokers.h"
#include "simulator/pool.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"
#include "simulator/trace.h"

namespace ripple::sim {

// One event for one consumer (a consumer group's copy), from its arrival at the broker until it
// is acknowledged or dead-lettered and no handling of it is running. Its timers (visibility
// timeout, redelivery) carry its handle: a live delivery has at most one pending timer (a
// visibility timeout is set at a receive, which follows the expiry of the previous one; a
// redelivery after a failed handling, and the delivery is idle until it fires), so a timer is
// stale exactly when its delivery was settled and freed.
struct Delivery {
  Handle<Delivery> next;       // next in its lane
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
  std::uint64_t sequence = 0;  // the event's publish sequence (the trace's message id)
  TimeNs published = 0;
};
using DeliveryHandle = Handle<Delivery>;

// The end of a handling, from Requests.
struct HandlingDone {
  int consumer = -1;
  DeliveryHandle delivery;
  int replica = 0;
  HandlingOutcome outcome = HandlingOutcome::Ok;
  SpanId span = 0;
};

class Consumers : public StepSampler {
 public:
  explicit Consumers(const ReplicationContext& context);
  void connect(Requests& requests, Brokers& brokers);

  // The event reaches its broker: one delivery per consuming service, dispatched at once. A
  // memory broker reaches only the publishing replica's own consumers; the others lose it.
  void deliver(const Transit& transit);
  // One measured event of `event` lost before delivery (its publish was refused).
  void count_lost(int event);
  // A handling got past its callbacks: its effects may have happened (later ones duplicate).
  void mark_touched(DeliveryHandle delivery) { deliveries_[delivery].touched = true; }
  void end_handling(const HandlingDone& done);

  // Faults: what the memory-broker lanes of replicas that stopped serving hold is lost.
  void drop_unserved(int service);
  // Hand out what waits, after a service's replicas or a broker's faults changed.
  void dispatch_service(int service);
  void dispatch_broker(int broker);

  void sample_step(Recorder& recorder, std::size_t step) override;
  // At the end of the run: busy time up to now, deliveries not yet settled.
  void finish_run();

 private:
  // A FIFO of deliveries (intrusive list through Delivery::next). Ordered lanes (Kafka
  // partitions, SQS FIFO message groups) hand out one delivery at a time.
  struct Lane {
    DeliveryHandle head;
    DeliveryHandle tail;
    DeliveryHandle owner;   // ordered lanes: the delivery being handled
    BusyClock clock;        // handlings of the lane running (tracked partitions)
    bool runnable = false;  // listed in ConsumerState::runnable
  };
  enum class LaneMode : std::uint8_t { Shared, Ordered, PerReplica };
  enum class QueueEnd : std::uint8_t { Front, Back };
  struct ConsumerState {
    LaneMode mode = LaneMode::Shared;
    std::vector<Lane> lanes;   // Shared: 1; Ordered: partitions or groups; PerReplica: replicas
    std::deque<int> runnable;  // Ordered: lanes that may have deliveries to hand out
    std::vector<int> replica_busy;
    BusyClock clock;    // handlings running
    int waiting = 0;    // deliveries waiting in lanes
    int unsettled = 0;  // deliveries neither acknowledged nor dead: waiting, in handling, or
                        // awaiting redelivery
    // Ordered consumers of keyed events: per key value (< the event's keys.values), the highest
    // publish sequence whose handling began. A flat table: a hash map costs a cache miss per
    // handling.
    std::vector<std::uint64_t> last_started;
  };

  // Lanes and dispatch (consumers.cpp)
  void enqueue(int consumer, DeliveryHandle delivery, QueueEnd end);
  [[nodiscard]] DeliveryHandle pop_lane(int consumer, int lane);
  void release_lane(int consumer, DeliveryHandle delivery);
  void dispatch(int consumer);
  void dispatch_ordered(int consumer, int capacity);
  void dispatch_per_replica(int consumer);
  [[nodiscard]] int least_busy_replica(int consumer) const;
  // Handling and its end (consumer_handling.cpp)
  void start_handling(int consumer, DeliveryHandle delivery, int replica);
  void count_receive(int consumer, Delivery& delivery);
  void lane_busy(int consumer, int lane, int change);
  void acknowledge(int consumer, Delivery& delivery);
  void settle(int consumer, Delivery& delivery, DeliveryOutcome outcome);
  void set_timer(Delivery& delivery);
  void on_visibility_expired(std::uint64_t delivery);
  void on_redelivery(std::uint64_t delivery);
  [[nodiscard]] Delivery* take_timer(std::uint64_t delivery);
  void maybe_free(DeliveryHandle delivery);

  [[nodiscard]] ConsumerState& state(int c) { return consumers_[static_cast<std::size_t>(c)]; }
  [[nodiscard]] const model::Consumer& model_consumer(int c) const {
    return spec_.consumers[static_cast<std::size_t>(c)];
  }
  [[nodiscard]] int broker_of(int c) const;
  [[nodiscard]] const model::Broker& broker(int c) const;

  const model::Spec& spec_;
  const WorkLayout& layout_;
  Engine& engine_;
  Recorder& recorder_;
  Tracer* tracer_;
  Requests* requests_ = nullptr;
  Brokers* brokers_ = nullptr;

  std::vector<ConsumerState> consumers_;  // by consumer id
  Pool<Delivery> deliveries_;
  std::vector<std::vector<int>> event_consumers_;    // by event id
  std::vector<std::vector<int>> service_consumers_;  // by service id
  std::vector<std::vector<int>> broker_consumers_;   // by broker id
};

}  // namespace ripple::sim
