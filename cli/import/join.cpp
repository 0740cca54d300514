#include "cli/import/join.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace ripple::importer {
namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The smaller root wins, so that components are named by their first member.
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

std::vector<ServerGroup> group_servers(const std::vector<Application>& apps,
                                       std::vector<std::vector<int>>& group_of) {
  std::vector<ServerGroup> groups;
  std::map<ServerKey, int> index;
  group_of.resize(apps.size());
  for (std::size_t a = 0; a < apps.size(); ++a)
    for (std::size_t s = 0; s < apps[a].servers.size(); ++s) {
      const ServerKey key{apps[a].servers[s].protocol, apps[a].servers[s].host};
      const auto [it, inserted] = index.emplace(key, static_cast<int>(groups.size()));
      if (inserted) groups.push_back({key, {}});
      groups[it->second].members.emplace_back(static_cast<int>(a), static_cast<int>(s));
      group_of[a].push_back(it->second);
    }
  return groups;
}

// Groups the messages of one joined channel into events.
using OperationsOf = std::map<std::pair<int, int>, std::vector<int>>;  // (app, channel) -> ops

std::vector<JoinedEvent> group_messages(const std::vector<Application>& apps,
                                        const JoinedChannel& channel, OperationsOf& operations_of) {
  std::vector<MessageRef> all;
  bool one_each = true;
  for (const auto& [a, c] : channel.instances) {
    const std::size_t count = apps[a].channels[c].messages.size();
    one_each = one_each && count == 1;
    for (std::size_t m = 0; m < count; ++m) all.push_back({a, c, static_cast<int>(m)});
  }
  UnionFind sets(all.size());
  std::map<std::string, std::size_t> first_with_name;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (one_each && i > 0) sets.unite(0, i);
    for (const std::string& name :
         apps[all[i].app].channels[all[i].channel].messages[all[i].message].names) {
      const auto [it, inserted] = first_with_name.emplace(name, i);
      if (!inserted) sets.unite(it->second, i);
    }
  }
  std::map<std::size_t, std::size_t> event_of_root;
  std::vector<JoinedEvent> events;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto [it, inserted] = event_of_root.emplace(sets.find(i), events.size());
    if (inserted) events.emplace_back();
    events[it->second].messages.push_back(all[i]);
  }
  for (JoinedEvent& event : events)
    for (const MessageRef& m : event.messages) {
      const Application& app = apps[m.app];
      for (const int o : operations_of[{m.app, m.channel}]) {
        const Operation& op = app.operations[o];
        if (std::find(op.messages.begin(), op.messages.end(), m.message) == op.messages.end())
          continue;
        auto& list = op.action == Action::Send ? event.senders : event.receivers;
        const OperationRef ref{m.app, static_cast<int>(o)};
        if (std::find(list.begin(), list.end(), ref) == list.end()) list.push_back(ref);
      }
    }
  return events;
}

}  // namespace

Joined join_channels(const std::vector<Application>& apps) {
  Joined joined;
  std::vector<std::vector<int>> group_of;
  joined.servers = group_servers(apps, group_of);
  const int implicit = static_cast<int>(joined.servers.size());
  bool implicit_used = false;

  std::vector<std::pair<int, int>> instances;
  std::vector<std::vector<int>> instance_servers;
  for (std::size_t a = 0; a < apps.size(); ++a)
    for (std::size_t c = 0; c < apps[a].channels.size(); ++c) {
      std::vector<int> servers;
      for (const int s : apps[a].channels[c].servers) servers.push_back(group_of[a][s]);
      if (servers.empty()) {
        servers.push_back(implicit);
        implicit_used = true;
      }
      std::sort(servers.begin(), servers.end());
      servers.erase(std::unique(servers.begin(), servers.end()), servers.end());
      instances.emplace_back(static_cast<int>(a), static_cast<int>(c));
      instance_servers.push_back(std::move(servers));
    }
  if (implicit_used) joined.servers.push_back({{"", ""}, {}});

  UnionFind sets(instances.size());
  std::map<std::pair<std::string, int>, std::size_t> first_at;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const auto& [a, c] = instances[i];
    for (const int server : instance_servers[i]) {
      const auto [it, inserted] =
          first_at.emplace(std::make_pair(apps[a].channels[c].join_address, server), i);
      if (!inserted) sets.unite(it->second, i);
    }
  }
  std::map<std::size_t, std::size_t> channel_of_root;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const auto [it, inserted] = channel_of_root.emplace(sets.find(i), joined.channels.size());
    if (inserted) {
      joined.channels.emplace_back();
      const auto& [a, c] = instances[i];
      joined.channels.back().join_address = apps[a].channels[c].join_address;
    }
    JoinedChannel& channel = joined.channels[it->second];
    channel.instances.push_back(instances[i]);
    channel.servers.insert(channel.servers.end(), instance_servers[i].begin(),
                           instance_servers[i].end());
  }
  OperationsOf operations_of;
  for (std::size_t a = 0; a < apps.size(); ++a)
    for (std::size_t o = 0; o < apps[a].operations.size(); ++o)
      operations_of[{static_cast<int>(a), apps[a].operations[o].channel}].push_back(
          static_cast<int>(o));
  for (JoinedChannel& channel : joined.channels) {
    std::sort(channel.servers.begin(), channel.servers.end());
    channel.servers.erase(std::unique(channel.servers.begin(), channel.servers.end()),
                          channel.servers.end());
    channel.events = group_messages(apps, channel, operations_of);
  }
  std::stable_sort(joined.channels.begin(), joined.channels.end(),
                   [](const JoinedChannel& x, const JoinedChannel& y) {
                     return std::tie(x.join_address, x.servers) <
                            std::tie(y.join_address, y.servers);
                   });
  return joined;
}

}  // namespace ripple::importer
