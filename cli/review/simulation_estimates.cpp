#include "cli/review/simulation_estimates.h"

#include <functional>
#include <optional>

namespace ripple::cli {
namespace {

// How the merged figure relates to the replication values.
enum class Pooling {
  Sum,   // summed over replications: absent counts 0, the estimate is scaled by n
  Mean,  // pooled or averaged: the estimate of the mean
};

template <typename Element>
using Reader = std::function<std::optional<double>(const Element&)>;

template <typename Element>
struct EstimatedFigure {
  const char* key;
  Pooling pooling;
  Reader<Element> read;
};

// The estimate of one figure of the element that `find` locates in each replication.
template <typename Element, typename Find>
Estimate figure_estimate(const ReplicatedSimulation& run, const EstimatedFigure<Element>& figure,
                         Find find) {
  std::vector<double> values;
  for (const sim::SimulationResult& r : run.replications) {
    const Element* element = find(r);
    std::optional<double> value = element != nullptr ? figure.read(*element) : std::nullopt;
    if (!value && figure.pooling == Pooling::Sum) value = 0;
    if (value) values.push_back(*value);
  }
  const double n = static_cast<double>(run.replications.size());
  Estimate e = estimate(std::move(values));
  if (figure.pooling != Pooling::Sum) return e;
  // The merged figure is the sum: n times the mean, per replication values unscaled.
  std::vector<double> raw = e.per_replication;
  e = scaled(std::move(e), n);
  e.per_replication = std::move(raw);
  return e;
}

template <typename Element, typename Find>
ElementEstimates element_estimates(const ReplicatedSimulation& run,
                                   const std::vector<EstimatedFigure<Element>>& figures,
                                   Find find) {
  ElementEstimates out;
  for (const EstimatedFigure<Element>& f : figures)
    out.push_back({f.key, figure_estimate(run, f, find)});
  return out;
}

std::optional<double> count(std::uint64_t n) { return static_cast<double>(n); }

std::vector<EstimatedFigure<sim::LatencySummary>> latency_figures() {
  using L = sim::LatencySummary;
  return {{"mean", Pooling::Mean, [](const L& l) { return std::optional(l.mean_ms); }},
          {"p50", Pooling::Mean, [](const L& l) { return std::optional(l.p50_ms); }},
          {"p90", Pooling::Mean, [](const L& l) { return std::optional(l.p90_ms); }},
          {"p99", Pooling::Mean, [](const L& l) { return std::optional(l.p99_ms); }},
          {"p999", Pooling::Mean, [](const L& l) { return std::optional(l.p999_ms); }},
          {"max", Pooling::Mean, [](const L& l) { return std::optional(l.max_ms); }}};
}

void estimate_operations(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using O = sim::OperationResult;
  // Ratios and latencies are undefined where the operation answered nothing.
  const auto answered = [](const O& o, double v) {
    return o.count > 0 ? std::optional(v) : std::nullopt;
  };
  const std::vector<EstimatedFigure<O>> figures = {
      {"count", Pooling::Sum, [](const O& o) { return count(o.count); }},
      {"ok", Pooling::Sum, [](const O& o) { return count(o.ok); }},
      {"errors", Pooling::Sum, [](const O& o) { return count(o.errors); }},
      {"error_rate", Pooling::Mean, [=](const O& o) { return answered(o, o.error_rate); }},
      {"rejected", Pooling::Sum, [](const O& o) { return count(o.rejected); }},
      {"in_flight", Pooling::Sum, [](const O& o) { return count(o.in_flight); }},
      {"throughput", Pooling::Mean, [](const O& o) { return std::optional(o.throughput_per_s); }}};
  std::vector<EstimatedFigure<O>> latency;
  for (EstimatedFigure<sim::LatencySummary>& f : latency_figures())
    latency.push_back({f.key, f.pooling, [=, read = f.read](const O& o) {
                         return o.count > o.rejected ? read(o.latency) : std::nullopt;
                       }});
  for (const O& op : run.merged.operations) {
    const auto find = [&](const sim::SimulationResult& r) -> const O* {
      for (const O& candidate : r.operations)
        if (candidate.name == op.name) return &candidate;
      return nullptr;
    };
    out.operations.push_back(element_estimates(run, figures, find));
    out.operation_latency.push_back(element_estimates(run, latency, find));
  }
}

// Element i of a list that has the same elements in every replication (every service, call,
// consumer, broker and fault of the spec, by id).
template <typename Element>
auto at(std::vector<Element> sim::SimulationResult::*list, std::size_t i) {
  return [list, i](const sim::SimulationResult& r) -> const Element* {
    const std::vector<Element>& elements = r.*list;
    return i < elements.size() ? &elements[i] : nullptr;
  };
}

void estimate_services(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using S = sim::ServiceResult;
  const std::vector<EstimatedFigure<S>> figures = {
      {"utilization", Pooling::Mean, [](const S& s) { return std::optional(s.utilization); }},
      {"worker_utilization", Pooling::Mean,
       [](const S& s) { return std::optional(s.worker_utilization); }},
      {"rejected", Pooling::Sum, [](const S& s) { return count(s.rejected); }},
      {"max_queue", Pooling::Mean,
       [](const S& s) { return std::optional(static_cast<double>(s.max_queue)); }}};
  for (std::size_t i = 0; i < run.merged.services.size(); ++i)
    out.services.push_back(
        element_estimates(run, figures, at(&sim::SimulationResult::services, i)));
}

void estimate_calls(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using C = sim::CallEdgeResult;
  const std::vector<EstimatedFigure<C>> figures = {
      {"calls", Pooling::Sum, [](const C& c) { return count(c.calls); }},
      {"attempts", Pooling::Sum, [](const C& c) { return count(c.attempts); }},
      {"retries", Pooling::Sum, [](const C& c) { return count(c.retries); }},
      {"timeouts", Pooling::Sum, [](const C& c) { return count(c.timeouts); }},
      {"short_circuited", Pooling::Sum, [](const C& c) { return count(c.short_circuited); }},
      {"breaker_opens", Pooling::Sum, [](const C& c) { return count(c.breaker_opens); }},
      {"failures", Pooling::Sum, [](const C& c) { return count(c.failures); }}};
  for (std::size_t i = 0; i < run.merged.calls.size(); ++i)
    out.calls.push_back(element_estimates(run, figures, at(&sim::SimulationResult::calls, i)));
}

void estimate_consumers(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using C = sim::ConsumerResult;
  const std::vector<EstimatedFigure<C>> figures = {
      {"delivered", Pooling::Sum, [](const C& c) { return count(c.delivered); }},
      {"duplicates", Pooling::Sum, [](const C& c) { return count(c.duplicates); }},
      {"harmful_duplicates", Pooling::Sum, [](const C& c) { return count(c.harmful_duplicates); }},
      {"out_of_order", Pooling::Sum, [](const C& c) { return count(c.out_of_order); }},
      {"dead_lettered", Pooling::Sum, [](const C& c) { return count(c.dead_lettered); }},
      {"lost", Pooling::Sum, [](const C& c) { return count(c.lost); }},
      {"failed", Pooling::Sum, [](const C& c) { return count(c.failed); }},
      {"waiting", Pooling::Sum, [](const C& c) { return count(c.waiting); }},
      {"throughput", Pooling::Mean, [](const C& c) { return std::optional(c.delivered_per_s); }},
      {"utilization", Pooling::Mean, [](const C& c) { return std::optional(c.utilization); }}};
  std::vector<EstimatedFigure<C>> lag;
  for (EstimatedFigure<sim::LatencySummary>& f : latency_figures())
    lag.push_back({f.key, f.pooling, [read = f.read](const C& c) {
                     return c.delivered > 0 ? read(c.lag) : std::nullopt;
                   }});
  for (std::size_t i = 0; i < run.merged.consumers.size(); ++i) {
    const auto find = at(&sim::SimulationResult::consumers, i);
    out.consumers.push_back(element_estimates(run, figures, find));
    out.consumer_lag.push_back(element_estimates(run, lag, find));
  }
}

void estimate_brokers(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using B = sim::BrokerResult;
  const std::vector<EstimatedFigure<B>> figures = {
      {"published", Pooling::Sum, [](const B& b) { return count(b.published); }},
      {"publish_failures", Pooling::Sum, [](const B& b) { return count(b.publish_failures); }},
      {"outboxed", Pooling::Sum, [](const B& b) { return count(b.outboxed); }},
      {"max_backlog", Pooling::Mean, [](const B& b) { return std::optional(b.max_backlog); }},
      {"backlog", Pooling::Mean, [](const B& b) { return std::optional(b.backlog); }}};
  for (std::size_t i = 0; i < run.merged.brokers.size(); ++i)
    out.brokers.push_back(element_estimates(run, figures, at(&sim::SimulationResult::brokers, i)));
}

void estimate_amplification_and_faults(const ReplicatedSimulation& run, SimulationEstimates& out) {
  using A = sim::AmplificationResult;
  const std::vector<EstimatedFigure<A>> amplification = {
      {"requests_per_entry", Pooling::Mean,
       [](const A& a) { return std::optional(a.requests_per_entry); }}};
  for (const A& a : run.merged.amplification) {
    const auto find = [&](const sim::SimulationResult& r) -> const A* {
      for (const A& candidate : r.amplification)
        if (candidate.operation == a.operation) return &candidate;
      return nullptr;
    };
    out.amplification.push_back(element_estimates(run, amplification, find));
  }
  using F = sim::FaultResult;
  const std::vector<EstimatedFigure<F>> faults = {
      {"recovery_time", Pooling::Mean, [](const F& f) { return f.recovery_time_ms; }}};
  for (std::size_t i = 0; i < run.merged.faults.size(); ++i)
    out.faults.push_back(element_estimates(run, faults, at(&sim::SimulationResult::faults, i)));
  using P = sim::SpikeResult;
  const std::vector<EstimatedFigure<P>> spikes = {
      {"recovery_time", Pooling::Mean, [](const P& p) { return p.recovery_time_ms; }}};
  for (std::size_t i = 0; i < run.merged.spikes.size(); ++i)
    out.spikes.push_back(element_estimates(run, spikes, at(&sim::SimulationResult::spikes, i)));
}

}  // namespace

SimulationEstimates estimate_simulation(const ReplicatedSimulation& run) {
  SimulationEstimates out;
  out.replications = static_cast<int>(run.replications.size());
  estimate_operations(run, out);
  estimate_services(run, out);
  estimate_calls(run, out);
  estimate_consumers(run, out);
  estimate_brokers(run, out);
  estimate_amplification_and_faults(run, out);
  return out;
}

const Estimate* find_estimate(const ElementEstimates& figures, const std::string& key) {
  for (const FigureEstimate& f : figures)
    if (f.key == key) return &f.estimate;
  return nullptr;
}

}  // namespace ripple::cli
