#include "cli/import/merge.h"

#include <set>
#include <sstream>

#include "cli/import/yaml_text.h"

namespace ripple::importer {
namespace {

using Keys = std::set<std::string>;

const YamlNode* child(const YamlNode* node, const std::string& key) {
  return node != nullptr && node->is_map() ? node->find(key) : nullptr;
}

class Merger {
 public:
  Merger(OutSpec& spec, const Document& existing, MergeOutcome& out)
      : spec_(spec), existing_(existing), out_(out) {}

  void run(NameGiven name);

 private:
  void figure(Figure& f, const YamlNode* existing);
  [[nodiscard]] std::vector<KeptKey> kept_keys(const YamlNode* existing, const Keys& written);
  // The entries of map `section` whose keys are not in `produced`, noted as kept elements.
  [[nodiscard]] std::vector<KeptKey> kept_elements(const YamlNode* section, const Keys& produced,
                                                   const std::string& path);
  void brokers(const YamlNode* section);
  void entities(const YamlNode* section);
  void events(const YamlNode* section);
  void services(const YamlNode* section);
  void operation(OutOperation& o, const YamlNode* existing);
  void workload(const YamlNode* section);
  void sections();

  OutSpec& spec_;
  const Document& existing_;
  MergeOutcome& out_;
};

void Merger::figure(Figure& f, const YamlNode* existing) {
  if (existing == nullptr || existing->is_null() || f.source != FigureSource::Default) return;
  const std::string text =
      existing->is_scalar() ? yaml_scalar(*existing, ScalarContext::Block) : yaml_flow(*existing);
  if (text == f.value) return;
  f.value = text;
  f.source = FigureSource::Kept;
  f.note = "set by hand; kept by --merge";
  ++out_.kept_figures;
}

std::vector<KeptKey> Merger::kept_keys(const YamlNode* existing, const Keys& written) {
  std::vector<KeptKey> kept;
  if (existing == nullptr || !existing->is_map()) return kept;
  for (const auto& [key, value] : existing->entries)
    if (key.is_scalar() && written.count(key.value) == 0) kept.push_back({key.value, value});
  return kept;
}

std::vector<KeptKey> Merger::kept_elements(const YamlNode* section, const Keys& produced,
                                           const std::string& path) {
  std::vector<KeptKey> kept = kept_keys(section, produced);
  for (const KeptKey& k : kept) out_.kept_elements.push_back(path + "." + k.key);
  return kept;
}

void Merger::brokers(const YamlNode* section) {
  Keys produced;
  for (OutBroker& b : spec_.brokers) {
    produced.insert(b.name);
    const YamlNode* e = child(section, b.name);
    figure(b.type, child(e, "type"));
    figure(b.latency, child(e, "latency"));
    Keys written{"type", "latency"};
    if (b.partitions) figure(*b.partitions, child(e, "partitions")), written.insert("partitions");
    if (b.visibility_timeout)
      figure(*b.visibility_timeout, child(e, "visibility_timeout")),
          written.insert("visibility_timeout");
    if (b.max_receives) written.insert("max_receives");
    if (b.fifo) written.insert("fifo");
    b.kept = kept_keys(e, written);
  }
  spec_.kept_brokers = kept_elements(section, produced, "brokers");
}

void Merger::entities(const YamlNode* section) {
  Keys produced;
  for (OutEntity& entity : spec_.entities) {
    produced.insert(entity.name);
    const YamlNode* e = child(section, entity.name);
    const YamlNode* fields = child(e, "fields");
    Keys field_names;
    for (OutField& f : entity.fields) {
      field_names.insert(f.name);
      figure(f.size, child(fields, f.name));
    }
    entity.kept_fields = kept_keys(fields, field_names);
    entity.kept = kept_keys(e, {"owner", "fields"});
  }
  spec_.kept_entities = kept_elements(section, produced, "entities");
}

void Merger::events(const YamlNode* section) {
  Keys produced;
  for (OutEvent& event : spec_.events) {
    produced.insert(event.name);
    Keys written{"broker", "carries"};
    if (!event.description.empty()) written.insert("description");
    if (!event.key.empty()) written.insert("key");
    event.kept = kept_keys(child(section, event.name), written);
  }
  spec_.kept_events = kept_elements(section, produced, "events");
}

void Merger::operation(OutOperation& o, const YamlNode* e) {
  figure(o.time, child(e, "time"));
  Keys written{"time"};
  if (!o.description.empty()) written.insert("description");
  if (!o.publishes.empty()) written.insert("publishes");
  if (!o.calls.empty()) {
    written.insert("calls");
    const YamlNode* calls = child(e, "calls");
    if (calls != nullptr && calls->is_sequence())
      for (const YamlNode& item : calls->items) {
        const std::string to = item.is_scalar()                ? item.value
                               : child(&item, "to") != nullptr ? child(&item, "to")->value
                                                               : "";
        bool matched = false;
        for (OutCall& call : o.calls)
          if (call.to == to && !matched) {
            figure(call.timeout, child(&item, "timeout"));
            call.kept = kept_keys(&item, {"to", "timeout"});
            matched = true;
          }
        if (!matched) o.kept_calls.push_back(item);
      }
  }
  o.kept = kept_keys(e, written);
}

void Merger::services(const YamlNode* section) {
  Keys produced;
  for (OutService& s : spec_.services) {
    produced.insert(s.name);
    const YamlNode* e = child(section, s.name);
    figure(s.replicas, child(e, "replicas"));
    Keys written{"replicas", "operations", "consumes"};
    if (s.workers) figure(*s.workers, child(e, "workers")), written.insert("workers");
    if (!s.description.empty()) written.insert("description");
    s.kept = kept_keys(e, written);
    const YamlNode* operations = child(e, "operations");
    Keys operation_names;
    for (OutOperation& o : s.operations) {
      operation_names.insert(o.name);
      operation(o, child(operations, o.name));
    }
    s.kept_operations =
        kept_elements(operations, operation_names, "services." + s.name + ".operations");
    const YamlNode* consumes = child(e, "consumes");
    Keys events;
    for (OutConsumer& c : s.consumers) {
      events.insert(c.event);
      const YamlNode* existing = child(consumes, c.event);
      figure(c.time, child(existing, "time"));
      figure(c.concurrency, child(existing, "concurrency"));
      Keys consumer_written{"time", "concurrency"};
      if (!c.description.empty()) consumer_written.insert("description");
      c.kept = kept_keys(existing, consumer_written);
    }
    s.kept_consumers = kept_elements(consumes, events, "services." + s.name + ".consumes");
  }
  spec_.kept_services = kept_elements(section, produced, "services");
}

void Merger::workload(const YamlNode* section) {
  spec_.kept_workload = kept_keys(section, {"sources"});
  const YamlNode* sources = child(section, "sources");
  if (sources == nullptr || !sources->is_sequence()) return;
  for (const YamlNode& item : sources->items) {
    const YamlNode* to = child(&item, "to");
    OutSource* match = nullptr;
    for (OutSource& s : spec_.sources)
      if (to != nullptr && s.to == to->value) match = &s;
    if (match == nullptr) {
      spec_.kept_sources.push_back(item);
      out_.kept_elements.push_back("workload.sources[" + (to != nullptr ? to->value : "...") + "]");
      continue;
    }
    figure(match->rate, child(&item, "rate"));
    match->kept = kept_keys(&item, {"to", "rate"});
  }
}

// Top-level sections the import does not write, copied with their comments: from the comment
// lines right above the key to the last line of content before the next key.
void Merger::sections() {
  static const Keys kWritten = {"ripple",   "name",   "description", "brokers",
                                "entities", "events", "services",    "workload"};
  std::vector<std::string> lines;
  std::istringstream in(existing_.text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const auto& entries = existing_.root.entries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const YamlNode& key = entries[i].first;
    if (!key.is_scalar() || kWritten.count(key.value) > 0) continue;
    out_.kept_elements.push_back(key.value);
    std::string text;
    const bool block = key.column == 1 && key.line >= 1;
    if (!block) {
      yaml_block_entry(key.value, entries[i].second, 0, text);
      spec_.kept_sections.push_back({key.value, text});
      continue;
    }
    const int previous = i > 0 ? entries[i - 1].first.line : 0;
    int first = key.line;
    while (first - 1 > previous && first - 2 < static_cast<int>(lines.size()) &&
           lines[first - 2].rfind("#", 0) == 0)
      --first;
    int last =
        i + 1 < entries.size() ? entries[i + 1].first.line - 1 : static_cast<int>(lines.size());
    const auto filler = [&](int n) {
      const std::string& l = lines[n - 1];
      return l.find_first_not_of(" \t\r") == std::string::npos || l.rfind("#", 0) == 0;
    };
    while (last > key.line && filler(last)) --last;
    for (int n = first; n <= last && n <= static_cast<int>(lines.size()); ++n)
      text += lines[n - 1] + "\n";
    spec_.kept_sections.push_back({key.value, text});
  }
}

void Merger::run(NameGiven name) {
  const YamlNode& root = existing_.root;
  if (name == NameGiven::No)
    if (const YamlNode* n = root.find("name"); n != nullptr && n->is_scalar() && !n->value.empty())
      spec_.name = n->value;
  if (const YamlNode* d = root.find("description"); d != nullptr && d->is_scalar())
    spec_.kept_description = yaml_scalar(*d, ScalarContext::Block);
  brokers(root.find("brokers"));
  entities(root.find("entities"));
  events(root.find("events"));
  services(root.find("services"));
  workload(root.find("workload"));
  sections();
}

}  // namespace

MergeOutcome merge_existing(OutSpec& spec, const Document& existing, NameGiven name,
                            Problems& problems) {
  MergeOutcome out;
  if (!existing.root.is_map() || existing.root.find("ripple") == nullptr) {
    problems.error({&existing, &existing.root},
                   "--merge: this is not a Ripple spec (it has no `ripple:` key)",
                   "name a spec written by `ripple import asyncapi` (and edited since)");
    return out;
  }
  Merger(spec, existing, out).run(name);
  return out;
}

}  // namespace ripple::importer
