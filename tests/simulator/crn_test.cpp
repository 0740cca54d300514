// Common random numbers: every entity draws from a stream keyed by its kind and name, so a spec
// that differs from another only in an unrelated part gives bit-identical figures for the rest, at
// every seed. The unrelated part below is put first (every id of the rest shifts), has its own
// source, store, broker, event, consumer and fault, and comes with a comment.

#include <gtest/gtest.h>

#include <string>

#include "simulator/figures.h"
#include "tests/simulator/sim_fixture.h"

namespace ripple::sim::testing {
namespace {

// Sync calls with retries, jitter and probability, a store with an `errors` fault and batched
// writes, a Kafka event with a keyed partition, an unkeyed SQS event with callbacks, a spike.
const char* kBase = R"yaml(ripple: 1
brokers:
  bus: {type: kafka, partitions: 4, latency: exp(2ms)}
  jobs: {type: sqs, visibility_timeout: 2s, max_receives: 3}
stores:
  db: {connections: 4, txn_time: exp(2ms), row_time: const(0.1ms)}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 1KiB}}
events:
  Placed: {broker: bus, key: order.id, carries: [order.id]}
  Job: {broker: jobs, carries: [order.id]}
services:
  gateway:
    replicas: 2
    operations:
      checkout:
        time: exp(1ms)
        calls:
          - {to: order.place, timeout: 50ms, retry: {attempts: 3, backoff: 5ms, jitter: full}}
          - {to: order.get, probability: 0.3}
  order:
    workers: 4
    operations:
      place: {time: exp(3ms), reads: [{store: db}], writes: [{store: db, rows: 2}], publishes: [Placed, Job]}
      get: {time: "lognormal(1ms, 5ms)"}
  shipping:
    consumes:
      Placed: {time: exp(4ms), concurrency: 2, needs: [order.items]}
  billing:
    consumes:
      Job: {time: exp(8ms), concurrency: 2, writes: [{store: db, batch: {size: 5, linger: 10ms}}]}
workload:
  duration: 40s
  warmup: 2s
  sources: [{to: gateway.checkout, rate: 150/s, spikes: [{at: 20s, for: 3s, rate: 400/s}]}]
faults:
  - {store: db, at: 10s, for: 4s, mode: errors, ratio: 0.2}
  - {service: shipping, at: 25s, for: 2s, mode: down}
)yaml";

std::string base_spec() { return kBase; }

// The base with `audit` and its resources declared before everything of the base. YAML maps
// cannot repeat keys, so the unrelated part is merged into the base's sections by hand.
std::string with_unrelated_service() {
  std::string yaml = base_spec();
  yaml =
      replace_all(yaml, "brokers:\n", "brokers:\n  ledger: {type: rabbitmq, latency: exp(1ms)}\n");
  yaml = replace_all(yaml, "stores:\n", "stores:\n  archive: {txn_time: exp(1ms)}\n");
  yaml = replace_all(yaml, "events:\n", "events:\n  Logged: {broker: ledger}\n");
  yaml =
      replace_all(yaml, "services:\n",
                  "# a team's new, separate pipeline\nservices:\n  audit:\n    operations:\n"
                  "      log: {time: exp(2ms), writes: [{store: archive}], publishes: [Logged]}\n"
                  "    consumes:\n      Logged: {time: exp(1ms)}\n");
  yaml = replace_all(yaml, "  sources: [{to: gateway.checkout",
                     "  sources: [{to: audit.log, rate: 80/s}, {to: gateway.checkout");
  yaml = replace_all(yaml, "faults:\n",
                     "faults:\n  - {service: audit, at: 5s, for: 10s, mode: errors, ratio: 0.5}\n");
  return yaml;
}

SimulationResult run_seed(const model::Spec& spec, std::uint64_t seed) {
  SimulationOptions options;
  options.seed = seed;
  return simulate(spec, options);
}

// Every figure of `base`'s own entities is exactly the same in `other`.
void expect_same_for_base_entities(const SimulationResult& base, const SimulationResult& other,
                                   std::uint64_t seed) {
  for (const OperationResult& op : base.operations) {
    OperationResult theirs = operation(other, op.name);
    theirs.operation = op.operation;  // the id shifted; nothing else may differ
    EXPECT_EQ(op, theirs) << op.name << " at seed " << seed;
  }
  for (const ConsumerResult& c : base.consumers)
    EXPECT_EQ(c, consumer(other, c.name)) << c.name << " at seed " << seed;
  for (const ServiceResult& s : base.services)
    EXPECT_EQ(s, service(other, s.name)) << s.name << " at seed " << seed;
  for (const BrokerResult& b : base.brokers)
    EXPECT_EQ(b, broker(other, b.name)) << b.name << " at seed " << seed;
  for (const CallEdgeResult& e : base.calls) {
    bool found = false;
    for (const CallEdgeResult& o : other.calls) {
      if (o.from != e.from || o.to != e.to || o.index != e.index || o.callback != e.callback)
        continue;
      found = true;
      EXPECT_EQ(e, o) << e.from << " -> " << e.to << " at seed " << seed;
    }
    EXPECT_TRUE(found) << e.from << " -> " << e.to;
  }
  int compared = 0;
  const std::vector<Figure> theirs = figures(other);
  for (const Figure& f : figures(base)) {
    if (f.metric == model::GateMetric::RecoveryTime ||
        f.metric == model::GateMetric::SpikeRecoveryTime)
      continue;  // judged on every entry operation, the unrelated one included
    for (const Figure& g : theirs) {
      if (g.metric != f.metric || g.subject != f.subject) continue;
      EXPECT_EQ(f.value, g.value) << model::to_string(f.metric) << "(" << f.subject << ")";
      ++compared;
    }
  }
  EXPECT_GT(compared, 20);
}

TEST(CommonRandomNumbers, AnUnrelatedServiceChangesNothingElseAtAnySeed) {
  const model::Spec base = load(base_spec());
  const model::Spec other = load(with_unrelated_service());
  ASSERT_EQ(other.services.size(), base.services.size() + 1);
  ASSERT_EQ(other.services[0].name, "audit");  // every id of the base's services shifted
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const SimulationResult a = run_seed(base, seed);
    const SimulationResult b = run_seed(other, seed);
    // The run is not trivial: the fault and retries happened.
    EXPECT_GT(operation(a, "gateway.checkout").errors, 0u);
    EXPECT_GT(edge(a, "gateway.checkout").retries, 0u);
    EXPECT_GT(operation(b, "audit.log").errors, 0u);
    expect_same_for_base_entities(a, b, seed);
  }
}

TEST(CommonRandomNumbers, ACommentOrTheSameSpecAgainGivesIdenticalResults) {
  const model::Spec base = load(base_spec());
  const model::Spec commented =
      load("# reviewed\n" + replace_all(base_spec(), "stores:\n", "# the one database\nstores:\n"));
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const SimulationResult a = run_seed(base, seed);
    EXPECT_EQ(a, run_seed(base, seed)) << seed;
    EXPECT_EQ(a, run_seed(commented, seed)) << seed;
  }
}

// The streams are keyed: a different seed gives a different run (the test above could otherwise
// pass with streams that ignore the seed).
TEST(CommonRandomNumbers, DifferentSeedsGiveDifferentRuns) {
  const model::Spec base = load(base_spec());
  EXPECT_NE(operation(run_seed(base, 1), "gateway.checkout").latency,
            operation(run_seed(base, 2), "gateway.checkout").latency);
}

// A change to a downstream part moves the figures that depend on it.
TEST(CommonRandomNumbers, ARelatedChangeMovesTheFiguresThatDependOnIt) {
  const model::Spec base = load(base_spec());
  const model::Spec slower = load(replace_all(base_spec(), "get: {time: \"lognormal(1ms, 5ms)\"}",
                                              "get: {time: \"lognormal(2ms, 10ms)\"}"));
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const SimulationResult a = run_seed(base, seed);
    const SimulationResult b = run_seed(slower, seed);
    EXPECT_GT(operation(b, "order.get").latency.p99_ms, operation(a, "order.get").latency.p99_ms);
    EXPECT_GT(operation(b, "gateway.checkout").latency.mean_ms,
              operation(a, "gateway.checkout").latency.mean_ms);
  }
}

}  // namespace
}  // namespace ripple::sim::testing
