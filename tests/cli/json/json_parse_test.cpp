#include <gtest/gtest.h>

#include <string>

#include "cli/json/json.h"

namespace ripple::cli {
namespace {

std::string error_of(const std::string& text) {
  const JsonParse parsed = parse_json(text);
  EXPECT_FALSE(parsed.value.has_value()) << text;
  return parsed.error;
}

TEST(JsonParse, ReadsADocumentWithKeysInOrder) {
  const JsonParse parsed = parse_json(R"( {"b": [1, -2, 3.5, true, null], "a": "x\u00e9"} )");
  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_EQ(parsed.value->dump(), R"({"b":[1,-2,3.5,true,null],"a":"xé"})");
  EXPECT_TRUE(parsed.error.empty());
}

TEST(JsonParse, ARepeatedKeyIsAnError) {
  EXPECT_EQ(error_of(R"({"a": 1, "b": {"c": 2}, "a": [3, {"d": 4}], "b": 5})"),
            "key `a` appears twice in one object at byte 25");
  EXPECT_EQ(error_of(R"([{"a": 1}, {"b": {"a": 2, "a": 3}}])"),
            "key `a` appears twice in one object at byte 27");
  EXPECT_TRUE(parse_json(R"([{"a": 1}, {"a": 2}])").value);  // one each: fine
}

TEST(JsonParse, NumbersPastADoubleAreAnError) {
  EXPECT_FALSE(parse_json("[1e999]").value);
  EXPECT_FALSE(parse_json("[-1e999]").value);
  EXPECT_TRUE(parse_json("[1e308]").value);
}

TEST(JsonParse, SaysWhereTheDocumentEnded) {
  EXPECT_EQ(error_of(""), "unexpected end of the document at byte 1");
  EXPECT_EQ(error_of("{\"a\": "), "unexpected end of the document at byte 7");
  EXPECT_EQ(error_of("[1, 2"), "unexpected end of the document at byte 6");
  EXPECT_EQ(error_of("\"abc"), "unterminated string at byte 5");
}

TEST(JsonParse, PointsAtTheFirstByteOfWhatMayNotComeThere) {
  EXPECT_EQ(error_of(R"({"a" 1})"), "expected `:` at byte 6");
  EXPECT_EQ(error_of(R"({"a" "b"})"), "expected `:` at byte 6");
  EXPECT_EQ(error_of(R"({"a": 1 "b": 2})"), "expected `,` at byte 9");
  EXPECT_EQ(error_of("[1 false]"), "expected `,` at byte 4");
  EXPECT_EQ(error_of(R"({1: 2})"), "expected a key at byte 2");
  EXPECT_EQ(error_of(R"({"a": 1,})"), "expected a key at byte 9");
  EXPECT_EQ(error_of("[1,]"), "expected a value at byte 4");
  EXPECT_EQ(error_of(R"({"a": x})"), "expected a value at byte 7");
  EXPECT_EQ(error_of(R"({"a": tru})"), "expected a value at byte 7");
  EXPECT_EQ(error_of("[-]"), "expected a value at byte 2");
  EXPECT_EQ(error_of("{} x"), "unexpected text after the document at byte 4");
  EXPECT_EQ(error_of("{} null"), "unexpected text after the document at byte 4");
  EXPECT_EQ(error_of("{} 12"), "unexpected text after the document at byte 4");
  EXPECT_EQ(error_of(R"(["\u12"])"), "bad \\u escape at byte 5");
}

TEST(JsonParse, AStringWhereNoneMayStandIsPointedAtWhateverItHolds) {
  EXPECT_EQ(error_of(R"([1 "x)"), "expected `,` at byte 4");
  EXPECT_EQ(error_of("{\"a\" \"b\tc\"}"), "expected `:` at byte 6");
  EXPECT_EQ(error_of(R"({} "x)"), "unexpected text after the document at byte 4");
}

TEST(JsonParse, ANulByteIsNoEndOfTheText) {
  EXPECT_EQ(error_of(std::string("{\"a\"\0}", 6)), "expected `:` at byte 5");
  EXPECT_EQ(error_of(std::string("[\0]", 3)), "expected a value at byte 2");
  EXPECT_EQ(error_of(std::string("{} \0", 4)), "unexpected text after the document at byte 4");
}

TEST(JsonParse, RefusesWhatJsonDoesNotAllow) {
  EXPECT_EQ(error_of("[NaN]"), "expected a value at byte 2");
  EXPECT_EQ(error_of("[Infinity]"), "expected a value at byte 2");
  EXPECT_EQ(error_of("[+1]"), "expected a value at byte 2");
  EXPECT_EQ(error_of(R"(["\ud800"])"), "bad \\u escape at byte 9");
  EXPECT_EQ(error_of("[\"a\\x\"]"),
            "invalid string: forbidden character after backslash at byte 5");
  EXPECT_EQ(error_of("[\"a\nb\"]"),
            "invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n at "
            "byte 4");
  EXPECT_EQ(error_of("[\"\xff\"]"), "invalid string: ill-formed UTF-8 byte at byte 3");
  EXPECT_EQ(error_of("[\"ab\\"), "unterminated string at byte 6");
  EXPECT_EQ(error_of("\xEF\xBB\xBF{}"), "expected a value at byte 1");
  EXPECT_EQ(error_of(std::string("{}\0x", 4)), "unexpected text after the document at byte 3");
}

TEST(JsonParse, BoundsTheNesting) {
  const std::string ok = std::string(kMaxJsonDepth, '[') + "1" + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_json(ok).value);
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(error_of(deep), "nested too deep at byte 66");
  EXPECT_EQ(error_of("{\"x\": " + deep + "}"), "nested too deep at byte 71");
  EXPECT_EQ(error_of("[" + std::string(kMaxJsonDepth, '[') + "1" + std::string(65, ']')),
            "nested too deep at byte 66");
}

}  // namespace
}  // namespace ripple::cli
