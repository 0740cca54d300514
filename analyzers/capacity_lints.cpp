// The capacity lints (docs/lints.md): `overloaded`, `low-headroom` and `slow-drain`, over the
// figures compute_capacity made.

#include <cstdio>

#include "analyzers/capacity.h"
#include "analyzers/lints.h"

namespace ripple::analyzers::detail {
namespace {

// A figure for a message: three significant digits at most, no exponent.
std::string figure(double value) {
  char buffer[48];
  if (value >= 100)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else if (value >= 10)
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos && text.find('e') == std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string percent(double ratio) { return figure(ratio * 100) + "%"; }

const char* unit(CapacityKind kind) {
  switch (kind) {
    case CapacityKind::Service:
      return "requests";
    case CapacityKind::Store:
      return "transactions";
    case CapacityKind::Consumer:
      return "deliveries";
  }
  return "?";
}

std::string servers_text(const model::Spec& spec, const ElementCapacity& e) {
  switch (e.kind) {
    case CapacityKind::Service: {
      const model::Service& s = spec.services[e.id];
      return std::to_string(s.replicas) + " replica" + (s.replicas == 1 ? "" : "s") + " x " +
             std::to_string(s.workers) + " workers";
    }
    case CapacityKind::Store:
      return std::to_string(e.servers) + " connections";
    case CapacityKind::Consumer: {
      const model::Consumer& c = spec.consumers[e.id];
      const int replicas = spec.services[c.service].replicas;
      std::string text = std::to_string(replicas) + " replica" + (replicas == 1 ? "" : "s") +
                         " x concurrency " + std::to_string(c.concurrency);
      if (e.servers < static_cast<long long>(replicas) * c.concurrency)
        text += ", capped at " + std::to_string(e.servers) +
                (e.partition ? " partitions" : " message groups");
      return text;
    }
  }
  return "";
}

std::string load_text(const model::Spec& spec, const ElementCapacity& e, double offered) {
  return std::string(to_string(e.kind)) + " `" + e.name + "` is offered " + figure(offered) + " " +
         unit(e.kind) + "/s against a capacity of " +
         (e.capacity_rate ? figure(*e.capacity_rate) : std::string("unbounded")) + "/s (" +
         servers_text(spec, e) + " at " + figure(e.holding_ms) + "ms each)";
}

// The backlog a spike leaves in front of the consumer group `e`, or null (add_backlogs keeps one
// only for a group behind a durable broker).
const Backlog* spike_backlog(const Analysis& analysis, const ElementCapacity& e) {
  if (e.kind != CapacityKind::Consumer) return nullptr;
  for (const Backlog& b : analysis.backlogs)
    if (b.fault < 0 && b.consumer == model::ConsumerId{e.id}) return &b;
  return nullptr;
}

}  // namespace

void lint_capacity(const model::Spec& spec, const Analysis& analysis,
                   std::vector<Finding>& findings) {
  for (const ElementCapacity& e : analysis.capacity) {
    if (e.partition && e.partition->utilization > e.utilization &&
        e.partition->utilization > e.max_utilization) {
      // Hot keys: one partition, handled one delivery at a time, binds before the group does.
      const PartitionLoad& p = *e.partition;
      findings.push_back(make_finding(
          spec, p.utilization >= 1 ? "overloaded" : "low-headroom", e.loc, e.name,
          "the busiest of the " + std::to_string(p.partitions) + " partitions of consumer `" +
              e.name + "` gets " + percent(p.share) + " of its deliveries, " +
              figure(p.offered_rate) + "/s against the " +
              (p.capacity_rate ? figure(*p.capacity_rate) : std::string("unbounded")) +
              "/s one member handles at " + figure(e.holding_ms) + "ms each: utilization " +
              percent(p.utilization) + " (the group as a whole: " + percent(e.utilization) + ")"));
      continue;
    }
    if (e.utilization >= 1) {
      findings.push_back(make_finding(
          spec, "overloaded", e.loc, e.name,
          load_text(spec, e, e.offered_rate) + ": utilization " + percent(e.utilization) +
              ", so its queue grows without bound at the workload's rates"));
    } else if (const Backlog* spike = spike_backlog(analysis, e)) {
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          "during " + spike_window_text(e) + " " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + "; its broker keeps about " +
              figure(spike->backlog) + " deliveries waiting when the window ends, drained in " +
              figure(spike->drain_s.value_or(0)) +
              "s at the spare capacity (at the base rates: " + percent(e.utilization) + ")"));
    } else if (e.peak_utilization && *e.peak_utilization >= 1) {
      const double excess = *e.peak_offered_rate - e.capacity_rate.value_or(*e.peak_offered_rate);
      findings.push_back(make_finding(
          spec, "overloaded", e.loc, e.name,
          "during " + spike_window_text(e) + " " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + ", so it falls about " +
              figure(excess * e.peak_for.seconds()) + " " + unit(e.kind) +
              " behind before the window ends, to be queued, rejected or timed out (at the base "
              "rates: " +
              percent(e.utilization) + ")"));
    } else if (e.utilization > e.max_utilization) {
      std::string wait;
      if (e.mean_wait_ms) wait = "; mean wait for a server about " + figure(*e.mean_wait_ms) + "ms";
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          load_text(spec, e, e.offered_rate) + ": utilization " + percent(e.utilization) +
              ", above its max_utilization of " + percent(e.max_utilization) + wait));
    } else if (e.peak_utilization && *e.peak_utilization > e.max_utilization) {
      findings.push_back(make_finding(
          spec, "low-headroom", e.loc, e.name,
          "during " + spike_window_text(e) + " " + load_text(spec, e, *e.peak_offered_rate) +
              ": utilization " + percent(*e.peak_utilization) + ", above its max_utilization of " +
              percent(e.max_utilization)));
    }
  }
  for (const Backlog& b : analysis.backlogs) {
    if (!b.objective_s) continue;
    if (b.drain_s && *b.drain_s <= *b.objective_s) continue;
    const model::Consumer& consumer = spec.consumers[b.consumer];
    const std::string drain =
        b.drain_s ? "drains it in " + figure(*b.drain_s) + "s"
                  : std::string("never drains it (capacity at or below the arrival rate)");
    findings.push_back(make_finding(spec, "slow-drain", consumer.loc, b.consumer_name,
                                    "after `" + b.fault_text + "`, consumer `" + b.consumer_name +
                                        "` has " + figure(b.backlog) + " deliveries waiting and " +
                                        drain + ", over its recovery_objective of " +
                                        model::format_duration(*consumer.recovery_objective)));
  }
}

}  // namespace ripple::analyzers::detail
