// `delivery: at_most_once`: acknowledged on receipt, so a failed handling loses its event.

#include <gtest/gtest.h>

#include <string>

#include "sim_fixture.h"

namespace ripple::sim {
namespace {

using testing::consumer;
using testing::load;
using testing::replace_all;
using testing::run;

// Every handling calls `lookup.get`, which fails 20% of the time for the whole run.
const char* kQueue = R"(ripple: 1
brokers: {q: {type: BROKER, visibility_timeout: 5s}}
events: {Job: {broker: q}}
services:
  api: {operations: {submit: {publishes: [Job]}}}
  lookup: {operations: {get: {time: exp(1ms)}}}
  worker:
    consumes:
      Job: {time: exp(1ms), concurrency: 4, idempotent: true, delivery: DELIVERY, calls: [{to: lookup.get, timeout: 1s}]}
workload:
  duration: 60s
  sources: [{to: api.submit, rate: 50/s}]
faults:
  - {service: lookup, at: 0s, for: 60s, mode: errors, ratio: 20%}
)";

std::string queue(const std::string& broker, const std::string& delivery) {
  std::string yaml = replace_all(replace_all(kQueue, "BROKER", broker), "DELIVERY", delivery);
  if (broker != "sqs") yaml = replace_all(yaml, ", visibility_timeout: 5s", "");
  return yaml;
}

// Oracle: with at-most-once, lost = failed handlings (each event is handled once) and
// lost / published is the error ratio, 20%; 3,000 events give a standard error of 0.73 points,
// so 4 standard errors is 3 points.
TEST(AtMostOnce, AFailedHandlingLosesItsEventOnRabbitmq) {
  const SimulationResult r = run(load(queue("rabbitmq", "at_most_once")));
  const ConsumerResult& c = consumer(r, "worker:Job");
  EXPECT_EQ(c.duplicates, 0u);
  EXPECT_GT(c.lost, 0u);
  EXPECT_EQ(c.lost, c.failed);
  const double events = static_cast<double>(c.lost + c.delivered + c.waiting);
  EXPECT_NEAR(static_cast<double>(c.lost) / events, 0.2, 0.03);
}

TEST(AtMostOnce, SqsNeitherRedeliversNorDeadLetters) {
  const ConsumerResult c = consumer(run(load(queue("sqs", "at_most_once"))), "worker:Job");
  EXPECT_EQ(c.dead_lettered, 0u);
  EXPECT_EQ(c.duplicates, 0u);
  EXPECT_EQ(c.lost, c.failed);
}

TEST(AtMostOnce, AtLeastOnceRedeliversInstead) {
  const ConsumerResult c = consumer(run(load(queue("rabbitmq", "at_least_once"))), "worker:Job");
  EXPECT_EQ(c.lost, 0u);
  EXPECT_GT(c.failed, 0u);
}

}  // namespace
}  // namespace ripple::sim
