#include "analyzers/analysis.h"

#include "analyzers/capacity.h"
#include "analyzers/cascade.h"
#include "analyzers/coupling.h"
#include "analyzers/dependency_graph.h"
#include "analyzers/flow.h"
#include "analyzers/flow_metrics.h"
#include "analyzers/lints.h"
#include "analyzers/thin_fat.h"

namespace ripple::analyzers {
namespace {

Amplification amplification_of(const detail::FlowGraph& flow, const detail::FlowMetrics& m,
                               int node, AmplificationKind kind) {
  Amplification a;
  a.name = flow.name(node);
  a.kind = kind;
  a.nominal = m.nominal[node];
  a.worst_case = m.worst[node];
  a.worst_case_multiplier = m.multiplier[node];
  a.cycles_cut = m.cycles_cut[node] != 0;
  return a;
}

std::vector<Amplification> amplifications(const model::Spec& spec, const detail::FlowGraph& flow,
                                          const detail::FlowMetrics& m) {
  std::vector<Amplification> result;
  for (model::OperationId op : detail::entry_operations(spec))
    result.push_back(
        amplification_of(flow, m, flow.op_node(op), AmplificationKind::EntryOperation));
  for (model::EventId e : spec.event_ids())
    result.push_back(amplification_of(flow, m, flow.event_node(e), AmplificationKind::Event));
  return result;
}

Rates rates_of(const model::Spec& spec, const detail::FlowGraph& flow,
               const detail::FlowMetrics& m) {
  Rates rates;
  for (model::OperationId op : spec.operation_ids())
    rates.operations.push_back(m.rate[flow.op_node(op)]);
  for (model::EventId e : spec.event_ids()) rates.events.push_back(m.rate[flow.event_node(e)]);
  for (model::ConsumerId c : spec.consumer_ids())
    rates.consumers.push_back(m.rate[flow.consumer_node(c)]);
  return rates;
}

}  // namespace

Analysis analyze(const model::Spec& spec, const AnalyzeOptions& options) {
  const detail::FlowGraph flow(spec);
  const detail::FlowMetrics metrics = detail::compute_flow_metrics(spec, flow);
  const detail::DependencyGraph graph(spec);
  Analysis analysis;
  analysis.coupling = detail::compute_coupling(spec, graph, flow, metrics);
  analysis.amplification = amplifications(spec, flow, metrics);
  analysis.cascades = detail::compute_cascades(spec, options);
  analysis.events = detail::compute_event_profiles(spec, flow, metrics);
  analysis.cut_edges = flow.cut_edge_names();
  analysis.rates = rates_of(spec, flow, metrics);
  detail::compute_capacity(spec, flow, analysis);
  const detail::LintContext context{
      spec, flow, metrics, graph, analysis.coupling, detail::publishers_by_event(spec)};
  detail::lint_sync(context, analysis.findings);
  detail::lint_async(context, analysis.findings);
  detail::lint_capacity(spec, analysis, analysis.findings);
  detail::finish_findings(spec, analysis);
  return analysis;
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "?";
}

const char* to_string(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::Service:
      return "service";
    case ComponentKind::Store:
      return "store";
    case ComponentKind::Broker:
      return "broker";
  }
  return "?";
}

const char* to_string(CapacityKind kind) {
  switch (kind) {
    case CapacityKind::Service:
      return "service";
    case CapacityKind::Store:
      return "store";
    case CapacityKind::Consumer:
      return "consumer";
  }
  return "?";
}

int count_findings(const std::vector<Finding>& findings, Severity severity) {
  int count = 0;
  for (const Finding& finding : findings) count += finding.severity == severity ? 1 : 0;
  return count;
}

}  // namespace ripple::analyzers
