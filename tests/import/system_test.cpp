// Many documents as one system: channels joined by server and address, publishers and consumers,
// request/reply as a call, bindings to broker settings, protocols to broker types, names.

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::diagnostics_text;
using testing::lines_with;
using testing::MemoryFiles;
using testing::run_import;

// A 3.x document of one application with one server.
std::string app(const std::string& title, const std::string& server, const std::string& body) {
  return "asyncapi: 3.0.0\ninfo: {title: " + title + ", version: '1'}\nservers:\n  " + server +
         "\n" + body;
}

constexpr const char* kBus = "bus: {host: kafka.internal:9092, protocol: kafka}";

std::string section(const std::string& spec, const std::string& key) {
  const std::size_t start = spec.find("\n" + key + ":\n");
  if (start == std::string::npos) return "";
  const std::size_t end = spec.find("\n\n", start + 1);
  return spec.substr(start + 1, end == std::string::npos ? std::string::npos : end - start);
}

TEST(System, JoinsASharedChannelIntoOnePublisherAndItsConsumers) {
  MemoryFiles files;
  files.add("orders.yaml",
            app("Orders", kBus,
                "channels:\n"
                "  placed: {address: orders.placed, messages: {OrderPlaced: "
                "{payload: {type: object, properties: {id: {type: string, format: "
                "uuid}}}}}}\n"
                "operations:\n"
                "  placeOrder: {action: send, channel: {$ref: '#/channels/placed'}}\n"));
  files.add("billing.yaml",
            app("Billing", kBus,
                "channels:\n"
                "  in: {address: orders.placed, messages: {OrderPlaced: {payload: "
                "{type: object, properties: {id: {type: string, format: uuid}}}}}}\n"
                "operations:\n"
                "  bill: {action: receive, channel: {$ref: '#/channels/in'}}\n"));
  files.add("shipping.yaml", app("Shipping", kBus,
                                 "channels:\n"
                                 "  in: {address: orders.placed, messages: {OrderPlaced: {payload: "
                                 "{type: object, properties: {id: {type: string, format: "
                                 "uuid}}}}}}\n"
                                 "operations:\n"
                                 "  ship: {action: receive, channel: {$ref: '#/channels/in'}}\n"));
  const ImportResult r = run_import(files, {"orders.yaml", "billing.yaml", "shipping.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(section(*r.spec, "events"),
            "events:\n"
            "  # channel `orders.placed` on `bus`: sent by orders; received by billing, shipping\n"
            "  OrderPlaced:\n"
            "    broker: bus\n"
            "    carries: [OrderPlaced.*]\n");
  EXPECT_EQ(lines_with(*r.spec, "OrderPlaced:").size(), 4u);  // entity, event, two consumers
  EXPECT_EQ(r.services, 3);
  EXPECT_EQ(r.consumers, 2);
  EXPECT_EQ(r.brokers, 1);
}

TEST(System, NormalisesChannelParameters) {
  MemoryFiles files;
  files.add("a.yaml", app("A", kBus,
                          "channels:\n"
                          "  c: {address: 'user/{userId}/signedup', messages: {M: {payload: {type: "
                          "boolean}}}}\n"
                          "operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n"));
  files.add("b.yaml",
            app("B", kBus,
                "channels:\n"
                "  c: {address: 'user/{id}/signedup', messages: {M: {payload: {type: "
                "boolean}}}}\n"
                "operations:\n  r: {action: receive, channel: {$ref: '#/channels/c'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml", "b.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(r.consumers, 1);
}

TEST(System, KeepsChannelsOfDifferentServersApart) {
  MemoryFiles files;
  files.add("a.yaml",
            app("A", "bus: {host: kafka-a:9092, protocol: kafka}",
                "channels:\n  c: {address: x, messages: {M: {payload: {type: boolean}}}}\n"
                "operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n"));
  files.add("b.yaml",
            app("B", "bus: {host: kafka-b:9092, protocol: kafka}",
                "channels:\n  c: {address: x, messages: {M: {payload: {type: boolean}}}}\n"
                "operations:\n  r: {action: receive, channel: {$ref: '#/channels/c'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml", "b.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 2);
  EXPECT_EQ(r.brokers, 2);
  EXPECT_EQ(lines_with(*r.spec, "# server"),
            (std::vector<std::string>{"# server `bus`: kafka kafka-a:9092",
                                      "# server `bus`: kafka kafka-b:9092"}));
  EXPECT_EQ(lines_with(*r.spec, "broker: bus"),
            (std::vector<std::string>{"broker: bus", "broker: bus-2"}));
}

TEST(System, MatchesDifferentlyNamedMessagesWhenEachDocumentHasOne) {
  MemoryFiles files;
  files.add("server.yaml", app("Server", kBus,
                               "channels:\n  c: {address: results, messages: {sendSumResult: "
                               "{payload: {type: number}}}}\n"
                               "operations:\n  send: {action: send, channel: {$ref: "
                               "'#/channels/c'}}\n"));
  files.add("client.yaml", app("Client", kBus,
                               "channels:\n  c: {address: results, messages: {receiveSumResult: "
                               "{payload: {type: number}}}}\n"
                               "operations:\n  receive: {action: receive, channel: {$ref: "
                               "'#/channels/c'}}\n"));
  const ImportResult r = run_import(files, {"server.yaml", "client.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(lines_with(*r.spec, "publishes"),
            std::vector<std::string>{"publishes: [sendSumResult]"});
}

TEST(System, RequestReplyIsASynchronousCallOfTheReplier) {
  MemoryFiles files;
  files.add("client.yaml", app("Client", kBus,
                               "channels:\n"
                               "  ask: {address: prices.request, messages: {Ask: {payload: {type: "
                               "string, maxLength: 8}}}}\n"
                               "  answer: {address: prices.reply, messages: {Answer: {payload: "
                               "{type: number}}}}\n"
                               "operations:\n"
                               "  getPrice:\n"
                               "    action: send\n"
                               "    channel: {$ref: '#/channels/ask'}\n"
                               "    reply: {channel: {$ref: '#/channels/answer'}}\n"
                               "    x-ripple-timeout: 2s\n"));
  files.add("pricing.yaml", app("Pricing", kBus,
                                "channels:\n"
                                "  ask: {address: prices.request, messages: {Ask: {payload: {type: "
                                "string, maxLength: 8}}}}\n"
                                "  answer: {address: prices.reply, messages: {Answer: {payload: "
                                "{type: number}}}}\n"
                                "operations:\n"
                                "  quote:\n"
                                "    action: receive\n"
                                "    channel: {$ref: '#/channels/ask'}\n"
                                "    reply: {channel: {$ref: '#/channels/answer'}}\n"
                                "    x-ripple-time: exp(3ms)\n"));
  const ImportResult r = run_import(files, {"client.yaml", "pricing.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 0);
  EXPECT_EQ(r.brokers, 0);
  EXPECT_EQ(section(*r.spec, "services"),
            "services:\n"
            "  client:\n"
            "    replicas: 1                         # default; set x-ripple-replicas\n"
            "    workers: 16                         # default; set x-ripple-concurrency\n"
            "    operations:\n"
            "      # request/reply: the request on `prices.request` is a call of "
            "`pricing.quote`, which replies\n"
            "      # on `prices.reply`\n"
            "      getPrice:\n"
            "        time: exp(1ms)                  # default; set x-ripple-time\n"
            "        calls:\n"
            "          - to: pricing.quote\n"
            "            timeout: 2s                 # x-ripple-timeout of the operation\n"
            "  pricing:\n"
            "    replicas: 1                         # default; set x-ripple-replicas\n"
            "    workers: 16                         # default; set x-ripple-concurrency\n"
            "    operations:\n"
            "      # request/reply: requests arrive on `prices.request`, replies go to "
            "`prices.reply`\n"
            "      quote:\n"
            "        time: exp(3ms)                  # x-ripple-time of the operation\n");
  EXPECT_EQ(lines_with(*r.spec, "- to:"),
            (std::vector<std::string>{"- to: pricing.quote", "- to: client.getPrice"}));
}

TEST(System, AReplierNobodyCallsIsAnEntryOperation) {
  MemoryFiles files;
  files.add("pricing.yaml", app("Pricing", kBus,
                                "channels:\n"
                                "  ask: {address: prices.request, messages: {Ask: {payload: {type: "
                                "string}}}}\n"
                                "operations:\n"
                                "  quote: {action: receive, channel: {$ref: '#/channels/ask'}, "
                                "reply: {address: {location: '$message.header#/replyTo'}}}\n"));
  const ImportResult r = run_import(files, {"pricing.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "request"),
            (std::vector<std::string>{
                "# request/reply: requests arrive on `prices.request`, replies go to `the "
                "address at",
                "# requests from outside the documents: no imported document sends them"}));
}

TEST(System, ARequestNobodyRepliesToIsAnEvent) {
  MemoryFiles files;
  files.add("client.yaml", app("Client", kBus,
                               "channels:\n"
                               "  ask: {address: prices.request, messages: {Ask: {payload: {type: "
                               "boolean}}}}\n"
                               "operations:\n"
                               "  getPrice: {action: send, channel: {$ref: '#/channels/ask'}, "
                               "reply: {address: {location: '$message.header#/replyTo'}}}\n"));
  const ImportResult r = run_import(files, {"client.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(lines_with(*r.spec, "reply"),
            (std::vector<std::string>{
                "# it expects a reply on `the address at $message.header#/replyTo`, but no "
                "imported document's",
                "# receiving operation declares a `reply`: the request is an event and the reply "
                "is not"}));
}

TEST(System, KafkaBindingsGivePartitionsAndGroups) {
  MemoryFiles files;
  const std::string channel =
      "channels:\n  c: {address: clicks, bindings: {kafka: {partitions: 12}}, messages: {Click: "
      "{payload: {type: boolean}}}}\n";
  files.add("web.yaml", app("Web", kBus,
                            channel + "operations:\n  s: {action: send, channel: "
                                      "{$ref: '#/channels/c'}}\n"));
  for (const char* name : {"Stats A", "Stats B"})
    files.add(std::string(name) + ".yaml",
              app(name, kBus,
                  channel + "operations:\n  r: {action: receive, channel: {$ref: "
                            "'#/channels/c'}, bindings: {kafka: {groupId: {type: string, enum: "
                            "[stats]}}}}\n"));
  const ImportResult r = run_import(files, {"web.yaml", "Stats A.yaml", "Stats B.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(
      lines_with(*r.spec, "partitions:"),
      std::vector<std::string>{"partitions: 12                      # kafka binding partitions"});
  EXPECT_EQ(r.consumers, 1);
  EXPECT_EQ(lines_with(*r.spec, "competing"),
            (std::vector<std::string>{"# it also receives `Click` (kafka group `stats`), "
                                      "competing with `stats-a`: each event reaches one"}));
}

TEST(System, SqsBindingsGiveTheQueueSettings) {
  MemoryFiles files;
  files.add("a.yaml", app("Jobs", "aws: {host: sqs.eu-west-1.amazonaws.com, protocol: sqs}",
                          "channels:\n"
                          "  q:\n"
                          "    address: jobs\n"
                          "    bindings: {sqs: {queue: {name: jobs, visibilityTimeout: 45, "
                          "redrivePolicy: {maxReceiveCount: 4}}}}\n"
                          "    messages: {Job: {payload: {type: boolean}}}\n"
                          "operations:\n"
                          "  s: {action: send, channel: {$ref: '#/channels/q'}}\n"
                          "  r: {action: receive, channel: {$ref: '#/channels/q'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(section(*r.spec, "brokers"),
            "brokers:\n"
            "  # server `aws`: sqs sqs.eu-west-1.amazonaws.com\n"
            "  aws:\n"
            "    type: sqs                           # protocol sqs\n"
            "    latency: 0ms                        # default; set x-ripple-latency\n"
            "    visibility_timeout: 45s             # sqs binding visibilityTimeout\n"
            "    max_receives: 4                     # sqs redrivePolicy.maxReceiveCount\n");
}

TEST(System, MapsProtocolsToTheClosestBrokerType) {
  MemoryFiles files;
  files.add("a.yaml",
            app("Iot", "m: {host: broker.local, protocol: mqtt}",
                "channels:\n  t: {address: temp, messages: {T: {payload: {type: number}}}}\n"
                "operations:\n  s: {action: send, channel: {$ref: '#/channels/t'}}\n"));
  files.add("b.yaml",
            app("Odd", "z: {host: z.local, protocol: zmq}",
                "channels:\n  t: {address: temp, messages: {T: {payload: {type: number}}}}\n"
                "operations:\n  s: {action: send, channel: {$ref: '#/channels/t'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml", "b.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "type:"),
            (std::vector<std::string>{
                "type: rabbitmq                      # protocol mqtt (approximated)",
                "type: kafka                         # default: protocol `zmq` is not known to "
                "ripple: kafka assumed"}));
  EXPECT_EQ(lines_with(*r.spec, "# mqtt approximated").size(), 1u);
}

TEST(System, KeysComeFromTheKafkaKeyOrTheCorrelationId) {
  MemoryFiles files;
  files.add("a.yaml", app("A", kBus,
                          "channels:\n"
                          "  c:\n"
                          "    address: x\n"
                          "    messages:\n"
                          "      ByKey: {bindings: {kafka: {key: {type: string, format: uuid}}}, "
                          "payload: {type: object, properties: {v: {type: integer}}}}\n"
                          "  d:\n"
                          "    address: y\n"
                          "    messages:\n"
                          "      ById: {correlationId: {location: '$message.payload#/orderId'}, "
                          "payload: {type: object, properties: {orderId: {type: string, "
                          "maxLength: 12}}}}\n"
                          "operations:\n"
                          "  s: {action: send, channel: {$ref: '#/channels/c'}}\n"
                          "  t: {action: send, channel: {$ref: '#/channels/d'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(
      lines_with(*r.spec, "key"),
      (std::vector<std::string>{
          "key: 36B                          # the key: string, format uuid",
          "key: ById.orderId                   # from correlationId $message.payload#/orderId",
          "key: ByKey.key                      # from kafka `bindings.key`"}));
}

TEST(System, ExtensionsAreReadFromTheOperationThenTheChannelThenInfo) {
  MemoryFiles files;
  files.add(
      "a.yaml",
      "asyncapi: 3.0.0\n"
      "info: {title: A, version: '1', x-ripple-rate: 5/s, x-ripple-time: exp(9ms), "
      "x-ripple-replicas: 3, x-ripple-concurrency: 32}\n"
      "channels:\n"
      "  c: {address: x, x-ripple-time: exp(2ms), messages: {M: {payload: {type: boolean}}}}\n"
      "  d: {address: y, messages: {N: {payload: {type: boolean}}}}\n"
      "operations:\n"
      "  s: {action: send, channel: {$ref: '#/channels/c'}, x-ripple-rate: 200/s}\n"
      "  t: {action: send, channel: {$ref: '#/channels/d'}}\n"
      "  r: {action: receive, channel: {$ref: '#/channels/d'}, x-ripple-concurrency: 4}\n");
  const ImportResult r = run_import(files, {"a.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "  # x-ripple-"),
            (std::vector<std::string>{
                "replicas: 3                         # x-ripple-replicas of the info",
                "workers: 32                         # x-ripple-concurrency of the info",
                "time: exp(2ms)                  # x-ripple-time of the channel",
                "time: exp(9ms)                  # x-ripple-time of the info",
                "time: exp(9ms)                  # x-ripple-time of the info",
                "concurrency: 4                  # x-ripple-concurrency of the operation",
                "rate: 200/s                       # x-ripple-rate of the operation",
                "rate: 5/s                         # x-ripple-rate of the info"}));
  EXPECT_EQ(r.defaulted, 3);  // the implicit broker's type, latency and partitions
}

TEST(System, AnOperationSendingSeveralMessagesSharesItsRate) {
  MemoryFiles files;
  files.add("a.yaml",
            app("A", kBus,
                "channels:\n  c: {address: x, messages: {One: {payload: {type: boolean}}, "
                "Two: {payload: {type: boolean}}, Three: {payload: {type: boolean}}}}\n"
                "operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}, "
                "x-ripple-rate: 30/s}\n"));
  const ImportResult r = run_import(files, {"a.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "- to:"),
            (std::vector<std::string>{"- to: a.s-One", "- to: a.s-Three", "- to: a.s-Two"}));
  EXPECT_EQ(lines_with(*r.spec, "rate:").front(),
            "rate: 10/s                        # x-ripple-rate of the operation (30/s shared by "
            "3 messages)");
}

TEST(System, MakesServiceNamesUniqueAndTheOrderOfFilesIrrelevant) {
  MemoryFiles files;
  const std::string body =
      "channels:\n  c: {address: x, messages: {M: {payload: {type: boolean}}}}\n"
      "operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n";
  files.add("one/api.yaml", app("Orders", kBus, body));
  files.add("two/api.yaml", app("Orders", kBus, body));
  const ImportResult forward = run_import(files, {"one/api.yaml", "two/api.yaml"});
  const ImportResult backward = run_import(files, {"two/api.yaml", "one/api.yaml", "two/api.yaml"});
  testing::expect_valid_spec(forward);
  ASSERT_TRUE(backward.spec);
  EXPECT_EQ(*forward.spec, *backward.spec);
  EXPECT_EQ(diagnostics_text(backward),
            "two/api.yaml: warning: named more than once; it is read once\n");
  EXPECT_EQ(lines_with(*forward.spec, "- to:"),
            (std::vector<std::string>{"- to: orders.s", "- to: orders-2.s"}));
}

TEST(System, WarnsWhenDocumentsDisagreeOnAPayload) {
  MemoryFiles files;
  files.add("a.yaml", app("A", kBus,
                          "channels:\n  c: {address: x, messages: {M: {payload: {type: object, "
                          "properties: {id: {type: integer}, name: {type: string}}}}}}\n"
                          "operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n"));
  files.add("b.yaml",
            app("B", kBus,
                "channels:\n  c: {address: x, messages: {M: {payload: {type: object, "
                "properties: {id: {type: integer}}}}}}\n"
                "operations:\n  r: {action: receive, channel: {$ref: '#/channels/c'}}\n"));
  const ImportResult r = run_import(files, {"a.yaml", "b.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(diagnostics_text(r),
            "b.yaml:6:33: warning: the documents disagree on the payload of `M`: this one has "
            "fields `id`, a.yaml has `id`, `name`\n");
  EXPECT_EQ(lines_with(*r.spec, "disagree"),
            std::vector<std::string>{"# the documents disagree on its payload"});
}

}  // namespace
}  // namespace ripple::importer
