// The JSON of `ripple analyze` (SARIF, JUnit, GitHub and Code Quality: render_analyze_ci.cpp).

#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/render_analyze.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using analyzers::Finding;
using analyzers::Severity;

Json services_json(const Analysis& a) {
  JsonObjectBuilder services;
  for (const analyzers::ServiceCoupling& s : a.coupling.services)
    services.add(s.name, Json{{"ce", s.ce},
                              {"ca", s.ca},
                              {"instability", nullable(s.instability)},
                              {"ce_sync", s.ce_sync},
                              {"ce_async", s.ce_async},
                              {"ce_hidden", s.ce_hidden},
                              {"ais", s.ais},
                              {"ads", s.ads},
                              {"acs", s.acs},
                              {"siy", s.siy}});
  return std::move(services).build();
}

Json coupling_json(const Analysis& a) {
  JsonObjectBuilder chains;
  for (const analyzers::SyncChain& chain : a.coupling.longest_chains)
    chains.add(chain.entry, Json{{"length", chain.length}, {"operations", chain.operations}});
  return {{"siy", a.coupling.siy},
          {"sync_components", a.coupling.sync_components},
          {"sync_cycles", a.coupling.sync_cycles},
          {"operation_cycles", a.coupling.operation_cycles},
          {"longest_chains", std::move(chains).build()}};
}

void add_load(Json& object, const analyzers::Load& load) {
  object["requests"] = load.requests;
  object["deliveries"] = load.deliveries;
  object["callbacks"] = load.callbacks;
  object["transactions"] = load.transactions;
  object["bytes"] = load.bytes;
}

Json amplification_json(const Analysis& a) {
  JsonObjectBuilder amplification;
  for (const analyzers::Amplification& x : a.amplification) {
    Json entry = {{"kind", x.kind == analyzers::AmplificationKind::Event ? "event" : "entry"}};
    add_load(entry, x.nominal);
    entry["worst_case_requests"] = x.worst_case.requests;
    add_load(entry["worst_case"] = Json::object(), x.worst_case);
    entry["worst_case_multiplier"] = x.worst_case_multiplier;
    entry["cycles_cut"] = x.cycles_cut;
    amplification.add(x.name, std::move(entry));
  }
  return std::move(amplification).build();
}

Json cascades_json(const Analysis& a) {
  JsonObjectBuilder cascades;
  for (const analyzers::Cascade& c : a.cascades) {
    Json stopped_by = Json::array();
    for (const analyzers::Stopper& s : c.stopped_by)
      stopped_by.push_back({{"at", s.at}, {"mechanism", s.mechanism}, {"detail", s.detail}});
    cascades.add(c.component, Json{{"kind", analyzers::to_string(c.kind)},
                                   {"failed_entries", c.failed_entries},
                                   {"stalled_consumers", c.stalled_consumers},
                                   {"lost_events", c.lost_events},
                                   {"blast_radius", c.blast_radius},
                                   {"paths", c.paths},
                                   {"failed_operations", c.failed_operations},
                                   {"stopped_by", std::move(stopped_by)}});
  }
  return std::move(cascades).build();
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

Json findings_json(const Analysis& a) {
  Json findings = Json::array();
  for (const Finding& f : a.findings) {
    Json entry = finding_json(f);
    entry["why"] = f.why;
    entry["fix"] = f.fix;
    findings.push_back(std::move(entry));
  }
  return findings;
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

Json summary_json(const Analysis& a) {
  return {{"errors", count_findings(a.findings, Severity::Error)},
          {"warnings", count_findings(a.findings, Severity::Warning)},
          {"info", count_findings(a.findings, Severity::Info)},
          {"suppressed", a.suppressed.size()}};
}

}  // namespace

std::string render_analyze_json(const AnalyzeDocument& doc) {
  const Analysis& a = doc.analysis;
  JsonObjectBuilder events;
  for (const analyzers::EventProfile& e : a.events) events.add(e.name, event_json(e));
  return json_text(versioned({{"spec", doc.spec.name},
                              {"services", services_json(a)},
                              {"amplification", amplification_json(a)},
                              {"cascades", cascades_json(a)},
                              {"events", std::move(events).build()},
                              {"findings", findings_json(a)},
                              {"suppressed", suppressed_json(a)},
                              {"unused_suppressions", unused_suppressions_json(doc.spec, a)},
                              {"coupling", coupling_json(a)},
                              {"cut_edges", a.cut_edges},
                              {"summary", summary_json(a)}}));
}

}  // namespace ripple::cli
