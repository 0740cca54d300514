#pragma once

// Whether a JSON document lists each replication's value beside every simulated figure
// (`--format json --per-replication` of simulate, gate and diff).

namespace ripple::cli {

enum class PerReplication { Hidden, Shown };

}  // namespace ripple::cli
