#pragma once

// TraceSink: a hook through which a simulation reports what it simulated, request by request and
// event by event, for exporters of simulated traces (OpenTelemetry, Jaeger) and for tests. Set
// SimulationOptions::trace to receive it; without a sink (the default) nothing is recorded and
// nothing is allocated: each hook point costs one predictable branch.
//
// What is reported, per replication:
//  - requests: every request that reaches a service (entry requests, call attempts, callbacks,
//    reconnect attempts), from its arrival (queueing included) to its answer; one that is refused
//    at arrival (rejected by a full queue, failed by a fault) starts and ends at the same instant.
//  - call attempts: the caller's view of each attempt, from its start to the moment the caller
//    stopped waiting (the answer, the timeout, the breaker's refusal). A timed-out attempt's
//    request goes on and ends later: the callee is not told.
//  - events: each publish (sent, held in an outbox, refused), each delivery to a consuming service
//    (from the event's arrival at the consumer's queue to its acknowledgement, dead-lettering or
//    loss) and each handling of a delivery (a redelivered event has several).
//
// Contract:
//  - Times are TimeNs: simulated nanoseconds since the start of the run, warmup included (the
//    trace covers the whole run; the metrics only the part after the warmup).
//  - Span ids (requests and handlings) are unique within a replication: 1, 2, 3, ... in the order
//    the requests were sent; 0 means none. Message ids are the publish sequence of a replication
//    (1, 2, ...); 0 means none (a refused publish). Ids restart in every replication: a record's
//    `replication` tells them apart.
//  - Model ids (operation, service, consumer, event) index the loaded model::Spec's vectors.
//  - A start is reported before its end, and within one replication records come in simulated
//    time order. A request, handling or delivery still open when the run ends has no end record.
//  - With SimulationOptions::threads > 1, replications run concurrently and the sink's methods
//    are called from several threads at once (one replication per thread): the sink must then be
//    thread-safe. Records of one replication always come from one thread.
//  - The sink must outlive the simulate() or run_replications() call, and must not throw.
//  - Tracing never changes the results: the same spec and seed give the same results with and
//    without a sink.

#include <cstdint>

#include "simulator/engine.h"

namespace ripple::sim {

using SpanId = std::uint64_t;
using MessageId = std::uint64_t;

enum class RequestOutcome : std::uint8_t {
  Ok,
  Error,     // failed: a call, a store or a publish failed, a fault failed it, its replica died
  Rejected,  // refused at arrival: the chosen replica's queue was full
  Cancelled  // dropped from its queue when its caller timed out (cancel_on_timeout)
};
enum class AttemptOutcome : std::uint8_t { Ok, Error, Timeout, ShortCircuit };
enum class HandlingOutcome : std::uint8_t {
  Ok,
  Error,   // a callback, a call, a store or a publish failed
  Crashed  // its replica stopped serving; the delivery goes back to its consumer
};
enum class PublishOutcome : std::uint8_t { Sent, Outboxed, Refused };
enum class DeliveryOutcome : std::uint8_t { Acknowledged, DeadLettered, Lost };

struct RequestStart {
  int replication = 0;
  SpanId span = 0;
  SpanId parent = 0;  // the calling request or handling; 0 for entry and reconnect requests
  int operation = -1;
  int service = -1;
  int replica = -1;  // -1 when a fault refused it before a replica was chosen
  int attempt = 1;   // 1-based: the call's (or reconnect client's) attempt number
  TimeNs time = 0;   // arrival at the service
};

struct RequestEnd {
  int replication = 0;
  SpanId span = 0;
  RequestOutcome outcome = RequestOutcome::Ok;
  TimeNs time = 0;
};

struct AttemptEnd {
  int replication = 0;
  SpanId caller = 0;   // the request or handling that made the call
  SpanId callee = 0;   // the attempt's request; 0 when the breaker refused the attempt
  int operation = -1;  // the called operation
  int attempt = 1;     // 1-based
  AttemptOutcome outcome = AttemptOutcome::Ok;
  TimeNs start = 0;
  TimeNs end = 0;
};

struct PublishRecord {
  int replication = 0;
  MessageId message = 0;  // 0 when refused
  SpanId publisher = 0;   // the request or handling that published
  int event = -1;
  PublishOutcome outcome = PublishOutcome::Sent;
  TimeNs time = 0;
};

struct DeliveryStart {
  int replication = 0;
  MessageId message = 0;
  int consumer = -1;
  TimeNs time = 0;  // the event reaches the consumer's queue
};

struct DeliveryEnd {
  int replication = 0;
  MessageId message = 0;
  int consumer = -1;
  DeliveryOutcome outcome = DeliveryOutcome::Acknowledged;
  TimeNs time = 0;  // a delivery lost before it reached the queue has no start record
};

struct HandlingStart {
  int replication = 0;
  SpanId span = 0;
  MessageId message = 0;
  int consumer = -1;
  int service = -1;
  int replica = -1;
  int receive = 1;  // 1-based: how many times the event has been handed to this consumer
  TimeNs time = 0;
};

struct HandlingEnd {
  int replication = 0;
  SpanId span = 0;
  HandlingOutcome outcome = HandlingOutcome::Ok;
  TimeNs time = 0;
};

// Override what you need; every method does nothing by default.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void request_started(const RequestStart& /*record*/) {}
  virtual void request_ended(const RequestEnd& /*record*/) {}
  virtual void attempt_ended(const AttemptEnd& /*record*/) {}
  virtual void event_published(const PublishRecord& /*record*/) {}
  virtual void delivery_started(const DeliveryStart& /*record*/) {}
  virtual void delivery_ended(const DeliveryEnd& /*record*/) {}
  virtual void handling_started(const HandlingStart& /*record*/) {}
  virtual void handling_ended(const HandlingEnd& /*record*/) {}
};

}  // namespace ripple::sim
