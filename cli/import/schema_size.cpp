#include "cli/import/schema_size.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace ripple::importer {
namespace {

struct FormatSize {
  const char* format;
  std::int64_t bytes;
};

// Lengths of the text forms of common formats: exact where the format fixes it (uuid 36,
// date-time 25 with an offset), typical otherwise (email, uri).
constexpr FormatSize kFormats[] = {
    {"uuid", 36},           {"date-time", 25},    {"date", 10},
    {"time", 14},           {"duration", 16},     {"ipv4", 15},
    {"ipv6", 39},           {"email", 64},        {"idn-email", 64},
    {"hostname", 64},       {"idn-hostname", 64}, {"uri", 128},
    {"uri-reference", 128}, {"iri", 128},         {"iri-reference", 128},
    {"uri-template", 128},  {"json-pointer", 64}, {"relative-json-pointer", 64},
    {"regex", 64},
};

std::optional<std::int64_t> whole_number(const YamlNode* node) {
  if (node == nullptr || !node->is_scalar() || node->value.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(node->value.c_str(), &end);
  if (*end != '\0' || !(value >= 0) || value > 9.0e18 || value != std::floor(value))
    return std::nullopt;
  return static_cast<std::int64_t>(value);
}

// Takes the defaults of `part` into `into`, which combines it with others.
void absorb(SizeEstimate& into, const SizeEstimate& part) {
  constexpr std::size_t kMaxLeaves = 32;  // enough to fix them in rounds; bounds the memory
  if (!part.defaulted) return;
  into.defaulted = true;
  if (part.leaves.empty()) {
    if (into.leaves.size() < kMaxLeaves) into.leaves.push_back({part.how, part.at});
    return;
  }
  for (const DefaultedLeaf& leaf : part.leaves)
    if (into.leaves.size() < kMaxLeaves) into.leaves.push_back(leaf);
}

std::int64_t cap(std::int64_t bytes) { return std::min(bytes, kMaxEstimateBytes); }

std::int64_t times(std::int64_t count, std::int64_t each) {
  if (count == 0 || each == 0) return 0;
  if (count > kMaxEstimateBytes / each) return kMaxEstimateBytes;
  return count * each;
}

// The schema's type: its `type`, the first that is not "null" of a list of types, or "".
std::string type_of(const YamlNode& schema) {
  const YamlNode* type = schema.find("type");
  if (type == nullptr) return "";
  if (type->is_scalar()) return type->value;
  if (type->is_sequence())
    for (const YamlNode& item : type->items)
      if (item.is_scalar() && item.value != "null") return item.value;
  return "";
}

std::string scalar_value(const YamlNode* node) {
  return node != nullptr && node->is_scalar() ? node->value : "";
}

}  // namespace

std::string size_text(std::int64_t bytes) { return std::to_string(bytes) + "B"; }

SizeEstimate SchemaSizer::estimate(Place schema) { return estimate_at(schema, 0).size; }

SchemaSizer::Estimate SchemaSizer::estimate_at(Place schema, int depth) {
  const auto resolved = refs_.follow(schema, RemoteRef::Warning);
  if (!resolved)
    return {{kDefaultUnknownBytes,
             "schema not available (remote or broken `$ref`): " + size_text(kDefaultUnknownBytes) +
                 " assumed",
             true, schema},
            false};
  const YamlNode* node = resolved->node;
  if (const auto it = done_.find(node); it != done_.end()) return it->second;
  if (in_progress_.count(node) > 0)
    return {{0, "recursive schema: counted once", false, *resolved}, true};
  if (depth > kMaxDepth)
    return {{kDefaultUnknownBytes,
             "nested deeper than " + std::to_string(kMaxDepth) +
                 " levels: " + size_text(kDefaultUnknownBytes) + " assumed",
             true, *resolved},
            false};
  in_progress_.insert(node);
  Estimate result = estimate_resolved(*resolved, depth);
  in_progress_.erase(node);
  result.size.bytes = cap(result.size.bytes);
  done_.emplace(node, result);
  return result;
}

SchemaSizer::Estimate SchemaSizer::estimate_resolved(Place schema, int depth) {
  const YamlNode& node = *schema.node;
  const auto unknown = [&](const std::string& why) {
    return Estimate{{kDefaultUnknownBytes,
                     why + ": " + size_text(kDefaultUnknownBytes) + " assumed", true, schema},
                    false};
  };
  if (!node.is_map()) return unknown("no schema");
  if (const YamlNode* all = node.find("allOf"); all != nullptr && all->is_sequence())
    return estimate_all_of(schema, *all, depth);
  for (const char* keyword : {"oneOf", "anyOf"})
    if (const YamlNode* members = node.find(keyword); members != nullptr && members->is_sequence())
      return estimate_one_of(schema, *members, keyword, depth);
  std::string type = type_of(node);
  if (type.empty()) {
    if (node.find("properties") != nullptr)
      type = "object";
    else if (node.find("items") != nullptr)
      type = "array";
    else if (node.find("enum") != nullptr || node.find("const") != nullptr)
      type = "string";
  }
  if (type == "string") return estimate_string(schema);
  if (type == "array") return estimate_array(schema, depth);
  if (type == "object") return estimate_object(schema, depth);
  const std::string format = scalar_value(node.find("format"));
  if (type == "integer") {
    const bool small = format == "int32";
    return {{small ? 4 : 8, small ? "integer, int32" : "integer", false, schema}, true};
  }
  if (type == "number") {
    const bool small = format == "float";
    return {{small ? 4 : 8, small ? "number, float" : "number", false, schema}, true};
  }
  if (type == "boolean") return {{1, "boolean", false, schema}, true};
  if (type == "null") return {{0, "null", false, schema}, true};
  return unknown(type.empty() ? "no type" : "type `" + type + "`");
}

SchemaSizer::Estimate SchemaSizer::estimate_string(Place schema) {
  const YamlNode& node = *schema.node;
  if (const auto max = whole_number(node.find("maxLength")))
    return {{*max, "string, maxLength " + std::to_string(*max), false, schema}, true};
  const YamlNode* values = node.find("enum");
  if (const YamlNode* constant = node.find("const"); constant != nullptr && constant->is_scalar())
    return {{static_cast<std::int64_t>(constant->value.size()), "string, const", false, schema},
            true};
  if (values != nullptr && values->is_sequence() && !values->items.empty()) {
    std::int64_t longest = 0;
    for (const YamlNode& value : values->items)
      longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(value.value.size()));
    return {{longest, "string, longest enum value", false, schema}, true};
  }
  const std::string format = scalar_value(node.find("format"));
  for (const FormatSize& f : kFormats)
    if (format == f.format) return {{f.bytes, "string, format " + format, false, schema}, true};
  const std::string why = format.empty() ? "string without maxLength"
                                         : "string of format `" + format + "` without maxLength";
  return {
      {kDefaultStringBytes, why + ": " + size_text(kDefaultStringBytes) + " assumed", true, schema},
      true};
}

SchemaSizer::Estimate SchemaSizer::estimate_array(Place schema, int depth) {
  const YamlNode& node = *schema.node;
  const YamlNode* items = node.find("items");
  Estimate item{{kDefaultUnknownBytes, "", true, schema}, false};
  if (items != nullptr && items->is_map()) {
    item = estimate_at({schema.doc, items}, depth + 1);
  } else if (items != nullptr && items->is_sequence()) {  // a tuple: the largest item
    item.size.bytes = 0;
    item.size.defaulted = false;
    for (const YamlNode& member : items->items) {
      const Estimate e = estimate_at({schema.doc, &member}, depth + 1);
      item.size.bytes = std::max(item.size.bytes, e.size.bytes);
      absorb(item.size, e.size);
    }
  }
  const std::string each = size_text(item.size.bytes);
  Estimate out{{0, "", false, schema}, true};
  if (items != nullptr) absorb(out.size, item.size);
  if (const auto max = whole_number(node.find("maxItems"))) {
    out.size.bytes = times(*max, item.size.bytes);
    out.size.how = "array, maxItems " + std::to_string(*max) + " x " + each;
    return out;
  }
  out.size.bytes = times(kDefaultArrayItems, item.size.bytes);
  out.size.how =
      "array without maxItems: " + std::to_string(kDefaultArrayItems) + " x " + each + " assumed";
  // The missing maxItems is a default of its own; beside defaults inside the items, one more.
  if (out.size.leaves.empty())
    out.size.defaulted = true;
  else
    absorb(out.size, {0, out.size.how, true, schema});
  return out;
}

SchemaSizer::Estimate SchemaSizer::estimate_object(Place schema, int depth) {
  std::vector<std::pair<std::string, Place>> properties;
  collect_properties(schema, properties, depth);
  if (properties.empty())
    return {
        {kDefaultObjectBytes,
         "object without properties: " + size_text(kDefaultObjectBytes) + " assumed", true, schema},
        true};
  Estimate total{{0, "", false, schema}, true};
  for (const auto& [name, place] : properties) {
    const Estimate e = estimate_at(place, depth + 1);
    total.size.bytes = cap(total.size.bytes + e.size.bytes);
    absorb(total.size, e.size);
  }
  total.size.how = "object of " + std::to_string(properties.size()) +
                   (properties.size() == 1 ? " property" : " properties");
  return total;
}

SchemaSizer::Estimate SchemaSizer::estimate_all_of(Place schema, const YamlNode& members,
                                                   int depth) {
  std::vector<std::pair<std::string, Place>> properties;
  collect_properties(schema, properties, depth);
  if (!properties.empty()) return estimate_object(schema, depth);
  // Every member describes the same value: the one that says most about it wins.
  Estimate best{
      {kDefaultUnknownBytes,
       "allOf without a type: " + size_text(kDefaultUnknownBytes) + " assumed", true, schema},
      false};
  for (const YamlNode& member : members.items) {
    const Estimate e = estimate_at({schema.doc, &member}, depth + 1);
    if (!e.typed) continue;
    if (!best.typed || e.size.bytes > best.size.bytes) best = e;
  }
  return best;
}

SchemaSizer::Estimate SchemaSizer::estimate_one_of(Place schema, const YamlNode& members,
                                                   const char* keyword, int depth) {
  Estimate best{{0, "", false, schema}, false};
  bool any = false;
  for (const YamlNode& member : members.items) {
    const Estimate e = estimate_at({schema.doc, &member}, depth + 1);
    if (!any || e.size.bytes > best.size.bytes) best = e;
    any = true;
  }
  if (!any)
    return {
        {kDefaultUnknownBytes,
         std::string(keyword) + " without members: " + size_text(kDefaultUnknownBytes) + " assumed",
         true, schema},
        false};
  best.size.how = std::string(keyword) + ", largest of " + std::to_string(members.items.size()) +
                  ": " + best.size.how;
  return best;
}

void SchemaSizer::collect_properties(Place schema, std::vector<std::pair<std::string, Place>>& out,
                                     int depth) {
  if (depth > kMaxDepth) return;
  const auto resolved = refs_.follow(schema, RemoteRef::Warning);
  if (!resolved || !resolved->node->is_map()) return;
  const YamlNode& node = *resolved->node;
  if (const YamlNode* properties = node.find("properties");
      properties != nullptr && properties->is_map()) {
    for (const auto& [key, value] : properties->entries) {
      if (!key.is_scalar()) continue;
      const std::string& name = key.value;  // a structured binding cannot be captured (clang 14)
      const bool known =
          std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
      if (!known) out.emplace_back(key.value, Place{resolved->doc, &value});
    }
  }
  if (const YamlNode* all = node.find("allOf"); all != nullptr && all->is_sequence())
    for (const YamlNode& member : all->items)
      collect_properties({resolved->doc, &member}, out, depth + 1);
}

std::vector<Field> SchemaSizer::fields(Place payload) {
  std::vector<std::pair<std::string, Place>> properties;
  collect_properties(payload, properties, 0);
  std::vector<Field> out;
  if (properties.empty()) {
    out.push_back({"payload", estimate(payload)});
    return out;
  }
  for (const auto& [name, place] : properties) out.push_back({name, estimate_at(place, 1).size});
  return out;
}

std::optional<SizeEstimate> SchemaSizer::property(Place schema, const std::string& name) {
  std::vector<std::pair<std::string, Place>> properties;
  collect_properties(schema, properties, 0);
  for (const auto& [key, place] : properties)
    if (key == name) return estimate_at(place, 1).size;
  return std::nullopt;
}

}  // namespace ripple::importer
