#pragma once

// Small statistics helpers for confidence intervals across replications.

#include <vector>

#include "simulator/results.h"

namespace ripple::sim {

// The 0.975 quantile of Student's t with `degrees` degrees of freedom (>= 1): exact table values
// up to 30, then the Cornish-Fisher expansion around the normal quantile (error < 1e-4).
[[nodiscard]] double student_t_975(int degrees);

// Mean and two-sided 95% Student t interval of `values`; with fewer than two values the interval
// collapses to the mean.
[[nodiscard]] Interval confidence_interval(const std::vector<double>& values);

}  // namespace ripple::sim
