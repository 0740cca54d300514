#pragma once

// Parameter sweeps and capacity search over a spec (`ripple sweep`): values set over the YAML
// (model/overrides.h) on a grid of points, each point judged as `ripple gate` judges: the same
// replications, seeds (common random numbers: every point runs the same seeds) and 95% intervals.
//
//   std::vector<Axis> axes = {parse_vary("services.api.replicas=1..8", {.steps = 8}).axis};
//   SweepPlan plan{...};
//   SweepResult result = run_sweep(plan, load);                 // every point of the grid
//   FindResult found = find_boundary(plan, gate, precision, load);  // bisection on one axis
//
// No CLI11 and no printing: cli/commands/sweep.cpp reads the command line and renders.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/review/estimates.h"
#include "model/loader.h"
#include "model/spec.h"
#include "simulator/simulate.h"

namespace ripple::cli {

// One --vary: a path and the values it takes, in the field's own units.
struct Axis {
  std::string path;
  std::vector<std::string> values;  // as set in the YAML: "3", "200/s", "20ms"
  std::vector<double> numbers;      // each value's number (in its unit), for charts and search
  std::string unit;                 // the unit written after the numbers ("/s", "ms"; "" none)
  bool integer = false;             // whole numbers without a unit: counts, replicas
};

struct VaryOptions {
  int steps = 5;     // points of a range A..B, ends included (>= 2)
  bool log = false;  // a range spaced evenly on a log scale (both ends above 0)
};

struct VaryParse {
  std::optional<Axis> axis;
  std::string error;  // when axis is empty: what is wrong, with a hint
};

// "PATH=A..B" (with `options`) or "PATH=A,B,C".
[[nodiscard]] VaryParse parse_vary(const std::string& text, const VaryOptions& options);

// A number as a sweep writes it: up to 6 significant digits, no exponent, no trailing zeros.
[[nodiscard]] std::string plain_number(double value);

// The value of one default figure or gate at one point.
struct PointValue {
  std::string name;  // "p99(gateway.checkout)" or the gate as written
  std::string unit;  // "ms", "ratio", ""
  std::optional<double> value;
  std::optional<Bounds> ci;
  std::string verdict;       // gates: "pass", "fail", "marginal"; figures: ""
  bool value_holds = false;  // gates: the value (the mean over replications) meets the gate
};

struct SweepPoint {
  int index = 0;                    // in the grid (row-major, the first axis slowest)
  std::vector<std::string> values;  // one per axis
  std::vector<PointValue> gates;    // the spec's gates and --gate, in order
  std::vector<PointValue> figures;  // the default figures
  bool passed = false;              // every gate met (marginal counts as not met)
  std::string error;                // the point could not run (its spec is invalid): why
};

// What a point loads: the spec with the point's overrides; diagnostics when it does not load.
using PointLoader = std::function<model::LoadResult(const std::vector<model::Override>&)>;

struct SweepPlan {
  std::vector<Axis> axes;
  std::vector<std::string> extra_gates;  // --gate, added to the spec's gates
  // Seed (default: each point's workload.seed), replications, budget, duration; its threads and
  // progress are ignored (each point runs its replications on replication_threads).
  sim::SimulationOptions simulation;
  int threads = 1;              // points run at once
  int replication_threads = 1;  // threads each point's replications run on (--find: all of them)
  std::function<void(int done, int total)> progress;  // after each point; may be null
};

struct SweepResult {
  std::string spec_name;
  std::uint64_t seed = 0;
  int replications = 0;
  double simulated_ms = 0;  // per replication, warmup included
  std::vector<Axis> axes;
  std::vector<std::string> gate_texts;
  std::vector<SweepPoint> points;  // in index order
  int total_points = 0;            // of the whole grid (a shard holds only some)
};

// The problems of `gates` (as written) against `spec`, named `origin` ("--gate", "--find").
[[nodiscard]] model::Diagnostics check_gates(const model::Spec& spec, const std::string& origin,
                                             const std::vector<std::string>& gates);

// The grid's points as overrides, row-major (the first axis varies slowest).
[[nodiscard]] std::vector<std::vector<model::Override>> sweep_grid(const std::vector<Axis>& axes);

// Whether point `index` belongs to shard `k` of `n` (1-based k): round robin.
[[nodiscard]] bool in_shard(int index, int k, int n);

// Runs the points of the grid that `keep` accepts (every point when null), in parallel over
// plan.threads; the result is the same for any thread count.
[[nodiscard]] SweepResult run_sweep(const SweepPlan& plan, const PointLoader& load,
                                    const std::function<bool(int)>& keep = nullptr);

// Capacity search on the plan's one axis (a range): the value where `gate` stops holding.
struct FindResult {
  std::string path;
  std::string gate;
  std::optional<double> value;  // the best value for which the gate holds; none: it never holds
  double low = 0;               // the boundary lies in [low, high]
  double high = 0;
  int runs = 0;           // points run (each with plan.replications replications)
  std::string direction;  // "largest" (holds below) or "smallest" (holds above)
  std::string note;       // "holds over the whole range", ...
  SweepResult probes;     // every point run, in the order run
};

// Bisects until (high - low) <= precision x the boundary (or 1 on an integer axis). A probe is
// on the holding side when the gate's value (the mean over the replications, common random
// numbers at every probe) meets it; each probe keeps its interval and verdict.
[[nodiscard]] FindResult find_boundary(const SweepPlan& plan, const std::string& gate,
                                       double precision, const PointLoader& load);

// FNV-1a 64 of `text`, as 16 hex digits: identifies the spec and the options a shard ran with.
[[nodiscard]] std::string digest_of(const std::string& text);

}  // namespace ripple::cli
