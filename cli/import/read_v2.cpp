// AsyncAPI 2.x channels: the channel's key is its address; `subscribe` is what the application
// sends there and `publish` what it receives (2.x describes the operations a *client* of the
// application may perform, so the words are inverted).

#include <utility>

#include "cli/import/names.h"
#include "cli/import/read_versions.h"
#include "model/spellcheck.h"

namespace ripple::importer::detail {
namespace {

std::vector<int> named_servers(Reading& r, const Application& app, Place channel,
                               const std::string& address) {
  const YamlNode* names = channel.node->find("servers");
  if (names == nullptr) return all_servers(app);
  std::vector<int> out;
  if (!names->is_sequence()) {
    r.problems.error({channel.doc, names}, "`servers` of channel `" + address + "` must be a list",
                     "write `servers: [production]` with names from the document's `servers`");
    return all_servers(app);
  }
  std::vector<std::string> known;
  for (const Server& server : app.servers) known.push_back(server.id);
  for (const YamlNode& name : names->items) {
    bool found = false;
    for (std::size_t i = 0; i < app.servers.size(); ++i)
      if (app.servers[i].id == name.value) {
        out.push_back(static_cast<int>(i));
        found = true;
      }
    if (found) continue;
    const auto guess = model::closest_match(name.value, known);
    r.problems.error(
        {channel.doc, &name},
        "channel `" + address + "` names an unknown server `" + name.value + "`",
        guess ? "did you mean `" + *guess + "`?" : "name a server of the document's `servers`");
  }
  return out;
}

// The messages of a 2.x operation: its `message`, or each member of `message.oneOf`.
void read_operation_messages(Reading& r, Place operation, const std::string& address, Operation& op,
                             Channel& channel) {
  const YamlNode* message = operation.node->find("message");
  if (message == nullptr) {
    r.problems.warning(operation, "this operation on channel `" + address + "` has no `message`",
                       "add `message:`; without one it carries nothing and is left out");
    return;
  }
  const Place message_at{operation.doc, message};
  const std::vector<std::string> outer = ref_segments(r, message_at);
  const auto resolved = r.refs.follow(message_at);
  if (!resolved) return;
  std::vector<Place> members;
  const YamlNode* one_of = resolved->node->is_map() ? resolved->node->find("oneOf") : nullptr;
  if (one_of != nullptr && one_of->is_sequence()) {
    for (const YamlNode& member : one_of->items) members.push_back({resolved->doc, &member});
  } else {
    members.push_back(message_at);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::vector<std::string> names = members.size() == 1 ? outer : ref_segments(r, members[i]);
    if (!op.id.empty())
      names.push_back(members.size() == 1 ? op.id : op.id + std::to_string(i + 1));
    if (std::string fallback = identifier(address, "m_"); !fallback.empty())
      names.push_back(members.size() == 1 ? fallback : fallback + "_" + std::to_string(i + 1));
    op.messages.push_back(static_cast<int>(channel.messages.size()));
    channel.messages.push_back(read_message(r, members[i], std::move(names)));
  }
}

void read_operation(Reading& r, Place item, const char* keyword, Action action, int index,
                    Channel& channel, Application& app) {
  const YamlNode* node = item.node->find(keyword);
  if (node == nullptr) return;
  const auto operation = mapping(
      r, {item.doc, node}, "the `" + std::string(keyword) + "` of channel `" + channel.id + "`");
  if (!operation) return;
  Operation op;
  op.action = action;
  op.channel = index;
  op.at = *operation;
  op.id = text_of(operation->node->find("operationId"));
  for (const char* text : {"description", "summary"})
    if (op.description.empty())
      if (const auto found = find_with_traits(r, *operation, text))
        op.description = text_of(found->node);
  op.extensions = read_extensions(r, *operation);
  read_operation_bindings(r, *operation, op);
  read_operation_messages(r, *operation, channel.id, op, channel);
  if (!op.messages.empty()) app.operations.push_back(std::move(op));
}

}  // namespace

std::vector<int> all_servers(const Application& app) {
  std::vector<int> out;
  for (std::size_t i = 0; i < app.servers.size(); ++i) out.push_back(static_cast<int>(i));
  return out;
}

void read_channels_v2(Reading& r, Application& app) {
  const YamlNode* channels = r.doc.root.find("channels");
  if (channels == nullptr) {
    r.problems.warning(r.at(r.doc.root), "the document has no `channels`",
                       "an application without channels sends and receives nothing");
    return;
  }
  const auto map = mapping(r, r.at(*channels), "`channels`");
  if (!map) return;
  for (const auto& [key, value] : map->node->entries) {
    if (!key.is_scalar()) continue;
    const auto item = mapping(r, {map->doc, &value}, "channel `" + key.value + "`");
    if (!item) continue;
    Channel channel;
    channel.id = key.value;
    channel.address = key.value;
    channel.join_address = join_address(key.value);
    channel.at = {map->doc, &key};
    channel.description = text_of(item->node->find("description"));
    channel.servers = named_servers(r, app, *item, key.value);
    channel.bindings = read_channel_bindings(r, *item);
    channel.extensions = read_extensions(r, *item);
    const int index = static_cast<int>(app.channels.size());
    read_operation(r, *item, "subscribe", Action::Send, index, channel, app);
    read_operation(r, *item, "publish", Action::Receive, index, channel, app);
    app.channels.push_back(std::move(channel));
  }
}

}  // namespace ripple::importer::detail
