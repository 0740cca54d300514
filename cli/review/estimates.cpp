#include "cli/review/estimates.h"

#include <algorithm>
#include <cmath>

#include "simulator/statistics.h"

namespace ripple::cli {
namespace {

bool nearly_equal(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

Estimate estimate(std::vector<double> values) {
  Estimate e;
  if (values.empty()) return e;
  const sim::Interval interval = sim::confidence_interval(values);
  e.value = interval.mean;
  if (values.size() >= 2) e.ci = Bounds{interval.low, interval.high};
  e.per_replication = std::move(values);
  return e;
}

Estimate scaled(Estimate e, double factor) {
  e.value *= factor;
  if (e.ci) e.ci = Bounds{e.ci->low * factor, e.ci->high * factor};
  for (double& v : e.per_replication) v *= factor;
  return e;
}

PairedDifference paired_difference(const std::vector<double>& base,
                                   const std::vector<double>& head) {
  std::vector<double> differences;
  const std::size_t n = std::min(base.size(), head.size());
  differences.reserve(n);
  for (std::size_t i = 0; i < n; ++i) differences.push_back(head[i] - base[i]);
  PairedDifference d;
  d.difference = estimate(std::move(differences));
  if (!d.difference.ci)
    d.significance = Significance::Unknown;
  else if (d.difference.ci->low > 0)
    d.significance = Significance::Higher;
  else if (d.difference.ci->high < 0)
    d.significance = Significance::Lower;
  else
    d.significance = Significance::None;
  return d;
}

bool comparison_holds(model::Comparison comparison, double value, double threshold) {
  switch (comparison) {
    case model::Comparison::Less:
      return value < threshold;
    case model::Comparison::LessEqual:
      return value <= threshold || nearly_equal(value, threshold);
    case model::Comparison::Greater:
      return value > threshold;
    case model::Comparison::GreaterEqual:
      return value >= threshold || nearly_equal(value, threshold);
    case model::Comparison::Equal:
      return nearly_equal(value, threshold);
  }
  return false;
}

// For the ordering comparisons the set of passing values is a half-line, so the interval passes
// when both bounds pass and fails when neither does. For == the passing set is one point.
IntervalVerdict judge_interval(Bounds interval, model::Comparison comparison, double threshold) {
  const bool low = comparison_holds(comparison, interval.low, threshold);
  const bool high = comparison_holds(comparison, interval.high, threshold);
  if (low && high) return IntervalVerdict::Pass;
  if (comparison == model::Comparison::Equal) {
    const bool inside = interval.low <= threshold && threshold <= interval.high;
    return inside ? IntervalVerdict::Marginal : IntervalVerdict::Fail;
  }
  if (!low && !high) return IntervalVerdict::Fail;
  return IntervalVerdict::Marginal;
}

const char* to_string(IntervalVerdict verdict) {
  switch (verdict) {
    case IntervalVerdict::Pass:
      return "pass";
    case IntervalVerdict::Fail:
      return "fail";
    case IntervalVerdict::Marginal:
      return "marginal";
  }
  return "?";
}

const char* to_string(Significance significance) {
  switch (significance) {
    case Significance::Higher:
      return "higher";
    case Significance::Lower:
      return "lower";
    case Significance::None:
      return "none";
    case Significance::Unknown:
      return "unknown";
  }
  return "?";
}

}  // namespace ripple::cli
