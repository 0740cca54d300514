#pragma once

// Raw measurements of one replication, before they are merged across replications and turned
// into the result structs of results.h (see summary.h). Counters cover the measured part of the
// run (after the warmup). Memory is fixed per model element, except the time series, which holds
// one value per step and per entry operation or service.

#include <cstdint>
#include <vector>

#include "simulator/histogram.h"

namespace ripple::sim {

struct OperationMetrics {
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  std::uint64_t rejected = 0;
  std::uint64_t in_flight = 0;
  Histogram latency;  // nanoseconds
};

struct ServiceMetrics {
  double busy_worker_ns = 0;  // integral of busy workers over measured time
  std::uint64_t rejected = 0;
  std::int64_t max_queue = 0;
};

struct EdgeMetrics {
  std::uint64_t calls = 0;
  std::uint64_t attempts = 0;
  std::uint64_t retries = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t short_circuited = 0;
  std::uint64_t breaker_opens = 0;
  std::uint64_t failures = 0;
};

// Per entry operation: entry requests and the downstream requests they caused.
struct AmplificationMetrics {
  std::uint64_t entries = 0;
  std::uint64_t downstream = 0;
};

// One Kafka partition of a consumer group whose event declares `keys:`.
struct PartitionMetrics {
  std::uint64_t delivered = 0;  // deliveries of this partition handled to completion
  double busy_ns = 0;           // integral of running handlings of the partition over measured time
  double lag_ns = 0;            // sum over delivered of publish to end of handling, ns
  std::int64_t max_lag_ns = 0;  // the largest of those
};

// Per consumer, over deliveries of events published after the warmup.
struct ConsumerMetrics {
  std::uint64_t delivered = 0;      // deliveries handled to completion (first completion)
  std::uint64_t duplicates = 0;     // handlings begun after an earlier one got past its callbacks
  std::uint64_t out_of_order = 0;   // handlings begun after a later event of the same key began
  std::uint64_t dead_lettered = 0;  // SQS: moved to the dead-letter queue after max_receives
  std::uint64_t lost = 0;           // never delivered: failed publish, memory broker
  std::uint64_t failed = 0;         // handlings that failed (a call, a store, a publish)
  std::uint64_t waiting = 0;        // deliveries not yet acknowledged at the end of the run
  double busy_slot_ns = 0;          // integral of running handlings over measured time
  Histogram lag;                    // publish to end of the first completed handling, ns
  std::vector<PartitionMetrics> partitions;  // tracked consumers (partition_tracked), else empty
};

struct BrokerMetrics {
  std::uint64_t published = 0;         // events accepted (outbox relays included, once)
  std::uint64_t publish_failures = 0;  // publishes refused because the broker was down
  std::uint64_t outboxed = 0;          // publishes kept in an outbox during an outage
  // Backlog: deliveries not yet handled (waiting, in handling, awaiting redelivery) plus outbox
  // entries.
  std::int64_t max_backlog = 0;  // most at once
  double backlog_ns = 0;         // integral of the backlog over measured time (events x ns)
};

// A reconnect storm: attempts (retries included) counted in 10 ms bins from its `at`.
struct ReconnectMetrics {
  std::uint64_t attempts = 0;
  std::uint64_t connected = 0;      // clients whose attempt succeeded
  std::uint64_t gave_up = 0;        // clients whose last attempt failed
  std::vector<std::uint32_t> bins;  // attempts per 10 ms bin
};

// One series per entry operation and per service, one value per step.
struct StepValues {
  std::vector<std::uint64_t> completed;
  std::vector<std::uint64_t> errors;
  std::vector<std::uint64_t> timed;  // answers with a latency (completed minus refusals)
  std::vector<double> p99_ns;
};

// What recovery from one disturbance (a fault, a spike) is judged on (docs/simulator.md,
// "Recovery"). The baseline is taken when the first entry request is answered at or after
// `start`, from everything measured before; from then on each step counts, per entry operation,
// the answers slower than the baseline's slow limit.
struct RecoveryWatch {
  std::int64_t start_ns = 0;                     // the fault's or spike's start
  std::int64_t end_ns = 0;                       // its end: recovery is measured from here
  bool started = false;                          // the baseline was taken
  std::vector<std::uint64_t> base_completed;     // by operation id (entries), before start
  std::vector<std::uint64_t> base_errors;        // by operation id
  std::vector<double> slow_limit_ns;             // by operation id: 1.1 x the p99 before start
  std::vector<std::vector<std::uint32_t>> slow;  // by operation id, by step
};

struct ReplicationMetrics {
  std::int64_t measured_ns = 0;  // duration - warmup
  std::uint64_t events_processed = 0;
  bool over_budget = false;  // stopped early, past its share of the run's budget (run_plan.h)
  std::vector<OperationMetrics> operations;         // by operation id
  std::vector<ServiceMetrics> services;             // by service id
  std::vector<EdgeMetrics> edges;                   // flat: edge_offset[op] + call index
  std::vector<AmplificationMetrics> amplification;  // by operation id (entries only non-zero)
  std::vector<ConsumerMetrics> consumers;           // by consumer id
  std::vector<BrokerMetrics> brokers;               // by broker id
  std::vector<ReconnectMetrics> reconnects;         // by reconnect source
  std::vector<std::vector<double>> backlog_steps;   // by broker id: backlog at each step's end
  std::vector<std::vector<double>> waiting_steps;   // by consumer id: deliveries unsettled
  std::vector<StepValues> entry_steps;              // by operation id (filled for entries)
  std::vector<RecoveryWatch> watches;  // faults in spec order, then spikes by source and order
  std::vector<std::vector<double>> queue_steps;  // by service id
  std::vector<double> step_length_ns;            // length of each step (last may be shorter)
};

}  // namespace ripple::sim
