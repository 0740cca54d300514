#pragma once

// The state of build_spec, shared by its parts: brokers (build_brokers.cpp), events and entities
// (build_events.cpp), services, operations, consumers and sources (build_services.cpp).
// Internal to the importer.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cli/import/build_spec.h"
#include "cli/import/figures.h"
#include "cli/import/join.h"
#include "cli/import/names.h"

namespace ripple::importer::detail {

// What one event of a joined channel became.
struct EventPlan {
  int channel = -1;   // index into Joined::channels
  int event = -1;     // index into that channel's events
  std::string label;  // a valid name from the message's identifiers (operations are named by it)
  std::string name;   // the spec event; "" when it is only the request of a request/reply
  bool published = false;
  std::vector<OperationRef> repliers;   // receivers that reply: synchronous operations
  std::vector<OperationRef> consumers;  // receivers that do not reply
};

class Builder {
 public:
  Builder(const std::vector<Application>& apps, Problems& problems)
      : apps_(apps), problems_(problems) {}

  OutSpec build(const BuildOptions& options);

 private:
  // build_spec.cpp
  void name_services();
  std::string spec_name(const BuildOptions& options) const;
  void finish();

  // build_brokers.cpp
  void make_brokers();
  std::string server_name(int group) const;

  // build_events.cpp
  void plan_events();
  void make_events();
  void make_event(EventPlan& plan);
  void make_entity(const EventPlan& plan, const MessageRef& source, const std::string& owner,
                   OutEvent& event);
  // Warns where a document describes the event's payload with other fields than `source`.
  [[nodiscard]] bool payloads_agree(const EventPlan& plan, const MessageRef& source);
  void separate_labels();
  // The operation that names an event: its first sender by service name, else its first receiver.
  [[nodiscard]] std::optional<OperationRef> naming_operation(const JoinedEvent& event) const;
  [[nodiscard]] MessageRef naming_message(const JoinedEvent& event) const;

  // build_services.cpp
  void make_operations();
  void make_consumers(const EventPlan& plan);
  void make_replier(const EventPlan& plan, const OperationRef& replier);
  void make_sender(const OperationRef& sender, const std::vector<const EventPlan*>& plans);
  void add_request(const OperationRef& sender, const EventPlan& plan, const std::string& full,
                   OutOperation& out);
  void add_source(int app, const std::string& operation, const std::string& event, Figure rate,
                  std::string comment);

  [[nodiscard]] const Operation& operation(const OperationRef& ref) const {
    return apps_[ref.app].operations[ref.operation];
  }
  [[nodiscard]] const Channel& channel_of(const OperationRef& ref) const {
    return apps_[ref.app].channels[operation(ref).channel];
  }
  [[nodiscard]] const Message& message(const MessageRef& ref) const {
    return apps_[ref.app].channels[ref.channel].messages[ref.message];
  }
  [[nodiscard]] std::vector<Level> levels(const OperationRef& ref) const;
  [[nodiscard]] std::string address_of(const JoinedChannel& channel) const;
  [[nodiscard]] std::string service_list(std::vector<OperationRef> refs) const;

  const std::vector<Application>& apps_;
  Problems& problems_;
  Joined joined_;
  OutSpec spec_;
  Namer components_;  // services and brokers share one namespace
  std::set<std::string> service_names_;
  Namer events_;
  std::vector<Namer> operation_names_;  // per service
  std::vector<std::string> broker_of_;  // per joined channel
  std::vector<EventPlan> plans_;
  std::map<OperationRef, std::string> replier_operation_;  // its `service.operation`
};

}  // namespace ripple::importer::detail
