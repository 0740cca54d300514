#pragma once

// Statistics over independent replications of a simulation: the estimate of a figure with its
// 95% confidence interval, the paired difference of two designs run with common random numbers,
// and the verdict of an interval against a gate's threshold. Renderers show these; they never
// compute them.
//
//   const Estimate e = estimate({12.1, 11.8, 12.6, 12.0, 12.3});   // value 12.16, ci [11.8, 12.5]
//   const PairedDifference d = paired_difference(base_values, head_values);
//   if (d.significance == Significance::Higher) ...               // head is higher at 95%
//
// Intervals are two-sided 95% Student t intervals of the mean of the per-replication values,
// mean +- t(0.975, n-1) s / sqrt(n) with s the sample standard deviation (docs/simulator.md).
// With fewer than two values there is no interval.

#include <optional>
#include <vector>

#include "model/spec.h"
#include "simulator/results.h"

namespace ripple::cli {

// A closed interval [low, high], in the figure's unit.
struct Bounds {
  double low = 0;
  double high = 0;
  bool operator==(const Bounds&) const = default;
};

struct Estimate {
  double value = 0;                     // mean of per_replication (0 when there is none)
  std::optional<Bounds> ci;             // 95% Student t interval; nullopt with < 2 values
  std::vector<double> per_replication;  // in replication order
  bool operator==(const Estimate&) const = default;
};

// The estimate of the mean of `values` (replication order kept).
[[nodiscard]] Estimate estimate(std::vector<double> values);

// `e` scaled by `factor` (value, interval and per-replication values alike): a figure that sums
// n replications is n times the per-replication mean, and so is its interval.
[[nodiscard]] Estimate scaled(Estimate e, double factor);

// Whether an interval of a difference lies above zero, below it, or straddles it.
enum class Significance {
  Higher,   // the whole interval is above zero: head is higher
  Lower,    // the whole interval is below zero: head is lower
  None,     // the interval contains zero (or both sides are identical)
  Unknown,  // fewer than two replications: no interval, nothing can be concluded
};

// head_i - base_i over the replications both have (common random numbers: replication i of both
// designs ran with the same seed). An identical design gives exactly zero in every replication,
// so the interval is [0, 0] and the significance None.
struct PairedDifference {
  Estimate difference;  // of head_i - base_i
  Significance significance = Significance::Unknown;
  bool operator==(const PairedDifference&) const = default;
};

// REQUIRES: base.size() == head.size() (replication i of both).
[[nodiscard]] PairedDifference paired_difference(const std::vector<double>& base,
                                                 const std::vector<double>& head);

// How an estimate fares against a gate's threshold.
enum class IntervalVerdict {
  Pass,      // the whole interval satisfies the comparison
  Fail,      // no point of the interval satisfies it
  Marginal,  // the interval straddles the threshold
};

// The verdict of [low, high] against `comparison threshold` (== passes only when both bounds
// equal the threshold within rounding, fails when the threshold lies outside the interval).
[[nodiscard]] IntervalVerdict judge_interval(Bounds interval, model::Comparison comparison,
                                             double threshold);

// `comparison` holds for `value` against `threshold` (== and the inclusive comparisons allow
// rounding error of 1e-9 relative).
[[nodiscard]] bool comparison_holds(model::Comparison comparison, double value, double threshold);

[[nodiscard]] const char* to_string(IntervalVerdict verdict);    // "pass", "fail", "marginal"
[[nodiscard]] const char* to_string(Significance significance);  // "higher", "lower", "none", ...

}  // namespace ripple::cli
