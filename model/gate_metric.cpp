#include "model/gate_metric.h"

#include <algorithm>
#include <cassert>

namespace ripple::model {
namespace {

using A = GateArgument;
using S = GateSource;
using V = GateValue;

constexpr GateMetricInfo kGateMetrics[] = {
    {GateMetric::P50, "p50", V::Duration, A::Operation, S::Simulation},
    {GateMetric::P90, "p90", V::Duration, A::Operation, S::Simulation},
    {GateMetric::P99, "p99", V::Duration, A::Operation, S::Simulation},
    {GateMetric::P999, "p999", V::Duration, A::Operation, S::Simulation},
    {GateMetric::Mean, "mean", V::Duration, A::Operation, S::Simulation},
    {GateMetric::Max, "max", V::Duration, A::Operation, S::Simulation},
    {GateMetric::ErrorRate, "error_rate", V::Ratio, A::Operation, S::Simulation},
    {GateMetric::Amplification, "amplification", V::Number, A::EntryOrEvent, S::Analysis},
    {GateMetric::WorstCaseAmplification, "worst_case_amplification", V::Number, A::EntryOrEvent,
     S::Analysis},
    {GateMetric::BlastRadius, "blast_radius", V::Ratio, A::Component, S::Analysis},
    {GateMetric::MaxLag, "max_lag", V::Duration, A::Consumer, S::Simulation},
    {GateMetric::MeanLag, "mean_lag", V::Duration, A::Consumer, S::Simulation},
    {GateMetric::P99Lag, "p99_lag", V::Duration, A::Consumer, S::Simulation},
    {GateMetric::RecoveryTime, "recovery_time", V::Duration, A::FaultedComponent, S::Simulation},
    {GateMetric::Instability, "instability", V::Number, A::Service, S::Analysis},
    {GateMetric::Callbacks, "callbacks", V::Number, A::Event, S::Analysis},
    {GateMetric::Findings, "findings", V::Count, A::RuleOrSeverity, S::Analysis},
    {GateMetric::NoSyncCycles, "no sync_cycles", V::Count, A::None, S::Analysis},
    {GateMetric::Lost, "lost", V::Count, A::Consumer, S::Simulation},
    {GateMetric::Duplicates, "duplicates", V::Count, A::Consumer, S::Simulation},
    {GateMetric::HarmfulDuplicates, "harmful_duplicates", V::Count, A::Consumer, S::Simulation},
    {GateMetric::DeadLettered, "dead_lettered", V::Count, A::Consumer, S::Simulation},
    {GateMetric::OutOfOrder, "out_of_order", V::Count, A::Consumer, S::Simulation},
    {GateMetric::Utilization, "utilization", V::Ratio, A::Service, S::Simulation},
    {GateMetric::Backlog, "backlog", V::Number, A::Broker, S::Simulation},
    {GateMetric::MaxBacklog, "max_backlog", V::Count, A::Broker, S::Simulation},
    {GateMetric::Throughput, "throughput", V::Number, A::Operation, S::Simulation},
    {GateMetric::SpikeRecoveryTime, "spike_recovery_time", V::Duration, A::SpikedOperation,
     S::Simulation},
};

}  // namespace

std::span<const GateMetricInfo> gate_metric_table() { return kGateMetrics; }

const GateMetricInfo& gate_metric_info(GateMetric metric) {
  const auto it = std::find_if(std::begin(kGateMetrics), std::end(kGateMetrics),
                               [&](const GateMetricInfo& m) { return m.metric == metric; });
  assert(it != std::end(kGateMetrics));
  return *it;
}

std::optional<GateMetric> find_gate_metric(std::string_view name) {
  for (const GateMetricInfo& m : kGateMetrics)
    if (name == m.name) return m.metric;
  return std::nullopt;
}

bool needs_simulation(GateMetric metric) {
  return gate_metric_info(metric).source == GateSource::Simulation;
}

const char* to_string(GateMetric metric) { return gate_metric_info(metric).name; }

}  // namespace ripple::model
