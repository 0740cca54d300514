// Operations, consumers and workload sources. A send operation becomes a spec operation of its
// service that publishes the event (one spec operation per message when it sends several, each
// with its share of the rate) and is driven by a workload source at its rate. A receive
// operation becomes the service's consumer of the event. A receive operation with a 3.x `reply`
// becomes a synchronous operation of the replier, and each operation sending on its channel
// calls it; a replier nobody in the documents calls is driven by a source of its own.

#include <algorithm>

#include "cli/import/build_internal.h"
#include "cli/import/figures.h"

namespace ripple::importer::detail {
namespace {

std::string reply_address(const Application& app, const Operation& op) {
  if (op.reply_channel && *op.reply_channel >= 0) return app.channels[*op.reply_channel].address;
  if (!op.reply_address.empty()) return "the address at " + op.reply_address;
  return "the address the request names";
}

}  // namespace

void Builder::make_operations() {
  std::map<OperationRef, std::vector<const EventPlan*>> sends;
  for (const EventPlan& plan : plans_) {
    const JoinedEvent& event = joined_.channels[plan.channel].events[plan.event];
    for (const OperationRef& r : plan.repliers) make_replier(plan, r);
    for (const OperationRef& s : event.senders) sends[s].push_back(&plan);
    make_consumers(plan);
  }
  for (const auto& [sender, plans] : sends) make_sender(sender, plans);
  for (std::size_t a = 0; a < apps_.size(); ++a) {
    OutService& service = spec_.services[a];
    if (!service.operations.empty())
      service.workers = figure_from(
          {{&apps_[a].extensions, "info"}}, &Extensions::concurrency, "x-ripple-concurrency",
          {kDefaultWorkers, "workers", "the workers of service `" + service.name + "`",
           "the document's `info`", apps_[a].at});
    if (service.operations.empty() && service.consumers.empty())
      service.comments.push_back("the document sends and receives nothing ripple can model");
  }
}

void Builder::make_replier(const EventPlan& plan, const OperationRef& replier) {
  if (replier_operation_.count(replier) > 0) return;
  const Operation& op = operation(replier);
  OutService& service = spec_.services[replier.app];
  std::string base = identifier(op.id, "op_");
  OutOperation out;
  out.name =
      operation_names_[replier.app].unique(base.empty() ? "reply" + upper_first(plan.label) : base);
  const std::string full = service.name + "." + out.name;
  out.description = op.description.empty() ? channel_of(replier).description : op.description;
  out.time = figure_from(levels(replier), &Extensions::time, "x-ripple-time",
                         {kDefaultHandlingTime, "time", "the time of `" + full + "`",
                          "this operation, its channel or `info`", op.at});
  out.comments.push_back("request/reply: requests arrive on `" + channel_of(replier).address +
                         "`, replies go to " + "`" + reply_address(apps_[replier.app], op) + "`");
  replier_operation_[replier] = full;
  const JoinedEvent& event = joined_.channels[plan.channel].events[plan.event];
  if (event.senders.empty())
    add_source(replier.app, out.name, "",
               figure_from(levels(replier), &Extensions::rate, "x-ripple-rate",
                           {kDefaultRate, "rate", "the rate of requests to `" + full + "`",
                            "this operation, its channel or `info`", op.at}),
               "requests from outside the documents: no imported document sends them");
  service.operations.push_back(std::move(out));
}

void Builder::make_sender(const OperationRef& sender, const std::vector<const EventPlan*>& plans) {
  const Operation& op = operation(sender);
  OutService& service = spec_.services[sender.app];
  const std::string base = identifier(op.id, "op_");
  const int parts = static_cast<int>(plans.size());
  const Figure rate =
      figure_from(levels(sender), &Extensions::rate, "x-ripple-rate",
                  {kDefaultRate, "rate",
                   "the rate of `" + service.name + "." + (base.empty() ? "send" : base) + "`",
                   "this operation, its channel or `info`", op.at});
  for (const EventPlan* plan : plans) {
    OutOperation out;
    std::string name = base.empty() ? "send" + upper_first(plan->label)
                                    : (parts == 1 ? base : base + "-" + plan->label);
    out.name = operation_names_[sender.app].unique(name);
    const std::string full = service.name + "." + out.name;
    out.description = op.description.empty() ? channel_of(sender).description : op.description;
    out.time = figure_from(levels(sender), &Extensions::time, "x-ripple-time",
                           {kDefaultSendTime, "time", "the time of `" + full + "`",
                            "this operation, its channel or `info`", op.at});
    if (plan->published) {
      out.publishes.push_back(plan->name);
      out.comments.push_back("sends `" + plan->name + "` on `" + channel_of(sender).address + "`");
    }
    add_request(sender, *plan, full, out);
    Figure share = rate;
    if (parts > 1) {
      share.value = split_rate(rate.value, parts);
      share.note += " (" + rate.value + " shared by " + std::to_string(parts) + " messages)";
    }
    add_source(sender.app, out.name, plan->published ? plan->name : "", share, "");
    service.operations.push_back(std::move(out));
  }
}

// A request with a replier is a call of it; without one, a comment says what is not modelled.
void Builder::add_request(const OperationRef& sender, const EventPlan& plan,
                          const std::string& full, OutOperation& out) {
  const Operation& op = operation(sender);
  if (plan.repliers.empty()) {
    if (op.reply_channel)
      out.comments.push_back(
          "it expects a reply on `" + reply_address(apps_[sender.app], op) +
          "`, but no imported document's receiving operation declares a `reply`: "
          "the request is an event and the reply is not modelled");
    return;
  }
  std::vector<OperationRef> repliers = plan.repliers;
  std::stable_sort(repliers.begin(), repliers.end(), [&](const auto& a, const auto& b) {
    return spec_.services[a.app].name < spec_.services[b.app].name;
  });
  const std::string to = replier_operation_[repliers.front()];
  out.calls.push_back({to,
                       figure_from(levels(sender), &Extensions::timeout, "x-ripple-timeout",
                                   {kDefaultTimeout, "timeout",
                                    "the timeout of `" + full + "` calling `" + to + "`",
                                    "this operation, its channel or `info`", op.at}),
                       {}});
  out.comments.push_back("request/reply: the request on `" + channel_of(sender).address +
                         "` is a call of `" + to + "`, which replies on `" +
                         reply_address(apps_[repliers.front().app], operation(repliers.front())) +
                         "`");
  if (repliers.size() > 1)
    out.comments.push_back("other documents reply on this channel too: " +
                           service_list({repliers.begin() + 1, repliers.end()}));
}

void Builder::make_consumers(const EventPlan& plan) {
  if (!plan.published) return;
  std::vector<OperationRef> receivers = plan.consumers;
  std::stable_sort(receivers.begin(), receivers.end(), [&](const auto& a, const auto& b) {
    return spec_.services[a.app].name < spec_.services[b.app].name;
  });
  // Services that read one queue, or share one kafka group, compete for each event: ripple
  // delivers every event to every consuming service, so only the first of them consumes it.
  std::map<std::string, int> winner;  // competition key -> app
  std::set<int> done;
  for (const OperationRef& r : receivers) {
    if (!done.insert(r.app).second) continue;
    const Operation& op = operation(r);
    const ChannelBindings& b = channel_of(r).bindings;
    std::string key;
    if (b.amqp_is == "queue") key = "amqp queue";
    if (!b.sqs_queue_name.empty()) key = "sqs queue `" + b.sqs_queue_name + "`";
    if (!op.kafka_group.empty()) key = "kafka group `" + op.kafka_group + "`";
    if (!key.empty()) {
      const auto [it, first] = winner.emplace(key, r.app);
      if (!first) {
        spec_.services[r.app].comments.push_back(
            "it also receives `" + plan.name + "` (" + key + "), competing with `" +
            spec_.services[it->second].name + "`: each event reaches one of them, so only `" +
            spec_.services[it->second].name + "` consumes it here");
        continue;
      }
    }
    OutService& service = spec_.services[r.app];
    const std::string full = service.name + ":" + plan.name;
    OutConsumer out;
    out.event = plan.name;
    out.description = op.description.empty() ? channel_of(r).description : op.description;
    out.time = figure_from(levels(r), &Extensions::time, "x-ripple-time",
                           {kDefaultHandlingTime, "time", "the handling time of `" + full + "`",
                            "this operation, its channel or `info`", op.at});
    out.concurrency =
        figure_from(levels(r), &Extensions::concurrency, "x-ripple-concurrency",
                    {kDefaultConcurrency, "concurrency", "the concurrency of `" + full + "`",
                     "this operation, its channel or `info`", op.at});
    out.comments.push_back("receives from `" + channel_of(r).address + "`" +
                           (key.empty() ? "" : " (" + key + ")") +
                           (op.mqtt_qos.empty() ? "" : ", mqtt qos " + op.mqtt_qos));
    service.consumers.push_back(std::move(out));
  }
}

void Builder::add_source(int app, const std::string& operation, const std::string& event,
                         Figure rate, std::string comment) {
  OutSource source;
  source.to = spec_.services[app].name + "." + operation;
  source.event = event;
  source.rate = std::move(rate);
  if (!comment.empty()) source.comments.push_back(std::move(comment));
  spec_.sources.push_back(std::move(source));
}

}  // namespace ripple::importer::detail
