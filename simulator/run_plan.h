#pragma once

// The timing of one replication's run: how long, how much of it is warmup, and the step of its
// time series. Shared by the replication's components and by the Summary that merges results.

#include "simulator/engine.h"

namespace ripple::sim {

struct RunPlan {
  TimeNs duration = 0;  // whole run, warmup included
  TimeNs warmup = 0;    // REQUIRES: 0 <= warmup < duration
  TimeNs step = 0;      // series step, > 0
};

}  // namespace ripple::sim
