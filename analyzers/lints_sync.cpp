// Lints about synchronous calls, capacity and clients: sync-cycle, timeout-inversion,
// nested-retries, unbounded-queue, single-replica, reconnect-without-jitter.

#include <algorithm>
#include <deque>

#include "analyzers/coupling.h"
#include "analyzers/lints.h"

namespace ripple::analyzers::detail {
namespace {

const model::Call* first_call_between(const model::Spec& spec, model::ServiceId from,
                                      model::ServiceId to) {
  for (model::OperationId op : spec.services[from].operations)
    for (const model::Call& call : spec.operations[op].work.calls)
      if (spec.operations[call.target].service == to) return &call;
  return nullptr;
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? separator : "") + parts[i];
  return text;
}

void lint_service_cycles(const LintContext& ctx, std::vector<Finding>& findings) {
  for (const auto& component : ctx.graph.sync_components()) {
    const auto cycle = ctx.graph.cycle_in(component);
    std::vector<std::string> names;
    for (model::ServiceId s : cycle) names.push_back(ctx.spec.services[s].name);
    const model::Call* call = first_call_between(ctx.spec, cycle[0], cycle[1]);
    findings.push_back(make_finding(
        ctx.spec, "sync-cycle", call ? call->loc : ctx.spec.services[cycle[0]].loc, names[0],
        "services call each other synchronously in a cycle: " + joined(names, " -> ")));
  }
}

void lint_operation_cycles(const LintContext& ctx, std::vector<Finding>& findings) {
  for (const auto& cycle : operation_cycles(ctx.spec)) {
    std::vector<std::string> names;
    for (model::OperationId op : cycle) names.push_back(ctx.spec.operations[op].full_name);
    const model::Operation& first = ctx.spec.operations[cycle[0]];
    const std::string message =
        cycle.size() == 1
            ? first.full_name + " calls itself synchronously"
            : "operations call each other synchronously in a cycle: " + joined(names, ", ");
    findings.push_back(make_finding(ctx.spec, "sync-cycle", first.loc, first.full_name, message));
  }
}

// Total of the waits between attempts, each capped at max_backoff (jitter at its largest).
model::Duration backoff_total(const model::RetryPolicy& retry) {
  double total = 0;
  double wait = static_cast<double>(retry.backoff.ns);
  for (int n = 1; n < retry.attempts; ++n) {
    total += std::min(wait, static_cast<double>(retry.max_backoff.ns));
    wait *= retry.multiplier;
  }
  return model::Duration{static_cast<std::int64_t>(total)};
}

// What a caller may wait for one call in the worst case: every attempt of each of its `count`
// calls timing out.
model::Duration call_budget(const model::Call& call) {
  const double one = static_cast<double>(call.timeout.ns) * call.retry.attempts +
                     static_cast<double>(backoff_total(call.retry).ns);
  // Saturated well below the int64 range, so that sums of many calls cannot overflow either.
  return model::Duration{static_cast<std::int64_t>(std::min(one * call.count, 1e17))};
}

// What an operation may spend waiting on its own calls: in sequence, and the longest of each
// parallel group.
model::Duration operation_budget(const model::Operation& op) {
  std::int64_t total = 0;
  std::int64_t group_longest = 0;
  int group = -1;
  for (const model::Call& call : op.work.calls) {
    const std::int64_t one = call_budget(call).ns;
    if (call.group < 0 || call.group != group) {
      total += group_longest;
      group_longest = 0;
    }
    group = call.group;
    if (group < 0)
      total += one;
    else
      group_longest = std::max(group_longest, one);
  }
  return model::Duration{total + group_longest};
}

void lint_timeout_inversion(const LintContext& ctx, std::vector<Finding>& findings) {
  std::vector<model::Duration> budget;
  for (const model::Operation& op : ctx.spec.operations) budget.push_back(operation_budget(op));
  for (const model::Operation& op : ctx.spec.operations) {
    for (const model::Call& call : op.work.calls) {
      const model::Duration callee = budget[call.target];
      if (callee <= call.timeout) continue;
      const std::string& target = ctx.spec.operations[call.target].full_name;
      findings.push_back(make_finding(ctx.spec, "timeout-inversion", call.loc, op.full_name,
                                      op.full_name + " waits " + duration_text(call.timeout) +
                                          " for " + target + ", but " + target + " may spend " +
                                          duration_text(callee) +
                                          " on its own calls (timeouts x attempts plus backoff)"));
    }
  }
}

void lint_nested_retries_from(const LintContext& ctx, const std::string& caller,
                              const model::Work& work, std::vector<Finding>& findings) {
  for (const model::Call& call : work.calls) {
    const int below = ctx.metrics.retried_layers[ctx.flow.op_node(call.target)];
    if (call.retry.attempts <= 1 || below == 0) continue;
    const double reach =
        call.retry.attempts * ctx.metrics.multiplier[ctx.flow.op_node(call.target)];
    findings.push_back(make_finding(
        ctx.spec, "nested-retries", call.loc, caller,
        caller + " retries " + ctx.spec.operations[call.target].full_name + " (" +
            std::to_string(call.retry.attempts) + " attempts) and " + std::to_string(below) +
            " more layer(s) below retry again: one request may reach the deepest operation " +
            number_text(reach) + " times"));
  }
}

// Reported once per chain, at its outermost retried call.
void lint_nested_retries(const LintContext& ctx, std::vector<Finding>& findings) {
  std::vector<char> retried_target(ctx.spec.operations.size(), 0);
  for (const model::Operation& op : ctx.spec.operations)
    for (const model::Call& call : op.work.calls)
      if (call.retry.attempts > 1) retried_target[call.target] = 1;
  for (std::size_t op = 0; op < ctx.spec.operations.size(); ++op)
    if (!retried_target[op])
      lint_nested_retries_from(ctx, ctx.spec.operations[op].full_name, ctx.spec.operations[op].work,
                               findings);
  for (const model::Consumer& consumer : ctx.spec.consumers)
    lint_nested_retries_from(ctx, consumer.name, consumer.work, findings);
}

void lint_unbounded_queues(const LintContext& ctx, std::vector<Finding>& findings) {
  for (const model::Service& service : ctx.spec.services)
    if (!service.queue)
      findings.push_back(make_finding(ctx.spec, "unbounded-queue", service.loc, service.name,
                                      service.name + " queues waiting requests without limit"));
}

// Multi-source breadth-first search over calls from the entry operations, in entry order: each
// service reached remembers the first entry that reached it.
std::vector<model::OperationId> entry_reaching(const model::Spec& spec) {
  std::vector<model::OperationId> reached_by(spec.operations.size());
  std::deque<model::OperationId> queue;
  for (model::OperationId entry : entry_operations(spec)) {
    reached_by[entry] = entry;
    queue.push_back(entry);
  }
  while (!queue.empty()) {
    const model::OperationId op = queue.front();
    queue.pop_front();
    for (const model::Call& call : spec.operations[op].work.calls) {
      if (reached_by[call.target] >= 0) continue;
      reached_by[call.target] = reached_by[op];
      queue.push_back(call.target);
    }
  }
  return reached_by;
}

void lint_single_replicas(const LintContext& ctx, std::vector<Finding>& findings) {
  const auto reached_by = entry_reaching(ctx.spec);
  for (const model::Service& service : ctx.spec.services) {
    if (service.replicas != 1) continue;
    for (model::OperationId op : service.operations) {
      if (reached_by[op] < 0) continue;
      findings.push_back(make_finding(ctx.spec, "single-replica", service.loc, service.name,
                                      service.name +
                                          " runs 1 replica and is on the synchronous path of " +
                                          ctx.spec.operations[reached_by[op]].full_name));
      break;
    }
  }
}

void lint_reconnects(const LintContext& ctx, std::vector<Finding>& findings) {
  for (const model::ReconnectSource& source : ctx.spec.workload.reconnects) {
    const std::string& target = ctx.spec.operations[source.to].full_name;
    const std::string clients = std::to_string(source.clients) + " clients reconnect to " + target;
    if (source.jitter.ns == 0)
      findings.push_back(make_finding(ctx.spec, "reconnect-without-jitter", source.loc, target,
                                      clients + " at the same instant (jitter 0s)"));
    else if (source.retry.attempts > 1 && source.retry.jitter == model::Jitter::None)
      findings.push_back(make_finding(ctx.spec, "reconnect-without-jitter", source.loc, target,
                                      clients + " and retry in lockstep (retry jitter none)"));
  }
}

}  // namespace

void lint_sync(const LintContext& context, std::vector<Finding>& findings) {
  lint_service_cycles(context, findings);
  lint_operation_cycles(context, findings);
  lint_timeout_inversion(context, findings);
  lint_nested_retries(context, findings);
  lint_unbounded_queues(context, findings);
  lint_single_replicas(context, findings);
  lint_reconnects(context, findings);
}

}  // namespace ripple::analyzers::detail
