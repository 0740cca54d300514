#pragma once

// Service-time and latency distributions of the spec format:
//   const(5ms)  exp(20ms)  uniform(1ms, 5ms)  normal(mean=10ms, sd=2ms)
//   lognormal(median=5ms, p99=40ms)  pareto(scale=1ms, shape=2.5)  empirical([1ms, 2ms, 9ms])
// and a bare duration, which means const. All parameters are held in nanoseconds.
// Sampling lives in the simulator (its own RNG streams); the model only describes.

#include <string>
#include <string_view>
#include <vector>

#include "model/units.h"

namespace ripple::model {

enum class DistributionKind { Const, Exp, Uniform, Normal, Lognormal, Pareto, Empirical };

struct Distribution {
  DistributionKind kind = DistributionKind::Const;
  // Parameters in nanoseconds (shape is dimensionless):
  //   Const: a = value.  Exp: a = mean.  Uniform: a = low, b = high.
  //   Normal: a = mean, b = standard deviation (samples truncated at 0).
  //   Lognormal: a = median, b = p99.  Pareto: a = scale (minimum), b = shape (> 1).
  //   Empirical: values, drawn with equal probability.
  double a = 0;
  double b = 0;
  std::vector<double> values;
  std::string text;  // as written in the spec, for messages and reports

  [[nodiscard]] static Distribution constant(Duration d);
  // Mean in nanoseconds (for normal: of the distribution truncated at 0).
  [[nodiscard]] double mean_ns() const;
  // Lognormal location and scale of the underlying normal: mu = ln(median),
  // sigma = (ln(p99) - ln(median)) / z(0.99).
  [[nodiscard]] double lognormal_mu() const;
  [[nodiscard]] double lognormal_sigma() const;
};

// z such that P(N(0,1) <= z) = 0.99.
constexpr double kZ99 = 2.3263478740408408;

[[nodiscard]] Parsed<Distribution> parse_distribution(std::string_view text);

[[nodiscard]] const char* to_string(DistributionKind kind);

}  // namespace ripple::model
