// The JSON of `ripple analyze`, streamed (SARIF, JUnit, GitHub and Code Quality:
// render_analyze_ci.cpp).

#include <fmt/format.h>

#include "analyzers/cascade_names.h"
#include "analyzers/lint_catalog.h"
#include "cli/json/json.h"
#include "cli/json/json_stream.h"
#include "cli/json/versioned.h"
#include "cli/render/escape.h"
#include "cli/render/render_analyze.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using analyzers::Finding;
using analyzers::Severity;

void write_services(JsonStream& json, const Analysis& a) {
  json.key("services");
  json.begin_object();
  for (const analyzers::ServiceCoupling& s : a.coupling.services)
    json.member(s.name, Json{{"ce", s.ce},
                             {"ca", s.ca},
                             {"instability", nullable(s.instability)},
                             {"ce_sync", s.ce_sync},
                             {"ce_async", s.ce_async},
                             {"ce_hidden", s.ce_hidden},
                             {"ais", s.ais},
                             {"ads", s.ads},
                             {"acs", s.acs},
                             {"siy", s.siy}});
  json.end();
}

void write_coupling(JsonStream& json, const Analysis& a) {
  json.key("coupling");
  json.begin_object();
  json.member("siy", a.coupling.siy);
  json.member("sync_components", a.coupling.sync_components);
  json.member("sync_cycles", a.coupling.sync_cycles);
  json.member("operation_cycles", a.coupling.operation_cycles);
  json.key("longest_chains");
  json.begin_object();
  for (const analyzers::SyncChain& chain : a.coupling.longest_chains)
    json.member(chain.entry, Json{{"length", chain.length}, {"operations", chain.operations}});
  json.end();
  json.end();
}

void add_load(Json& object, const analyzers::Load& load) {
  object["requests"] = load.requests;
  object["deliveries"] = load.deliveries;
  object["callbacks"] = load.callbacks;
  object["transactions"] = load.transactions;
  object["bytes"] = load.bytes;
}

void write_amplification(JsonStream& json, const Analysis& a) {
  json.key("amplification");
  json.begin_object();
  for (const analyzers::Amplification& x : a.amplification) {
    Json entry = {{"kind", x.kind == analyzers::AmplificationKind::Event ? "event" : "entry"}};
    add_load(entry, x.nominal);
    entry["worst_case_requests"] = x.worst_case.requests;
    add_load(entry["worst_case"] = Json::object(), x.worst_case);
    entry["worst_case_multiplier"] = x.worst_case_multiplier;
    entry["cycles_cut"] = x.cycles_cut;
    json.member(x.name, entry);
  }
  json.end();
}

// A cascade's lists hold fewer entries than its counts (CascadeLists::Bounded cut them).
bool shortened(const analyzers::Cascade& c) {
  return std::ssize(c.path_ids) < c.counts.failed_entries ||
         std::ssize(c.failed_operation_ids) < c.counts.failed_operations ||
         std::ssize(c.stalled_consumer_ids) < c.counts.stalled_consumers ||
         std::ssize(c.lost_event_ids) < c.counts.lost_events ||
         std::ssize(c.stopper_refs) < c.counts.stopped_by;
}

// A list of names, written as it is named: `name(i)` for i in 0..count.
template <class Name>
void write_names(JsonStream& json, std::string_view key, std::size_t count, Name name) {
  json.key(key);
  json.begin_array();
  for (std::size_t i = 0; i < count; ++i) json.string_value(name(i));
  json.end();
}

void write_chain(JsonStream& json, const model::Spec& spec, const analyzers::Cascade& c,
                 const std::vector<model::OperationId>& path) {
  json.begin_array();
  if (!path.empty()) json.string_value(c.component);
  for (model::OperationId op : path) json.string_value(spec.operations[op].full_name);
  json.end();
}

// The lists as the cascade keeps them (failed entries as many as its chains), then, when a list
// was cut, the complete counts and the longest chain. Names are written straight from the spec.
void write_cascade(JsonStream& json, const model::Spec& spec, const analyzers::Cascade& c) {
  json.begin_object();
  json.string_member("kind", analyzers::to_string(c.kind));
  const auto operation = [&](const std::vector<model::OperationId>& ids) {
    return [&spec, &ids](std::size_t i) -> const std::string& {
      return spec.operations[ids[i]].full_name;
    };
  };
  write_names(json, "failed_entries", std::min(c.failed_entry_ids.size(), c.path_ids.size()),
              operation(c.failed_entry_ids));
  write_names(json, "stalled_consumers", c.stalled_consumer_ids.size(),
              [&](std::size_t i) -> const std::string& {
                return spec.consumers[c.stalled_consumer_ids[i]].name;
              });
  write_names(
      json, "lost_events", c.lost_event_ids.size(),
      [&](std::size_t i) -> const std::string& { return spec.events[c.lost_event_ids[i]].name; });
  json.member("blast_radius", c.blast_radius);
  json.key("paths");
  json.begin_array();
  for (const auto& path : c.path_ids) write_chain(json, spec, c, path);
  json.end();
  write_names(json, "failed_operations", c.failed_operation_ids.size(),
              operation(c.failed_operation_ids));
  json.key("stopped_by");
  json.begin_array();
  for (const analyzers::StopperRef& ref : c.stopper_refs) {
    const analyzers::Stopper s = analyzers::stopper_of(spec, ref);
    json.value(Json{{"at", s.at}, {"mechanism", s.mechanism}, {"detail", s.detail}});
  }
  json.end();
  if (shortened(c)) {
    json.member("counts", Json{{"failed_entries", c.counts.failed_entries},
                               {"failed_operations", c.counts.failed_operations},
                               {"stalled_consumers", c.counts.stalled_consumers},
                               {"lost_events", c.counts.lost_events},
                               {"stopped_by", c.counts.stopped_by}});
    json.key("longest_path");
    write_chain(json, spec, c, c.longest_path_ids);
  }
  json.end();
}

void write_cascades(JsonStream& json, const AnalyzeDocument& doc) {
  json.key("cascades");
  json.begin_object();
  for (const analyzers::Cascade& c : doc.analysis.cascades) {
    json.key(c.component);
    if (doc.full_cascade)
      write_cascade(json, doc.spec, doc.full_cascade(c));
    else
      write_cascade(json, doc.spec, c);
  }
  json.end();
}

Json event_json(const analyzers::EventProfile& e) {
  JsonObjectBuilder owner_load;
  for (const analyzers::OwnerLoad& o : e.owner_load) owner_load.add(o.operation, o.rate);
  Json options = Json::array();
  for (const analyzers::FatOption& o : e.options)
    options.push_back({{"entity", o.entity},
                       {"fields", o.fields},
                       {"bytes_added", o.bytes_added},
                       {"callbacks_removed", o.callbacks_removed}});
  return {{"bytes", e.bytes},
          {"consumers", e.consumers},
          {"callbacks_per_delivery", e.callbacks_per_delivery},
          {"callback_rate", e.callback_rate},
          {"fat_bytes", e.fat_bytes},
          {"fat_fields", e.fat_fields},
          {"publish_rate", e.publish_rate},
          {"callbacks", e.callbacks},
          {"owner_load", std::move(owner_load).build()},
          {"bytes_added", e.bytes_added},
          {"added_bytes_rate", e.added_bytes_rate},
          {"callbacks_removed", e.callbacks_removed},
          {"options", std::move(options)}};
}

Json finding_json(const Finding& f) {
  return {{"rule", f.rule},       {"severity", analyzers::to_string(f.severity)},
          {"message", f.message}, {"file", f.file},
          {"line", f.line},       {"column", f.column},
          {"element", f.element}};
}

Json suppressed_json(const Analysis& a) {
  Json suppressed = Json::array();
  for (const analyzers::SuppressedFinding& s : a.suppressed) {
    Json entry = finding_json(s.finding);
    entry["reason"] = s.reason;
    suppressed.push_back(std::move(entry));
  }
  return suppressed;
}

Json unused_suppressions_json(const model::Spec& spec, const Analysis& a) {
  Json unused = Json::array();
  for (int i : a.unused_suppressions) {
    const model::Suppression& s = spec.suppressions[i];
    const std::string file =
        s.loc.file >= 0 && static_cast<std::size_t>(s.loc.file) < spec.files.size()
            ? spec.files[s.loc.file]
            : "";
    unused.push_back({{"rule", s.rule},
                      {"at", s.element},
                      {"file", file},
                      {"line", s.loc.line},
                      {"column", s.loc.column}});
  }
  return unused;
}

Json capacity_json(const analyzers::ElementCapacity& e) {
  Json entry = {{"kind", analyzers::to_string(e.kind)},
                {"offered_rate", e.offered_rate},
                {"capacity_rate", nullable(e.capacity_rate)},
                {"utilization", e.utilization},
                {"servers", e.servers},
                {"holding_time", e.holding_ms},
                {"mean_wait", nullable(e.mean_wait_ms)},
                {"max_utilization", e.max_utilization}};
  if (e.peak_utilization)
    entry["peak"] = Json{{"offered_rate", *e.peak_offered_rate},
                         {"utilization", *e.peak_utilization},
                         {"at", static_cast<double>(e.peak_at.ns) / 1e6},
                         {"for", static_cast<double>(e.peak_for.ns) / 1e6}};
  if (e.partition)
    entry["partition"] = Json{{"partitions", e.partition->partitions},
                              {"share", e.partition->share},
                              {"offered_rate", e.partition->offered_rate},
                              {"capacity_rate", nullable(e.partition->capacity_rate)},
                              {"utilization", e.partition->utilization}};
  return entry;
}

void write_capacity(JsonStream& json, const Analysis& a) {
  json.key("capacity");
  json.begin_object();
  for (const analyzers::ElementCapacity& e : a.capacity) json.member(e.name, capacity_json(e));
  json.end();
  json.key("backlogs");
  json.begin_array();
  for (const analyzers::Backlog& b : a.backlogs)
    json.value(
        Json{{"fault", b.fault_text},
             {"consumer", b.consumer_name},
             {"outage", b.outage_s * 1000},
             {"arrival_rate", b.arrival_rate},
             {"backlog", b.backlog},
             {"drain_time", b.drain_s ? Json(*b.drain_s * 1000) : Json(nullptr)},
             {"recovery_objective", b.objective_s ? Json(*b.objective_s * 1000) : Json(nullptr)}});
  json.end();
}

Json summary_json(const Analysis& a) {
  return {{"errors", count_findings(a.findings, Severity::Error)},
          {"warnings", count_findings(a.findings, Severity::Warning)},
          {"info", count_findings(a.findings, Severity::Info)},
          {"suppressed", a.suppressed.size()}};
}

}  // namespace

void write_analyze_json(const AnalyzeDocument& doc,
                        const std::function<void(std::string_view)>& sink) {
  const Analysis& a = doc.analysis;
  JsonStream json(sink);
  json.begin_object();
  json.string_member("ripple_version", kRippleVersion);
  json.member("schema_version", Json(kSchemaVersion));
  json.string_member("spec", doc.spec.name);
  write_services(json, a);
  write_amplification(json, a);
  write_cascades(json, doc);
  json.key("events");
  json.begin_object();
  for (const analyzers::EventProfile& e : a.events) json.member(e.name, event_json(e));
  json.end();
  json.key("findings");
  json.begin_array();
  for (const Finding& f : a.findings) {
    Json entry = finding_json(f);
    entry["why"] = f.why;
    entry["fix"] = f.fix;
    json.value(entry);
  }
  json.end();
  json.member("suppressed", suppressed_json(a));
  json.member("unused_suppressions", unused_suppressions_json(doc.spec, a));
  write_coupling(json, a);
  write_capacity(json, a);
  json.member("cut_edges", a.cut_edges);
  json.member("summary", summary_json(a));
  json.end();
  json.finish();
}

std::string render_analyze_json(const AnalyzeDocument& doc) {
  std::string out;
  write_analyze_json(doc, [&out](std::string_view text) { out += text; });
  return out;
}

}  // namespace ripple::cli
