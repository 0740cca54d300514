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
  // The busiest of the service's pools: its workers (requests) and each of its consumers' slots
  // (handlings do not hold workers), each as in worker_utilization and
  // ConsumerResult::utilization. A service that only consumes is as busy as its consumers.
  double utilization = 0;
  double worker_utilization = 0;  // busy worker time / (replicas x workers x measured time)
  std::uint64_t rejected = 0;     // requests refused because the chosen replica's queue was full
  std::int64_t max_queue = 0;     // most requests waiting in one replica's queue at once
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
  // From the end of the fault's window to the start of the first healthy recovery window (see
  // docs/simulator.md, "Recovery"): a window of series steps holding enough entry requests whose
  // error count and count of requests slower than 1.1 x the p99 before the fault are within a
  // binomial allowance of their shares before the fault, for every entry operation; faults that
  // can hold up consumers also wait for those consumers' unsettled events. nullopt when that never
  // happens in the run, or when nothing was measured before the fault. With several replications:
  // the mean of the replications' recovery times, nullopt if any replication never recovered.
  std::optional<double> recovery_time_ms;
  bool operator==(const FaultResult&) const = default;
};

// One spike of a rate source (workload.sources[].spikes), in spec order.
struct SpikeResult {
  std::string operation;  // the source's target, "service.operation"
  double at_ms = 0;
  double for_ms = 0;
  double rate_per_s = 0;  // the rate during the spike
  // From the end of the spike to the first healthy recovery window, judged as for a fault
  // against the steps before the spike (every entry operation, and every consumer's unsettled
  // events). nullopt as for FaultResult::recovery_time_ms.
  std::optional<double> recovery_time_ms;
  bool operator==(const SpikeResult&) const = default;
};

// One Kafka partition of a consumer group whose event declares `keys:`, over the measured run.
struct PartitionResult {
  int partition = 0;
  double share = 0;        // the partition's deliveries / the group's deliveries (0..1)
  double busy_share = 0;   // time the partition had a handling running / measured time (0..1)
  double mean_lag_ms = 0;  // mean publish to end of handling of its deliveries
  double max_lag_ms = 0;   // the largest (over replications too)
  bool operator==(const PartitionResult&) const = default;
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
  // Handling time / (usable slots x measured time), where the usable slots are replicas x
  // concurrency, capped at the lanes that can run at once for ordered brokers: a Kafka group uses
  // at most min(slots, partitions) slots (SQS FIFO: 1,024 message groups).
  double utilization = 0;
  LatencySummary lag;  // publish to the end of the first completed handling, ms
  std::vector<PartitionResult> partitions;  // by partition; only when the event declares `keys:`
                                            // and the broker is Kafka
  bool operator==(const ConsumerResult&) const = default;
};

struct BrokerResult {
  std::string name;
  std::string type;                    // "kafka", "sqs", "rabbitmq", "memory"
  std::uint64_t published = 0;         // events accepted (outbox relays included)
  std::uint64_t publish_failures = 0;  // publishes refused while the broker was down
  std::uint64_t outboxed = 0;          // publishes held in an outbox during an outage
  // Backlog: every delivery (one per consumer of an event) that reached the broker and is not
  // yet handled (waiting for a slot, in handling, or awaiting redelivery after a failed or
  // timed-out handling) plus outbox entries.
  double max_backlog = 0;  // most at once; the largest over replications
  double backlog = 0;      // time-weighted mean over the measured run (mean over replications)
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
  std::vector<double> backlog;  // BrokerResult's backlog at the step's end
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
  std::vector<SpikeResult> spikes;                 // by source, then in the source's order
  std::vector<ConsumerResult> consumers;           // every declared consumer, by id
  std::vector<BrokerResult> brokers;               // every broker, by id
  std::vector<CallbackResult> callbacks;           // read operations called back, by id
  std::vector<ReconnectResult> reconnects;         // in spec order
  Series series;
  std::vector<HeadlineIntervals> intervals;  // entry operations; empty when replications == 1

  // Each replication's own result (as merge_replications of that one alone), in replication
  // order, when SimulationOptions::keep_replications was set; else empty. Their own
  // per_replication is empty. Counts there are that replication's; above they are sums.
  std::vector<SimulationResult> per_replication;

  bool operator==(const SimulationResult&) const = default;
};

}  // namespace ripple::sim
