// --merge: a re-import keeps what the user set by hand and updates what the documents define.

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::diagnostics_text;
using testing::lines_with;
using testing::MemoryFiles;
using testing::run_import;

std::string orders(const std::string& extra_info = "") {
  return "asyncapi: 3.0.0\n"
         "info: {title: Orders, version: '1'" +
         extra_info +
         "}\n"
         "servers: {bus: {host: kafka:9092, protocol: kafka}}\n"
         "channels:\n"
         "  placed: {address: orders.placed, messages: {OrderPlaced: {payload: {type: object, "
         "properties: {id: {type: string, format: uuid}}}}}}\n"
         "operations:\n"
         "  place: {action: send, channel: {$ref: '#/channels/placed'}}\n";
}

constexpr const char* kBilling =
    "asyncapi: 3.0.0\n"
    "info: {title: Billing, version: '1'}\n"
    "servers: {bus: {host: kafka:9092, protocol: kafka}}\n"
    "channels:\n"
    "  placed: {address: orders.placed, messages: {OrderPlaced: {payload: {type: object, "
    "properties: {id: {type: string, format: uuid}}}}}}\n"
    "operations:\n"
    "  bill: {action: receive, channel: {$ref: '#/channels/placed'}}\n";

ImportResult merged(MemoryFiles& files, const std::string& existing, ImportOptions options = {}) {
  files.add("spec.yaml", existing);
  options.merge = "spec.yaml";
  return run_import(files, {"shop/orders.yaml", "shop/billing.yaml"}, options);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class Merge : public ::testing::Test {
 protected:
  void SetUp() override {
    files_.add("shop/orders.yaml", orders());
    files_.add("shop/billing.yaml", kBilling);
    const ImportResult first = run_import(files_, {"shop/orders.yaml", "shop/billing.yaml"});
    ASSERT_TRUE(first.spec) << diagnostics_text(first);
    first_ = *first.spec;
  }
  MemoryFiles files_;
  std::string first_;
};

TEST_F(Merge, OfItsOwnOutputGivesItAgainByteForByte) {
  const ImportResult again = merged(files_, first_);
  ASSERT_TRUE(again.spec) << diagnostics_text(again);
  EXPECT_EQ(*again.spec, first_);
  EXPECT_EQ(again.kept_figures, 0);
  EXPECT_TRUE(again.kept_elements.empty());
}

TEST_F(Merge, KeepsAFigureSetByHand) {
  std::string edited =
      replace(first_, "      rate: 10/s                        # default; set x-ripple-rate",
              "      rate: 300/s");
  edited = replace(edited, "        time: exp(5ms)                  # default; set x-ripple-time",
                   "        time: lognormal(median=4ms, p99=30ms)");
  const ImportResult r = merged(files_, edited);
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.kept_figures, 2);
  EXPECT_EQ(lines_with(*r.spec, "kept by --merge"),
            (std::vector<std::string>{
                "time: lognormal(median=4ms, p99=30ms)  # set by hand; kept by --merge",
                "rate: 300/s                       # set by hand; kept by --merge"}));
  EXPECT_EQ(r.defaulted, 7);  // of 9
  // And again: stable.
  const ImportResult twice = merged(files_, *r.spec);
  ASSERT_TRUE(twice.spec);
  EXPECT_EQ(*twice.spec, *r.spec);
}

TEST_F(Merge, TakesWhatTheDocumentsNowDefine) {
  std::string edited = replace(first_,
                               "    replicas: 1                         # default; set "
                               "x-ripple-replicas\n    workers: 16",
                               "    replicas: 4\n    workers: 16");
  files_.add("shop/orders.yaml", orders(", x-ripple-replicas: 6"));
  const ImportResult r = merged(files_, edited);
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "replicas: 6"),
            std::vector<std::string>{
                "replicas: 6                         # x-ripple-replicas of the info"});
  EXPECT_TRUE(lines_with(*r.spec, "replicas: 4").empty());
}

TEST_F(Merge, KeepsWhatTheUserAddedAndTheSectionsTheImportDoesNotWrite) {
  std::string edited = replace(first_,
                               "        concurrency: 1                  # default; set "
                               "x-ripple-concurrency\n",
                               "        concurrency: 1                  # default; set "
                               "x-ripple-concurrency\n"
                               "        idempotent: true\n"
                               "        writes: {store: ledger, rows: 2}\n");
  edited = replace(edited, "\nservices:\n",
                   "\n# Hand-written: the database.\nstores:\n"
                   "  ledger: {connections: 20, txn_time: 2ms}\n"
                   "\nservices:\n");
  edited += "\n# Gates for CI.\ngates:\n  - p99(orders.place) < 50ms   # the checkout budget\n";
  const ImportResult r = merged(files_, edited);
  testing::expect_valid_spec(r);
  EXPECT_EQ(lines_with(*r.spec, "idempotent"), std::vector<std::string>{"idempotent: true"});
  EXPECT_EQ(lines_with(*r.spec, "writes"),
            std::vector<std::string>{"writes: {store: ledger, rows: 2}"});
  EXPECT_NE(r.spec->find("\n# Hand-written: the database.\nstores:\n  ledger: {connections: 20, "
                         "txn_time: 2ms}\n"),
            std::string::npos);
  EXPECT_NE(r.spec->find("\n# Gates for CI.\ngates:\n  - p99(orders.place) < 50ms   # the checkout "
                         "budget\n"),
            std::string::npos);
  EXPECT_EQ(r.kept_elements, (std::vector<std::string>{"stores", "gates"}));
  const ImportResult twice = merged(files_, *r.spec);
  ASSERT_TRUE(twice.spec);
  EXPECT_EQ(*twice.spec, *r.spec);
}

TEST_F(Merge, KeepsAHandWrittenServiceAndItsCall) {
  std::string edited = replace(first_, "\n  orders:\n",
                               "\n  fraud:\n"
                               "    operations:\n"
                               "      check: {time: exp(3ms)}\n"
                               "  orders:\n");
  edited = replace(edited, "        publishes: [OrderPlaced]\n",
                   "        publishes: [OrderPlaced]\n"
                   "        calls: [{to: fraud.check, timeout: 200ms}]\n");
  const ImportResult r = merged(files_, edited);
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.kept_elements, (std::vector<std::string>{"services.fraud"}));
  EXPECT_EQ(lines_with(*r.spec, "fraud"),
            (std::vector<std::string>{"- {to: fraud.check, timeout: 200ms}", "fraud:"}));
}

TEST_F(Merge, KeepsTheNameUnlessANewOneIsGiven) {
  EXPECT_EQ(lines_with(first_, "name:"), std::vector<std::string>{"name: shop"});
  const std::string edited = replace(first_, "name: shop", "name: webshop");
  EXPECT_EQ(lines_with(*merged(files_, edited).spec, "name:"),
            std::vector<std::string>{"name: webshop"});
  ImportOptions options;
  options.name = "store";
  EXPECT_EQ(lines_with(*merged(files_, edited, options).spec, "name:"),
            std::vector<std::string>{"name: store"});
}

TEST_F(Merge, RefusesAFileThatIsNotASpec) {
  const ImportResult r = merged(files_, "foo: 1\n");
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(diagnostics_text(r),
            "spec.yaml:1:1: error: --merge: this is not a Ripple spec (it has no `ripple:` key)\n");
}

TEST_F(Merge, SaysWhenWhatItKeptNoLongerFits) {
  const std::string edited = first_ + "\ngates:\n  - p99(orders.gone) < 50ms\n";
  ImportOptions options;
  options.output_name = "out.yaml";
  const ImportResult r = merged(files_, edited, options);
  EXPECT_FALSE(r.spec);
  EXPECT_FALSE(r.internal_error);
  EXPECT_EQ(diagnostics_text(r),
            "out.yaml: error: the merged spec does not validate: what --merge kept from "
            "spec.yaml refers to what the documents no longer define\n"
            "out.yaml:53:9: error: unknown operation `orders.gone`\n");
}

}  // namespace
}  // namespace ripple::importer
