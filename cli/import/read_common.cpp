#include "cli/import/read_common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace ripple::importer::detail {

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

namespace {

constexpr std::int64_t kDefaultCorrelationIdBytes = 36;  // a uuid in text

const char* kind_name(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::Map:
      return "a mapping";
    case YamlNode::Kind::Sequence:
      return "a list";
    case YamlNode::Kind::Scalar:
      return "a single value";
    case YamlNode::Kind::Null:
      return "nothing";
  }
  return "something else";
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string substitute_variables(Reading& r, std::string text, const YamlNode* variables) {
  if (variables == nullptr || !variables->is_map()) return text;
  for (const auto& [key, value] : variables->entries) {
    const auto variable = r.refs.follow(r.at(value));
    if (!variable || !variable->node->is_map()) continue;
    const std::string fallback = text_of(variable->node->find("default"));
    if (fallback.empty()) continue;
    const std::string token = "{" + key.value + "}";
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at))
      text.replace(at, token.size(), fallback);
  }
  return text;
}

// "mqtt://Test.Mosquitto.org/" -> "test.mosquitto.org".
std::string normalise_host(std::string text) {
  if (const std::size_t scheme = text.find("://"); scheme != std::string::npos)
    text.erase(0, scheme + 3);
  while (!text.empty() && text.back() == '/') text.pop_back();
  const std::size_t slash = text.find('/');
  for (std::size_t i = 0; i < std::min(slash, text.size()); ++i)
    text[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  return text;
}

bool json_schema_format(const std::string& format) {
  const std::string f = lower(format);
  return f.empty() || f.rfind("application/vnd.aai.asyncapi", 0) == 0 ||
         f.rfind("application/schema+json", 0) == 0 || f.rfind("application/schema+yaml", 0) == 0;
}

void read_key(Reading& r, Place message, Message& out) {
  if (const auto bindings = find_with_traits(r, message, "bindings")) {
    if (const auto resolved = r.refs.follow(*bindings); resolved && resolved->node->is_map())
      if (const YamlNode* kafka = resolved->node->find("kafka")) {
        const auto binding = r.refs.follow(r.at(*kafka));
        if (binding && binding->node->is_map())
          if (const YamlNode* key = binding->node->find("key")) {
            out.key = Field{"key", r.sizer.estimate({binding->doc, key})};
            out.key_source = "kafka `bindings.key`";
            return;
          }
      }
  }
  const auto correlation = find_with_traits(r, message, "correlationId");
  if (!correlation) return;
  const auto resolved = r.refs.follow(*correlation);
  if (!resolved || !resolved->node->is_map()) return;
  const std::string location = text_of(resolved->node->find("location"));
  const std::size_t hash = location.find('#');
  if (hash == std::string::npos || hash + 2 > location.size()) return;
  std::string pointer = location.substr(hash + 2);  // after "#/"
  const bool in_payload = location.rfind("$message.payload", 0) == 0;
  const std::string field = pointer.substr(0, pointer.find('/'));
  const std::string leaf = pointer.substr(pointer.rfind('/') + 1);
  out.key_source = "correlationId " + location;
  if (in_payload) {
    out.key_in_payload = true;
    out.key = Field{field, {}};
    return;
  }
  SizeEstimate size{kDefaultCorrelationIdBytes,
                    "correlation id without a header schema: " +
                        size_text(kDefaultCorrelationIdBytes) + " assumed",
                    true, *resolved};
  if (const auto headers = find_with_traits(r, message, "headers"))
    if (auto known = r.sizer.property(*headers, leaf)) size = *known;
  out.key = Field{leaf, size};
}

}  // namespace

bool is_count(const std::string& text) {
  return !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  }) && std::atoi(text.c_str()) >= 1;
}

std::string text_of(const YamlNode* node) {
  return node != nullptr && node->is_scalar() ? trim(node->value) : "";
}

std::optional<Place> mapping(Reading& r, Place at, const std::string& what) {
  const auto resolved = r.refs.follow(at);
  if (!resolved) return std::nullopt;
  if (!resolved->node->is_map()) {
    r.problems.error(*resolved, what + " must be a mapping, not " + kind_name(*resolved->node),
                     "see the AsyncAPI specification for its fields");
    return std::nullopt;
  }
  return resolved;
}

std::optional<Place> find_with_traits(Reading& r, Place object, const std::string& key) {
  if (const YamlNode* own = object.node->find(key)) return Place{object.doc, own};
  const YamlNode* traits = object.node->find("traits");
  if (traits == nullptr || !traits->is_sequence()) return std::nullopt;
  for (const YamlNode& item : traits->items) {
    // 3.x allows a trait as a list [trait, bindings]; the first element is the trait.
    const YamlNode& trait_node = item.is_sequence() && !item.items.empty() ? item.items[0] : item;
    const auto trait = r.refs.follow({object.doc, &trait_node});
    if (!trait || !trait->node->is_map()) continue;
    if (const YamlNode* value = trait->node->find(key)) return Place{trait->doc, value};
  }
  return std::nullopt;
}

Server read_server(Reading& r, const YamlNode& key, Place value) {
  Server server;
  server.id = key.value;
  server.at = value;
  server.entry = value.node;
  server.key = {value.doc, &key};
  const auto resolved = mapping(r, value, "server `" + key.value + "`");
  if (!resolved) return server;
  const YamlNode& node = *resolved->node;
  server.at = *resolved;
  server.protocol = lower(text_of(node.find("protocol")));
  if (server.protocol.empty())
    r.problems.warning(*resolved, "server `" + key.value + "` has no `protocol`",
                       "add `protocol: kafka` (or amqp, mqtt, ...); the broker type is defaulted");
  std::string host = r.major >= 3 ? text_of(node.find("host")) + text_of(node.find("pathname"))
                                  : text_of(node.find("url"));
  server.host = normalise_host(substitute_variables(r, host, node.find("variables")));
  server.extensions = read_extensions(r, *resolved);
  return server;
}

std::vector<std::string> ref_segments(Reading& r, Place at) {
  std::vector<std::string> out;
  Place current = at;
  for (int hops = 0; hops < RefResolver::kMaxChain; ++hops) {
    const YamlNode* ref = RefResolver::ref_of(*current.node);
    if (ref == nullptr) break;
    if (std::string segment = RefResolver::last_segment(ref->value); !segment.empty())
      out.push_back(segment);
    const auto next = r.refs.step(current);
    if (!next || next->node == current.node) break;
    current = *next;
  }
  return out;
}

Message read_message(Reading& r, Place at, std::vector<std::string> names) {
  Message out;
  out.at = at;
  const auto resolved = mapping(r, at, "a message");
  if (!resolved) {
    out.names = std::move(names);
    return out;
  }
  const YamlNode& node = *resolved->node;
  out.at = *resolved;
  const std::string name = text_of(node.find("name"));
  if (!name.empty()) names.insert(names.begin() + (r.major >= 3 && !names.empty() ? 1 : 0), name);
  out.names = std::move(names);
  out.description = text_of(node.find("description"));
  if (out.description.empty()) out.description = text_of(node.find("summary"));
  if (out.description.empty()) out.description = text_of(node.find("title"));
  if (const YamlNode* payload = node.find("payload")) {
    out.has_payload = true;
    Place schema{resolved->doc, payload};
    std::string format = text_of(node.find("schemaFormat"));
    if (r.major >= 3)
      if (const auto multi = r.refs.follow(schema); multi && multi->node->is_map() &&
                                                    multi->node->find("schemaFormat") != nullptr &&
                                                    multi->node->find("schema") != nullptr) {
        format = text_of(multi->node->find("schemaFormat"));
        schema = {multi->doc, multi->node->find("schema")};
      }
    if (json_schema_format(format)) {
      out.fields = r.sizer.fields(schema);
    } else {
      const std::string how = "schema format `" + format +
                              "` is not read: " + size_text(kDefaultObjectBytes) + " assumed";
      out.fields.push_back({"payload", {kDefaultObjectBytes, how, true, schema}});
    }
  }
  read_key(r, *resolved, out);
  if (out.key_in_payload && out.key) {
    const bool present = std::any_of(out.fields.begin(), out.fields.end(),
                                     [&](const Field& f) { return f.name == out.key->name; });
    if (!present) out.key.reset();
  }
  return out;
}

std::string join_address(const std::string& address) {
  std::string out;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (address[i] == '{') {
      const std::size_t close = address.find('}', i);
      if (close != std::string::npos) {
        out += "{}";
        i = close;
        continue;
      }
    }
    out += address[i];
  }
  return out;
}

}  // namespace ripple::importer::detail
