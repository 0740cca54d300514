// Defaults: every figure the documents do not give is written with a `# default` comment and
// counted; --strict turns each into an error at the place in the documents that would set it.

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::diagnostics_text;
using testing::MemoryFiles;
using testing::run_import;

constexpr const char* kOrders =
    "asyncapi: 3.0.0\n"
    "info: {title: Orders, version: '1'}\n"
    "servers: {bus: {host: kafka:9092, protocol: kafka}}\n"
    "channels:\n"
    "  placed:\n"
    "    address: orders.placed\n"
    "    messages: {OrderPlaced: {payload: {type: object, properties: {id: {type: string}}}}}\n"
    "operations:\n"
    "  place: {action: send, channel: {$ref: '#/channels/placed'}}\n";

constexpr const char* kOrdersComplete =
    "asyncapi: 3.0.0\n"
    "info: {title: Orders, version: '1', x-ripple-replicas: 2, x-ripple-concurrency: 8}\n"
    "servers: {bus: {host: kafka:9092, protocol: kafka, x-ripple-latency: 2ms}}\n"
    "channels:\n"
    "  placed:\n"
    "    address: orders.placed\n"
    "    bindings: {kafka: {partitions: 6}}\n"
    "    messages: {OrderPlaced: {payload: {type: object, properties: {id: {type: string, "
    "format: uuid}}}}}\n"
    "operations:\n"
    "  place: {action: send, channel: {$ref: '#/channels/placed'}, x-ripple-rate: 50/s, "
    "x-ripple-time: exp(2ms)}\n";

TEST(Defaults, AreWrittenWithACommentAndCounted) {
  MemoryFiles files;
  files.add("orders.yaml", kOrders);
  const ImportResult r = run_import(files, {"orders.yaml"});
  ASSERT_TRUE(r.spec);
  EXPECT_EQ(*r.spec,
            "# Imported by `ripple import asyncapi` from:\n"
            "#   orders.yaml: AsyncAPI 3.0.0, Orders\n"
            "# 7 values are defaulted, each marked `default`: AsyncAPI gives no rates, times or\n"
            "# capacities. Set them here (a re-import with --merge keeps them) or with\n"
            "# x-ripple-* extensions in the documents; docs/import.md lists the rules.\n"
            "ripple: 1\n"
            "name: orders\n"
            "\n"
            "brokers:\n"
            "  # server `bus`: kafka kafka:9092\n"
            "  bus:\n"
            "    type: kafka                         # protocol kafka\n"
            "    latency: 0ms                        # default; set x-ripple-latency\n"
            "    partitions: 1                       # default; set bindings.kafka.partitions\n"
            "\n"
            "entities:\n"
            "  # the payload of `OrderPlaced` as `orders` sends it\n"
            "  OrderPlaced:\n"
            "    owner: orders\n"
            "    fields:\n"
            "      id: 32B                           # string without maxLength: 32B assumed "
            "(default)\n"
            "\n"
            "events:\n"
            "  # channel `orders.placed` on `bus`: sent by orders; received by none of the "
            "documents\n"
            "  OrderPlaced:\n"
            "    broker: bus\n"
            "    carries: [OrderPlaced.*]\n"
            "\n"
            "services:\n"
            "  orders:\n"
            "    replicas: 1                         # default; set x-ripple-replicas\n"
            "    workers: 16                         # default; set x-ripple-concurrency\n"
            "    operations:\n"
            "      # sends `OrderPlaced` on `orders.placed`\n"
            "      place:\n"
            "        time: exp(1ms)                  # default; set x-ripple-time\n"
            "        publishes: [OrderPlaced]\n"
            "\n"
            "workload:\n"
            "  sources:\n"
            "    - to: orders.place\n"
            "      rate: 10/s                        # default; set x-ripple-rate\n");
  EXPECT_EQ(r.defaulted, 7);
  EXPECT_EQ(r.by_kind, (std::vector<std::pair<std::string, int>>{{"latency", 1},
                                                                 {"partitions", 1},
                                                                 {"rate", 1},
                                                                 {"replicas", 1},
                                                                 {"size", 1},
                                                                 {"time", 1},
                                                                 {"workers", 1}}));
}

TEST(Defaults, StrictMakesEachAnErrorWhereTheDocumentsWouldSetIt) {
  MemoryFiles files;
  files.add("orders.yaml", kOrders);
  ImportOptions options;
  options.defaults = Defaults::AreErrors;
  const ImportResult r = run_import(files, {"orders.yaml"}, options);
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "orders.yaml:2:1: error: no `x-ripple-replicas` gives the replicas of service "
            "`orders` (--strict: the default 1 is not accepted)\n"
            "orders.yaml:2:1: error: no `x-ripple-concurrency` gives the workers of service "
            "`orders` (--strict: the default 16 is not accepted)\n"
            "orders.yaml:3:11: error: no `x-ripple-latency` gives the latency of broker `bus` "
            "(--strict: the default 0ms is not accepted)\n"
            "orders.yaml:5:3: error: no `bindings.kafka.partitions` gives the partitions of the "
            "topics of broker `bus` (--strict: the default 1 is not accepted)\n"
            "orders.yaml:7:71: error: the size of this value is defaulted: string without "
            "maxLength: 32B assumed (--strict)\n"
            "orders.yaml:9:3: error: no `x-ripple-time` gives the time of `orders.place` "
            "(--strict: the default exp(1ms) is not accepted)\n"
            "orders.yaml:9:3: error: no `x-ripple-rate` gives the rate of `orders.place` "
            "(--strict: the default 10/s is not accepted)\n");
  EXPECT_EQ(r.diagnostics[6].hint,
            "add `x-ripple-rate: 10/s` (or the real figure) to this operation, its channel or "
            "`info`");
}

TEST(Defaults, StrictAcceptsDocumentsThatGiveEveryFigure) {
  MemoryFiles files;
  files.add("orders.yaml", kOrdersComplete);
  ImportOptions options;
  options.defaults = Defaults::AreErrors;
  const ImportResult r = run_import(files, {"orders.yaml"}, options);
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.defaulted, 0);
  EXPECT_EQ(r.spec->find("default"), std::string::npos);
}

TEST(Defaults, ASharedSchemaWithoutMaxLengthIsOneStrictError) {
  MemoryFiles files;
  files.add("app/a.yaml",
            "asyncapi: 3.0.0\ninfo: {title: A, version: '1', x-ripple-replicas: 1, "
            "x-ripple-concurrency: 1, x-ripple-rate: 1/s, x-ripple-time: 1ms}\n"
            "servers: {s: {host: h, protocol: amqp, x-ripple-latency: 1ms}}\n"
            "channels:\n"
            "  one: {address: one, messages: {One: {payload: {type: object, properties: {id: "
            "{$ref: 'common.yaml#/Id'}}}}}}\n"
            "  two: {address: two, messages: {Two: {payload: {type: object, properties: {id: "
            "{$ref: 'common.yaml#/Id'}}}}}}\n"
            "operations:\n"
            "  a: {action: send, channel: {$ref: '#/channels/one'}}\n"
            "  b: {action: send, channel: {$ref: '#/channels/two'}}\n");
  files.add("app/common.yaml", "Id:\n  type: string\n");
  ImportOptions options;
  options.defaults = Defaults::AreErrors;
  EXPECT_EQ(diagnostics_text(run_import(files, {"app/a.yaml"}, options)),
            "app/common.yaml:2:3: error: the size of this value is defaulted: string without "
            "maxLength: 32B assumed (--strict)\n");
}

}  // namespace
}  // namespace ripple::importer
