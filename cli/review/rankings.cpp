#include "cli/review/rankings.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace ripple::cli {
namespace {

using analyzers::Analysis;

// Indexes of `items` ordered by `before` (stable).
template <typename T, typename Before>
Order ranked(const std::vector<T>& items, Before before) {
  Order order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return before(items[a], items[b]); });
  return order;
}

Order with_effect(Order order, const Analysis& a) {
  std::erase_if(order, [&](std::size_t i) { return !has_effect(a.cascades[i]); });
  return order;
}

}  // namespace

std::size_t longest_chain(const analyzers::Cascade& cascade) {
  // The chain as rendered: the component, then its operations.
  return cascade.longest_path_ids.empty() ? 0 : cascade.longest_path_ids.size() + 1;
}

bool has_effect(const analyzers::Cascade& c) {
  return c.counts.failed_operations > 0 || c.counts.stalled_consumers > 0 ||
         c.counts.lost_events > 0;
}

AnalysisRanking rank_analysis(const Analysis& a) {
  AnalysisRanking r;
  r.coupling = ranked(a.coupling.services, [](const auto& x, const auto& y) {
    return std::tie(y.ce, y.acs, y.ce_hidden) < std::tie(x.ce, x.acs, x.ce_hidden);
  });
  r.amplification = ranked(a.amplification, [](const auto& x, const auto& y) {
    return y.worst_case.requests < x.worst_case.requests;
  });
  r.events = ranked(a.events, [](const auto& x, const auto& y) {
    return std::tie(y.callback_rate, y.callbacks) < std::tie(x.callback_rate, x.callbacks);
  });
  r.cascades = with_effect(ranked(a.cascades,
                                  [](const auto& x, const auto& y) {
                                    return std::make_tuple(y.blast_radius, y.counts.failed_entries,
                                                           y.counts.stalled_consumers) <
                                           std::make_tuple(x.blast_radius, x.counts.failed_entries,
                                                           x.counts.stalled_consumers);
                                  }),
                           a);
  r.chains = ranked(a.coupling.longest_chains,
                    [](const auto& x, const auto& y) { return y.length < x.length; });
  r.capacity = ranked(a.capacity, [](const auto& x, const auto& y) {
    return binding_utilization(y) < binding_utilization(x);
  });
  return r;
}

double binding_utilization(const analyzers::ElementCapacity& element) {
  const double partition = element.partition ? element.partition->utilization : 0;
  return std::max({element.utilization, element.peak_utilization.value_or(0), partition});
}

Order most_coupled_then_hidden(const Analysis& a) {
  return ranked(a.coupling.services, [](const auto& x, const auto& y) {
    return std::tie(y.ce, y.ce_hidden, y.ca) < std::tie(x.ce, x.ce_hidden, x.ca);
  });
}

Order widest_cascades_then_longest(const Analysis& a) {
  Order effective;
  for (std::size_t i = 0; i < a.cascades.size(); ++i)
    if (has_effect(a.cascades[i])) effective.push_back(i);
  std::stable_sort(effective.begin(), effective.end(), [&](std::size_t i, std::size_t j) {
    const analyzers::Cascade& x = a.cascades[i];
    const analyzers::Cascade& y = a.cascades[j];
    return std::make_tuple(y.blast_radius, longest_chain(y), y.counts.stalled_consumers) <
           std::make_tuple(x.blast_radius, longest_chain(x), x.counts.stalled_consumers);
  });
  return effective;
}

SimulationRanking rank_simulation(const sim::SimulationResult& r) {
  SimulationRanking out;
  out.operations =
      ranked(r.operations, [](const auto& x, const auto& y) { return x.entry && !y.entry; });
  out.consumers =
      ranked(r.consumers, [](const auto& x, const auto& y) { return y.lag.p99_ms < x.lag.p99_ms; });
  out.services = ranked(r.services,
                        [](const auto& x, const auto& y) { return y.utilization < x.utilization; });
  std::vector<double> peaks;
  for (const sim::QueueSeries& q : r.series.queues)
    peaks.push_back(q.queue_length.empty()
                        ? 0
                        : *std::max_element(q.queue_length.begin(), q.queue_length.end()));
  for (std::size_t i = 0; i < peaks.size(); ++i)
    if (peaks[i] > 0) out.queues.push_back(i);
  std::stable_sort(out.queues.begin(), out.queues.end(),
                   [&](std::size_t a, std::size_t b) { return peaks[b] < peaks[a]; });
  return out;
}

}  // namespace ripple::cli
