#pragma once

// Plain result structs of a simulation run. Units: times in milliseconds (suffix _ms), rates per
// second (_per_s), ratios in 0..1, counts as integers. Every vector is in model id order, so the
// output never depends on hashing or thread scheduling. Results cover the part of the run after
// the warmup. Equality is exact (used by the determinism tests).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ripple::sim {

struct LatencySummary {
  double mean_ms = 0;  // from the exact sum
  double p50_ms = 0;   // quantiles within 1% (log-bucketed histogram)
  double p90_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
  bool operator==(const LatencySummary&) const = default;
};

// One operation that received requests (entry requests, calls, retries).
struct OperationResult {
  std::string name;  // "service.operation"
  int operation = -1;
  bool entry = false;       // targeted by a workload source
  std::uint64_t count = 0;  // requests that completed (ok + errors)
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;     // errors, rejections, failed calls; for entries also timeouts
  std::uint64_t rejected = 0;   // part of errors: the replica's queue was full
  std::uint64_t in_flight = 0;  // requests still unanswered when the run ended (not counted above)
  double error_rate = 0;        // errors / count
  double throughput_per_s = 0;  // count / measured duration
  // From arrival at the service to the response, per attempt for calls and end to end for entry
  // requests; over every answered request except those refused at once (rejected, or failed at
  // arrival by a fault).
  LatencySummary latency;
  bool operator==(const OperationResult&) const = default;
};

struct ServiceResult {
  std::string name;
  double utilization = 0;      // busy worker time / (replicas x workers x measured time)
  std::uint64_t rejected = 0;  // requests refused because the chosen replica's queue was full
  std::int64_t max_queue = 0;  // most requests waiting in one replica's queue at once
  bool operator==(const ServiceResult&) const = default;
};

// One declared call: `from` (an operation "svc.op" or a consumer "svc:Event") calling `to` (its
// index among from's calls), or one callback of a consumer (`callback` true, index among its
// callbacks).
struct CallEdgeResult {
  std::string from;
  std::string to;
  int index = 0;
  bool callback = false;
  std::uint64_t calls = 0;            // executions of `from` that made this call
  std::uint64_t attempts = 0;         // tries, the first included (short-circuited ones too)
  std::uint64_t retries = 0;          // attempts after the first
  std::uint64_t timeouts = 0;         // attempts cut by the per-attempt timeout
  std::uint64_t short_circuited = 0;  // attempts failed fast by an open breaker
  std::uint64_t breaker_opens = 0;    // times the breaker opened
  std::uint64_t failures = 0;         // calls that failed after their last attempt
  bool operator==(const CallEdgeResult&) const = default;
};

// Measured amplification of one entry operation.
struct AmplificationResult {
  std::string operation;
  // Downstream requests per entry request: calls, retry attempts and callbacks, including those
  // made by the consumers of the events the entry request caused, transitively.
  double requests_per_entry = 0;
  bool operator==(const AmplificationResult&) const = default;
};

struct FaultResult {
  std::string target;  // component name
  std::string mode;    // "down", "slow", ...
  double at_ms = 0;
  double for_ms = 0;
  // From the end of the fault's window to the start of the first run of ten consecutive series
  // steps whose entry error rate and p99 are back within 10% (error rate: or 0.1 percentage
  // points) of their values before the fault. Per-step values are averaged over the ten steps
  // and over the steps before the fault (a single step's p99 is too noisy for a 10% band); being
  // better than before counts as recovered. A fault that can hold up consumers (of its broker,
  // of its service, using its store, or calling or calling back its service) also waits until each
  // such consumer's unsettled events (waiting, in handling, awaiting redelivery) are back within
  // 10% (or 10 events) of their level before the fault. nullopt when that never happens in the run,
  // or when no whole step precedes the fault.
  std::optional<double> recovery_time_ms;
  bool operator==(const FaultResult&) const = default;
};

// One declared consumer (a consumer group), over events published after the warmup.
struct ConsumerResult {
  std::string name;  // "service:Event"
  std::string broker;
  std::uint64_t delivered = 0;           // events handled to completion (counted once each)
  std::uint64_t duplicates = 0;          // redelivered handlings begun after an earlier handling
                                         // of the event got past its callbacks (its effects may
                                         // have happened): visibility timeouts, crashes, failures
  std::uint64_t harmful_duplicates = 0;  // duplicates at a non-idempotent consumer
  std::uint64_t out_of_order = 0;   // ordered consumers: handlings begun after a later event of
                                    // the same key had begun
  std::uint64_t dead_lettered = 0;  // SQS: moved to the dead-letter queue after max_receives
  std::uint64_t lost = 0;           // never handled: publish refused by a down broker, memory
                                    // broker across services or replicas, held by a dead replica
  std::uint64_t failed = 0;         // handlings that failed (a call, a store or a publish)
  std::uint64_t waiting = 0;        // not yet handled when the run ended (backlog, in flight)
  double delivered_per_s = 0;       // delivered / measured duration
  // Handling time / (replicas x concurrency x measured time). A Kafka group with more slots than
  // partitions stays at or below partitions / slots.
  double utilization = 0;
  LatencySummary lag;  // publish to the end of the first completed handling, ms
  bool operator==(const ConsumerResult&) const = default;
};

struct BrokerResult {
  std::string name;
  std::string type;                    // "kafka", "sqs", "rabbitmq", "memory"
  std::uint64_t published = 0;         // events accepted (outbox relays included)
  std::uint64_t publish_failures = 0;  // publishes refused while the broker was down
  std::uint64_t outboxed = 0;          // publishes held in an outbox during an outage
  double max_backlog = 0;  // most events waiting for a consumer (one per consumer) plus outbox
                           // entries at once; the largest over replications
  bool operator==(const BrokerResult&) const = default;
};

// Callbacks received by one owner's read operation (every attempt counted).
struct CallbackResult {
  std::string operation;  // "service.operation"
  std::uint64_t callbacks = 0;
  double per_s = 0;
  bool operator==(const CallbackResult&) const = default;
};

// A reconnect storm (workload.reconnects). Attempts include retries. Peak rates are counted in
// bins from the storm's `at`: per 1 s bin and per 10 ms bin, both expressed per second.
struct ReconnectResult {
  std::string target;  // "service.operation"
  int clients = 0;
  double at_ms = 0;
  double jitter_ms = 0;
  std::uint64_t attempts = 0;
  std::uint64_t connected = 0;  // clients that got through
  std::uint64_t gave_up = 0;    // clients whose last attempt failed
  double peak_per_s = 0;        // most attempts in one 1 s bin (per second)
  double peak_10ms_per_s = 0;   // most attempts in one 10 ms bin, times 100 (per second)
  bool operator==(const ReconnectResult&) const = default;
};

// Time series at a fixed step over the measured part of the run (warmup excluded). Step k covers
// [warmup + k step, warmup + (k+1) step); the last step may be shorter. With several replications
// the values are averaged step by step (error rate pooled over all completions).
struct EntrySeries {
  std::string operation;
  std::vector<double> throughput_per_s;  // completed entry requests per second
  std::vector<double> error_rate;        // errors / completed, 0 when nothing completed
  std::vector<double> p99_ms;            // 0 when nothing completed
  bool operator==(const EntrySeries&) const = default;
};
struct QueueSeries {
  std::string service;
  std::vector<double> queue_length;  // requests waiting over all replicas at the step's end
  bool operator==(const QueueSeries&) const = default;
};
struct BacklogSeries {
  std::string broker;
  std::vector<double> backlog;  // events waiting for consumers plus outbox entries, step's end
  bool operator==(const BacklogSeries&) const = default;
};
struct Series {
  double step_ms = 0;
  std::vector<double> start_ms;  // start of each step, from the start of the run
  std::vector<EntrySeries> entries;
  std::vector<QueueSeries> queues;
  std::vector<BacklogSeries> backlogs;  // every broker, by id
  bool operator==(const Series&) const = default;
};

// Two-sided 95% Student t interval of a figure across replications.
struct Interval {
  double mean = 0;
  double low = 0;
  double high = 0;
  bool operator==(const Interval&) const = default;
};
struct HeadlineIntervals {
  std::string operation;  // an entry operation
  Interval p99_ms;
  Interval mean_ms;
  Interval error_rate;
  bool operator==(const HeadlineIntervals&) const = default;
};

struct SimulationResult {
  std::uint64_t seed = 0;
  int replications = 1;
  double duration_ms = 0;  // simulated time of one replication, warmup included
  double warmup_ms = 0;
  std::uint64_t events_processed = 0;  // over all replications
  // A replication went past the run's budget (SimulationOptions::budget) and stopped early:
  // the figures cover only what ran and must not be reported as the run's.
  bool over_budget = false;

  std::vector<OperationResult> operations;         // operations that received requests, by id
  std::vector<ServiceResult> services;             // every service, by id
  std::vector<CallEdgeResult> calls;               // every declared call, by caller id then index
  std::vector<AmplificationResult> amplification;  // entry operations, by id
  std::vector<FaultResult> faults;                 // in spec order
  std::vector<ConsumerResult> consumers;           // every declared consumer, by id
  std::vector<BrokerResult> brokers;               // every broker, by id
  std::vector<CallbackResult> callbacks;           // read operations called back, by id
  std::vector<ReconnectResult> reconnects;         // in spec order
  Series series;
  std::vector<HeadlineIntervals> intervals;  // entry operations; empty when replications == 1

  bool operator==(const SimulationResult&) const = default;
};

}  // namespace ripple::sim
