// Recovery time after a fault or a workload spike (summary.h, recovery_time_ms), judged on
// windows of enough requests per replication (docs/simulator.md, "Recovery").

#include <algorithm>
#include <cmath>

#include "simulator/summary.h"

namespace ripple::sim {

namespace {

// Recovery (docs/simulator.md, "Recovery").
constexpr std::size_t kRecoverySteps = 10;  // a window spans at least this many steps
constexpr double kWindowRequests = 200;     // and at least this many answered entry requests
constexpr double kRecoverySlack = 0.1;      // 10% above the value before the disturbance
constexpr double kErrorRateSlack = 0.001;   // or 0.1 percentage points
constexpr double kSlowShare = 0.01;         // share of answers above the slow limit (p99 x 1.1)
constexpr double kAllowanceZ = 3;           // binomial allowance, standard deviations
constexpr double kBacklogSlack = 10;        // or 10 events

// The most bad requests (errors, or answers slower than the slow limit) a healthy window of n
// requests may hold when the healthy share is p: its binomial mean plus kAllowanceZ standard
// deviations (one-sided, about 0.1% of healthy windows exceed it).
double allowance(double n, double p) { return n * p + kAllowanceZ * std::sqrt(n * p * (1 - p)); }

}  // namespace

// A window starts at a step at or after the end of the disturbance and holds, per entry
// operation, at least kRecoverySteps steps and at least kWindowRequests answered requests (or
// the rest of the run). It is healthy when, for every entry operation answered before the
// disturbance, its errors are within allowance(n, max(e0 x 1.1, e0 + 0.001)) (e0: the error share
// before) and its answers slower than 1.1 x the p99 before are within allowance(timed, 1%); and
// every backlog is back near its level before. Recovery is the first healthy window's start.
std::optional<double> recovery_time_ms(const ReplicationMetrics& r, const RecoveryWatch& watch,
                                       const RunPlan& plan,
                                       const std::vector<const std::vector<double>*>& backlogs) {
  const std::size_t steps = r.step_length_ns.size();
  const auto step_start = [&](std::size_t k) {
    return plan.warmup + static_cast<TimeNs>(k) * plan.step;
  };
  std::size_t before = 0;
  while (before < steps && step_start(before) + plan.step <= watch.start_ns) ++before;
  std::vector<std::size_t> ops;
  for (std::size_t op = 0; op < watch.base_completed.size(); ++op)
    if (watch.base_completed[op] > 0 && !r.entry_steps[op].completed.empty()) ops.push_back(op);
  if (before == 0 || (ops.empty() && backlogs.empty())) return std::nullopt;
  const auto mean = [](const std::vector<double>& values, std::size_t from, std::size_t count) {
    double sum = 0;
    for (std::size_t k = from; k < from + count; ++k) sum += values[k];
    return sum / static_cast<double>(count);
  };
  const auto healthy = [&](std::size_t from) {
    for (const std::size_t op : ops) {
      const StepValues& v = r.entry_steps[op];
      const std::vector<std::uint32_t>& slow = watch.slow[op];
      double n = 0, errors = 0, timed = 0, slower = 0;
      for (std::size_t k = from; k < steps; ++k) {
        n += static_cast<double>(v.completed[k]);
        errors += static_cast<double>(v.errors[k]);
        timed += static_cast<double>(v.timed[k]);
        slower += static_cast<double>(slow[k]);
        if (k + 1 - from >= kRecoverySteps && n >= kWindowRequests) break;
      }
      if (n == 0) return false;  // it had traffic before and none is answered now
      const double e0 = static_cast<double>(watch.base_errors[op]) /
                        static_cast<double>(watch.base_completed[op]);
      const double error_share =
          std::min(1.0, std::max(e0 * (1 + kRecoverySlack), e0 + kErrorRateSlack));
      if (errors > allowance(n, error_share)) return false;
      if (slower > allowance(timed, kSlowShare)) return false;
    }
    for (const std::vector<double>* values : backlogs) {
      const std::vector<double>& backlog = *values;
      const double base = mean(backlog, 0, before);
      const double limit = std::max(base * (1 + kRecoverySlack), base + kBacklogSlack);
      if (mean(backlog, from, kRecoverySteps) > limit) return false;
    }
    return true;
  };
  for (std::size_t k = 0; k + kRecoverySteps <= steps; ++k) {
    if (step_start(k) < watch.end_ns) continue;
    if (healthy(k)) return static_cast<double>(step_start(k) - watch.end_ns) / kNsPerMs;
  }
  return std::nullopt;
}

}  // namespace ripple::sim
