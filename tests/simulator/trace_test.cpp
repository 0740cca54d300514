// The TraceSink hook: what a recording sink receives for small specs whose timelines are exact
// (constant times and arrivals), and the contract on a rich example (ids, nesting, order, and
// results unchanged by tracing).

#include "simulator/trace.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::load;

constexpr TimeNs kMs = 1'000'000;

class RecordingSink : public TraceSink {
 public:
  void request_started(const RequestStart& r) override { starts.push_back(r); }
  void request_ended(const RequestEnd& r) override { ends.push_back(r); }
  void attempt_ended(const AttemptEnd& r) override { attempts.push_back(r); }
  void event_published(const PublishRecord& r) override { publishes.push_back(r); }
  void delivery_started(const DeliveryStart& r) override { delivery_starts.push_back(r); }
  void delivery_ended(const DeliveryEnd& r) override { delivery_ends.push_back(r); }
  void handling_started(const HandlingStart& r) override { handling_starts.push_back(r); }
  void handling_ended(const HandlingEnd& r) override { handling_ends.push_back(r); }

  std::vector<RequestStart> starts;
  std::vector<RequestEnd> ends;
  std::vector<AttemptEnd> attempts;
  std::vector<PublishRecord> publishes;
  std::vector<DeliveryStart> delivery_starts;
  std::vector<DeliveryEnd> delivery_ends;
  std::vector<HandlingStart> handling_starts;
  std::vector<HandlingEnd> handling_ends;
};

SimulationResult traced(const model::Spec& spec, TraceSink& sink, int replications = 1) {
  SimulationOptions options;
  options.replications = replications;
  options.trace = &sink;
  return simulate(spec, options);
}

int op_id(const model::Spec& spec, const std::string& name) {
  for (std::size_t op = 0; op < spec.operations.size(); ++op)
    if (spec.operations[op].full_name == name) return static_cast<int>(op);
  ADD_FAILURE() << "no operation " << name;
  return -1;
}

int service_id(const model::Spec& spec, const std::string& name) {
  for (std::size_t s = 0; s < spec.services.size(); ++s)
    if (spec.services[s].name == name) return static_cast<int>(s);
  ADD_FAILURE() << "no service " << name;
  return -1;
}

// One entry request at t = 1s. The payment call's first attempt starts at 1003ms while payment
// is slowed five times (50ms of work) and times out at 1033ms; the retry after 5ms waits in
// payment's queue behind the abandoned first attempt (which still ends, ok, at 1053ms), runs
// its 10ms and answers at 1063ms, within its timeout; then everything upstream answers.
const char* kChain = R"(ripple: 1
services:
  gateway:
    operations:
      checkout:
        time: 1ms
        calls: [{to: order.place, timeout: 1s}]
  order:
    operations:
      place:
        time: 2ms
        calls: [{to: payment.charge, timeout: 30ms, retry: {attempts: 2, backoff: 5ms}}]
  payment:
    workers: 1
    queue: unbounded
    operations:
      charge: {time: 10ms}
workload:
  duration: 1500ms
  sources: [{to: gateway.checkout, rate: 1/s, arrival: constant}]
faults:
  - {service: payment, at: 0s, for: 1010ms, mode: slow, factor: 5}
)";

TEST(Trace, ChainNestsChildrenUnderTheirCallersWithARetryAfterATimeout) {
  const model::Spec spec = load(kChain);
  RecordingSink sink;
  (void)traced(spec, sink);
  const int checkout = op_id(spec, "gateway.checkout");
  const int place = op_id(spec, "order.place");
  const int charge = op_id(spec, "payment.charge");
  const int payment = service_id(spec, "payment");
  ASSERT_EQ(sink.starts.size(), 4u);
  // span, parent, operation, service, replica, attempt, arrival
  EXPECT_EQ(sink.starts[0].span, 1u);
  EXPECT_EQ(sink.starts[0].parent, 0u);
  EXPECT_EQ(sink.starts[0].operation, checkout);
  EXPECT_EQ(sink.starts[0].time, 1000 * kMs);
  EXPECT_EQ(sink.starts[1].span, 2u);
  EXPECT_EQ(sink.starts[1].parent, 1u);
  EXPECT_EQ(sink.starts[1].operation, place);
  EXPECT_EQ(sink.starts[1].time, 1001 * kMs);
  EXPECT_EQ(sink.starts[2].span, 3u);
  EXPECT_EQ(sink.starts[2].parent, 2u);
  EXPECT_EQ(sink.starts[2].operation, charge);
  EXPECT_EQ(sink.starts[2].service, payment);
  EXPECT_EQ(sink.starts[2].replica, 0);
  EXPECT_EQ(sink.starts[2].attempt, 1);
  EXPECT_EQ(sink.starts[2].time, 1003 * kMs);
  EXPECT_EQ(sink.starts[3].span, 4u);
  EXPECT_EQ(sink.starts[3].parent, 2u);
  EXPECT_EQ(sink.starts[3].operation, charge);
  EXPECT_EQ(sink.starts[3].attempt, 2);
  EXPECT_EQ(sink.starts[3].time, 1038 * kMs);  // timeout at 1033 + backoff 5

  // Ends in time order: the abandoned attempt's request still ends ok.
  ASSERT_EQ(sink.ends.size(), 4u);
  const std::vector<std::pair<SpanId, TimeNs>> ends = {
      {3, 1053 * kMs}, {4, 1063 * kMs}, {2, 1063 * kMs}, {1, 1063 * kMs}};
  for (std::size_t k = 0; k < ends.size(); ++k) {
    EXPECT_EQ(sink.ends[k].span, ends[k].first) << k;
    EXPECT_EQ(sink.ends[k].time, ends[k].second) << k;
    EXPECT_EQ(sink.ends[k].outcome, RequestOutcome::Ok) << k;
  }

  ASSERT_EQ(sink.attempts.size(), 3u);
  const AttemptEnd& first = sink.attempts[0];
  EXPECT_EQ(first.caller, 2u);
  EXPECT_EQ(first.callee, 3u);
  EXPECT_EQ(first.operation, charge);
  EXPECT_EQ(first.attempt, 1);
  EXPECT_EQ(first.outcome, AttemptOutcome::Timeout);
  EXPECT_EQ(first.start, 1003 * kMs);
  EXPECT_EQ(first.end, 1033 * kMs);
  const AttemptEnd& retry = sink.attempts[1];
  EXPECT_EQ(retry.callee, 4u);
  EXPECT_EQ(retry.attempt, 2);
  EXPECT_EQ(retry.outcome, AttemptOutcome::Ok);
  EXPECT_EQ(retry.start, 1038 * kMs);
  EXPECT_EQ(retry.end, 1063 * kMs);
  const AttemptEnd& outer = sink.attempts[2];
  EXPECT_EQ(outer.caller, 1u);
  EXPECT_EQ(outer.callee, 2u);
  EXPECT_EQ(outer.operation, place);
  EXPECT_EQ(outer.outcome, AttemptOutcome::Ok);
  EXPECT_EQ(outer.start, 1001 * kMs);
  EXPECT_EQ(outer.end, 1063 * kMs);
  EXPECT_TRUE(sink.publishes.empty());
}

// Without the slow fault and with a 5ms timeout, both attempts time out; the call fails, and so
// do its caller and the entry request. The retry starts as the first attempt's request ends.
TEST(Trace, AFailedCallFailsItsCallersSpans) {
  std::string yaml = testing::replace_all(kChain, "timeout: 30ms", "timeout: 5ms");
  yaml = testing::replace_all(
      yaml, "faults:\n  - {service: payment, at: 0s, for: 1010ms, mode: slow, factor: 5}\n", "");
  RecordingSink sink;
  (void)traced(load(yaml), sink);
  ASSERT_EQ(sink.attempts.size(), 3u);
  EXPECT_EQ(sink.attempts[0].outcome, AttemptOutcome::Timeout);
  EXPECT_EQ(sink.attempts[0].end, 1008 * kMs);
  EXPECT_EQ(sink.attempts[1].outcome, AttemptOutcome::Timeout);
  EXPECT_EQ(sink.attempts[1].start, 1013 * kMs);
  EXPECT_EQ(sink.attempts[1].end, 1018 * kMs);
  EXPECT_EQ(sink.attempts[2].outcome, AttemptOutcome::Error);
  std::map<SpanId, RequestEnd> ends;
  for (const RequestEnd& end : sink.ends) ends[end.span] = end;
  EXPECT_EQ(ends.at(1).outcome, RequestOutcome::Error);
  EXPECT_EQ(ends.at(1).time, 1018 * kMs);
  EXPECT_EQ(ends.at(2).outcome, RequestOutcome::Error);
  EXPECT_EQ(ends.at(3).outcome, RequestOutcome::Ok);
  EXPECT_EQ(ends.at(3).time, 1013 * kMs);
  EXPECT_EQ(ends.at(4).outcome, RequestOutcome::Ok);
  EXPECT_EQ(ends.at(4).time, 1023 * kMs);
}

// A thin event: the publish, the delivery to the one consumer, its handling and the handling's
// callback to the owner, with exact times.
TEST(Trace, EventIsPublishedDeliveredAndHandledWithItsCallback) {
  const model::Spec spec = load(R"(ripple: 1
brokers:
  bus: {type: rabbitmq, latency: 3ms}
entities:
  order: {owner: order, read: order.get, fields: {id: 16B, items: 1KiB}}
events:
  OrderPlaced: {broker: bus, carries: [order.id]}
services:
  order:
    operations:
      place: {time: 1ms, publishes: [OrderPlaced]}
      get: {time: 2ms}
  shipping:
    consumes:
      OrderPlaced: {needs: [order.id, order.items], time: 4ms}
workload:
  duration: 1500ms
  sources: [{to: order.place, rate: 1/s, arrival: constant}]
)");
  RecordingSink sink;
  (void)traced(spec, sink);
  ASSERT_EQ(sink.publishes.size(), 1u);
  EXPECT_EQ(sink.publishes[0].message, 1u);
  EXPECT_EQ(sink.publishes[0].publisher, 1u);
  EXPECT_EQ(sink.publishes[0].outcome, PublishOutcome::Sent);
  EXPECT_EQ(sink.publishes[0].time, 1001 * kMs);
  ASSERT_EQ(sink.delivery_starts.size(), 1u);
  EXPECT_EQ(sink.delivery_starts[0].message, 1u);
  EXPECT_EQ(sink.delivery_starts[0].consumer, 0);
  EXPECT_EQ(sink.delivery_starts[0].time, 1004 * kMs);
  ASSERT_EQ(sink.handling_starts.size(), 1u);
  const HandlingStart& handling = sink.handling_starts[0];
  EXPECT_EQ(handling.span, 2u);
  EXPECT_EQ(handling.message, 1u);
  EXPECT_EQ(handling.service, service_id(spec, "shipping"));
  EXPECT_EQ(handling.receive, 1);
  EXPECT_EQ(handling.time, 1004 * kMs);
  ASSERT_EQ(sink.starts.size(), 2u);  // order.place, then the callback order.get
  EXPECT_EQ(sink.starts[1].span, 3u);
  EXPECT_EQ(sink.starts[1].parent, 2u);
  EXPECT_EQ(sink.starts[1].operation, op_id(spec, "order.get"));
  ASSERT_EQ(sink.attempts.size(), 1u);
  EXPECT_EQ(sink.attempts[0].caller, 2u);
  EXPECT_EQ(sink.attempts[0].end, 1006 * kMs);
  ASSERT_EQ(sink.handling_ends.size(), 1u);
  EXPECT_EQ(sink.handling_ends[0].span, 2u);
  EXPECT_EQ(sink.handling_ends[0].outcome, HandlingOutcome::Ok);
  EXPECT_EQ(sink.handling_ends[0].time, 1010 * kMs);  // callback 2ms, then its own 4ms
  ASSERT_EQ(sink.delivery_ends.size(), 1u);
  EXPECT_EQ(sink.delivery_ends[0].outcome, DeliveryOutcome::Acknowledged);
  EXPECT_EQ(sink.delivery_ends[0].time, 1010 * kMs);
}

// The contract: ids 1, 2, ... per replication, every parent started before its child, every end
// after its start, starts in time order.
void expect_contract(const RecordingSink& sink, std::size_t replications) {
  std::map<int, std::map<SpanId, TimeNs>> started;  // by replication: span -> start
  for (const RequestStart& r : sink.starts) started[r.replication][r.span] = r.time;
  for (const HandlingStart& r : sink.handling_starts) started[r.replication][r.span] = r.time;
  ASSERT_EQ(started.size(), replications);
  for (const auto& [replication, spans] : started) {
    ASSERT_FALSE(spans.empty());
    EXPECT_EQ(spans.begin()->first, 1u);
    EXPECT_EQ(spans.rbegin()->first, spans.size()) << "ids are 1..N without gaps";
  }
  for (const RequestStart& r : sink.starts) {
    if (r.parent == 0) continue;
    const auto& spans = started[r.replication];
    ASSERT_TRUE(spans.count(r.parent)) << r.span;
    EXPECT_LE(spans.at(r.parent), r.time);
  }
  for (const RequestEnd& r : sink.ends) {
    const auto& spans = started[r.replication];
    ASSERT_TRUE(spans.count(r.span));
    EXPECT_LE(spans.at(r.span), r.time);
  }
  for (const HandlingEnd& r : sink.handling_ends) {
    const auto& spans = started[r.replication];
    ASSERT_TRUE(spans.count(r.span));
    EXPECT_LE(spans.at(r.span), r.time);
  }
  std::map<int, TimeNs> last;
  for (const RequestStart& r : sink.starts) {
    EXPECT_LE(last[r.replication], r.time);
    last[r.replication] = r.time;
  }
}

model::Spec example(const std::string& name) {
  std::ifstream file(std::string(RIPPLE_SOURCE_DIR) + "/examples/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return load(text.str());
}

// A rich example (calls with retries and breakers, Kafka, callbacks, batching): the contract
// holds, and the results are identical with and without the sink.
TEST(Trace, MarketplaceTraceKeepsTheContractAndChangesNothing) {
  const model::Spec spec = example("marketplace.yaml");
  SimulationOptions options;
  options.duration = model::Duration::from_seconds(45);  // the example's warmup is 30s
  options.replications = 2;
  ASSERT_FALSE(check_options(spec, options).has_value());
  RecordingSink sink;
  SimulationOptions with_sink = options;
  with_sink.trace = &sink;
  EXPECT_EQ(simulate(spec, with_sink), simulate(spec, options));
  expect_contract(sink, 2);
  EXPECT_FALSE(sink.publishes.empty());
  EXPECT_FALSE(sink.delivery_ends.empty());
  EXPECT_FALSE(sink.handling_ends.empty());
}

// Faults and at-least-once delivery: a consumer replica dies (its Kafka handlings crash and go
// back; its 4 partitions are busy 7/8 of the time, so the second replica holds some at 5s), SQS
// handlings outlast a 5ms visibility timeout (duplicates, then dead letters after two receives),
// and a down broker refuses publishes.
TEST(Trace, FaultsShowAsCrashedHandlingsDeadLettersAndRefusedPublishes) {
  const model::Spec spec = load(R"(ripple: 1
brokers:
  bus: {type: kafka, partitions: 4}
  jobs: {type: sqs, visibility_timeout: 5ms, max_receives: 2}
events:
  Placed: {broker: bus}
  Job: {broker: jobs}
services:
  front:
    operations:
      go: {time: exp(1ms), publishes: [Placed, Job]}
  worker:
    replicas: 2
    consumes:
      Placed: {time: exp(35ms), concurrency: 4}
      Job: {time: exp(6ms), concurrency: 4}
workload:
  duration: 20s
  sources: [{to: front.go, rate: 100/s}]
faults:
  - {service: worker, at: 5s, for: 2s, mode: replicas, count: 1}
  - {broker: bus, at: 12s, for: 1s, mode: down}
)");
  RecordingSink sink;
  SimulationOptions options;
  options.trace = &sink;
  const SimulationResult result = simulate(spec, options);
  EXPECT_EQ(result, simulate(spec, SimulationOptions{}));
  expect_contract(sink, 1);
  std::set<HandlingOutcome> handlings;
  for (const HandlingEnd& h : sink.handling_ends) handlings.insert(h.outcome);
  EXPECT_TRUE(handlings.count(HandlingOutcome::Crashed));
  std::map<DeliveryOutcome, int> deliveries;
  for (const DeliveryEnd& d : sink.delivery_ends) ++deliveries[d.outcome];
  EXPECT_EQ(static_cast<std::uint64_t>(deliveries[DeliveryOutcome::DeadLettered]),
            testing::consumer(result, "worker:Job").dead_lettered);
  EXPECT_GT(deliveries[DeliveryOutcome::DeadLettered], 0);
  std::map<PublishOutcome, int> publishes;
  for (const PublishRecord& p : sink.publishes) ++publishes[p.outcome];
  EXPECT_GT(publishes[PublishOutcome::Refused], 0);
  std::map<int, int> receives;  // a redelivered event is handled again with a higher receive
  for (const HandlingStart& h : sink.handling_starts) receives[h.receive]++;
  EXPECT_GT(receives[2], 0);
}

}  // namespace
}  // namespace ripple::sim
