#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "cli/json/json.h"

namespace ripple::cli {
namespace {

TEST(JsonText, IndentsByTwoSpacesAndKeepsKeysInTheirOrder) {
  const Json doc = {{"b", 1}, {"a", {{"z", true}, {"y", nullptr}}}, {"list", {1, "x"}}};
  EXPECT_EQ(json_text(doc), R"({
  "b": 1,
  "a": {
    "z": true,
    "y": null
  },
  "list": [
    1,
    "x"
  ]
}
)");
}

TEST(JsonText, WritesEmptyContainersOnOneLine) {
  EXPECT_EQ(json_text({{"a", Json::array()}, {"o", Json::object()}}), R"({
  "a": [],
  "o": {}
}
)");
  EXPECT_EQ(json_text(Json::object()), "{}\n");
}

TEST(JsonText, WritesWholeDoublesWithoutAFractionAndOthersShortest) {
  EXPECT_EQ(json_text(1.0), "1\n");
  EXPECT_EQ(json_text(-3.0), "-3\n");
  EXPECT_EQ(json_text(-0.0), "0\n");
  EXPECT_EQ(json_text(0.1), "0.1\n");
  EXPECT_EQ(json_text(2.0 / 3.0), "0.6666666666666666\n");
  EXPECT_EQ(json_text(412.5), "412.5\n");
  EXPECT_EQ(json_text(1e-7), "1e-07\n");
  EXPECT_EQ(json_text(999999999999999.0), "999999999999999\n");
  EXPECT_EQ(json_text(1e15), "1000000000000000\n");
  EXPECT_EQ(json_text(1e16), "1e+16\n");
  EXPECT_EQ(json_text(1.5e20), "1.5e+20\n");
}

TEST(JsonText, WritesIntegersAsTheyAre) {
  EXPECT_EQ(json_text(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808\n");
  EXPECT_EQ(json_text(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615\n");
  EXPECT_EQ(json_text(1000000000000000000), "1000000000000000000\n");
}

TEST(JsonText, WritesNaNAndInfinitiesAsNull) {
  EXPECT_EQ(json_text(std::nan("")), "null\n");
  EXPECT_EQ(json_text(std::numeric_limits<double>::infinity()), "null\n");
  EXPECT_EQ(json_text(-std::numeric_limits<double>::infinity()), "null\n");
}

TEST(JsonText, NullableIsANumberOrNull) {
  EXPECT_EQ(json_text(nullable(2.5)), "2.5\n");
  EXPECT_EQ(json_text(nullable(std::nullopt)), "null\n");
}

TEST(JsonText, EscapesQuotesBackslashesAndControlCharactersOnly) {
  EXPECT_EQ(json_text("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"\n");
  EXPECT_EQ(json_text("a\nb\rc\td"), "\"a\\nb\\rc\\td\"\n");
  EXPECT_EQ(json_text("\b\f\x01\x1f"), "\"\\u0008\\u000c\\u0001\\u001f\"\n");
  EXPECT_EQ(json_text("caf\xc3\xa9 / \x7f"), "\"caf\xc3\xa9 / \x7f\"\n");
  // Bytes that are not UTF-8 become U+FFFD: the document stays UTF-8 (nlohmann would throw).
  EXPECT_EQ(json_text("\xff"), "\"\xef\xbf\xbd\"\n");
  EXPECT_EQ(json_text("a\xed\xa0\x80"), "\"a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"\n");
}

TEST(JsonText, EscapesKeysLikeStrings) {
  EXPECT_EQ(json_text({{"a\"b", 1}}), "{\n  \"a\\\"b\": 1\n}\n");
}

TEST(JsonObjectBuilder, KeepsMembersInTheOrderAdded) {
  JsonObjectBuilder services;
  services.add("web", {{"replicas", 3}});
  services.add("api", 1.5);
  EXPECT_EQ(json_text(std::move(services).build()), R"({
  "web": {
    "replicas": 3
  },
  "api": 1.5
}
)");
  EXPECT_EQ(json_text(JsonObjectBuilder{}.build()), "{}\n");
}

}  // namespace
}  // namespace ripple::cli
