// AsyncAPI 3.x channels and operations: channels hold an `address` and their `messages`;
// operations name their channel, their messages and an optional `reply` by `$ref`, and say
// `action: send|receive` as written. References are matched by the node they reach, first as
// written (`#/channels/x`) and then with their own references followed.

#include <map>
#include <utility>

#include "cli/import/read_versions.h"
#include "model/spellcheck.h"

namespace ripple::importer::detail {
namespace {

// What references can point at, by the node they reach: as declared (before `$ref`s) and with
// references followed. Maps, so that a document of many channels is read in n log n.
struct Targets {
  std::map<const YamlNode*, int> declared;
  std::map<const YamlNode*, int> resolved;
  void add(const YamlNode* as_declared, const YamlNode* as_resolved, int index) {
    declared.emplace(as_declared, index);
    if (as_resolved != nullptr) resolved.emplace(as_resolved, index);
  }
};

// What an operation's references can point at: each channel as declared under `channels`, and
// each of its messages as declared under the channel's `messages`.
struct Declared {
  Targets channels;
  std::vector<Targets> messages;  // per channel
};

// The index of the element `ref` (a `$ref` mapping) points at, -1 when it is none of them, -2
// when the reference is broken (already reported).
int match(Reading& r, Place ref, const Targets& targets) {
  const auto target = r.refs.step(ref);
  if (!target) return -2;
  if (const auto it = targets.declared.find(target->node); it != targets.declared.end())
    return it->second;
  const auto final = r.refs.follow(*target);
  if (!final) return -2;
  if (const auto it = targets.resolved.find(final->node); it != targets.resolved.end())
    return it->second;
  return -1;
}

std::vector<int> channel_servers(Reading& r, const Application& app, Place channel,
                                 const std::string& id) {
  const YamlNode* refs = channel.node->find("servers");
  if (refs == nullptr) return all_servers(app);
  std::vector<int> out;
  if (!refs->is_sequence()) {
    r.problems.error({channel.doc, refs}, "`servers` of channel `" + id + "` must be a list",
                     "write `servers: [{$ref: '#/servers/production'}]`");
    return all_servers(app);
  }
  Targets servers;
  for (std::size_t i = 0; i < app.servers.size(); ++i)
    servers.add(app.servers[i].entry, app.servers[i].at.node, static_cast<int>(i));
  for (const YamlNode& ref : refs->items) {
    const int index = match(r, {channel.doc, &ref}, servers);
    if (index >= 0) out.push_back(index);
    if (index == -1)
      r.problems.error({channel.doc, &ref},
                       "channel `" + id +
                           "` names a server that is not "
                           "under the document's `servers`",
                       "write `$ref: '#/servers/NAME'`");
  }
  return out;
}

void read_channel(Reading& r, const YamlNode& key, Place value, Application& app,
                  Declared& declared) {
  Channel channel;
  channel.id = key.value;
  channel.at = {value.doc, &key};
  const auto item = mapping(r, value, "channel `" + key.value + "`");
  declared.channels.add(value.node, item ? item->node : nullptr,
                        static_cast<int>(app.channels.size()));
  declared.messages.emplace_back();
  if (item) {
    const YamlNode* address = item->node->find("address");
    channel.address = address != nullptr && address->is_scalar() ? text_of(address) : key.value;
    channel.description = text_of(item->node->find("description"));
    channel.servers = channel_servers(r, app, *item, key.value);
    channel.bindings = read_channel_bindings(r, *item);
    channel.extensions = read_extensions(r, *item);
    if (const YamlNode* messages = item->node->find("messages"))
      if (const auto map =
              mapping(r, {item->doc, messages}, "`messages` of channel `" + key.value + "`"))
        for (const auto& [message_key, message] : map->node->entries) {
          const Place at{map->doc, &message};
          std::vector<std::string> names{message_key.value};
          for (std::string& segment : ref_segments(r, at)) names.push_back(std::move(segment));
          channel.messages.push_back(read_message(r, at, std::move(names)));
          declared.messages.back().add(&message, channel.messages.back().at.node,
                                       static_cast<int>(channel.messages.size()) - 1);
        }
  } else {
    channel.address = key.value;
  }
  channel.join_address = join_address(channel.address);
  app.channels.push_back(std::move(channel));
}

// The channel an operation (or its reply) names in its `channel`; -1 after reporting.
int operation_channel(Reading& r, Place holder, const std::string& what, const Declared& declared,
                      bool required) {
  const YamlNode* ref = holder.node->find("channel");
  if (ref == nullptr) {
    if (required)
      r.problems.error(holder, what + " has no `channel`",
                       "add `channel: {$ref: '#/channels/NAME'}`");
    return -1;
  }
  const int index = match(r, {holder.doc, ref}, declared.channels);
  if (index == -1)
    r.problems.error({holder.doc, ref}, what + " names a channel that is not under `channels`",
                     "write `channel: {$ref: '#/channels/NAME'}`");
  return index;
}

void read_messages_of(Reading& r, Place operation, const std::string& id, const Channel& channel,
                      int channel_index, const Declared& declared, Operation& op) {
  const YamlNode* refs = operation.node->find("messages");
  if (refs == nullptr) {
    for (std::size_t i = 0; i < channel.messages.size(); ++i)
      op.messages.push_back(static_cast<int>(i));
    return;
  }
  if (!refs->is_sequence()) {
    r.problems.error({operation.doc, refs}, "`messages` of operation `" + id + "` must be a list",
                     "write `messages: [{$ref: '#/channels/CHANNEL/messages/NAME'}]`");
    return;
  }
  for (const YamlNode& ref : refs->items) {
    const int index = match(r, {operation.doc, &ref}, declared.messages[channel_index]);
    if (index >= 0) op.messages.push_back(index);
    if (index == -1)
      r.problems.error(
          {operation.doc, &ref},
          "operation `" + id + "` names a message that is not in its channel `" + channel.id + "`",
          "write `$ref: '#/channels/" + channel.id + "/messages/NAME'`");
  }
}

void read_reply(Reading& r, Place operation, const std::string& id, const Declared& declared,
                Operation& op) {
  const YamlNode* node = operation.node->find("reply");
  if (node == nullptr) return;
  const auto reply = mapping(r, {operation.doc, node}, "`reply` of operation `" + id + "`");
  if (!reply) return;
  const int channel =
      operation_channel(r, *reply, "the reply of operation `" + id + "`", declared, false);
  op.reply_channel = channel >= 0 ? std::optional<int>(channel) : std::optional<int>(-1);
  if (const YamlNode* address = reply->node->find("address"))
    if (const auto resolved = r.refs.follow({reply->doc, address});
        resolved && resolved->node->is_map())
      op.reply_address = text_of(resolved->node->find("location"));
}

void read_operation(Reading& r, const YamlNode& key, Place value, const Declared& declared,
                    Application& app) {
  const std::string what = "operation `" + key.value + "`";
  const auto operation = mapping(r, value, what);
  if (!operation) return;
  Operation op;
  op.id = key.value;
  op.at = {value.doc, &key};
  const YamlNode* action = operation->node->find("action");
  const std::string verb = text_of(action);
  if (verb != "send" && verb != "receive") {
    const auto guess = model::closest_match(verb, {"send", "receive"});
    r.problems.error(
        action != nullptr ? Place{operation->doc, action} : *operation,
        action == nullptr ? what + " has no `action`"
                          : what + " has an unknown action `" + verb + "`",
        guess ? "did you mean `" + *guess + "`?" : "write `action: send` or `receive`");
    return;
  }
  op.action = verb == "send" ? Action::Send : Action::Receive;
  op.channel = operation_channel(r, *operation, what, declared, true);
  if (op.channel < 0) return;
  for (const char* text : {"description", "summary"})
    if (op.description.empty())
      if (const auto found = find_with_traits(r, *operation, text))
        op.description = text_of(found->node);
  op.extensions = read_extensions(r, *operation);
  read_operation_bindings(r, *operation, op);
  read_messages_of(r, *operation, key.value, app.channels[op.channel], op.channel, declared, op);
  read_reply(r, *operation, key.value, declared, op);
  app.operations.push_back(std::move(op));
}

}  // namespace

void read_channels_v3(Reading& r, Application& app) {
  Declared declared;
  if (const YamlNode* channels = r.doc.root.find("channels"))
    if (const auto map = mapping(r, r.at(*channels), "`channels`"))
      for (const auto& [key, value] : map->node->entries)
        if (key.is_scalar()) read_channel(r, key, {map->doc, &value}, app, declared);
  const YamlNode* operations = r.doc.root.find("operations");
  if (operations == nullptr) return;
  const auto map = mapping(r, r.at(*operations), "`operations`");
  if (!map) return;
  for (const auto& [key, value] : map->node->entries)
    if (key.is_scalar()) read_operation(r, key, {map->doc, &value}, declared, app);
}

}  // namespace ripple::importer::detail
