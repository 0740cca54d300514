// Schema and reference errors: one test per mistake, with the exact diagnostic (position,
// underline, message, hint and source line). `under(line, source, token, ...)` underlines the last
// `token` of the line.

#include <gtest/gtest.h>

#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr const char* kFaultTargetsHint =
    "services take down, slow, errors, replicas; stores down, slow, errors; brokers down, slow, "
    "partition_loss";

// --- Unknown keys ---------------------------------------------------------------------------

TEST(LoaderErrors, ReportsUnknownKeyWithDidYouMean) {
  expect_only(load("ripple: 1\nservices:\n  order:\n    replcas: 2\n"),
              under(4, "    replcas: 2", "replcas", "unknown key `replcas` in service `order`",
                    "did you mean `replicas`?"));
}

TEST(LoaderErrors, ReportsUnknownTopLevelKeyWithDidYouMean) {
  expect_only(load("ripple: 1\nservice: {}\n"),
              under(2, "service: {}", "service", "unknown key `service` in the spec",
                    "did you mean `services`?"));
}

TEST(LoaderErrors, ListsAllowedKeysWhenNoneIsClose) {
  expect_only(load("ripple: 1\ncolour: red\n"),
              under(2, "colour: red", "colour", "unknown key `colour` in the spec",
                    "allowed here: `ripple`, `name`, `description`, `defaults`, `brokers`, "
                    "`stores`, `entities`, `events`, `services`, `workload`, `faults`, `gates` "
                    "or `suppress`"));
}

// --- Unknown references ---------------------------------------------------------------------

constexpr const char* kPaymentServices = R"(ripple: 1
services:
  order:
    operations:
      place: {calls: [%s]}
  payment:
    operations:
      charge: {}
      refund: {}
)";

std::string with_call(const std::string& call) {
  std::string text = kPaymentServices;
  return text.replace(text.find("%s"), 2, call);
}

TEST(LoaderErrors, ReportsUnknownOperationUnderItsName) {
  expect_only(
      load(with_call("payment.charg")),
      under(5, "      place: {calls: [payment.charg]}", "charg",
            "service `payment` has no operation `charg`", "did you mean `payment.charge`?"));
}

TEST(LoaderErrors, ListsTheOperationsOfTheServiceWhenNoneIsClose) {
  expect_only(load(with_call("payment.pay")),
              under(5, "      place: {calls: [payment.pay]}", "pay",
                    "service `payment` has no operation `pay`",
                    "its operations: `payment.charge` or `payment.refund`"));
}

TEST(LoaderErrors, ReportsUnknownServiceOfAnOperationUnderTheService) {
  expect_only(
      load(with_call("paymnt.charge")),
      under(5, "      place: {calls: [paymnt.charge]}", "paymnt",
            "unknown service `paymnt` in `paymnt.charge`", "did you mean `payment.charge`?"));
}

TEST(LoaderErrors, ReportsAServiceNamedWhereAnOperationBelongs) {
  expect_only(load(with_call("payment")),
              under(5, "      place: {calls: [payment]}", "payment",
                    "`payment` is not an operation", "did you mean `payment.charge`?"));
}

constexpr const char* kBusAndEvent = "ripple: 1\nbrokers: {bus: {type: kafka}}\n";

TEST(LoaderErrors, ReportsUnknownEventInPublishes) {
  expect_only(load(std::string(kBusAndEvent) + "events: {OrderPlaced: {broker: bus}}\n"
                                               "services:\n"
                                               "  order:\n"
                                               "    operations:\n"
                                               "      place: {publishes: [OrderPlacd]}\n"),
              under(7, "      place: {publishes: [OrderPlacd]}", "OrderPlacd",
                    "unknown event `OrderPlacd`", "did you mean `OrderPlaced`?"));
}

TEST(LoaderErrors, ReportsUnknownEventConsumed) {
  expect_only(load(std::string(kBusAndEvent) + "events: {OrderPlaced: {broker: bus}}\n"
                                               "services:\n"
                                               "  ship:\n"
                                               "    consumes:\n"
                                               "      OrderPlacd: {}\n"),
              under(7, "      OrderPlacd: {}", "OrderPlacd", "unknown event `OrderPlacd`",
                    "did you mean `OrderPlaced`?"));
}

TEST(LoaderErrors, ReportsUnknownBrokerOfAnEvent) {
  expect_only(load(std::string(kBusAndEvent) + "events:\n  OrderPlaced: {broker: buss}\n"),
              under(4, "  OrderPlaced: {broker: buss}", "buss", "unknown broker `buss`",
                    "did you mean `bus`?"));
}

TEST(LoaderErrors, ReportsUnknownStoreOfAWrite) {
  expect_only(load("ripple: 1\n"
                   "stores: {orders_db: {}}\n"
                   "services:\n"
                   "  order:\n"
                   "    operations:\n"
                   "      place: {writes: {store: order_db}}\n"),
              under(6, "      place: {writes: {store: order_db}}", "order_db",
                    "unknown store `order_db`", "did you mean `orders_db`?"));
}

constexpr const char* kOrderEntity = R"(ripple: 1
brokers: {bus: {type: kafka}}
services: {order: {operations: {get: {}}}}
entities:
  order: {owner: order, fields: {id: 16B, total: 8B}}
events:
)";

TEST(LoaderErrors, ReportsUnknownEntityInCarries) {
  expect_only(
      load(std::string(kOrderEntity) + "  Placed: {broker: bus, carries: [ordr.id]}\n"),
      under(7, "  Placed: {broker: bus, carries: [ordr.id]}", "ordr",
            "unknown entity `ordr` in `carries` of event `Placed`", "did you mean `order`?"));
}

TEST(LoaderErrors, ReportsUnknownFieldInCarries) {
  expect_only(load(std::string(kOrderEntity) + "  Placed: {broker: bus, carries: [order.totl]}\n"),
              under(7, "  Placed: {broker: bus, carries: [order.totl]}", "totl",
                    "entity `order` has no field `totl`", "did you mean `total`?"));
}

TEST(LoaderErrors, ReportsEntityStarAsAKey) {
  expect_only(load(std::string(kOrderEntity) + "  Placed: {broker: bus, key: order.*}\n"),
              under(7, "  Placed: {broker: bus, key: order.*}", "order.*",
                    "`key` of event `Placed` takes one field, not `order.*`"));
}

TEST(LoaderErrors, ReportsUnknownOwnerOfAnEntity) {
  expect_only(load("ripple: 1\n"
                   "services: {order: {}}\n"
                   "entities:\n"
                   "  order: {owner: ordr, fields: {id: 16B}}\n"),
              under(4, "  order: {owner: ordr, fields: {id: 16B}}", "ordr",
                    "unknown service `ordr`", "did you mean `order`?"));
}

// --- Consumers and the fields they need -----------------------------------------------------

std::string consumer_spec(const std::string& entity_extra, const std::string& needs) {
  return "ripple: 1\n"
         "brokers: {bus: {type: kafka}}\n"
         "entities:\n"
         "  order: {owner: order" +
         entity_extra +
         ", fields: {id: 16B, total: 8B}}\n"
         "events:\n"
         "  Placed: {broker: bus, carries: [order.id]}\n"
         "services:\n"
         "  order: {operations: {get: {}}}\n"
         "  ship:\n"
         "    consumes:\n"
         "      Placed: {needs: [" +
         needs + "]}\n";
}

TEST(LoaderErrors, ReportsNeededFieldTheEntityLacks) {
  expect_only(load(consumer_spec(", read: order.get", "order.weight")),
              under(11, "      Placed: {needs: [order.weight]}", "weight",
                    "entity `order` has no field `weight`", "its fields: `id` or `total`"));
}

TEST(LoaderErrors, ReportsNeededFieldNotCarriedWithoutAReadOperation) {
  expect_only(load(consumer_spec("", "order.total")),
              under(11, "      Placed: {needs: [order.total]}", "order.total",
                    "`Placed` does not carry `order.total`, and entity `order` has no `read` "
                    "operation to call back",
                    "add `read: <service.operation>` to entity `order`, or carry the field in "
                    "the event"));
}

TEST(LoaderErrors, AcceptsNeededFieldThatIsCarriedWithoutAReadOperation) {
  EXPECT_TRUE(load(consumer_spec("", "order.id")).spec.has_value());
}

// --- Values out of range --------------------------------------------------------------------

TEST(LoaderErrors, ReportsZeroReplicas) {
  expect_only(
      load("ripple: 1\nservices:\n  order:\n    replicas: 0\n"),
      under(4, "    replicas: 0", "0", "`replicas` must be between 1 and 1000000000, not 0"));
}

TEST(LoaderErrors, ReportsZeroAttemptsOnce) {
  expect_only(load("ripple: 1\n"
                   "services:\n"
                   "  a: {operations: {op: {calls: [{to: b.op, retry: {attempts: 0}}]}}}\n"
                   "  b: {operations: {op: {}}}\n"),
              under(3, "  a: {operations: {op: {calls: [{to: b.op, retry: {attempts: 0}}]}}}", "0",
                    "`attempts` counts the first try too, so it is at least 1",
                    "`attempts: 1` means no retry"));
}

TEST(LoaderErrors, ReportsNegativeRate) {
  expect_only(load("ripple: 1\n"
                   "services: {a: {operations: {op: {}}}}\n"
                   "workload:\n"
                   "  sources: [{to: a.op, rate: -5/s}]\n"),
              under(4, "  sources: [{to: a.op, rate: -5/s}]", "-5/s",
                    "`rate`: a rate cannot be negative: `-5/s`"));
}

TEST(LoaderErrors, ReportsLognormalWithP99BelowMedian) {
  expect_only(
      load("ripple: 1\n"
           "services:\n"
           "  a:\n"
           "    operations:\n"
           "      op:\n"
           "        time: lognormal(median=40ms, p99=5ms)\n"),
      under(6, "        time: lognormal(median=40ms, p99=5ms)", "lognormal(median=40ms, p99=5ms)",
            "`time` of operation `a.op`: a lognormal's p99 must be above its median",
            "the p99 is the value 99% of samples stay under: "
            "`lognormal(median=5ms, p99=40ms)`"));
}

TEST(LoaderErrors, ExplainsUnquotedDistributionCutByAFlowMappingComma) {
  const std::string line = "      op: {time: lognormal(median=5ms, p99=40ms)}";
  expect_diagnostics(
      load("ripple: 1\nservices:\n  a:\n    operations:\n" + line + "\n"),
      {under(5, line, "lognormal(median=5ms",
             "`time` of operation `a.op`: `lognormal(median=5ms` lacks its closing parenthesis",
             "inside a `{...}` mapping a comma ends the value: quote it, as in "
             "`time: \"lognormal(median=5ms, p99=40ms)\"`"),
       under(5, line, "p99=40ms)", "unknown key `p99=40ms)` in operation `a.op`",
             "allowed here: `time`, `calls`, `parallel`, `reads`, `writes`, `publishes` or "
             "`description`")});
}

TEST(LoaderErrors, ReportsWarmupAsLongAsTheDuration) {
  expect_only(
      load("ripple: 1\nworkload:\n  duration: 30s\n  warmup: 30s\n"),
      under(4, "  warmup: 30s", "30s", "`warmup` (30s) must be shorter than `duration` (30s)",
            "the warmup is part of the duration; results cover the run after it"));
}

// --- Names ----------------------------------------------------------------------------------

TEST(LoaderErrors, ReportsServiceNamedLikeABroker) {
  expect_only(load("ripple: 1\nbrokers:\n  order: {type: kafka}\nservices:\n  order: {}\n"),
              under(5, "  order: {}", "order", "`order` is already a broker (line 3)",
                    "services, brokers and stores share one namespace; rename one of them"));
}

TEST(LoaderErrors, ReportsStoreNamedLikeABroker) {
  expect_only(load("ripple: 1\nbrokers:\n  db: {type: kafka}\nstores:\n  db: {}\n"),
              under(5, "  db: {}", "db", "`db` is already a broker (line 3)",
                    "services, brokers and stores share one namespace; rename one of them"));
}

TEST(LoaderErrors, ReportsInvalidName) {
  expect_only(load("ripple: 1\nservices:\n  2fast: {}\n"),
              under(3, "  2fast: {}", "2fast", "`2fast` is not a valid name for a service",
                    "names start with a letter and hold letters, digits, `_` and `-`"));
}

// --- Version --------------------------------------------------------------------------------

TEST(LoaderErrors, ReportsMissingFormatVersionAtTheFirstKey) {
  expect_only(load("name: shop\nservices: {}\n"),
              under(1, "name: shop", "name", "the spec does not say its format version",
                    "add `ripple: 1` as the first line"));
}

TEST(LoaderErrors, ReportsUnsupportedFormatVersion) {
  expect_only(load("ripple: 2\n"), under(1, "ripple: 2", "2", "unsupported spec format version `2`",
                                         "this Ripple reads `ripple: 1`"));
}

TEST(LoaderErrors, ReportsASpecThatIsNotAMapping) {
  expect_only(load("just words\n"),
              {1, 1, 10, "a spec must be a mapping (`key: value` lines), not a single value", "",
               "just words"});
}

// --- Faults ---------------------------------------------------------------------------------

std::string fault_spec(const std::string& fault) {
  return "ripple: 1\n"
         "brokers: {bus: {type: kafka, partitions: 4}, jobs: {type: sqs}}\n"
         "stores: {db: {}}\n"
         "services: {payment: {replicas: 2}}\n"
         "faults:\n"
         "  - " +
         fault + "\n";
}

TEST(LoaderErrors, ReportsParameterOfModeDown) {
  const std::string fault = "{service: payment, at: 1s, for: 2s, mode: down, factor: 3}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "3", "`factor` does not apply to mode `down`",
                    "mode `down` takes no parameter"));
}

TEST(LoaderErrors, ReportsSlowWithoutFactor) {
  const std::string fault = "{service: payment, at: 1s, for: 2s, mode: slow}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "slow", "mode `slow` needs `factor`",
                    "write `factor: 10` (every time x10)"));
}

TEST(LoaderErrors, ReportsRatioGivenToModeSlow) {
  const std::string fault = "{store: db, at: 1s, for: 2s, mode: slow, factor: 5, ratio: 0.5}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "0.5", "`ratio` does not apply to mode `slow`",
                    "mode `slow` takes `factor`"));
}

TEST(LoaderErrors, ReportsNonPositiveSlowFactor) {
  const std::string fault = "{store: db, at: 1s, for: 2s, mode: slow, factor: 0}";
  expect_only(load(fault_spec(fault)), under(6, "  - " + fault, "0", "`factor` must be above 0",
                                             "`factor: 10` makes every time 10x longer"));
}

TEST(LoaderErrors, ReportsReplicasModeOnAStore) {
  const std::string fault = "{store: db, at: 1s, for: 2s, mode: replicas, count: 1}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "replicas", "mode `replicas` does not apply to a store",
                    kFaultTargetsHint));
}

TEST(LoaderErrors, ReportsErrorsModeOnABroker) {
  const std::string fault = "{broker: bus, at: 1s, for: 2s, mode: errors, ratio: 1%}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "errors", "mode `errors` does not apply to a broker",
                    kFaultTargetsHint));
}

TEST(LoaderErrors, ReportsReplicasLeftNotBelowTheReplicaCount) {
  const std::string fault = "{service: payment, at: 1s, for: 2s, mode: replicas, count: 2}";
  expect_only(
      load(fault_spec(fault)),
      under(6, "  - " + fault, "2", "`count` is the replicas left serving; `payment` has only 2",
            "use a number below the replica count; `mode: down` takes them all away"));
}

TEST(LoaderErrors, ReportsPartitionLossOnAnSqsBroker) {
  const std::string fault = "{broker: jobs, at: 1s, for: 2s, mode: partition_loss, count: 1}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "partition_loss",
                    "`partition_loss` applies to kafka brokers, and `jobs` is sqs"));
}

TEST(LoaderErrors, ReportsMorePartitionsLostThanTheBrokerHas) {
  const std::string fault = "{broker: bus, at: 1s, for: 2s, mode: partition_loss, count: 5}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "5", "`count` is the partitions lost: between 1 and 4"));
}

TEST(LoaderErrors, ReportsFaultWithTwoTargets) {
  const std::string fault = "{service: payment, store: db, at: 1s, for: 2s, mode: down}";
  expect_only(load(fault_spec(fault)),
              under(6, "  - " + fault, "{", "a fault has one target, not 2",
                    "write one of `service: NAME`, `store: NAME` or `broker: NAME`"));
}

// The count of partition_loss is checked against a broker: with a service as a second target,
// the service's id must not be taken for a broker's (this crashed).
TEST(LoaderErrors, ReportsFaultWithTwoTargetsAndACountWithoutCheckingTheCount) {
  const std::string fault =
      "{service: payment, broker: nope, at: 1s, for: 2s, mode: partition_loss, count: 9}";
  expect_diagnostics(
      load(fault_spec(fault)),
      {under(6, "  - " + fault, "{", "a fault has one target, not 2",
             "write one of `service: NAME`, `store: NAME` or `broker: NAME`"),
       under(6, "  - " + fault, "nope", "unknown broker `nope`", "declared: `bus` or `jobs`")});
}

TEST(LoaderErrors, ReportsUnknownFaultTarget) {
  const std::string fault = "{service: paymnt, at: 1s, for: 2s, mode: down}";
  expect_only(
      load(fault_spec(fault)),
      under(6, "  - " + fault, "paymnt", "unknown service `paymnt`", "did you mean `payment`?"));
}

TEST(LoaderErrors, WarnsOfAFaultAfterTheEndOfTheRunButLoads) {
  const std::string fault = "{service: payment, at: 2m, for: 1s, mode: down}";
  const LoadResult result = load(fault_spec(fault));
  EXPECT_TRUE(result.spec.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  Expected warning =
      under(6, "  - " + fault, "2m", "this fault starts at or after the end of the run (1m)",
            "it will never happen; move it or lengthen `duration`");
  warning.warning = true;
  EXPECT_EQ(render(result.diagnostics[0]), render(warning));
}

// --- Several errors -------------------------------------------------------------------------

TEST(LoaderErrors, ReportsEveryErrorSortedByPosition) {
  // The loader reads brokers before services and the workload last; the report follows the file.
  expect_diagnostics(
      load("ripple: 1\n"
           "services:\n"
           "  a:\n"
           "    replicas: 0\n"
           "    operations:\n"
           "      op: {calls: [billing.charge]}\n"
           "brokers:\n"
           "  bus: {type: kafak}\n"
           "workload:\n"
           "  duration: 0s\n"),
      {under(4, "    replicas: 0", "0", "`replicas` must be between 1 and 1000000000, not 0"),
       under(6, "      op: {calls: [billing.charge]}", "billing",
             "unknown service `billing` in `billing.charge`"),
       under(8, "  bus: {type: kafak}", "kafak", "unknown broker type `kafak`",
             "did you mean `kafka`?"),
       under(10, "  duration: 0s", "0s", "the workload's `duration` must be above 0")});
}

}  // namespace
}  // namespace ripple::model::testing

namespace ripple::model {
namespace {

TEST(LoaderErrors, ReportsAProblemInAnAnchoredBlockOnceForAllItsUses) {
  const LoadResult result = load_spec({"t.yaml", R"(ripple: 1
x-policy: &policy {timeout: 20mss}
services:
  a:
    operations:
      one: {calls: [{to: b.op, <<: *policy}]}
      two: {calls: [{to: b.op, <<: *policy}]}
  b: {operations: {op: {}}}
)"});
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].line, 2);
  EXPECT_EQ(result.diagnostics[0].column, 29);
  EXPECT_EQ(result.diagnostics[0].message, "`timeout`: unknown duration unit `mss` in `20mss`");
}

}  // namespace
}  // namespace ripple::model

namespace ripple::model::testing {
namespace {

// --- Numbers the simulator cannot represent -----------------------------------------------

TEST(LoaderErrors, RefusesATransactionLongerThanTheClockCounts) {
  expect_only(
      load("ripple: 1\nstores:\n  db: {row_time: 1h}\nservices:\n  a:\n    operations:\n"
           "      op: {writes: [{store: db, rows: 1000000000}]}\n"),
      under(7, "      op: {writes: [{store: db, rows: 1000000000}]}", "1000000000",
            "`rows` x `row_time` of `db`: one transaction would last more than 10000h on average, "
            "the longest time the simulator counts",
            "touch fewer rows per execution or give `db` a shorter `row_time`"));
}

TEST(LoaderErrors, RefusesASlowFactorPastAMillion) {
  expect_only(load("ripple: 1\nservices:\n  a: {}\nfaults:\n"
                   "  - {service: a, at: 10s, for: 10s, mode: slow, factor: 1e300}\n"),
              under(5, "  - {service: a, at: 10s, for: 10s, mode: slow, factor: 1e300}", "1e300",
                    "`factor` must be at most 1000000, not 1e300",
                    "a slower component is down: use `mode: down`"));
}

}  // namespace
}  // namespace ripple::model::testing
