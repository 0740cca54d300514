#pragma once

// Joining the channels of many documents into one system. Two documents' channels are the same
// channel when they have the same address (parameters normalised: `comment/{id}/changed` is
// `comment/{}/changed`) on a common server (same protocol and host); a channel on several
// servers joins every document that shares one of them. Documents without servers share one
// implicit server. On a joined channel, messages are the same event when they share an
// identifier (a message's key, `name`, `$ref` segment, ...), or when every document has exactly
// one message on the channel.

#include <string>
#include <utility>
#include <vector>

#include "cli/import/application.h"

namespace ripple::importer {

struct ServerKey {
  std::string protocol;  // "" for the implicit server of documents without servers
  std::string host;
  auto operator<=>(const ServerKey&) const = default;
};

// One server, as every document that names it sees it.
struct ServerGroup {
  ServerKey key;
  std::vector<std::pair<int, int>> members;  // (application, server) indexes
};

struct MessageRef {
  int app = -1;
  int channel = -1;
  int message = -1;
};

struct OperationRef {
  int app = -1;
  int operation = -1;
  auto operator<=>(const OperationRef&) const = default;
};

// One message on a joined channel, with every operation that sends or receives it.
struct JoinedEvent {
  std::vector<MessageRef> messages;  // each document's view of it, in document order
  std::vector<OperationRef> senders;
  std::vector<OperationRef> receivers;
};

struct JoinedChannel {
  std::string join_address;
  std::vector<std::pair<int, int>> instances;  // (application, channel), in document order
  std::vector<int> servers;                    // indexes into Joined::servers, ascending
  std::vector<JoinedEvent> events;
};

struct Joined {
  std::vector<ServerGroup> servers;     // in order of first appearance
  std::vector<JoinedChannel> channels;  // sorted by address, then first server
};

// REQUIRES: apps are in a stable order (the importer sorts them by path).
[[nodiscard]] Joined join_channels(const std::vector<Application>& apps);

}  // namespace ripple::importer
