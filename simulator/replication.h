#pragma once

// One replication of a spec's workload: the wiring of its components on a domain-free Engine.
//
//   Sources    rate sources and reconnect storms: entry requests
//   Requests   services, replicas, workers, queues; every execution's phases (requests.h)
//   Calls      attempts, timeouts, retries, breakers of synchronous calls
//   Stores     connections, transactions, write batching
//   Brokers    publishes, outboxes, broker latency and order, backlog
//   Consumers  deliveries, lanes, dispatch, handling's end, redelivery, dead letters
//   Faults     fault windows, composed and applied to their components
//   Recorder   counters, histograms, time series (the measured part of the run)
//
// Each component owns its state and random streams (derived from `seed` and the entity, so
// adding an entity does not shift the others' numbers) and calls the others through their
// public methods. Semantics: docs/simulator.md.
//
// Not thread-safe; one Replication per thread. The Spec (and the TraceSink, if any) must outlive
// it.

#include <cstdint>
#include <functional>
#include <memory>

#include "model/spec.h"
#include "simulator/brokers.h"
#include "simulator/calls.h"
#include "simulator/consumers.h"
#include "simulator/engine.h"
#include "simulator/faults.h"
#include "simulator/metrics.h"
#include "simulator/recorder.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"
#include "simulator/run_plan.h"
#include "simulator/sources.h"
#include "simulator/stores.h"
#include "simulator/trace.h"
#include "simulator/work_layout.h"

namespace ripple::sim {

class Replication {
 public:
  // `trace` may be null (no tracing); `index` is the replication's number, for the trace.
  Replication(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed,
              TraceSink* trace = nullptr, int index = 0);
  Replication(const Replication&) = delete;
  Replication& operator=(const Replication&) = delete;

  // Told the simulated clock and the events run so far between slices of the run.
  using SliceObserver = std::function<void(TimeNs now, std::uint64_t events_processed)>;

  // Runs the whole plan once and returns what was measured. Call once. With an observer, the run
  // stops `slices` times (at equal shares of the duration) to call it; the events run, and so
  // the measurements, are the same as without.
  [[nodiscard]] ReplicationMetrics run(const SliceObserver& observer = {}, int slices = 1);

 private:
  RunPlan plan_;
  WorkLayout layout_;
  Engine engine_;
  Recorder recorder_;
  std::unique_ptr<Tracer> tracer_;  // null without a sink
  ReplicationContext context_;
  Requests requests_;
  Calls calls_;
  Stores stores_;
  Brokers brokers_;
  Consumers consumers_;
  Sources sources_;
  Faults faults_;
};

}  // namespace ripple::sim
