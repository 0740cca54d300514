#include "simulator/figures.h"

#include <algorithm>

namespace ripple::sim {
namespace {

using model::GateMetric;

const OperationResult* find_operation(const SimulationResult& r, std::string_view name) {
  for (const OperationResult& op : r.operations)
    if (op.name == name) return &op;
  return nullptr;
}

const ConsumerResult* find_consumer(const SimulationResult& r, std::string_view name) {
  for (const ConsumerResult& c : r.consumers)
    if (c.name == name) return &c;
  return nullptr;
}

double per_replication(const SimulationResult& r, std::uint64_t count) {
  return static_cast<double>(count) / std::max(1, r.replications);
}

std::optional<double> operation_figure(const OperationResult& op, GateMetric metric) {
  switch (metric) {
    case GateMetric::P99:
      if (op.count == 0 || op.count == op.rejected) return std::nullopt;
      return op.latency.p99_ms;
    case GateMetric::ErrorRate:
      if (op.count == 0) return std::nullopt;
      return op.error_rate;
    case GateMetric::Throughput:
      return op.throughput_per_s;
    default:
      return std::nullopt;
  }
}

std::optional<double> consumer_figure(const SimulationResult& r, const ConsumerResult& c,
                                      GateMetric metric) {
  switch (metric) {
    case GateMetric::P99Lag:
      if (c.delivered == 0) return std::nullopt;
      return c.lag.p99_ms;
    case GateMetric::Lost:
      return per_replication(r, c.lost);
    case GateMetric::Duplicates:
      return per_replication(r, c.duplicates);
    case GateMetric::HarmfulDuplicates:
      return per_replication(r, c.harmful_duplicates);
    case GateMetric::DeadLettered:
      return per_replication(r, c.dead_lettered);
    case GateMetric::OutOfOrder:
      return per_replication(r, c.out_of_order);
    default:
      return std::nullopt;
  }
}

// The slowest recovery over the given ones; nullopt if there are none or any never recovered.
template <typename Results, typename Matches>
std::optional<double> slowest_recovery(const Results& results, Matches matches) {
  std::optional<double> worst;
  bool seen = false;
  for (const auto& x : results) {
    if (!matches(x)) continue;
    if (!x.recovery_time_ms) return std::nullopt;
    seen = true;
    worst = std::max(worst.value_or(0), *x.recovery_time_ms);
  }
  return seen ? worst : std::nullopt;
}

constexpr GateMetric kOperationMetrics[] = {GateMetric::P99, GateMetric::ErrorRate,
                                            GateMetric::Throughput};
constexpr GateMetric kConsumerMetrics[] = {GateMetric::P99Lag,       GateMetric::Lost,
                                           GateMetric::Duplicates,   GateMetric::HarmfulDuplicates,
                                           GateMetric::DeadLettered, GateMetric::OutOfOrder};

}  // namespace

std::vector<Figure> figures(const SimulationResult& r) {
  std::vector<Figure> out;
  for (const OperationResult& op : r.operations) {
    if (!op.entry) continue;
    for (const GateMetric m : kOperationMetrics)
      out.push_back(Figure{m, op.name, operation_figure(op, m),
                           m == GateMetric::Throughput ? Better::Neither : Better::Lower});
  }
  for (const ConsumerResult& c : r.consumers)
    for (const GateMetric m : kConsumerMetrics)
      out.push_back(Figure{m, c.name, consumer_figure(r, c, m), Better::Lower});
  for (const ServiceResult& s : r.services)
    out.push_back(Figure{GateMetric::Utilization, s.name, s.utilization, Better::Lower});
  for (const BrokerResult& b : r.brokers) {
    out.push_back(Figure{GateMetric::Backlog, b.name, b.backlog, Better::Lower});
    out.push_back(Figure{GateMetric::MaxBacklog, b.name, b.max_backlog, Better::Lower});
  }
  std::vector<std::string> seen;
  for (const FaultResult& f : r.faults) {
    if (std::find(seen.begin(), seen.end(), f.target) != seen.end()) continue;
    seen.push_back(f.target);
    out.push_back(Figure{GateMetric::RecoveryTime, f.target,
                         figure_value(r, GateMetric::RecoveryTime, f.target), Better::Lower});
  }
  seen.clear();
  for (const SpikeResult& s : r.spikes) {
    if (std::find(seen.begin(), seen.end(), s.operation) != seen.end()) continue;
    seen.push_back(s.operation);
    out.push_back(Figure{GateMetric::SpikeRecoveryTime, s.operation,
                         figure_value(r, GateMetric::SpikeRecoveryTime, s.operation),
                         Better::Lower});
  }
  return out;
}

std::optional<double> figure_value(const SimulationResult& r, GateMetric metric,
                                   std::string_view subject) {
  if (std::find(std::begin(kOperationMetrics), std::end(kOperationMetrics), metric) !=
      std::end(kOperationMetrics)) {
    const OperationResult* op = find_operation(r, subject);
    return op ? operation_figure(*op, metric) : std::nullopt;
  }
  if (std::find(std::begin(kConsumerMetrics), std::end(kConsumerMetrics), metric) !=
      std::end(kConsumerMetrics)) {
    const ConsumerResult* c = find_consumer(r, subject);
    return c ? consumer_figure(r, *c, metric) : std::nullopt;
  }
  switch (metric) {
    case GateMetric::Utilization:
      for (const ServiceResult& s : r.services)
        if (s.name == subject) return s.utilization;
      return std::nullopt;
    case GateMetric::Backlog:
    case GateMetric::MaxBacklog:
      for (const BrokerResult& b : r.brokers)
        if (b.name == subject) return metric == GateMetric::Backlog ? b.backlog : b.max_backlog;
      return std::nullopt;
    case GateMetric::RecoveryTime:
      return slowest_recovery(r.faults, [&](const FaultResult& f) { return f.target == subject; });
    case GateMetric::SpikeRecoveryTime:
      return slowest_recovery(r.spikes,
                              [&](const SpikeResult& s) { return s.operation == subject; });
    default:
      return std::nullopt;
  }
}

}  // namespace ripple::sim
