#pragma once

// The Simulation section of `ripple diff --simulate` (spec_diff.h): every figure of sim::figures
// present in base or head, paired replication by replication under common seeds; a change is
// worse or better only when the 95% interval of the paired difference excludes zero and the move
// passes the figure's tolerance (kP99Tolerance and the others in spec_diff.h).

#include <vector>

#include "cli/review/spec_diff.h"

namespace ripple::cli {

// Appends the simulated changes from `base` to `head` to `out`.
void diff_simulation(const ReplicatedSimulation& base, const ReplicatedSimulation& head,
                     std::vector<Change>& out);

}  // namespace ripple::cli
