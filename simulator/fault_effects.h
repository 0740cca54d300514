#pragma once

// What the faults active on one component add up to, as the component applies it (Faults
// computes it; see docs/simulator.md, "Faults"), and how a slow factor stretches a time.

#include <cmath>

#include "simulator/engine.h"

namespace ripple::sim {

struct FaultEffects {
  bool down = false;        // fails every request or transaction; a broker takes no publish
  double slow = 1;          // every service, transaction or broker time is multiplied by it
  double error_ratio = 0;   // that share of requests or transactions fails at once
  int serving = 0;          // services: replicas [0, serving) take requests
  int lost_partitions = 0;  // Kafka brokers: partitions [0, n) unavailable
};

// `time` stretched by a slow fault's `factor` (rounded to the nanosecond, at most kMaxSpanNs).
[[nodiscard]] inline TimeNs slowed(TimeNs time, double factor) {
  if (factor == 1) return time;
  return to_span_ns(static_cast<double>(time) * factor);
}

}  // namespace ripple::sim
