#pragma once

// JSON documents in and out, on nlohmann-json with keys kept in insertion order (ordered_json),
// so a document lists its keys in the order its writer added them.
//
//   Json doc = Json::object();
//   doc["spec"] = spec.name;
//   doc["p99"] = nullable(p99_ms);             // a number, or null when there is none
//   std::string text = json_text(doc);        // ripple's layout (below), ending with a newline
//
//   JsonParse parsed = parse_json(text);      // the document, or one line saying why not
//
// Every machine format of ripple goes through json_text, and every JSON file ripple reads back
// (baselines; later sweep shards) through parse_json.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ripple::cli {

using Json = nlohmann::ordered_json;

// Builds an object keyed by names the model keeps unique (services, operations, events...), in
// the order added and in linear time: ordered_json's own insertion looks every key up first,
// which is quadratic on the thousands of services of a large spec. REQUIRES: distinct keys.
class JsonObjectBuilder {
 public:
  void add(std::string key, Json value) { members_.emplace_back(std::move(key), std::move(value)); }
  [[nodiscard]] Json build() &&;

 private:
  std::vector<std::pair<std::string, Json>> members_;
};

// `value` as a JSON number, or null when it is empty.
[[nodiscard]] Json nullable(std::optional<double> value);

// The text of `document` as every ripple JSON output lays it out: two-space indentation,
// `"key": value`, [] and {} when empty; integers as they are; doubles in their shortest
// round-trip form, whole ones below 1e15 without a fraction (2.0 as 2), NaN and infinities as
// null; strings with `"`, `\` and the control characters escaped (\n, \r, \t, the others as
// \u00XX), UTF-8 as it is and every byte that is not UTF-8 as U+FFFD. Ends with a newline.
// REQUIRES: `document` holds no binary value.
[[nodiscard]] std::string json_text(const Json& document);

// The pieces of json_text, for writers that lay a document out piece by piece (json_stream.h):
// `value` as it appears nested inside `depth` containers (no final newline), and a string as a
// JSON string, each appended to `out`.
void append_json(const Json& value, int depth, std::string& out);
void append_json_string(std::string_view text, std::string& out);

// Deepest nesting parse_json accepts: values inside more containers than this are an error.
inline constexpr int kMaxJsonDepth = 64;

struct JsonParse {
  std::optional<Json> value;
  std::string error;  // when value is empty: "expected `:` at byte 12" (bytes count from 1)
};

// Parses one JSON document (RFC 8259: no comments, no NaN, nothing but white space after it, no
// byte-order mark, no key twice in one object: "key `a` appears twice in one object at byte 9").
// Objects keep their keys in document order. Numbers past the range of a double (1e999) are an
// error, never infinity. Never throws.
[[nodiscard]] JsonParse parse_json(std::string_view text);

}  // namespace ripple::cli
