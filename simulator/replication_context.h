#pragma once

// Private to the simulator: what every component of one replication shares. Owned by the
// Replication, which outlives its components; components copy the references they use.

#include <cstdint>

#include "model/spec.h"
#include "simulator/engine.h"
#include "simulator/recorder.h"
#include "simulator/run_plan.h"
#include "simulator/tracer.h"
#include "simulator/work_layout.h"

namespace ripple::sim {

struct ReplicationContext {
  const model::Spec& spec;
  const WorkLayout& layout;
  RunPlan plan;
  std::uint64_t seed;  // the replication's seed: every random stream derives from it
  Engine& engine;
  Recorder& recorder;
  Tracer* tracer;  // null when no TraceSink was given
};

}  // namespace ripple::sim
