#pragma once

// The Ripple spec an import writes, before it is text: brokers, entities, events, services and
// workload sources, each value with where it came from (the documents, a default, or the
// EXISTING spec of --merge) and the comment the spec shows at its place. Built by build_spec,
// updated by merge_existing, written by write_spec.

#include <optional>
#include <string>
#include <vector>

#include "cli/import/documents.h"

namespace ripple::importer {

enum class FigureSource { Document, Default, Kept };

// What --strict reports for a default: where the documents could set it, and how.
struct StrictProblem {
  std::string message;
  std::string hint;
  Place at;
};

// A performance figure: a value the simulation needs and AsyncAPI may not give.
struct Figure {
  std::string value;  // spec text: "10/s", "exp(1ms)", "1", "32B"
  FigureSource source = FigureSource::Default;
  std::string note;                   // the comment at its place, without `# `
  std::string kind;                   // for the summary of defaults: "rate", "time", ...
  std::vector<StrictProblem> strict;  // for a default: one error per value to set
  Place at;                           // where it comes from, or where to set it
};

// A key of EXISTING that the importer does not write, kept as it was (see merge.h).
struct KeptKey {
  std::string key;
  YamlNode value;
};

struct OutField {
  std::string name;
  Figure size;
};

struct OutEntity {
  std::string name;
  std::string owner;
  std::vector<OutField> fields;  // sorted by name
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;         // keys other than owner and fields
  std::vector<KeptKey> kept_fields;  // fields the documents do not define
};

struct OutEvent {
  std::string name;
  std::string broker;
  std::string description;
  std::string key;                   // `entity.field`, or ""
  std::string key_note;              // where the key comes from
  std::vector<std::string> carries;  // `entity.*`
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;
};

struct OutBroker {
  std::string name;
  Figure type;  // kafka | sqs | rabbitmq | memory; a default when the protocol is unknown
  std::vector<std::string> comments;
  Figure latency;
  std::optional<Figure> partitions;          // kafka
  std::optional<Figure> visibility_timeout;  // sqs
  std::optional<Figure> max_receives;        // sqs, when a redrive policy gives it
  bool fifo = false;                         // sqs
  std::vector<KeptKey> kept;
};

struct OutCall {
  std::string to;  // `service.operation`
  Figure timeout;
  std::vector<KeptKey> kept;
};

struct OutOperation {
  std::string name;
  std::string description;
  Figure time;
  std::vector<OutCall> calls;
  std::vector<YamlNode> kept_calls;  // calls the documents do not define
  std::vector<std::string> publishes;
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;
};

struct OutConsumer {
  std::string event;
  std::string description;
  Figure time;
  Figure concurrency;
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;
};

struct OutService {
  std::string name;
  std::string description;
  Figure replicas;
  std::optional<Figure> workers;         // when it has operations (requests need workers)
  std::vector<OutOperation> operations;  // sorted by the event they publish, then name
  std::vector<OutConsumer> consumers;    // sorted by event
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;
  std::vector<KeptKey> kept_operations;  // operations the documents do not define
  std::vector<KeptKey> kept_consumers;
};

struct OutSource {
  std::string to;  // `service.operation`
  std::string
      event;  // what the operation publishes, "" for none (sources sort by service, then it)
  Figure rate;
  std::vector<std::string> comments;
  std::vector<KeptKey> kept;
};

// A top-level section of EXISTING that the importer does not write (`defaults`, `stores`,
// `faults`, `gates`, ...): its text, comments included, copied as it was.
struct KeptSection {
  std::string key;
  std::string text;  // whole lines, each ending in '\n'
};

struct OutSpec {
  std::string name;
  std::vector<std::string> header;  // comment lines at the top, without `# `
  std::vector<OutBroker> brokers;   // each list sorted by name
  std::vector<OutEntity> entities;
  std::vector<OutEvent> events;
  std::vector<OutService> services;
  std::vector<OutSource> sources;  // sorted by service, then as its operations
  // From --merge: whole elements the documents do not define, per section, in EXISTING's order.
  std::vector<KeptKey> kept_brokers, kept_entities, kept_events, kept_services;
  std::vector<YamlNode> kept_sources;
  std::vector<KeptKey> kept_workload;  // workload keys other than `sources`
  std::vector<KeptSection> kept_sections;
  std::optional<std::string> kept_description;
};

// Calls `visit(figure)` for every figure of `spec` (an OutSpec, const or not), in the order
// they are written.
template <typename Spec, typename Visit>
void for_each_figure(Spec& spec, Visit visit) {
  for (auto& b : spec.brokers) {
    visit(b.type);
    visit(b.latency);
    if (b.partitions) visit(*b.partitions);
    if (b.visibility_timeout) visit(*b.visibility_timeout);
    if (b.max_receives) visit(*b.max_receives);
  }
  for (auto& e : spec.entities)
    for (auto& f : e.fields) visit(f.size);
  for (auto& s : spec.services) {
    visit(s.replicas);
    if (s.workers) visit(*s.workers);
    for (auto& o : s.operations) {
      visit(o.time);
      for (auto& c : o.calls) visit(c.timeout);
    }
    for (auto& c : s.consumers) {
      visit(c.time);
      visit(c.concurrency);
    }
  }
  for (auto& s : spec.sources) visit(s.rate);
}

}  // namespace ripple::importer
