#include "cli/import/read_common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "model/distribution.h"
#include "model/spellcheck.h"
#include "model/units.h"

namespace ripple::importer::detail {
namespace {

constexpr std::int64_t kDefaultCorrelationIdBytes = 36;  // a uuid in text

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

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

// Checks one `x-ripple-*` value; reports and returns nullopt when it is not what it must be.
using Check = std::optional<std::string> (*)(const std::string& text, std::string& hint);

std::optional<std::string> check_rate(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_rate(text);
  if (parsed.ok()) return std::nullopt;
  hint = parsed.error.hint.empty() ? "write a rate such as `200/s`" : parsed.error.hint;
  return "`x-ripple-rate` must be a rate such as `200/s`: " + parsed.error.message;
}

std::optional<std::string> check_distribution(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_distribution(text);
  if (parsed.ok()) return std::nullopt;
  hint = parsed.error.hint.empty() ? "write a duration or a distribution such as `exp(5ms)`"
                                   : parsed.error.hint;
  return "must be a duration or a distribution such as `exp(5ms)`: " + parsed.error.message;
}

std::optional<std::string> check_duration(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_duration(text);
  if (parsed.ok() && parsed.value->ns > 0) return std::nullopt;
  hint = parsed.ok() || parsed.error.hint.empty() ? "write a duration such as `2s`"
                                                  : parsed.error.hint;
  return "must be a duration above zero such as `2s`" +
         (parsed.ok() ? std::string() : ": " + parsed.error.message);
}

std::optional<std::string> check_count(const std::string& text, std::string& hint) {
  const bool digits =
      !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      });
  if (digits && std::atoi(text.c_str()) >= 1) return std::nullopt;
  hint = "write a whole number such as `3`";
  return "must be a whole number from 1 to 999999999";
}

struct ExtensionRule {
  const char* key;
  std::optional<GivenFigure> Extensions::*field;
  Check check;
};

constexpr ExtensionRule kExtensionRules[] = {
    {"x-ripple-rate", &Extensions::rate, check_rate},
    {"x-ripple-time", &Extensions::time, check_distribution},
    {"x-ripple-replicas", &Extensions::replicas, check_count},
    {"x-ripple-concurrency", &Extensions::concurrency, check_count},
    {"x-ripple-latency", &Extensions::latency, check_distribution},
    {"x-ripple-timeout", &Extensions::timeout, check_duration},
};

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

// The value a `groupId`-like schema names: its const, its only enum value or its default.
std::string schema_value(Reading& r, Place schema) {
  const auto resolved = r.refs.follow(schema);
  if (!resolved) return "";
  const YamlNode& node = *resolved->node;
  if (node.is_scalar()) return node.value;
  if (!node.is_map()) return "";
  if (const std::string value = text_of(node.find("const")); !value.empty()) return value;
  if (const YamlNode* values = node.find("enum");
      values != nullptr && values->is_sequence() && !values->items.empty())
    return text_of(&values->items.front());
  return text_of(node.find("default"));
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

Extensions read_extensions(Reading& r, Place object) {
  Extensions out;
  if (!object.node->is_map()) return out;
  for (const auto& [key, value] : object.node->entries) {
    if (!key.is_scalar() || key.value.rfind("x-ripple-", 0) != 0) continue;
    const ExtensionRule* rule = nullptr;
    std::vector<std::string> known;
    for (const ExtensionRule& candidate : kExtensionRules) {
      known.emplace_back(candidate.key);
      if (key.value == candidate.key) rule = &candidate;
    }
    if (rule == nullptr) {
      const auto guess = model::closest_match(key.value, known);
      r.problems.warning({object.doc, &key}, "unknown extension `" + key.value + "` is ignored",
                         guess ? "did you mean `" + *guess + "`?"
                               : "ripple reads x-ripple-rate, -time, -replicas, -concurrency, "
                                 "-latency and -timeout");
      continue;
    }
    const std::string text = value.is_scalar() ? trim(value.value) : "";
    std::string hint;
    const auto problem = rule->check(text, hint);
    if (problem) {
      const std::string message =
          problem->rfind("`x-", 0) == 0 ? *problem : "`" + key.value + "` " + *problem;
      r.problems.error({object.doc, &value}, message, hint);
      continue;
    }
    out.*(rule->field) = GivenFigure{text, {object.doc, &value}};
  }
  return out;
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

ChannelBindings read_channel_bindings(Reading& r, Place channel) {
  ChannelBindings out;
  const YamlNode* bindings_node = channel.node->find("bindings");
  if (bindings_node == nullptr) return out;
  const auto bindings = r.refs.follow({channel.doc, bindings_node});
  if (!bindings || !bindings->node->is_map()) return out;
  out.at = *bindings;
  const auto binding = [&](const char* protocol) -> const YamlNode* {
    const YamlNode* node = bindings->node->find(protocol);
    if (node == nullptr) return nullptr;
    const auto resolved = r.refs.follow({bindings->doc, node});
    return resolved && resolved->node->is_map() ? resolved->node : nullptr;
  };
  if (const YamlNode* kafka = binding("kafka")) {
    if (const YamlNode* partitions = kafka->find("partitions")) {
      const std::string text = text_of(partitions);
      std::string hint;
      if (!check_count(text, hint))
        out.kafka_partitions = std::atoi(text.c_str());
      else
        r.problems.warning({bindings->doc, partitions},
                           "kafka `partitions` must be a whole number >= 1; it is ignored", hint);
    }
    if (std::string topic = text_of(kafka->find("topic")); !topic.empty()) out.kafka_topic = topic;
  }
  if (const YamlNode* amqp = binding("amqp")) {
    out.amqp_is = text_of(amqp->find("is"));
    if (const YamlNode* exchange = amqp->find("exchange");
        exchange != nullptr && exchange->is_map()) {
      out.amqp_exchange_type = text_of(exchange->find("type"));
      out.amqp_exchange_name = text_of(exchange->find("name"));
    }
  }
  if (const YamlNode* sqs = binding("sqs")) {
    if (const YamlNode* queue = sqs->find("queue"); queue != nullptr && queue->is_map()) {
      out.sqs_queue_name = text_of(queue->find("name"));
      out.sqs_fifo = text_of(queue->find("fifoQueue")) == "true";
      const std::string visibility = text_of(queue->find("visibilityTimeout"));
      std::string hint;
      if (!visibility.empty() && !check_count(visibility, hint))
        out.sqs_visibility_seconds = std::atoll(visibility.c_str());
      if (const YamlNode* redrive = queue->find("redrivePolicy");
          redrive != nullptr && redrive->is_map()) {
        const std::string receives = text_of(redrive->find("maxReceiveCount"));
        if (!receives.empty() && !check_count(receives, hint))
          out.sqs_max_receives = std::atoi(receives.c_str());
      }
    }
  }
  return out;
}

void read_operation_bindings(Reading& r, Place operation, Operation& out) {
  const auto bindings_at = find_with_traits(r, operation, "bindings");
  if (!bindings_at) return;
  const auto bindings = r.refs.follow(*bindings_at);
  if (!bindings || !bindings->node->is_map()) return;
  if (const YamlNode* kafka = bindings->node->find("kafka")) {
    const auto binding = r.refs.follow({bindings->doc, kafka});
    if (binding && binding->node->is_map())
      if (const YamlNode* group = binding->node->find("groupId"))
        out.kafka_group = schema_value(r, {binding->doc, group});
  }
  if (const YamlNode* mqtt = bindings->node->find("mqtt")) {
    const auto binding = r.refs.follow({bindings->doc, mqtt});
    if (binding && binding->node->is_map()) out.mqtt_qos = text_of(binding->node->find("qos"));
  }
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
