// Reading documents: what is and is not AsyncAPI, versions, the inverted 2.x words, 3.x actions,
// extensions, and the file-level problems every input file can have.

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::diagnostics_text;
using testing::lines_with;
using testing::MemoryFiles;
using testing::run_import;

ImportResult import_text(const std::string& text, const std::string& path = "a.yaml") {
  MemoryFiles files;
  files.add(path, text);
  return run_import(files, {path});
}

std::string hints(const ImportResult& r) {
  std::string out;
  for (const model::Diagnostic& d : r.diagnostics) out += d.hint + "\n";
  return out;
}

TEST(Read, RefusesAYamlFileThatIsNotAsyncApi) {
  const ImportResult r = import_text("foo: bar\n");
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "a.yaml:1:1: error: not an AsyncAPI document: it has no `asyncapi` version field\n");
  EXPECT_EQ(hints(r), "an AsyncAPI document starts with `asyncapi: 3.0.0` (or a 2.x version)\n");
}

TEST(Read, RecognisesARippleSpecAndAnOpenApiDocument) {
  EXPECT_EQ(diagnostics_text(import_text("ripple: 1\n")),
            "a.yaml:1:1: error: this is a Ripple spec, not an AsyncAPI document\n");
  EXPECT_EQ(diagnostics_text(import_text("openapi: 3.1.0\n")),
            "a.yaml:1:1: error: this is an OpenAPI document, not an AsyncAPI document\n");
  EXPECT_EQ(diagnostics_text(import_text("- a\n- b\n")),
            "a.yaml:1:1: error: not an AsyncAPI document: the top level is not a mapping\n");
}

TEST(Read, RefusesAsyncApi1WithAHintToConvert) {
  const ImportResult r = import_text("asyncapi: 1.2.0\ninfo: {title: Old}\ntopics: {}\n");
  EXPECT_EQ(diagnostics_text(r), "a.yaml:1:11: error: AsyncAPI 1.2.0 is not supported\n");
  EXPECT_EQ(hints(r),
            "ripple import reads 2.0 to 2.6 and 3.0 to 3.1; convert the document with the "
            "AsyncAPI CLI (`asyncapi convert`)\n");
}

TEST(Read, RefusesAVersionThatIsNotOne) {
  EXPECT_EQ(diagnostics_text(import_text("asyncapi: banana\n")),
            "a.yaml:1:11: error: `asyncapi` must be a version such as `3.0.0`\n");
  EXPECT_EQ(diagnostics_text(import_text("asyncapi: 4.0.0\n")),
            "a.yaml:1:11: error: AsyncAPI 4.0.0 is not supported\n");
}

TEST(Read, ReadsEveryVersionFrom2_0To3_1) {
  const std::string v2 =
      "info: {title: A, version: '1'}\n"
      "servers: {s: {url: 'kafka://k:9092', protocol: kafka}}\n"
      "channels: {c: {subscribe: {message: {name: M, payload: {type: boolean}}}}}\n";
  const std::string v3 =
      "info: {title: A, version: '1'}\n"
      "servers: {s: {host: 'k:9092', protocol: kafka}}\n"
      "channels: {c: {address: c, messages: {M: {payload: {type: boolean}}}}}\n"
      "operations: {o: {action: send, channel: {$ref: '#/channels/c'}}}\n";
  for (const char* version :
       {"2.0.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0", "2.6.0", "3.0.0", "3.1.0"}) {
    SCOPED_TRACE(version);
    const ImportResult r =
        import_text("asyncapi: " + std::string(version) + "\n" + (version[0] == '2' ? v2 : v3));
    testing::expect_valid_spec(r);
    EXPECT_EQ(diagnostics_text(r), "");
    EXPECT_EQ(lines_with(*r.spec, "publishes"), std::vector<std::string>{"publishes: [M]"});
    EXPECT_EQ(lines_with(*r.spec, "# server"),
              std::vector<std::string>{"# server `s`: kafka k:9092"});
  }
}

TEST(Read, ReadsANewerMinorVersionWithAWarning) {
  const ImportResult r = import_text("asyncapi: 3.2.0\ninfo: {title: Future, version: '1'}\n");
  EXPECT_TRUE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "a.yaml:1:11: warning: AsyncAPI 3.2.0 is newer than ripple knows; read as 3.1\n");
}

TEST(Read, ReadsJson) {
  const ImportResult r = import_text(
      "{\n\t\"asyncapi\": \"3.0.0\",\n\t\"info\": {\"title\": \"Json App\", \"version\": \"1\"},\n"
      "\t\"channels\": {\"c\": {\"address\": \"x/y\", \"messages\": {\"m\": {\"payload\": "
      "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\", \"format\": "
      "\"uuid\"}}}}}}},\n"
      "\t\"operations\": {\"s\": {\"action\": \"send\", \"channel\": {\"$ref\": "
      "\"#/channels/c\"}}}\n}\n",
      "app.json");
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "id: 36B"),
            std::vector<std::string>{"id: 36B                           # string, format uuid"});
  EXPECT_EQ(lines_with(*r.spec, "publishes"), std::vector<std::string>{"publishes: [m]"});
}

TEST(Read, FileLevelProblemsSpeakOfAsyncApi) {
  EXPECT_EQ(diagnostics_text(import_text(std::string("asyncapi: 3.0.0\n\0", 17))),
            "a.yaml: error: the file is binary (it holds a NUL byte), not an AsyncAPI document\n");
  const ImportResult empty = import_text("# nothing\n");
  EXPECT_EQ(diagnostics_text(empty), "a.yaml: error: the file is empty\n");
  EXPECT_EQ(hints(empty),
            "an AsyncAPI document starts with `asyncapi: 3.0.0` (or a 2.x version)\n");
  EXPECT_EQ(diagnostics_text(import_text("a: " + std::string(100, '[') + std::string(100, ']'))),
            "a.yaml:1:66: error: the YAML is nested deeper than 64 levels\n");
  EXPECT_EQ(diagnostics_text(import_text("asyncapi: 3.0.0\n---\nasyncapi: 3.0.0\n")),
            "a.yaml: error: the file holds more than one YAML document\n");
}

TEST(Read, ReportsAMissingFile) {
  MemoryFiles files;
  EXPECT_EQ(diagnostics_text(run_import(files, {"nope.yaml"})), "nope.yaml: error: no such file\n");
}

TEST(Read, RefusesAFileOverTheLimit) {
  MemoryFiles files;
  files.add("big.yaml", "asyncapi: 3.0.0\nx: '" + std::string(2000, 'a') + "'\n");
  ImportOptions options;
  options.files = {"big.yaml"};
  Limits limits;
  limits.max_bytes = 1024;
  limits.max_total_bytes = 1 << 20;
  const ImportResult r = import_asyncapi(options, files.reader(), limits);
  EXPECT_EQ(diagnostics_text(r),
            "big.yaml: error: the file is too large (0 MiB; the limit is 0 MiB)\n");
}

TEST(Read, Version2SubscribeIsWhatTheApplicationSends) {
  const ImportResult r = import_text(
      "asyncapi: 2.6.0\ninfo: {title: Signup, version: '1'}\n"
      "channels:\n"
      "  user/signedup:\n"
      "    subscribe: {operationId: announce, message: {name: UserSignedUp, payload: {type: "
      "string, maxLength: 40}}}\n"
      "  user/deleted:\n"
      "    publish: {message: {name: UserDeleted, payload: {type: integer}}}\n");
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "publishes"),
            std::vector<std::string>{"publishes: [UserSignedUp]"});
  EXPECT_EQ(lines_with(*r.spec, "announce:"), std::vector<std::string>{"announce:"});
  EXPECT_EQ(lines_with(*r.spec, "UserDeleted:").size(), 3u);  // entity, event, consumer
  EXPECT_EQ(lines_with(*r.spec, "# receives from"),
            std::vector<std::string>{"# receives from `user/deleted`"});
}

TEST(Read, Version3ActionsAreReadAsWritten) {
  const ImportResult r = import_text(
      "asyncapi: 3.0.0\ninfo: {title: Shop, version: '1'}\n"
      "channels:\n"
      "  orders: {address: orders, messages: {OrderPlaced: {payload: {type: string}}}}\n"
      "  refunds: {address: refunds, messages: {Refund: {payload: {type: string}}}}\n"
      "operations:\n"
      "  placeOrder: {action: send, channel: {$ref: '#/channels/orders'}}\n"
      "  onRefund: {action: receive, channel: {$ref: '#/channels/refunds'}}\n");
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "publishes"), std::vector<std::string>{"publishes: [OrderPlaced]"});
  EXPECT_EQ(lines_with(*r.spec, "# receives from"),
            std::vector<std::string>{"# receives from `refunds`"});
}

TEST(Read, ReportsBadOperationsWhereTheyAre) {
  const ImportResult r = import_text(
      "asyncapi: 3.0.0\ninfo: {title: Shop, version: '1'}\n"
      "channels:\n"
      "  orders: {address: orders}\n"
      "operations:\n"
      "  a: {action: sned, channel: {$ref: '#/channels/orders'}}\n"
      "  b: {action: send, channel: {$ref: '#/channels/ordrs'}}\n"
      "  c: {action: send}\n");
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "a.yaml:6:15: error: operation `a` has an unknown action `sned`\n"
            "a.yaml:7:38: error: `$ref` target `#/channels/ordrs` does not exist\n"
            "a.yaml:8:6: error: operation `c` has no `channel`\n");
  EXPECT_EQ(hints(r),
            "did you mean `send`?\n"
            "`#/channels` has no `ordrs`; did you mean `orders`?\n"
            "add `channel: {$ref: '#/channels/NAME'}`\n");
}

TEST(Read, ReportsAnUnknownServerOfAVersion2Channel) {
  const ImportResult r = import_text(
      "asyncapi: 2.6.0\ninfo: {title: A, version: '1'}\n"
      "servers: {production: {url: 'kafka.example.com', protocol: kafka}}\n"
      "channels:\n"
      "  orders:\n"
      "    servers: [prodution]\n"
      "    subscribe: {message: {payload: {type: string}}}\n");
  EXPECT_EQ(diagnostics_text(r),
            "a.yaml:6:15: error: channel `orders` names an unknown server `prodution`\n");
  EXPECT_EQ(hints(r), "did you mean `production`?\n");
}

TEST(Read, ChecksEveryExtension) {
  const ImportResult r = import_text(
      "asyncapi: 3.0.0\n"
      "info:\n"
      "  title: A\n"
      "  version: '1'\n"
      "  x-ripple-rate: 200\n"
      "  x-ripple-time: fast\n"
      "  x-ripple-replicas: 0\n"
      "  x-ripple-rat: 5/s\n");
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "a.yaml:5:18: error: `x-ripple-rate` must be a rate such as `200/s`: `200` needs a "
            "unit\n"
            "a.yaml:6:18: error: `x-ripple-time` must be a duration or a distribution such as "
            "`exp(5ms)`: `fast` is not a duration\n"
            "a.yaml:7:22: error: `x-ripple-replicas` must be a whole number from 1 to 999999999\n"
            "a.yaml:8:3: warning: unknown extension `x-ripple-rat` is ignored\n");
}

TEST(Read, NamesTheServiceAfterTheFileWithoutATitle) {
  MemoryFiles files;
  files.add("billing/asyncapi.yaml", "asyncapi: 3.0.0\ninfo: {version: '1'}\n");
  files.add("orders.yaml", "asyncapi: 3.0.0\ninfo: {title: '  ', version: '1'}\n");
  const ImportResult r = run_import(files, {"billing/asyncapi.yaml", "orders.yaml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "replicas:").size(), 2u);
  EXPECT_NE(r.spec->find("\n  billing:\n"), std::string::npos);
  EXPECT_NE(r.spec->find("\n  orders:\n"), std::string::npos);
}

}  // namespace
}  // namespace ripple::importer
