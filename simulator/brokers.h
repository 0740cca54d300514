#pragma once

// The publishing side of events in a replication: publishes (refused by a down broker unless
// through an outbox, which holds them until it recovers), the broker's latency and slow factor,
// per-lane order for brokers that order by key, partition loss, and the broker backlog. An event
// that reaches its broker becomes one delivery per consuming service (Consumers::deliver).
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/answer.h"
#include "simulator/fault_effects.h"
#include "simulator/pool.h"
#include "simulator/random.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/trace.h"

namespace ripple::sim {

class Consumers;

// Key values of a keyed event are drawn from its `keys:` (model::KeyDistribution; by default
// uniformly from 100,000 values), so that one key's events recur now and then, as one order's or
// one device's do.

// Lanes of a broker's consumers: Kafka partitions, SQS FIFO message groups, else one.
[[nodiscard]] int lane_count(const model::Broker& broker);
// The lane of an event with key value `key`.
[[nodiscard]] int lane_of(const model::Broker& broker, std::uint64_t key);

// The execution that publishes.
struct Publisher {
  int service = -1;
  int replica = -1;
  int root = -1;
  bool root_measured = false;
  int key_entity = -1;    // handlings: the entity of the handled event's key, else -1
  std::uint64_t key = 0;  // handlings: the handled event's key value
  SpanId span = 0;        // tracing only
};

// One event on its way from the publisher to the broker's consumers (broker latency), or held in
// an outbox while its broker is down.
struct Transit {
  int event = -1;
  int service = -1;  // publisher (memory brokers deliver only inside it)
  int replica = -1;
  int root = -1;
  bool root_measured = false;
  bool measured = false;  // published after the warmup
  std::uint64_t key = 0;
  std::uint64_t sequence = 0;  // publish order, for out-of-order counts; the trace's message id
  TimeNs published = 0;
};

class Brokers : public StepSampler {
 public:
  explicit Brokers(const ReplicationContext& context);
  void connect(Consumers& consumers) { consumers_ = &consumers; }

  // Publishes every event of a finished execution, taking no time from it. A publish to a down
  // broker without an outbox fails the execution (Answer::Error) and none of its events is
  // published; the events meant for the down broker count as lost for their consumers.
  [[nodiscard]] Answer publish(const std::vector<model::Publish>& publishes,
                               const Publisher& publisher);

  [[nodiscard]] bool down(int broker) const { return state(broker).down; }
  [[nodiscard]] int lost_partitions(int broker) const { return state(broker).lost_partitions; }
  // Consumers: a delivery of `broker` reached it (is not yet handled), or was handled,
  // dead-lettered or lost. The backlog counts every delivery in between, waiting for a slot, in
  // handling or awaiting redelivery, plus outbox entries.
  void add_backlog(int broker) { change_backlog(broker, +1); }
  void remove_backlog(int broker) { change_backlog(broker, -1); }

  // Down refuses publishes and delivers nothing; slow multiplies the latency; partition loss
  // holds the first partitions' events. On recovery the outbox is relayed.
  void set_faults(int broker, const FaultEffects& effects);

  void sample_step(Recorder& recorder, std::size_t step) override;
  // At the end of the run: the backlog's integral up to now.
  void finish_run();

 private:
  struct BrokerState {
    bool down = false;
    double slow = 1;
    int lost_partitions = 0;             // partitions [0, n) unavailable
    std::vector<TimeNs> lane_ready;      // ordered brokers: latest availability per lane
    std::deque<Handle<Transit>> outbox;  // transits held while down
    std::int64_t backlog = 0;            // deliveries not yet handled plus outbox entries
    TimeNs backlog_since = 0;            // last change of the backlog
  };

  void change_backlog(int broker, int delta);
  void refuse(const std::vector<model::Publish>& publishes, const Publisher& publisher);
  [[nodiscard]] std::uint64_t key_of(const model::Publish& publish, const Publisher& publisher);
  // A key value of event `e` drawn from its `keys:` distribution.
  [[nodiscard]] std::uint64_t draw_key(int e);
  void hold(Handle<Transit> transit, int broker);
  void send(Handle<Transit> transit);
  void on_event_ready(std::uint64_t transit);
  void trace_publish(const Transit& transit, SpanId publisher, PublishOutcome outcome);

  [[nodiscard]] const BrokerState& state(int b) const {
    return brokers_[static_cast<std::size_t>(b)];
  }
  [[nodiscard]] BrokerState& mutable_state(int b) { return brokers_[static_cast<std::size_t>(b)]; }

  const model::Spec& spec_;
  Engine& engine_;
  Recorder& recorder_;
  Tracer* tracer_;
  Consumers* consumers_ = nullptr;

  std::vector<BrokerState> brokers_;  // by broker id
  Pool<Transit> transits_;
  std::vector<Rng> key_rng_;                  // by event id
  std::vector<std::vector<double>> key_cdf_;  // by event id: zipf keys' cumulative probabilities
  std::vector<Rng> latency_rng_;              // broker latency, by event id
  std::vector<std::uint64_t> ordinal_;  // publishes so far, by event id (keys of unkeyed events)
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ripple::sim
