#include "cli/json/json_stream.h"

#include <gtest/gtest.h>

#include <string>

namespace ripple::cli {
namespace {

TEST(JsonStream, WritesTheBytesOfJsonTextPieceByPiece) {
  const Json doc = {{"spec", "shop"},
                    {"empty", Json::object()},
                    {"list", {1, 2.5, "x"}},
                    {"nested", {{"a", Json::array()}, {"b", {{"c", nullptr}}}}}};
  std::string out;
  JsonStream json([&out](std::string_view text) { out += text; });
  json.begin_object();
  json.member("spec", "shop");
  json.key("empty");
  json.begin_object();
  json.end();
  json.key("list");
  json.begin_array();
  json.value(1);
  json.value(2.5);
  json.value("x");
  json.end();
  json.key("nested");
  json.begin_object();
  json.member("a", Json::array());
  json.member("b", {{"c", nullptr}});
  json.end();
  json.end();
  json.finish();
  EXPECT_EQ(out, json_text(doc));
}

TEST(JsonStream, WritesStringsAsJsonTextDoes) {
  std::string out;
  JsonStream json([&out](std::string_view text) { out += text; });
  json.begin_object();
  json.string_member("q\"uote", "tab\there \\ \x01");
  json.key("list");
  json.begin_array();
  json.string_value("line\nbreak");
  json.end();
  json.end();
  json.finish();
  EXPECT_EQ(out, json_text({{"q\"uote", "tab\there \\ \x01"}, {"list", {"line\nbreak"}}}));
}

TEST(JsonStream, WritesAnEmptyTopLevelArrayOnOneLine) {
  std::string out;
  JsonStream json([&out](std::string_view text) { out += text; });
  json.begin_array();
  json.end();
  json.finish();
  EXPECT_EQ(out, "[]\n");
}

TEST(JsonStream, HandsLargeDocumentsOverInPiecesOfAboutTheFlushSize) {
  std::string out;
  int pieces = 0;
  JsonStream json([&](std::string_view text) {
    out += text;
    ++pieces;
  });
  Json whole = Json::array();
  json.begin_array();
  for (int i = 0; i < 20000; ++i) {
    json.value(i);
    whole.push_back(i);
  }
  json.end();
  json.finish();
  EXPECT_EQ(out, json_text(whole));
  EXPECT_EQ(pieces, static_cast<int>(out.size() / JsonStream::kFlushBytes) + 1);
}

}  // namespace
}  // namespace ripple::cli
