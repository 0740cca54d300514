#pragma once

// Private to the simulator: a replication's side of the TraceSink. Numbers the spans and stamps
// every record with the replication index. Components hold a `Tracer*` that is null when no sink
// was given, so that every hook point is one `if (tracer_)` and builds its record only inside it.

#include "simulator/trace.h"

namespace ripple::sim {

class Tracer {
 public:
  Tracer(TraceSink& sink, int replication) : sink_(sink), replication_(replication) {}

  // The id of the next request or handling (1, 2, ...).
  [[nodiscard]] SpanId next_span() { return ++last_span_; }

  void request_started(RequestStart record) { sink_.request_started(stamp(record)); }
  void request_ended(RequestEnd record) { sink_.request_ended(stamp(record)); }
  void attempt_ended(AttemptEnd record) { sink_.attempt_ended(stamp(record)); }
  void event_published(PublishRecord record) { sink_.event_published(stamp(record)); }
  void delivery_started(DeliveryStart record) { sink_.delivery_started(stamp(record)); }
  void delivery_ended(DeliveryEnd record) { sink_.delivery_ended(stamp(record)); }
  void handling_started(HandlingStart record) { sink_.handling_started(stamp(record)); }
  void handling_ended(HandlingEnd record) { sink_.handling_ended(stamp(record)); }

 private:
  template <typename Record>
  Record& stamp(Record& record) const {
    record.replication = replication_;
    return record;
  }

  TraceSink& sink_;
  int replication_;
  SpanId last_span_ = 0;
};

}  // namespace ripple::sim
