// Bindings that become broker and consumer settings: kafka partitions and groups, amqp exchanges
// and queues, sqs queues and their redrive policies, mqtt QoS. Other bindings are not read.

#include <cstdlib>

#include "cli/import/read_common.h"

namespace ripple::importer::detail {
namespace {

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

void read_kafka(Reading& r, Place kafka, ChannelBindings& out) {
  if (const YamlNode* partitions = kafka.node->find("partitions")) {
    const std::string text = text_of(partitions);
    if (is_count(text))
      out.kafka_partitions = std::atoi(text.c_str());
    else
      r.problems.warning({kafka.doc, partitions},
                         "kafka `partitions` must be a whole number >= 1; it is ignored",
                         "write a whole number such as `12`");
  }
  if (std::string topic = text_of(kafka.node->find("topic")); !topic.empty())
    out.kafka_topic = topic;
}

void read_amqp(const YamlNode& amqp, ChannelBindings& out) {
  out.amqp_is = text_of(amqp.find("is"));
  if (const YamlNode* exchange = amqp.find("exchange"); exchange != nullptr && exchange->is_map()) {
    out.amqp_exchange_type = text_of(exchange->find("type"));
    out.amqp_exchange_name = text_of(exchange->find("name"));
  }
}

void read_sqs(const YamlNode& sqs, ChannelBindings& out) {
  const YamlNode* queue = sqs.find("queue");
  if (queue == nullptr || !queue->is_map()) return;
  out.sqs_queue_name = text_of(queue->find("name"));
  out.sqs_fifo = text_of(queue->find("fifoQueue")) == "true";
  if (const std::string visibility = text_of(queue->find("visibilityTimeout"));
      is_count(visibility))
    out.sqs_visibility_seconds = std::atoll(visibility.c_str());
  if (const YamlNode* redrive = queue->find("redrivePolicy");
      redrive != nullptr && redrive->is_map())
    if (const std::string receives = text_of(redrive->find("maxReceiveCount")); is_count(receives))
      out.sqs_max_receives = std::atoi(receives.c_str());
}

}  // namespace

ChannelBindings read_channel_bindings(Reading& r, Place channel) {
  ChannelBindings out;
  const YamlNode* bindings_node = channel.node->find("bindings");
  if (bindings_node == nullptr) return out;
  const auto bindings = r.refs.follow({channel.doc, bindings_node});
  if (!bindings || !bindings->node->is_map()) return out;
  out.at = *bindings;
  const auto binding = [&](const char* protocol) -> std::optional<Place> {
    const YamlNode* node = bindings->node->find(protocol);
    if (node == nullptr) return std::nullopt;
    const auto resolved = r.refs.follow({bindings->doc, node});
    if (!resolved || !resolved->node->is_map()) return std::nullopt;
    return resolved;
  };
  if (const auto kafka = binding("kafka")) read_kafka(r, *kafka, out);
  if (const auto amqp = binding("amqp")) read_amqp(*amqp->node, out);
  if (const auto sqs = binding("sqs")) read_sqs(*sqs->node, out);
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

}  // namespace ripple::importer::detail
