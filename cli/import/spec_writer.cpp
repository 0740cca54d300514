#include "cli/import/spec_writer.h"

#include "cli/import/yaml_text.h"

namespace ripple::importer {
namespace {

constexpr std::size_t kCommentColumn = 40;  // trailing comments start here when the line allows
constexpr std::size_t kWidth = 100;         // comment lines wrap here

class Writer {
 public:
  // `key: value`, with the figure's note as a trailing comment.
  void value(int indent, const std::string& key, const std::string& text,
             const std::string& note = {}) {
    std::string line = pad(indent) + key + ": " + text;
    if (!note.empty()) {
      line += std::string(line.size() + 2 < kCommentColumn ? kCommentColumn - line.size() : 2, ' ');
      line += "# " + comment_text(note);
    }
    out_ += line + "\n";
  }
  void figure(int indent, const std::string& key, const Figure& f) {
    value(indent, key, f.value, f.note);
  }
  void text(int indent, const std::string& key, const std::string& text) {
    if (!text.empty()) value(indent, key, yaml_string(text));
  }
  void open(int indent, const std::string& key) { out_ += pad(indent) + key + ":\n"; }
  // Comment lines, wrapped at spaces to stay within kWidth columns where the words allow.
  void comments(int indent, const std::vector<std::string>& lines) {
    const std::size_t room = kWidth - static_cast<std::size_t>(indent) - 2;
    for (const std::string& line : lines) {
      std::string text = comment_text(line);
      while (text.size() > room) {
        std::size_t cut = text.rfind(' ', room);
        if (cut == std::string::npos || cut == 0) cut = text.find(' ', room);
        if (cut == std::string::npos) break;
        out_ += pad(indent) + "# " + text.substr(0, cut) + "\n";
        text.erase(0, cut + 1);
      }
      out_ += pad(indent) + "# " + text + "\n";
    }
  }
  void kept(int indent, const std::vector<KeptKey>& keys) {
    for (const KeptKey& k : keys) yaml_block_entry(k.key, k.value, indent, out_);
  }
  void list(int indent, const std::string& key, const std::vector<std::string>& items) {
    std::string flow = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
      flow += (i == 0 ? "" : ", ") + yaml_string(items[i], ScalarContext::Flow);
    value(indent, key, flow + "]");
  }
  void raw(const std::string& text) { out_ += text; }
  void blank() { out_ += "\n"; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  static std::string pad(int indent) { return std::string(static_cast<std::size_t>(indent), ' '); }
  std::string out_;
};

void write_header(Writer& w, const OutSpec& spec) {
  std::vector<std::string> lines{"Imported by `ripple import asyncapi` from:"};
  for (const std::string& source : spec.header) lines.push_back("  " + source);
  const int defaults = count_defaults(spec);
  if (defaults > 0) {
    lines.push_back(std::to_string(defaults) + (defaults == 1 ? " value is" : " values are") +
                    " defaulted, each marked `default`: AsyncAPI gives no rates, times or");
    lines.push_back("capacities. Set them here (a re-import with --merge keeps them) or with");
    lines.push_back("x-ripple-* extensions in the documents; docs/import.md lists the rules.");
  }
  w.comments(0, lines);
}

void write_brokers(Writer& w, const OutSpec& spec) {
  if (spec.brokers.empty() && spec.kept_brokers.empty()) return;
  w.blank();
  w.open(0, "brokers");
  for (const OutBroker& b : spec.brokers) {
    w.comments(2, b.comments);
    w.open(2, b.name);
    w.figure(4, "type", b.type);
    w.figure(4, "latency", b.latency);
    if (b.partitions) w.figure(4, "partitions", *b.partitions);
    if (b.visibility_timeout) w.figure(4, "visibility_timeout", *b.visibility_timeout);
    if (b.max_receives) w.figure(4, "max_receives", *b.max_receives);
    if (b.fifo) w.value(4, "fifo", "true", "sqs binding fifoQueue");
    w.kept(4, b.kept);
  }
  w.kept(2, spec.kept_brokers);
}

void write_entities(Writer& w, const OutSpec& spec) {
  if (spec.entities.empty() && spec.kept_entities.empty()) return;
  w.blank();
  w.open(0, "entities");
  for (const OutEntity& e : spec.entities) {
    w.comments(2, e.comments);
    w.open(2, e.name);
    w.value(4, "owner", e.owner);
    w.open(4, "fields");
    for (const OutField& f : e.fields) w.figure(6, f.name, f.size);
    w.kept(6, e.kept_fields);
    w.kept(4, e.kept);
  }
  w.kept(2, spec.kept_entities);
}

void write_events(Writer& w, const OutSpec& spec) {
  if (spec.events.empty() && spec.kept_events.empty()) return;
  w.blank();
  w.open(0, "events");
  for (const OutEvent& e : spec.events) {
    w.comments(2, e.comments);
    w.open(2, e.name);
    w.text(4, "description", e.description);
    w.value(4, "broker", e.broker);
    if (!e.key.empty()) w.value(4, "key", e.key, e.key_note);
    w.list(4, "carries", e.carries);
    w.kept(4, e.kept);
  }
  w.kept(2, spec.kept_events);
}

void write_operation(Writer& w, const OutOperation& o) {
  w.comments(6, o.comments);
  w.open(6, o.name);
  w.text(8, "description", o.description);
  w.figure(8, "time", o.time);
  if (!o.calls.empty() || !o.kept_calls.empty()) {
    w.open(8, "calls");
    for (const OutCall& c : o.calls) {
      w.value(10, "- to", c.to);
      w.figure(12, "timeout", c.timeout);
      w.kept(12, c.kept);
    }
    for (const YamlNode& c : o.kept_calls) w.raw(std::string(10, ' ') + "- " + yaml_flow(c) + "\n");
  }
  if (!o.publishes.empty()) w.list(8, "publishes", o.publishes);
  w.kept(8, o.kept);
}

void write_service(Writer& w, const OutService& s) {
  w.comments(2, s.comments);
  w.open(2, s.name);
  w.text(4, "description", s.description);
  w.figure(4, "replicas", s.replicas);
  if (s.workers) w.figure(4, "workers", *s.workers);
  w.kept(4, s.kept);
  if (!s.operations.empty() || !s.kept_operations.empty()) {
    w.open(4, "operations");
    for (const OutOperation& o : s.operations) write_operation(w, o);
    w.kept(6, s.kept_operations);
  }
  if (!s.consumers.empty() || !s.kept_consumers.empty()) {
    w.open(4, "consumes");
    for (const OutConsumer& c : s.consumers) {
      w.comments(6, c.comments);
      w.open(6, c.event);
      w.text(8, "description", c.description);
      w.figure(8, "time", c.time);
      w.figure(8, "concurrency", c.concurrency);
      w.kept(8, c.kept);
    }
    w.kept(6, s.kept_consumers);
  }
}

void write_workload(Writer& w, const OutSpec& spec) {
  if (spec.sources.empty() && spec.kept_sources.empty() && spec.kept_workload.empty()) return;
  w.blank();
  w.open(0, "workload");
  w.kept(2, spec.kept_workload);
  if (spec.sources.empty() && spec.kept_sources.empty()) return;
  w.open(2, "sources");
  for (const OutSource& s : spec.sources) {
    w.comments(4, s.comments);
    w.value(4, "- to", s.to);
    w.figure(6, "rate", s.rate);
    w.kept(6, s.kept);
  }
  for (const YamlNode& s : spec.kept_sources) w.raw("    - " + yaml_flow(s) + "\n");
}

// Kept sections go where docs/spec.md puts them: `defaults` before the brokers, `stores` after
// them, everything else (faults, gates, suppress, x-...) at the end.
void write_kept(Writer& w, const OutSpec& spec, const std::string& which) {
  for (const KeptSection& section : spec.kept_sections) {
    const bool early = section.key == "defaults";
    const bool middle = section.key == "stores";
    const std::string place = early ? "defaults" : middle ? "stores" : "end";
    if (place != which) continue;
    w.blank();
    w.raw(section.text);
  }
}

}  // namespace

int count_defaults(const OutSpec& spec) {
  int n = 0;
  for_each_figure(spec, [&](const Figure& f) {
    if (f.source == FigureSource::Default) ++n;
  });
  return n;
}

std::string write_spec(const OutSpec& spec) {
  Writer w;
  write_header(w, spec);
  w.value(0, "ripple", "1");
  w.value(0, "name", yaml_string(spec.name));
  if (spec.kept_description) w.value(0, "description", *spec.kept_description);
  write_kept(w, spec, "defaults");
  write_brokers(w, spec);
  write_kept(w, spec, "stores");
  write_entities(w, spec);
  write_events(w, spec);
  w.blank();
  w.open(0, "services");
  for (const OutService& s : spec.services) write_service(w, s);
  w.kept(2, spec.kept_services);
  write_workload(w, spec);
  write_kept(w, spec, "end");
  return w.take();
}

}  // namespace ripple::importer
