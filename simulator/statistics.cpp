#include "simulator/statistics.h"

#include <array>
#include <cmath>

namespace ripple::sim {

double student_t_975(int degrees) {
  static constexpr std::array<double, 30> kTable = {
      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
      2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (degrees < 1) degrees = 1;
  if (degrees <= 30) return kTable[static_cast<std::size_t>(degrees - 1)];
  const double z = 1.959963984540054;
  const double n = degrees;
  const double z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n);
}

Interval confidence_interval(const std::vector<double>& values) {
  Interval interval;
  if (values.empty()) return interval;
  double sum = 0;
  for (const double v : values) sum += v;
  const double n = static_cast<double>(values.size());
  interval.mean = sum / n;
  interval.low = interval.high = interval.mean;
  if (values.size() < 2) return interval;
  double squares = 0;
  for (const double v : values) squares += (v - interval.mean) * (v - interval.mean);
  const double standard_error = std::sqrt(squares / (n - 1) / n);
  const double half = student_t_975(static_cast<int>(values.size()) - 1) * standard_error;
  interval.low = interval.mean - half;
  interval.high = interval.mean + half;
  return interval;
}

}  // namespace ripple::sim
