#pragma once

// The timing of one replication's run: how long, how much of it is warmup, and the step of its
// time series. Shared by the replication's components and by the Summary that merges results.

#include <cstddef>
#include <cstdint>

#include "simulator/engine.h"

namespace ripple::sim {

struct RunPlan {
  TimeNs duration = 0;  // whole run, warmup included
  TimeNs warmup = 0;    // REQUIRES: 0 <= warmup < duration
  TimeNs step = 0;      // series step, > 0
  // One replication stops past these (Engine::set_limits); 0: no limit.
  std::uint64_t max_events = 0;
  std::size_t max_pending = 0;
};

}  // namespace ripple::sim
