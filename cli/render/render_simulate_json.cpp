// The JSON of `ripple simulate` (the stable keys of design.md plus the additions listed in
// render_simulate.h); the text, Markdown and CSV are in render_simulate.cpp.

#include <fmt/format.h>

#include "cli/format/figures.h"
#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/estimate_json.h"
#include "cli/render/render_simulate.h"

namespace ripple::cli {
namespace {

// Where the estimates of the figures go: "ci" when there are several replications,
// "per_replication" when asked.
struct EstimateOutput {
  const SimulationEstimates* estimates = nullptr;
  PerReplication per_replication = PerReplication::Hidden;
};

// Adds "ci" and "per_replication" to `object` from element `i` of `list` (none without
// estimates).
Json with_estimates(Json object, const EstimateOutput& out,
                    const std::vector<ElementEstimates> SimulationEstimates::*list, std::size_t i) {
  if (out.estimates == nullptr) return object;
  const std::vector<ElementEstimates>& elements = out.estimates->*list;
  if (i >= elements.size()) return object;
  if (out.estimates->replications > 1) {
    JsonObjectBuilder ci;
    for (const FigureEstimate& f : elements[i]) ci.add(f.key, bounds_json(f.estimate.ci));
    object["ci"] = std::move(ci).build();
  }
  if (out.per_replication == PerReplication::Shown) {
    JsonObjectBuilder values;
    for (const FigureEstimate& f : elements[i]) values.add(f.key, f.estimate.per_replication);
    object["per_replication"] = std::move(values).build();
  }
  return object;
}

Json latency_json(const sim::LatencySummary& l) {
  return {{"mean", l.mean_ms}, {"p50", l.p50_ms},   {"p90", l.p90_ms},
          {"p99", l.p99_ms},   {"p999", l.p999_ms}, {"max", l.max_ms}};
}

Json interval_json(const sim::Interval& i) {
  return {{"mean", i.mean}, {"low", i.low}, {"high", i.high}};
}

Json operations_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  JsonObjectBuilder operations;
  for (std::size_t i = 0; i < r.operations.size(); ++i) {
    const sim::OperationResult& op = r.operations[i];
    Json latency =
        with_estimates(latency_json(op.latency), out, &SimulationEstimates::operation_latency, i);
    Json object{{"count", op.count},
                {"ok", op.ok},
                {"errors", op.errors},
                {"error_rate", op.error_rate},
                {"rejected", op.rejected},
                {"in_flight", op.in_flight},
                {"throughput", op.throughput_per_s},
                {"entry", op.entry},
                {"latency", std::move(latency)}};
    operations.add(op.name,
                   with_estimates(std::move(object), out, &SimulationEstimates::operations, i));
  }
  return std::move(operations).build();
}

Json consumers_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  JsonObjectBuilder consumers;
  for (std::size_t i = 0; i < r.consumers.size(); ++i) {
    const sim::ConsumerResult& c = r.consumers[i];
    Json lag = with_estimates(latency_json(c.lag), out, &SimulationEstimates::consumer_lag, i);
    Json object{{"broker", c.broker},
                {"delivered", c.delivered},
                {"duplicates", c.duplicates},
                {"harmful_duplicates", c.harmful_duplicates},
                {"out_of_order", c.out_of_order},
                {"dead_lettered", c.dead_lettered},
                {"lost", c.lost},
                {"failed", c.failed},
                {"waiting", c.waiting},
                {"throughput", c.delivered_per_s},
                {"utilization", c.utilization},
                {"lag", std::move(lag)}};
    if (!c.partitions.empty()) {
      Json partitions = Json::array();
      for (const sim::PartitionResult& p : c.partitions)
        partitions.push_back(Json{{"partition", p.partition},
                                  {"share", p.share},
                                  {"busy_share", p.busy_share},
                                  {"mean_lag", p.mean_lag_ms},
                                  {"max_lag", p.max_lag_ms}});
      object["partitions"] = std::move(partitions);
    }
    consumers.add(c.name,
                  with_estimates(std::move(object), out, &SimulationEstimates::consumers, i));
  }
  return std::move(consumers).build();
}

Json brokers_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  JsonObjectBuilder brokers;
  for (std::size_t i = 0; i < r.brokers.size(); ++i) {
    const sim::BrokerResult& b = r.brokers[i];
    Json object{{"type", b.type},
                {"published", b.published},
                {"publish_failures", b.publish_failures},
                {"outboxed", b.outboxed},
                {"max_backlog", b.max_backlog},
                {"backlog", b.backlog}};
    brokers.add(b.name, with_estimates(std::move(object), out, &SimulationEstimates::brokers, i));
  }
  return std::move(brokers).build();
}

Json callbacks_json(const sim::SimulationResult& r) {
  JsonObjectBuilder callbacks;
  for (const sim::CallbackResult& c : r.callbacks)
    callbacks.add(c.operation, Json{{"requests", c.callbacks}, {"rate", c.per_s}});
  return std::move(callbacks).build();
}

Json reconnects_json(const sim::SimulationResult& r) {
  Json reconnects = Json::array();
  for (const sim::ReconnectResult& c : r.reconnects)
    reconnects.push_back({{"target", c.target},
                          {"clients", c.clients},
                          {"at", c.at_ms},
                          {"jitter", c.jitter_ms},
                          {"attempts", c.attempts},
                          {"connected", c.connected},
                          {"gave_up", c.gave_up},
                          {"peak_per_s", c.peak_per_s},
                          {"peak_10ms_per_s", c.peak_10ms_per_s}});
  return reconnects;
}

Json services_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  JsonObjectBuilder services;
  for (std::size_t i = 0; i < r.services.size(); ++i) {
    const sim::ServiceResult& s = r.services[i];
    Json object{{"utilization", s.utilization},
                {"worker_utilization", s.worker_utilization},
                {"rejected", s.rejected},
                {"max_queue", s.max_queue}};
    services.add(s.name, with_estimates(std::move(object), out, &SimulationEstimates::services, i));
  }
  return std::move(services).build();
}

Json calls_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  Json calls = Json::array();
  for (std::size_t i = 0; i < r.calls.size(); ++i) {
    const sim::CallEdgeResult& c = r.calls[i];
    Json object{{"from", c.from},
                {"to", c.to},
                {"callback", c.callback},
                {"calls", c.calls},
                {"attempts", c.attempts},
                {"retries", c.retries},
                {"timeouts", c.timeouts},
                {"short_circuited", c.short_circuited},
                {"breaker_opens", c.breaker_opens},
                {"failures", c.failures}};
    calls.push_back(with_estimates(std::move(object), out, &SimulationEstimates::calls, i));
  }
  return calls;
}

Json amplification_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  JsonObjectBuilder amplification;
  for (std::size_t i = 0; i < r.amplification.size(); ++i) {
    const sim::AmplificationResult& a = r.amplification[i];
    amplification.add(a.operation,
                      with_estimates(Json{{"requests_per_entry", a.requests_per_entry}}, out,
                                     &SimulationEstimates::amplification, i));
  }
  return std::move(amplification).build();
}

Json faults_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  Json faults = Json::array();
  for (std::size_t i = 0; i < r.faults.size(); ++i) {
    const sim::FaultResult& f = r.faults[i];
    Json object{{"target", f.target},
                {"mode", f.mode},
                {"at", f.at_ms},
                {"for", f.for_ms},
                {"recovery_time", nullable(f.recovery_time_ms)}};
    faults.push_back(with_estimates(std::move(object), out, &SimulationEstimates::faults, i));
  }
  return faults;
}

Json spikes_json(const sim::SimulationResult& r, const EstimateOutput& out) {
  Json spikes = Json::array();
  for (std::size_t i = 0; i < r.spikes.size(); ++i) {
    const sim::SpikeResult& s = r.spikes[i];
    Json object{{"operation", s.operation},
                {"at", s.at_ms},
                {"for", s.for_ms},
                {"rate", s.rate_per_s},
                {"recovery_time", nullable(s.recovery_time_ms)}};
    spikes.push_back(with_estimates(std::move(object), out, &SimulationEstimates::spikes, i));
  }
  return spikes;
}

Json intervals_json(const sim::SimulationResult& r) {
  JsonObjectBuilder intervals;
  for (const sim::HeadlineIntervals& i : r.intervals)
    intervals.add(i.operation, Json{{"p99", interval_json(i.p99_ms)},
                                    {"mean", interval_json(i.mean_ms)},
                                    {"error_rate", interval_json(i.error_rate)}});
  return std::move(intervals).build();
}

}  // namespace

std::string render_simulate_json(const sim::SimulationResult& r,
                                 const SimulationEstimates* estimates,
                                 PerReplication per_replication) {
  const EstimateOutput out{estimates, per_replication};
  return json_text(versioned({{"operations", operations_json(r, out)},
                              {"consumers", consumers_json(r, out)},
                              {"brokers", brokers_json(r, out)},
                              {"callbacks", callbacks_json(r)},
                              {"reconnects", reconnects_json(r)},
                              {"services", services_json(r, out)},
                              {"calls", calls_json(r, out)},
                              {"amplification", amplification_json(r, out)},
                              {"faults", faults_json(r, out)},
                              {"spikes", spikes_json(r, out)},
                              {"seed", r.seed},
                              {"events_processed", r.events_processed},
                              {"replications", r.replications},
                              {"duration", r.duration_ms},
                              {"warmup", r.warmup_ms},
                              {"intervals", intervals_json(r)}}));
}

}  // namespace ripple::cli
