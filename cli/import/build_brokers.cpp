// Brokers: one per server (protocol and host) that a joined channel uses, named after the
// server's key in the first document naming it; a server whose topics or queues differ in their
// broker settings (kafka partitions, sqs visibility timeout or redrive policy) becomes one broker
// per distinct setting, suffixed with the first channel's address.

#include <map>

#include "cli/import/build_internal.h"
#include "cli/import/figures.h"
#include "cli/import/protocols.h"

namespace ripple::importer::detail {
namespace {

// The broker settings of a joined channel, from the first document's bindings that give each.
struct Settings {
  std::optional<int> partitions;
  Place partitions_at;
  std::optional<std::int64_t> visibility_seconds;
  std::optional<int> max_receives;
  bool fifo = false;
  Place bindings_at;
  std::string amqp;  // a note on the amqp binding, or ""

  [[nodiscard]] std::string signature(const std::string& type) const {
    std::string s = type;
    if (type == "kafka") s += "|p" + (partitions ? std::to_string(*partitions) : "");
    if (type == "sqs")
      s += "|v" + (visibility_seconds ? std::to_string(*visibility_seconds) : "") + "|r" +
           (max_receives ? std::to_string(*max_receives) : "") + (fifo ? "|fifo" : "");
    return s;
  }
};

template <typename T>
void take(std::optional<T>& into, const std::optional<T>& value, Problems& problems, Place at,
          const std::string& what) {
  if (!value) return;
  if (!into) {
    into = value;
    return;
  }
  if (*into != *value)
    problems.warning(at,
                     "the documents disagree on the " + what + " of this channel (" +
                         std::to_string(*value) + " here, " + std::to_string(*into) +
                         " in an earlier document)",
                     "the first document's value is used; make them agree");
}

Settings settings_of(const std::vector<Application>& apps, const JoinedChannel& channel,
                     Problems& problems) {
  Settings s;
  for (const auto& [a, c] : channel.instances) {
    const ChannelBindings& b = apps[a].channels[c].bindings;
    if (b.kafka_partitions && !s.partitions) s.partitions_at = b.at;
    take(s.partitions, b.kafka_partitions, problems, b.at, "kafka partitions");
    take(s.visibility_seconds, b.sqs_visibility_seconds, problems, b.at, "sqs visibility timeout");
    take(s.max_receives, b.sqs_max_receives, problems, b.at, "sqs maxReceiveCount");
    s.fifo = s.fifo || b.sqs_fifo;
    if (!s.bindings_at.valid() && b.at.valid()) s.bindings_at = b.at;
    if (s.amqp.empty() && (!b.amqp_is.empty() || !b.amqp_exchange_type.empty())) {
      s.amqp = "amqp binding: " + (b.amqp_is.empty() ? std::string("routing key") : b.amqp_is);
      if (!b.amqp_exchange_type.empty())
        s.amqp += ", exchange " +
                  (b.amqp_exchange_name.empty() ? "" : "`" + b.amqp_exchange_name + "` ") + "(" +
                  b.amqp_exchange_type + ")";
    }
  }
  if (!s.partitions_at.valid()) {
    const auto& [a, c] = channel.instances.front();
    s.partitions_at = apps[a].channels[c].at;
  }
  return s;
}

struct Draft {
  int group = -1;
  std::string signature;
  int first_channel = -1;
  Settings settings;
  BrokerMapping mapping;
};

// The broker a channel needs, one per server and distinct settings; `draft_of` maps each joined
// channel to its draft (-1 for a channel that carries no event: a request/reply is a call).
std::vector<Draft> draft_brokers(const std::vector<Application>& apps, const Joined& joined,
                                 const std::vector<EventPlan>& plans, Problems& problems,
                                 std::vector<int>& draft_of) {
  std::vector<bool> carries(joined.channels.size(), false);
  for (const EventPlan& plan : plans)
    carries[plan.channel] = carries[plan.channel] || plan.published;
  std::vector<Draft> drafts;
  std::map<std::pair<int, std::string>, int> index;
  draft_of.assign(joined.channels.size(), -1);
  for (std::size_t c = 0; c < joined.channels.size(); ++c) {
    if (!carries[c]) continue;
    Draft d;
    d.group = joined.channels[c].servers.front();
    d.mapping = map_protocol(joined.servers[d.group].key.protocol);
    d.settings = settings_of(apps, joined.channels[c], problems);
    d.signature = d.settings.signature(d.mapping.type);
    d.first_channel = static_cast<int>(c);
    const auto [it, inserted] =
        index.emplace(std::make_pair(d.group, d.signature), static_cast<int>(drafts.size()));
    if (inserted) drafts.push_back(std::move(d));
    draft_of[c] = it->second;
  }
  return drafts;
}

Figure type_figure(const Draft& d, const std::string& protocol, const std::string& subject,
                   Place at) {
  if (!d.mapping.defaulted)
    return given_figure(d.mapping.type,
                        "protocol " + protocol + (d.mapping.exact ? "" : " (approximated)"), at);
  Figure f = default_figure(
      {d.mapping.type, "broker type", "the type of " + subject, "the document's `servers`", at},
      "protocol");
  f.note = "default: " + d.mapping.note;
  f.strict = {{"the type of " + subject + " is defaulted: " + d.mapping.note + " (--strict)",
               "give the document `servers` with a protocol ripple knows (kafka, amqp, sqs, "
               "mqtt, ws, ...)",
               at}};
  return f;
}

void kafka_figures(const Settings& s, const std::string& subject, OutBroker& broker) {
  if (s.partitions)
    broker.partitions =
        given_figure(std::to_string(*s.partitions), "kafka binding partitions", s.partitions_at);
  else
    broker.partitions = default_figure(
        {kDefaultPartitions, "partitions", "the partitions of the topics of " + subject,
         "the channel's `bindings.kafka`", s.partitions_at},
        "bindings.kafka.partitions");
}

void sqs_figures(const Settings& s, const std::string& subject, OutBroker& broker) {
  const Place at = s.bindings_at.valid() ? s.bindings_at : s.partitions_at;
  if (s.visibility_seconds)
    broker.visibility_timeout = given_figure(std::to_string(*s.visibility_seconds) + "s",
                                             "sqs binding visibilityTimeout", at);
  else
    broker.visibility_timeout = default_figure(
        {kDefaultVisibilityTimeout, "visibility timeout", "the visibility timeout of " + subject,
         "the channel's `bindings.sqs.queue`", at},
        "bindings.sqs.queue.visibilityTimeout");
  if (s.max_receives)
    broker.max_receives =
        given_figure(std::to_string(*s.max_receives), "sqs redrivePolicy.maxReceiveCount", at);
  broker.fifo = s.fifo;
}

OutBroker make_broker(const std::vector<Application>& apps, const Joined& joined, const Draft& d,
                      const std::string& name) {
  const ServerGroup& group = joined.servers[d.group];
  OutBroker broker;
  broker.name = name;
  Place server_at = apps[joined.channels[d.first_channel].instances.front().first].at;
  std::vector<Level> levels;
  for (const auto& [a, s] : group.members)
    levels.push_back({&apps[a].servers[s].extensions, "server"});
  if (group.members.empty()) {
    broker.comments.push_back("the documents name no server: their channels share this broker");
  } else {
    const Server& server = apps[group.members.front().first].servers[group.members.front().second];
    server_at = server.key;
    broker.comments.push_back("server `" + server.id + "`: " + group.key.protocol + " " +
                              group.key.host);
  }
  if (!d.mapping.note.empty() && !d.mapping.defaulted) broker.comments.push_back(d.mapping.note);
  if (!d.settings.amqp.empty()) broker.comments.push_back(d.settings.amqp);
  const std::string subject = "broker `" + broker.name + "`";
  broker.type = type_figure(d, group.key.protocol, subject, server_at);
  broker.latency = figure_from(
      levels, &Extensions::latency, "x-ripple-latency",
      {kDefaultLatency, "latency", "the latency of " + subject, "the server", server_at});
  if (d.mapping.type == "kafka") kafka_figures(d.settings, subject, broker);
  if (d.mapping.type == "sqs") sqs_figures(d.settings, subject, broker);
  return broker;
}

}  // namespace

std::string Builder::server_name(int group) const {
  const ServerGroup& g = joined_.servers[group];
  if (g.members.empty()) return "bus";
  const auto& [a, s] = g.members.front();
  std::string name = identifier(apps_[a].servers[s].id, "b_");
  return name.empty() ? "broker" : name;
}

void Builder::make_brokers() {
  std::vector<int> draft_of;
  const std::vector<Draft> drafts = draft_brokers(apps_, joined_, plans_, problems_, draft_of);
  std::map<int, int> variants;
  for (const Draft& d : drafts) ++variants[d.group];
  std::vector<std::string> names;
  for (const Draft& d : drafts) {
    std::string base = server_name(d.group);
    if (service_names_.count(base) > 0) base += "-broker";
    if (variants[d.group] > 1) {
      const auto& [a, ch] = joined_.channels[d.first_channel].instances.front();
      const std::string topic = identifier(apps_[a].channels[ch].id, "t_");
      if (!topic.empty()) base += "-" + topic;
    }
    names.push_back(components_.unique(base));
  }
  for (const int d : draft_of) broker_of_.push_back(d >= 0 ? names[d] : std::string());
  for (std::size_t i = 0; i < drafts.size(); ++i)
    spec_.brokers.push_back(make_broker(apps_, joined_, drafts[i], names[i]));
}

}  // namespace ripple::importer::detail
