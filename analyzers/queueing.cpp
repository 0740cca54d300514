#include "analyzers/queueing.h"

#include <cmath>

namespace ripple::analyzers::detail {
namespace {

constexpr double kExactServers = 1e6;

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double standard_normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }

}  // namespace

double erlang_c(double servers, double load) {
  if (load <= 0) return 0;
  if (load >= servers) return 1;
  if (servers > kExactServers) {
    // Halfin-Whitt: with beta = (1 - rho) sqrt(c), P(wait) -> 1 / (1 + beta Phi(beta) / phi(beta)).
    const double beta = (1 - load / servers) * std::sqrt(servers);
    return 1 / (1 + beta * standard_normal_cdf(beta) / standard_normal_pdf(beta));
  }
  // Erlang B by its recursion B(k) = a B(k-1) / (k + a B(k-1)), stable for every c; then
  // C = c B / (c - a (1 - B)).
  double b = 1;
  const auto c = static_cast<long long>(servers);
  for (long long k = 1; k <= c; ++k) b = load * b / (static_cast<double>(k) + load * b);
  return servers * b / (servers - load * (1 - b));
}

double mmc_mean_wait(double servers, double load, double holding) {
  if (load >= servers) return -1;
  return erlang_c(servers, load) * holding / (servers - load);
}

}  // namespace ripple::analyzers::detail
