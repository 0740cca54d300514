#include "analyzers/lint_catalog.h"

#include "model/lint_rules.h"

namespace ripple::analyzers {

const std::vector<LintRule>& lint_rules() {
  static const std::vector<LintRule> rules = {
      {"sync-cycle", Severity::Error, "Synchronous call cycle",
       "Services (or operations of one service) call each other synchronously in a cycle.",
       "A cycle of synchronous calls makes the services one deployment unit: none can start, "
       "upgrade or fail alone, a slow member exhausts the workers of all the others, and a "
       "request can recurse until every worker is held.",
       "Break the cycle: let one direction publish an event instead of calling, or move the "
       "shared logic into one service."},
      {"timeout-inversion", Severity::Warning, "Callee may outlast the caller's timeout",
       "A callee may spend longer on its own calls (their timeouts times attempts plus backoff) "
       "than the caller waits for it.",
       "The caller gives up while the callee is still working: the work is wasted, the caller "
       "retries on top of it, and the abandoned requests keep the callee busy (retry storms).",
       "Make timeouts shrink down the chain: the caller's timeout must exceed what the callee "
       "may spend, or the callee must retry less or time out sooner."},
      {"nested-retries", Severity::Warning, "Retries at several layers of one chain",
       "A retried call reaches an operation that retries its own calls, so attempts multiply.",
       "Attempts multiply per layer (3 attempts over 3 layers reach the bottom 27 times); under "
       "overload the retries sustain the overload (metastable failure).",
       "Retry at one layer only (usually the outermost or the one closest to the failure), use "
       "retry budgets and circuit breakers elsewhere."},
      {"unbounded-queue", Severity::Warning, "Unbounded request queue",
       "A service accepts waiting requests without limit.",
       "An unbounded queue turns overload into unbounded latency and memory instead of fast "
       "rejections; callers time out on requests the service will still process later.",
       "Set `queue:` to a bound a little above workers x the acceptable wait / service time, so "
       "excess load is rejected early."},
      {"single-replica", Severity::Warning, "Single replica on a critical path",
       "A service with one replica is on a synchronous path from an entry operation.",
       "One crash, deployment or slow node of that service fails every entry request that "
       "reaches it: it is a single point of failure.",
       "Run at least two replicas, or take the service off the synchronous path (an event, a "
       "fallback with `on_failure: continue`)."},
      {"memory-broker-across-processes", Severity::Error, "In-memory broker across processes",
       "An event on a `memory` broker is consumed by another service, or published by a service "
       "with more than one replica.",
       "An in-memory bus delivers only inside the publishing process: consumers in other "
       "services or on other replicas never see the events, and events die with the process.",
       "Use a real broker (kafka, sqs, rabbitmq) for events that cross process boundaries."},
      {"ordered-without-key", Severity::Error, "Ordered consumer without an ordering guarantee",
       "A consumer declares `ordered: true`, but its event has no `key` or its broker does not "
       "keep order per key.",
       "Events will arrive out of order (retries, partitions, parallel consumers); a handler that "
       "assumes order overwrites fuller state with older partial updates.",
       "Give the event a `key:` and use a broker that orders by key (kafka, or sqs with "
       "`fifo: true`), or make the handler order-agnostic (versions, timestamps)."},
      {"non-idempotent-consumer", Severity::Warning,
       "Non-idempotent consumer on at-least-once broker",
       "A consumer with `idempotent: false` reads from a broker that may deliver twice.",
       "At-least-once brokers redeliver after timeouts, rebalances and publisher retries; a "
       "non-idempotent handler then charges, ships or counts twice.",
       "Make the handler idempotent (deduplicate on an event id, use upserts) and declare "
       "`idempotent: true`."},
      {"event-without-consumer", Severity::Info, "Event without consumer",
       "An event is declared (and perhaps published) but no service consumes it.",
       "Events nobody reads are contracts without clients: they cost broker capacity and "
       "maintenance, and invite hidden consumers nobody knows about.",
       "Remove the event, or declare its consumers in the spec."},
      {"consumer-without-publisher", Severity::Warning, "Consumer without publisher",
       "A service consumes an event that no operation or consumer of the spec publishes.",
       "The consumer waits for events that never come, or the spec misses the publisher, so "
       "every analysis of that flow is incomplete.",
       "Add `publishes:` to the operation that emits the event, or remove the consumer."},
      {"callback-instead-of-call", Severity::Info,
       "Event with one consumer that calls straight back",
       "An event has exactly one consumer, and that consumer calls back its publisher or the "
       "owner of the data it needs.",
       "An event with a single consumer that immediately fetches from the producer is a "
       "synchronous call in disguise: the coupling is hidden, the latency is higher and the "
       "owner still has to be up.",
       "Either carry the needed fields in the event (event-carried state transfer) or make it "
       "an explicit call."},
      {"reconnect-without-jitter", Severity::Warning, "Reconnection without jitter",
       "A reconnect source has `jitter: 0s`, or retries with `jitter: none`.",
       "When many clients drop at once they all reconnect at once and retry in lockstep, "
       "flooding authentication and state refresh (reconnection storm).",
       "Spread reconnects with client-side jitter and use jittered exponential backoff "
       "(`jitter: full`)."},
      {"unbatched-writes", Severity::Warning, "Per-event writes without batching at high rate",
       "A consumer writes to a store once per event, without `batch:`, at more than 100 events "
       "per second.",
       "At volume the per-transaction overhead dominates: the store's CPU and latency climb and "
       "its connections run out (write amplification).",
       "Batch the writes (`batch: {size: 100, linger: 10ms}`) so one transaction carries many "
       "events."},
      {"overloaded", Severity::Error, "Offered load at or above capacity",
       "A service, store or consumer group is offered, at the workload's rates, at least as much "
       "work as its servers can do (utilization >= 100%: offered rate x mean holding time / "
       "servers).",
       "Above capacity the queue grows for as long as the load lasts: latency climbs until "
       "callers time out and retry, queues fill and reject, consumer lag grows without bound. "
       "No amount of retrying or waiting fixes it.",
       "Add servers (replicas, workers, connections, consumer concurrency, partitions), make "
       "each request cheaper (fewer or parallel calls, batched writes, cached reads), or shed "
       "load before it arrives. `ripple sweep --find` finds the smallest setting that holds."},
      {"low-headroom", Severity::Warning, "Little headroom at the workload's rates",
       "A pool runs above its `max_utilization` (70% by default) at the workload's rates.",
       "Queueing delay grows as 1 / (1 - utilization): near full use a small spike, a slow "
       "dependency or one lost replica pushes the element past capacity, and waits and tail "
       "latency rise steeply well before it.",
       "Add capacity until utilization is under the threshold, or state the threshold you accept "
       "with `max_utilization:` on the element or in `defaults:`."},
      {"slow-drain", Severity::Warning, "Backlog after a fault drains slower than its objective",
       "After a fault of the spec, the deliveries that piled up in front of a consumer group "
       "take longer to drain at (capacity - arrival rate) than the consumer's "
       "`recovery_objective`, or never drain.",
       "A consumer with little spare capacity turns a short outage into a long one: events stay "
       "late (stale reads, late notifications, SLA breaches) for the whole drain, and a second "
       "fault during it stacks on top.",
       "Give the group spare capacity for catch-up (concurrency, replicas, partitions), batch its "
       "writes, or accept a longer `recovery_objective`."},
      {"hot-partition", Severity::Warning, "One partition carries several partitions' share",
       "An event's `keys:` put more than twice an even share of its events on one Kafka "
       "partition.",
       "A partition is handled by one consumer at a time: its share of the load sets the group's "
       "capacity, so the hot partition lags while the others idle, and adding consumers does not "
       "help (the group's lag hides it).",
       "Key by something with more even values (a compound key, a salt on the hot keys), or "
       "handle the hot key apart; more partitions do not split one key."},
  };
  static_assert(model::kLintRules.size() == 17);
  return rules;
}

const LintRule* find_lint_rule(std::string_view id) {
  for (const LintRule& rule : lint_rules())
    if (rule.id == id) return &rule;
  return nullptr;
}

}  // namespace ripple::analyzers
