#include "cli/import/schema_size.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

// Estimates the schema written under `s:` in a small document (with `defs:` for references).
class SchemaSize : public ::testing::Test {
 protected:
  SizeEstimate size(const std::string& schema, const std::string& defs = "{}") {
    const Document* doc = load(schema, defs);
    return sizer_->estimate({doc, doc->root.find("s")});
  }
  std::vector<Field> fields(const std::string& schema, const std::string& defs = "{}") {
    const Document* doc = load(schema, defs);
    return sizer_->fields({doc, doc->root.find("s")});
  }
  std::string warnings() const {
    std::string out;
    for (const model::Diagnostic& d : problems_.sorted()) out += d.message + "\n";
    return out;
  }

 private:
  const Document* load(const std::string& schema, const std::string& defs) {
    const std::string path = "doc" + std::to_string(++count_) + ".yaml";
    files_.add(path, "s: " + schema + "\ndefs: " + defs + "\n");
    documents_ = std::make_unique<Documents>(files_.reader(), Limits{});
    refs_ = std::make_unique<RefResolver>(*documents_, problems_);
    sizer_ = std::make_unique<SchemaSizer>(*refs_);
    const Document* doc = documents_->load(path).doc;
    EXPECT_NE(doc, nullptr);
    return doc;
  }

  testing::MemoryFiles files_;
  Problems problems_;
  std::unique_ptr<Documents> documents_;
  std::unique_ptr<RefResolver> refs_;
  std::unique_ptr<SchemaSizer> sizer_;
  int count_ = 0;
};

TEST_F(SchemaSize, StringWithMaxLength) {
  const SizeEstimate s = size("{type: string, maxLength: 64}");
  EXPECT_EQ(s.bytes, 64);
  EXPECT_EQ(s.how, "string, maxLength 64");
  EXPECT_FALSE(s.defaulted);
}

TEST_F(SchemaSize, StringFormats) {
  EXPECT_EQ(size("{type: string, format: uuid}").bytes, 36);
  EXPECT_EQ(size("{type: string, format: date-time}").bytes, 25);
  EXPECT_EQ(size("{type: string, format: date}").bytes, 10);
  EXPECT_EQ(size("{type: string, format: email}").bytes, 64);
  EXPECT_EQ(size("{type: string, format: uuid}").how, "string, format uuid");
}

TEST_F(SchemaSize, StringEnumTakesTheLongestValue) {
  const SizeEstimate s = size("{type: string, enum: [on, off, standby]}");
  EXPECT_EQ(s.bytes, 7);
  EXPECT_EQ(s.how, "string, longest enum value");
}

TEST_F(SchemaSize, UnboundedStringIsADefault) {
  const SizeEstimate s = size("{type: string}");
  EXPECT_EQ(s.bytes, kDefaultStringBytes);
  EXPECT_EQ(s.how, "string without maxLength: 32B assumed");
  EXPECT_TRUE(s.defaulted);
  EXPECT_EQ(size("{type: string, format: password}").how,
            "string of format `password` without maxLength: 32B assumed");
}

TEST_F(SchemaSize, NumbersAndBooleans) {
  EXPECT_EQ(size("{type: integer}").bytes, 8);
  EXPECT_EQ(size("{type: integer, format: int32}").bytes, 4);
  EXPECT_EQ(size("{type: number}").bytes, 8);
  EXPECT_EQ(size("{type: number, format: float}").bytes, 4);
  EXPECT_EQ(size("{type: boolean}").bytes, 1);
  EXPECT_EQ(size("{type: 'null'}").bytes, 0);
  EXPECT_EQ(size("{type: [integer, 'null']}").bytes, 8);
}

TEST_F(SchemaSize, ArrayWithMaxItems) {
  const SizeEstimate s = size("{type: array, maxItems: 5, items: {type: integer}}");
  EXPECT_EQ(s.bytes, 40);
  EXPECT_EQ(s.how, "array, maxItems 5 x 8B");
  EXPECT_FALSE(s.defaulted);
}

TEST_F(SchemaSize, ArrayWithoutMaxItemsIsADefault) {
  const SizeEstimate s = size("{type: array, items: {type: number}}");
  EXPECT_EQ(s.bytes, 80);
  EXPECT_EQ(s.how, "array without maxItems: 10 x 8B assumed");
  EXPECT_TRUE(s.defaulted);
}

TEST_F(SchemaSize, NestedObjectsAddUp) {
  const SizeEstimate s = size(
      "{type: object, properties: {id: {type: string, format: uuid}, "
      "address: {type: object, properties: {zip: {type: string, maxLength: 10}, "
      "geo: {type: array, maxItems: 2, items: {type: number}}}}}}");
  EXPECT_EQ(s.bytes, 36 + 10 + 16);
  EXPECT_EQ(s.how, "object of 2 properties");
  EXPECT_FALSE(s.defaulted);
}

TEST_F(SchemaSize, ObjectWithoutPropertiesIsADefault) {
  const SizeEstimate s = size("{type: object, additionalProperties: {type: string}}");
  EXPECT_EQ(s.bytes, kDefaultObjectBytes);
  EXPECT_TRUE(s.defaulted);
}

TEST_F(SchemaSize, FollowsReferences) {
  const SizeEstimate s = size("{$ref: '#/defs/Id'}", "{Id: {type: string, format: uuid}}");
  EXPECT_EQ(s.bytes, 36);
}

TEST_F(SchemaSize, AllOfTakesTheMemberThatSaysMost) {
  // The social-media schemas: a reference for the type, a member for the description.
  const SizeEstimate s =
      size("{allOf: [{$ref: '#/defs/Id'}, {description: the id}]}", "{Id: {type: integer}}");
  EXPECT_EQ(s.bytes, 8);
  EXPECT_EQ(s.how, "integer");
}

TEST_F(SchemaSize, AllOfMergesObjectMembers) {
  const SizeEstimate s =
      size("{allOf: [{$ref: '#/defs/Base'}, {properties: {extra: {type: boolean}}}]}",
           "{Base: {type: object, properties: {id: {type: integer}}}}");
  EXPECT_EQ(s.bytes, 9);
}

TEST_F(SchemaSize, OneOfTakesTheLargest) {
  const SizeEstimate s = size("{oneOf: [{type: boolean}, {type: string, maxLength: 20}]}");
  EXPECT_EQ(s.bytes, 20);
  EXPECT_EQ(s.how, "oneOf, largest of 2: string, maxLength 20");
}

TEST_F(SchemaSize, RecursionIsFollowedOneLevel) {
  const SizeEstimate s =
      size("{$ref: '#/defs/Node'}",
           "{Node: {type: object, properties: {id: {type: integer}, "
           "children: {type: array, maxItems: 2, items: {$ref: '#/defs/Node'}}}}}");
  EXPECT_EQ(s.bytes, 8);  // the children of the node being estimated count 0
}

TEST_F(SchemaSize, RemoteSchemaIsAWarningAndADefault) {
  const SizeEstimate s = size("{$ref: 'https://example.com/s.json'}");
  EXPECT_EQ(s.bytes, kDefaultUnknownBytes);
  EXPECT_TRUE(s.defaulted);
  EXPECT_EQ(warnings(), "remote `$ref` `https://example.com/s.json` is not fetched\n");
}

TEST_F(SchemaSize, HugeMaxItemsIsCapped) {
  EXPECT_EQ(size("{type: array, maxItems: 1000000000000000, items: {type: string, maxLength: "
                 "1000000000}}")
                .bytes,
            kMaxEstimateBytes);
}

TEST_F(SchemaSize, FieldsAreThePayloadProperties) {
  const std::vector<Field> f = fields(
      "{type: object, properties: {lumens: {type: integer}, sentAt: {type: string, "
      "format: date-time}}}");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "lumens");
  EXPECT_EQ(f[0].size.bytes, 8);
  EXPECT_EQ(f[1].name, "sentAt");
  EXPECT_EQ(f[1].size.bytes, 25);
}

TEST_F(SchemaSize, APayloadOfAnotherTypeIsOneField) {
  const std::vector<Field> f = fields("{type: string, maxLength: 140}");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].name, "payload");
  EXPECT_EQ(f[0].size.bytes, 140);
}

}  // namespace
}  // namespace ripple::importer
