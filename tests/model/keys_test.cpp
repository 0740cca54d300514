// `keys:` of an event: parsing, located errors, and the analytic partition shares.

#include "model/keys.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

std::string spec_with(const std::string& event) {
  return "ripple: 1\nbrokers: {bus: {type: kafka, partitions: 4}}\n"
         "entities: {device: {owner: registry, fields: {id: 16B}}}\n"
         "events:\n  Reading: " +
         event +
         "\n"
         "services:\n  registry: {operations: {report: {publishes: [Reading]}}}\n";
}

TEST(Keys, DefaultIsUniformOverOneHundredThousandValues) {
  const Spec spec = load_ok(spec_with("{broker: bus, key: device.id}"));
  EXPECT_EQ(spec.events[0].keys, KeyDistribution{});
  EXPECT_EQ(spec.events[0].keys.values, 100000);
}

TEST(Keys, ZipfAndHotAreRead) {
  const Spec zipf =
      load_ok(spec_with("{broker: bus, key: device.id, keys: {values: 50, zipf: 1.2}}"));
  EXPECT_EQ(zipf.events[0].keys.kind, KeyDistribution::Kind::Zipf);
  EXPECT_EQ(zipf.events[0].keys.values, 50);
  EXPECT_DOUBLE_EQ(zipf.events[0].keys.exponent, 1.2);
  const Spec hot =
      load_ok(spec_with("{broker: bus, key: device.id, keys: {values: 50, hot: 25%}}"));
  EXPECT_EQ(hot.events[0].keys.kind, KeyDistribution::Kind::Hot);
  EXPECT_DOUBLE_EQ(hot.events[0].keys.hot_share, 0.25);
}

TEST(Keys, ZipfAndHotTogetherAreAnError) {
  const std::string line = "  Reading: {broker: bus, key: device.id, keys: {zipf: 1, hot: 5%}}";
  expect_only(load(spec_with("{broker: bus, key: device.id, keys: {zipf: 1, hot: 5%}}")),
              under(5, line, "5%", "`keys` of event `Reading` takes `zipf` or `hot`, not both",
                    "`zipf: 1.1` skews every key; `hot: 30%` puts a share on one key"));
}

TEST(Keys, AMistypedKeyGetsADidYouMean) {
  const std::string line = "  Reading: {broker: bus, key: device.id, keys: {valeus: 5}}";
  expect_only(load(spec_with("{broker: bus, key: device.id, keys: {valeus: 5}}")),
              under(5, line, "valeus", "unknown key `valeus` in `keys` of event `Reading`",
                    "did you mean `values`?"));
}

TEST(Keys, KeysWithoutAKeyAreAnError) {
  const LoadResult result = load(spec_with("{broker: bus, keys: {values: 5}}"));
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "`keys` of event `Reading` needs the event's `key`");
}

TEST(Keys, OutOfRangeValuesAreErrors) {
  EXPECT_FALSE(load(spec_with("{broker: bus, key: device.id, keys: {values: 0}}")).spec);
  EXPECT_FALSE(load(spec_with("{broker: bus, key: device.id, keys: {zipf: 0}}")).spec);
  EXPECT_FALSE(load(spec_with("{broker: bus, key: device.id, keys: {hot: 120%}}")).spec);
}

TEST(Keys, PartitionSharesSumToOneAndAHotKeyDominates) {
  const KeyDistribution hot{KeyDistribution::Kind::Hot, 1000, 0, 0.5, true};
  const std::vector<double> shares = partition_shares(hot, 8);
  EXPECT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-12);
  EXPECT_GT(shares[static_cast<std::size_t>(partition_of_key(0, 8))], 0.5);
}

TEST(Keys, ZipfProbabilitiesFallWithRank) {
  const std::vector<double> p = key_probabilities({KeyDistribution::Kind::Zipf, 3, 1.0, 0, true});
  // 1, 1/2, 1/3 over 11/6.
  EXPECT_NEAR(p[0], 6.0 / 11, 1e-12);
  EXPECT_NEAR(p[1], 3.0 / 11, 1e-12);
  EXPECT_NEAR(p[2], 2.0 / 11, 1e-12);
}

std::string consumer_on(const std::string& broker) {
  return "ripple: 1\nbrokers: {q: {type: " + broker +
         "}}\nevents: {Job: {broker: q}}\n"
         "services:\n  w:\n    consumes:\n      Job: {delivery: at_most_once}\n";
}

TEST(Delivery, AtMostOnceIsReadOnRabbitmqAndSqs) {
  EXPECT_EQ(load_ok(consumer_on("rabbitmq")).consumers[0].delivery, DeliveryGuarantee::AtMostOnce);
  EXPECT_EQ(load_ok(consumer_on("sqs")).consumers[0].delivery, DeliveryGuarantee::AtMostOnce);
}

TEST(Delivery, AtMostOnceOnKafkaIsALocatedError) {
  expect_only(load(consumer_on("kafka")),
              under(7, "      Job: {delivery: at_most_once}", "at_most_once",
                    "`delivery: at_most_once` needs a broker that acknowledges on receipt, and q "
                    "is kafka",
                    "use a rabbitmq (auto-ack) or sqs (delete on receive) broker, or leave the "
                    "default `at_least_once`"));
}

TEST(Delivery, AMistypedGuaranteeGetsADidYouMean) {
  std::string yaml = consumer_on("rabbitmq");
  yaml.replace(yaml.find("at_most_once"), 12, "at_most_onse");
  expect_only(load(yaml), under(7, "      Job: {delivery: at_most_onse}", "at_most_onse",
                                "unknown `delivery` of consumer `w:Job` `at_most_onse`",
                                "did you mean `at_most_once`?"));
}

}  // namespace
}  // namespace ripple::model::testing
