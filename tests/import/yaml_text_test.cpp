#include "cli/import/yaml_text.h"

#include <gtest/gtest.h>

#include "model/yaml_tree.h"

namespace ripple::importer {
namespace {

// What `text` reads back as, as the value of `v:`.
model::detail::YamlNode read_back(const std::string& scalar) {
  auto tree =
      model::detail::parse_yaml_tree("t.yaml", "v: " + scalar + "\n", {1 << 20, 64, 100000, 1000});
  EXPECT_TRUE(tree.ok) << scalar;
  const model::detail::YamlNode* value = tree.root.find("v");
  return value != nullptr ? *value : model::detail::YamlNode{};
}

TEST(YamlString, WritesSafeTextPlain) {
  EXPECT_EQ(yaml_string("Notify all the services that a comment has been liked."),
            "Notify all the services that a comment has been liked.");
  EXPECT_EQ(yaml_string("exp(1ms)"), "exp(1ms)");
}

TEST(YamlString, QuotesWhatWouldReadAsAnotherType) {
  EXPECT_EQ(yaml_string("true"), "\"true\"");
  EXPECT_EQ(yaml_string("null"), "\"null\"");
  EXPECT_EQ(yaml_string("1.0"), "\"1.0\"");
  EXPECT_EQ(yaml_string("~"), "\"~\"");
  EXPECT_EQ(yaml_string("off"), "\"off\"");
}

TEST(YamlString, QuotesIndicatorsCommentsAndColons) {
  EXPECT_EQ(yaml_string("[COSTING] Get the costing responses"),
            "\"[COSTING] Get the costing responses\"");
  EXPECT_EQ(yaml_string("a: b"), "\"a: b\"");
  EXPECT_EQ(yaml_string("a #b"), "\"a #b\"");
  EXPECT_EQ(yaml_string("*star"), "\"*star\"");
  EXPECT_EQ(yaml_string("--- x"), "\"--- x\"");
  EXPECT_EQ(yaml_string(" padded"), "\" padded\"");
  EXPECT_EQ(yaml_string(""), "\"\"");
}

TEST(YamlString, EscapesControlCharactersAndYamlLineBreaks) {
  EXPECT_EQ(yaml_string("one\ntwo\t\"three\"\\"), "\"one\\ntwo\\t\\\"three\\\"\\\\\"");
  EXPECT_EQ(yaml_string("bell\x07"), "\"bell\\x07\"");
  EXPECT_EQ(yaml_string("line\xE2\x80\xA8sep"), "\"line\\u2028sep\"");
  EXPECT_EQ(yaml_string("nel\xC2\x85"), "\"nel\\u0085\"");
}

TEST(YamlString, FlowContextQuotesCommasAndBrackets) {
  EXPECT_EQ(yaml_string("a,b", ScalarContext::Flow), "\"a,b\"");
  EXPECT_EQ(yaml_string("a,b", ScalarContext::Block), "a,b");
  EXPECT_EQ(yaml_string("order.*", ScalarContext::Flow), "order.*");
}

TEST(YamlString, ReadsBackAsTheSameString) {
  for (const std::string text :
       {"plain words", "true", "12", "a: b", "# not a comment", "tab\there", "quote \" and \\",
        "emoji 🌃 and é", "line\xE2\x80\xA9para", "[x]", "{y}", "- dash",
        "trailing:", "multi\nline\n\ntext"}) {
    const auto node = read_back(yaml_string(text));
    EXPECT_EQ(node.value, text);
    EXPECT_TRUE(node.is_scalar());
  }
}

TEST(YamlScalar, KeepsAPlainScalarPlainSoItKeepsItsType) {
  model::detail::YamlNode node;
  node.kind = model::detail::YamlNode::Kind::Scalar;
  node.value = "true";
  EXPECT_EQ(yaml_scalar(node, ScalarContext::Block), "true");
  node.plain = false;
  EXPECT_EQ(yaml_scalar(node, ScalarContext::Block), "\"true\"");
}

TEST(YamlFlow, WritesNestedMapsAndLists) {
  auto tree = model::detail::parse_yaml_tree(
      "t.yaml", "v: {to: a.b, retry: {attempts: 3, backoff: 50ms}, tags: [x, 'y,z']}\n",
      {1 << 20, 64, 100000, 1000});
  ASSERT_TRUE(tree.ok);
  EXPECT_EQ(yaml_flow(*tree.root.find("v")),
            "{to: a.b, retry: {attempts: 3, backoff: 50ms}, tags: [x, \"y,z\"]}");
}

TEST(YamlBlockEntry, WritesSmallMapsAndScalarListsInFlowAndTheRestBelow) {
  auto tree = model::detail::parse_yaml_tree(
      "t.yaml",
      "v:\n  needs: [a.b, c.d]\n  writes:\n    - {store: db, rows: 1}\n  empty:\n"
      "  retry: {attempts: 3, backoff: 50ms}\n  deep: {a: {b: 1}}\n",
      {1 << 20, 64, 100000, 1000});
  ASSERT_TRUE(tree.ok);
  std::string out;
  yaml_block_entry("v", *tree.root.find("v"), 2, out);
  EXPECT_EQ(out,
            "  v:\n"
            "    needs: [a.b, c.d]\n"
            "    writes:\n"
            "      - {store: db, rows: 1}\n"
            "    empty:\n"
            "    retry: {attempts: 3, backoff: 50ms}\n"
            "    deep:\n"
            "      a: {b: 1}\n");
}

TEST(CommentText, PutsEverythingOnOneLine) {
  EXPECT_EQ(comment_text("first\nsecond\r\n\tthird\xE2\x80\xA8"
                         "fourth"),
            "first second third fourth");
}

}  // namespace
}  // namespace ripple::importer
