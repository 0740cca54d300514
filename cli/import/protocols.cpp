#include "cli/import/protocols.h"

namespace ripple::importer {
namespace {

struct Rule {
  const char* protocol;
  const char* type;
  const char* note;  // nullptr when the mapping is exact
};

// Ripple's rabbitmq is a durable broker that delivers each event to every consuming service, at
// least once, with no order by key; kafka adds order per key within partitions; sqs adds
// visibility timeouts and dead-letter queues.
constexpr Rule kRules[] = {
    {"kafka", "kafka", nullptr},
    {"kafka-secure", "kafka", nullptr},
    {"amqp", "rabbitmq", nullptr},
    {"amqps", "rabbitmq", nullptr},
    {"sqs", "sqs", nullptr},
    {"sns", "sqs",
     "sns approximated as sqs: one queue per subscribing service, each with its own visibility "
     "timeout"},
    {"mqtt", "rabbitmq",
     "mqtt approximated as rabbitmq: durable and at least once (QoS 1); a QoS 0 subscriber would "
     "lose what arrives while it is away"},
    {"secure-mqtt", "rabbitmq",
     "mqtt approximated as rabbitmq: durable and at least once (QoS 1); a QoS 0 subscriber would "
     "lose what arrives while it is away"},
    {"mqtt5", "rabbitmq",
     "mqtt approximated as rabbitmq: durable and at least once (QoS 1); a QoS 0 subscriber would "
     "lose what arrives while it is away"},
    {"ws", "rabbitmq",
     "websocket approximated as rabbitmq: it delivers across processes, but keeps events while a "
     "consumer is away, which a websocket connection does not"},
    {"wss", "rabbitmq",
     "websocket approximated as rabbitmq: it delivers across processes, but keeps events while a "
     "consumer is away, which a websocket connection does not"},
    {"http", "rabbitmq",
     "http approximated as rabbitmq: it delivers across processes, but keeps events while a "
     "consumer is away, which http push does not"},
    {"https", "rabbitmq",
     "http approximated as rabbitmq: it delivers across processes, but keeps events while a "
     "consumer is away, which http push does not"},
    {"amqp1", "rabbitmq", "amqp 1.0 approximated as rabbitmq"},
    {"jms", "rabbitmq", "jms approximated as rabbitmq (queues and topics, no order by key)"},
    {"ibmmq", "rabbitmq", "ibmmq approximated as rabbitmq (queues and topics, no order by key)"},
    {"solace", "rabbitmq", "solace approximated as rabbitmq (queues and topics, no order by key)"},
    {"stomp", "rabbitmq", "stomp approximated as rabbitmq"},
    {"stomps", "rabbitmq", "stomp approximated as rabbitmq"},
    {"nats", "rabbitmq",
     "nats approximated as rabbitmq: core nats is at most once and keeps nothing; JetStream is "
     "durable"},
    {"redis", "rabbitmq",
     "redis approximated as rabbitmq: redis pub/sub keeps nothing while a subscriber is away"},
    {"pulsar", "kafka", "pulsar approximated as kafka (partitioned topics, order per key)"},
    {"googlepubsub", "sqs",
     "google pub/sub approximated as sqs: the ack deadline plays the visibility timeout"},
    {"anypointmq", "sqs", "anypoint mq approximated as sqs (queues with a lock time)"},
    {"mercure", "rabbitmq", "mercure approximated as rabbitmq"},
};

}  // namespace

BrokerMapping map_protocol(const std::string& protocol) {
  for (const Rule& rule : kRules)
    if (protocol == rule.protocol)
      return {rule.type, rule.note == nullptr, rule.note == nullptr ? "" : rule.note, false};
  if (protocol.empty()) return {"kafka", false, "no server protocol: kafka assumed", true};
  return {"kafka", false, "protocol `" + protocol + "` is not known to ripple: kafka assumed",
          true};
}

}  // namespace ripple::importer
