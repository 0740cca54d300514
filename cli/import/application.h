#pragma once

// One AsyncAPI document read into terms that do not depend on its version: the application it
// describes, its servers, its channels with their messages, and what it does on them (sends or
// receives, 2.x `publish`/`subscribe` already turned into 3.x `action`s). Built by
// read_application (read_document.h); joined with the other documents by build_spec
// (build_spec.h). Every element keeps the place it was read from.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/import/documents.h"

namespace ripple::importer {

// A performance figure given by an `x-ripple-*` extension, already checked.
struct GivenFigure {
  std::string text;  // spec text, as written: "200/s", "exp(5ms)", "3"
  Place at;          // the extension's value
};

// The `x-ripple-*` extensions of one object: an operation, a channel, `info` or a server.
struct Extensions {
  std::optional<GivenFigure> rate;         // requests or events per second: "200/s"
  std::optional<GivenFigure> time;         // handling time, a distribution: "exp(5ms)"
  std::optional<GivenFigure> replicas;     // a count >= 1
  std::optional<GivenFigure> concurrency;  // a count >= 1
  std::optional<GivenFigure> latency;      // servers: broker latency, a distribution
  std::optional<GivenFigure> timeout;      // request/reply: how long the requester waits
};

struct Server {
  std::string id;        // its key under `servers`
  std::string protocol;  // lower case: "kafka", "kafka-secure", "mqtt", "ws"
  std::string host;      // no scheme, variables replaced by their defaults: "test.mosquitto.org"
  Extensions extensions;
  Place at;
  const YamlNode* entry = nullptr;  // its value under `servers`, before `$ref`s are followed
  Place key;                        // its key under `servers`, where problems are reported
};

// A value inside a payload whose size no schema keyword bounds.
struct DefaultedLeaf {
  std::string how;  // "string without maxLength: 32B assumed"
  Place at;         // its schema, where a keyword would bound it
};

// The size of one value of a payload, estimated from its JSON Schema.
struct SizeEstimate {
  std::int64_t bytes = 0;
  std::string how;         // "string, format uuid"; for a default, what was assumed and why
  bool defaulted = false;  // no schema keyword bounds it, or some value inside it
  Place at;                // the schema
  std::vector<DefaultedLeaf> leaves = {};  // when it combines values: the defaulted ones inside
};

struct Field {
  std::string name;  // as in the schema (made a valid spec name later)
  SizeEstimate size;
};

struct Message {
  std::vector<std::string> names;  // identifiers, the preferred first (see read_document.h)
  bool has_payload = false;
  std::vector<Field> fields;    // the payload's properties, or one field `payload`
  std::optional<Field> key;     // the kafka record key or the correlation id
  std::string key_source;       // "kafka `bindings.key`", "correlationId $message.header#/id"
  bool key_in_payload = false;  // the key is one of `fields` (by name), not an extra field
  std::string description;
  Place at;
};

// Settings of a channel's bindings that map onto broker settings.
struct ChannelBindings {
  std::optional<int> kafka_partitions;
  std::optional<std::string> kafka_topic;
  std::string amqp_is;             // "queue" or "routingKey"
  std::string amqp_exchange_type;  // "topic", "direct", "fanout", "default", "headers"
  std::string amqp_exchange_name;
  std::optional<std::int64_t> sqs_visibility_seconds;
  std::optional<int> sqs_max_receives;
  bool sqs_fifo = false;
  std::string sqs_queue_name;
  Place at;  // the `bindings` mapping, when present
};

struct Channel {
  std::string id;            // 3.x its key; 2.x its address
  std::string address;       // as written: "comment/{commentId}/changed"
  std::string join_address;  // parameters normalised: "comment/{}/changed"
  std::vector<int> servers;  // indexes into Application::servers (all of them when none named)
  ChannelBindings bindings;
  std::vector<Message> messages;
  Extensions extensions;
  std::string description;
  Place at;
};

enum class Action { Send, Receive };

struct Operation {
  std::string id;  // 3.x its key, 2.x its operationId; empty when the 2.x document gives none
  Action action = Action::Send;
  int channel = -1;                  // index into Application::channels
  std::vector<int> messages;         // indexes into that channel's messages
  std::optional<int> reply_channel;  // 3.x `reply.channel`, an index into channels
  std::string reply_address;         // 3.x `reply.address.location`, when given
  std::string kafka_group;           // `bindings.kafka.groupId` (its const, enum or default)
  std::string mqtt_qos;              // `bindings.mqtt.qos`
  std::string description;           // description, else summary
  Extensions extensions;
  Place at;
};

struct Application {
  const Document* doc = nullptr;
  std::string version;  // the `asyncapi` field: "2.6.0", "3.0.0"
  std::string title;    // info.title, trimmed
  std::string description;
  Extensions extensions;  // of `info`
  std::vector<Server> servers;
  std::vector<Channel> channels;
  std::vector<Operation> operations;
  Place at;  // the `info` key (or the root), where problems of the document are reported
};

}  // namespace ripple::importer
