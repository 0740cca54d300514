// Events and their entities: each message of a joined channel that some operation publishes
// becomes an event on the channel's broker, named after the message as its sender names it; its
// payload becomes an entity of the same name, owned by the sender, whose fields the event
// carries (`entity.*`), with the message's key among them.

#include <algorithm>

#include "cli/import/build_internal.h"
#include "cli/import/figures.h"

namespace ripple::importer::detail {
namespace {

std::string label_of(const Message& message, const std::string& address) {
  for (const std::string& name : message.names)
    if (std::string label = identifier(name, "m_"); !label.empty()) return label;
  const std::string label = identifier(address, "m_");
  return label.empty() ? "event" : label;
}

std::vector<std::string> field_names(const Message& message) {
  std::vector<std::string> names;
  for (const Field& f : message.fields) names.push_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out.empty() ? "none" : out;
}

}  // namespace

std::optional<OperationRef> Builder::naming_operation(const JoinedEvent& event) const {
  for (const auto* list : {&event.senders, &event.receivers}) {
    std::vector<OperationRef> ops = *list;
    std::stable_sort(ops.begin(), ops.end(), [&](const OperationRef& a, const OperationRef& b) {
      return spec_.services[a.app].name < spec_.services[b.app].name;
    });
    if (!ops.empty()) return ops.front();
  }
  return std::nullopt;
}

MessageRef Builder::naming_message(const JoinedEvent& event) const {
  if (const auto op = naming_operation(event))
    for (const MessageRef& m : event.messages) {
      const Operation& o = operation(*op);
      if (m.app == op->app && m.channel == o.channel &&
          std::find(o.messages.begin(), o.messages.end(), m.message) != o.messages.end())
        return m;
    }
  return event.messages.front();
}

// One message sent on several channels (streetlights' `turnOnOff` on `turn.on` and `turn.off`)
// would give events `turnOnOff` and `turnOnOff-2`. When every such event has a sending operation
// with an id, and those ids are distinct and free, each is named after it (`turnOn`, `turnOff`).
void Builder::separate_labels() {
  std::map<std::string, std::vector<EventPlan*>> by_label;
  for (EventPlan& plan : plans_) by_label[plan.label].push_back(&plan);
  std::set<std::string> taken;
  for (const auto& [label, plans] : by_label) taken.insert(label);
  for (auto& [label, plans] : by_label) {
    if (plans.size() < 2) continue;
    std::vector<std::string> ids;
    for (const EventPlan* plan : plans) {
      const JoinedEvent& event = joined_.channels[plan->channel].events[plan->event];
      const auto op = naming_operation(event);
      const bool sent = op && !event.senders.empty();
      ids.push_back(sent ? identifier(operation(*op).id, "m_") : "");
    }
    std::set<std::string> distinct(ids.begin(), ids.end());
    const bool usable = distinct.size() == ids.size() && distinct.count("") == 0 &&
                        std::none_of(ids.begin(), ids.end(),
                                     [&](const std::string& id) { return taken.count(id) > 0; });
    if (!usable) continue;
    for (std::size_t i = 0; i < plans.size(); ++i) {
      plans[i]->label = ids[i];
      taken.insert(ids[i]);
    }
  }
}

void Builder::plan_events() {
  for (std::size_t c = 0; c < joined_.channels.size(); ++c) {
    const JoinedChannel& channel = joined_.channels[c];
    for (std::size_t e = 0; e < channel.events.size(); ++e) {
      const JoinedEvent& event = channel.events[e];
      EventPlan plan;
      plan.channel = static_cast<int>(c);
      plan.event = static_cast<int>(e);
      plan.label = label_of(message(naming_message(event)), address_of(channel));
      for (const OperationRef& r : event.receivers)
        (operation(r).reply_channel ? plan.repliers : plan.consumers).push_back(r);
      // A message no operation sends or receives (a channel only declared, or only the reply of
      // a request/reply) is no event; a request that only repliers receive is a call.
      const bool used = !event.senders.empty() || !event.receivers.empty();
      plan.published = used && (plan.repliers.empty() || !plan.consumers.empty());
      plans_.push_back(std::move(plan));
    }
  }
  separate_labels();
}

void Builder::make_events() {
  for (EventPlan& plan : plans_)
    if (plan.published) make_event(plan);
}

void Builder::make_event(EventPlan& plan) {
  const JoinedChannel& channel = joined_.channels[plan.channel];
  const JoinedEvent& event = channel.events[plan.event];
  const MessageRef source = naming_message(event);
  plan.name = events_.unique(plan.label);
  OutEvent out;
  out.name = plan.name;
  out.broker = broker_of_[plan.channel];
  out.description = message(source).description;
  out.comments.push_back("channel `" + address_of(channel) + "` on `" + out.broker + "`: sent by " +
                         service_list(event.senders) + "; received by " +
                         service_list(event.receivers));
  if (channel.servers.size() > 1) {
    std::string others;
    for (std::size_t i = 1; i < channel.servers.size(); ++i)
      others += (others.empty() ? "`" : ", `") + server_name(channel.servers[i]) + "`";
    out.comments.push_back(std::string("the channel is also on server") +
                           (channel.servers.size() > 2 ? "s " : " ") + others +
                           "; ripple puts it on one broker");
  }
  // The message comes from the first sender's document, else the first receiver's: its service
  // owns the payload.
  make_entity(plan, source, spec_.services[source.app].name, out);
  if (!payloads_agree(plan, source))
    out.comments.push_back("the documents disagree on its payload");
  spec_.events.push_back(std::move(out));
}

void Builder::make_entity(const EventPlan& plan, const MessageRef& source, const std::string& owner,
                          OutEvent& event) {
  const Message& m = message(source);
  const bool sent = !joined_.channels[plan.channel].events[plan.event].senders.empty();
  if (m.fields.empty() && !m.key) {
    event.comments.push_back(m.has_payload ? "its payload has no fields"
                                           : "the documents give no payload: it carries nothing");
    return;
  }
  OutEntity entity;
  entity.name = plan.name;
  entity.owner = owner;
  entity.comments.push_back("the payload of `" + plan.name + "` as `" + owner + "` " +
                            (sent ? "sends it" : "receives it (no document sends it)"));
  Namer names;
  std::map<std::string, std::string> spec_name_of;
  for (const Field& f : m.fields) {
    std::string name = identifier(f.name, "f_");
    name = names.unique(name.empty() ? "field" : name);
    spec_name_of.emplace(f.name, name);
    entity.fields.push_back({name, size_figure(f.size)});
  }
  if (m.key) {
    std::string key_field;
    if (m.key_in_payload) {
      key_field = spec_name_of[m.key->name];
    } else {
      const std::string base = identifier(m.key->name, "f_");
      key_field = names.unique(base.empty() ? "key" : base);
      OutField field{key_field, size_figure(m.key->size)};
      field.size.note = "the key: " + field.size.note;
      entity.fields.push_back(std::move(field));
    }
    event.key = entity.name + "." + key_field;
    event.key_note = "from " + m.key_source;
  }
  event.carries.push_back(entity.name + ".*");
  spec_.entities.push_back(std::move(entity));
}

bool Builder::payloads_agree(const EventPlan& plan, const MessageRef& source) {
  const JoinedEvent& event = joined_.channels[plan.channel].events[plan.event];
  const std::vector<std::string> reference = field_names(message(source));
  bool disagree = false;
  for (const MessageRef& m : event.messages) {
    const std::vector<std::string> fields = field_names(message(m));
    if (fields == reference || !message(m).has_payload) continue;
    disagree = true;
    problems_.warning(message(m).at,
                      "the documents disagree on the payload of `" + plan.name + "`: this one " +
                          "has fields " + joined(fields) + ", " + apps_[source.app].doc->path +
                          " has " + joined(reference),
                      "the spec uses " + apps_[source.app].doc->path +
                          "'s (its sender's); make the schemas agree");
  }
  return !disagree;
}

}  // namespace ripple::importer::detail
