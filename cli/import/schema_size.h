#pragma once

// Sizes of message payloads, estimated from their JSON Schema: what a value takes when carried,
// not its JSON text. Strings take their characters (`maxLength`, the longest `enum` value, or a
// length by `format`), integers and numbers 8 bytes (4 with format int32 or float), booleans 1,
// arrays `maxItems` times their item, objects the sum of their properties; `allOf` merges its
// members, `oneOf`/`anyOf` take the largest. Where no keyword bounds a size, a stated default is
// used and the estimate says so (`defaulted`). Every estimate carries a short text saying how it
// was made, which the spec shows as a comment next to the size.
//
// `$ref`s are followed (a remote one is a warning and a default); a recursive schema counts its
// recursion once; nesting past kMaxDepth is a default. Each schema node is estimated once.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/import/application.h"
#include "cli/import/refs.h"

namespace ripple::importer {

// Defaults, in bytes (docs/import.md lists them).
constexpr std::int64_t kDefaultStringBytes = 32;   // a string without maxLength, format or enum
constexpr std::int64_t kDefaultArrayItems = 10;    // items of an array without maxItems
constexpr std::int64_t kDefaultObjectBytes = 256;  // an object without properties
constexpr std::int64_t kDefaultUnknownBytes = 32;  // a schema without a type
constexpr std::int64_t kMaxEstimateBytes = std::int64_t{1} << 40;  // estimates are capped here
constexpr int kMaxDepth = 32;                                      // schema levels followed

class SchemaSizer {
 public:
  // REQUIRES: refs outlives the sizer.
  explicit SchemaSizer(RefResolver& refs) : refs_(refs) {}

  // The size of one value that `schema` (a schema node, possibly a `$ref`) describes.
  [[nodiscard]] SizeEstimate estimate(Place schema);

  // The fields of a payload: each property of an object schema (`allOf` members merged), or one
  // field named `payload` for a schema of any other type.
  [[nodiscard]] std::vector<Field> fields(Place payload);

  // The size of property `name` of an object schema, when it has one.
  [[nodiscard]] std::optional<SizeEstimate> property(Place schema, const std::string& name);

 private:
  struct Estimate {
    SizeEstimate size;
    bool typed = false;  // the schema says what it holds (a type, properties, an enum, ...)
  };

  Estimate estimate_at(Place schema, int depth);
  Estimate estimate_resolved(Place schema, int depth);
  Estimate estimate_string(Place schema);
  Estimate estimate_array(Place schema, int depth);
  Estimate estimate_object(Place schema, int depth);
  Estimate estimate_all_of(Place schema, const YamlNode& members, int depth);
  Estimate estimate_one_of(Place schema, const YamlNode& members, const char* keyword, int depth);
  // The properties of an object schema, `allOf` members merged, first definition winning.
  void collect_properties(Place schema, std::vector<std::pair<std::string, Place>>& out, int depth);

  RefResolver& refs_;
  std::map<const YamlNode*, Estimate> done_;
  std::set<const YamlNode*> in_progress_;
};

// "2.5 KiB"-free spec text for a size in bytes: "36B".
[[nodiscard]] std::string size_text(std::int64_t bytes);

}  // namespace ripple::importer
