// Machine formats of `ripple analyze`: JSON, SARIF 2.1.0 and JUnit XML.

#include <fmt/format.h>

#include "analyzers/lint_catalog.h"
#include "cli/json/json_writer.h"
#include "cli/render/markup.h"
#include "cli/render/render_analyze.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using analyzers::Finding;
using analyzers::Severity;

void strings(JsonWriter& w, const std::vector<std::string>& values) {
  w.begin_array();
  for (const std::string& v : values) w.value(v);
  w.end_array();
}

void string_lists(JsonWriter& w, const std::vector<std::vector<std::string>>& lists) {
  w.begin_array();
  for (const auto& list : lists) strings(w, list);
  w.end_array();
}

void write_services(JsonWriter& w, const Analysis& a) {
  w.key("services").begin_object();
  for (const analyzers::ServiceCoupling& s : a.coupling.services) {
    w.key(s.name).begin_object();
    w.key("ce").value(s.ce).key("ca").value(s.ca).key("instability").value(s.instability);
    w.key("ce_sync").value(s.ce_sync).key("ce_async").value(s.ce_async);
    w.key("ce_hidden").value(s.ce_hidden);
    w.key("ais").value(s.ais).key("ads").value(s.ads).key("acs").value(s.acs);
    w.key("siy").value(s.siy);
    w.end_object();
  }
  w.end_object();
}

void write_coupling(JsonWriter& w, const Analysis& a) {
  w.key("coupling").begin_object();
  w.key("siy").value(a.coupling.siy);
  w.key("sync_components");
  string_lists(w, a.coupling.sync_components);
  w.key("sync_cycles");
  string_lists(w, a.coupling.sync_cycles);
  w.key("operation_cycles");
  string_lists(w, a.coupling.operation_cycles);
  w.key("longest_chains").begin_object();
  for (const analyzers::SyncChain& chain : a.coupling.longest_chains) {
    w.key(chain.entry).begin_object().key("length").value(chain.length).key("operations");
    strings(w, chain.operations);
    w.end_object();
  }
  w.end_object().end_object();
}

void write_load(JsonWriter& w, const analyzers::Load& load) {
  w.key("requests").value(load.requests).key("deliveries").value(load.deliveries);
  w.key("callbacks").value(load.callbacks).key("transactions").value(load.transactions);
  w.key("bytes").value(load.bytes);
}

void write_amplification(JsonWriter& w, const Analysis& a) {
  w.key("amplification").begin_object();
  for (const analyzers::Amplification& x : a.amplification) {
    w.key(x.name).begin_object();
    w.key("kind").value(x.kind == analyzers::AmplificationKind::Event ? "event" : "entry");
    write_load(w, x.nominal);
    w.key("worst_case_requests").value(x.worst_case.requests);
    w.key("worst_case").begin_object();
    write_load(w, x.worst_case);
    w.end_object();
    w.key("worst_case_multiplier").value(x.worst_case_multiplier);
    w.key("cycles_cut").value(x.cycles_cut);
    w.end_object();
  }
  w.end_object();
}

void write_cascades(JsonWriter& w, const Analysis& a) {
  w.key("cascades").begin_object();
  for (const analyzers::Cascade& c : a.cascades) {
    w.key(c.component).begin_object();
    w.key("kind").value(analyzers::to_string(c.kind));
    w.key("failed_entries");
    strings(w, c.failed_entries);
    w.key("stalled_consumers");
    strings(w, c.stalled_consumers);
    w.key("lost_events");
    strings(w, c.lost_events);
    w.key("blast_radius").value(c.blast_radius);
    w.key("paths");
    string_lists(w, c.paths);
    w.key("failed_operations");
    strings(w, c.failed_operations);
    w.key("stopped_by").begin_array();
    for (const analyzers::Stopper& s : c.stopped_by)
      w.begin_object()
          .key("at")
          .value(s.at)
          .key("mechanism")
          .value(s.mechanism)
          .key("detail")
          .value(s.detail)
          .end_object();
    w.end_array().end_object();
  }
  w.end_object();
}

void write_event(JsonWriter& w, const analyzers::EventProfile& e) {
  w.key(e.name).begin_object();
  w.key("bytes").value(e.bytes).key("consumers").value(e.consumers);
  w.key("callbacks_per_delivery").value(e.callbacks_per_delivery);
  w.key("callback_rate").value(e.callback_rate);
  w.key("fat_bytes").value(e.fat_bytes).key("fat_fields");
  strings(w, e.fat_fields);
  w.key("publish_rate").value(e.publish_rate).key("callbacks").value(e.callbacks);
  w.key("owner_load").begin_object();
  for (const analyzers::OwnerLoad& o : e.owner_load) w.key(o.operation).value(o.rate);
  w.end_object();
  w.key("bytes_added").value(e.bytes_added).key("added_bytes_rate").value(e.added_bytes_rate);
  w.key("callbacks_removed").value(e.callbacks_removed);
  w.key("options").begin_array();
  for (const analyzers::FatOption& o : e.options) {
    w.begin_object().key("entity").value(o.entity).key("fields");
    strings(w, o.fields);
    w.key("bytes_added").value(o.bytes_added).key("callbacks_removed").value(o.callbacks_removed);
    w.end_object();
  }
  w.end_array().end_object();
}

void write_finding_fields(JsonWriter& w, const Finding& f) {
  w.key("rule").value(f.rule).key("severity").value(analyzers::to_string(f.severity));
  w.key("message").value(f.message).key("file").value(f.file);
  w.key("line").value(f.line).key("column").value(f.column).key("element").value(f.element);
}

void write_findings(JsonWriter& w, const Analysis& a) {
  w.key("findings").begin_array();
  for (const Finding& f : a.findings) {
    w.begin_object();
    write_finding_fields(w, f);
    w.key("why").value(f.why).key("fix").value(f.fix);
    w.end_object();
  }
  w.end_array();
  w.key("suppressed").begin_array();
  for (const analyzers::SuppressedFinding& s : a.suppressed) {
    w.begin_object();
    write_finding_fields(w, s.finding);
    w.key("reason").value(s.reason).end_object();
  }
  w.end_array();
}

void write_unused_suppressions(JsonWriter& w, const model::Spec& spec, const Analysis& a) {
  w.key("unused_suppressions").begin_array();
  for (int i : a.unused_suppressions) {
    const model::Suppression& s = spec.suppressions[i];
    const std::string file =
        s.loc.file >= 0 && static_cast<std::size_t>(s.loc.file) < spec.files.size()
            ? spec.files[s.loc.file]
            : "";
    w.begin_object().key("rule").value(s.rule).key("at").value(s.element);
    w.key("file").value(file).key("line").value(s.loc.line).key("column").value(s.loc.column);
    w.end_object();
  }
  w.end_array();
}

void write_summary(JsonWriter& w, const Analysis& a) {
  w.key("summary").begin_object();
  w.key("errors").value(count_findings(a.findings, Severity::Error));
  w.key("warnings").value(count_findings(a.findings, Severity::Warning));
  w.key("info").value(count_findings(a.findings, Severity::Info));
  w.key("suppressed").value(static_cast<std::int64_t>(a.suppressed.size()));
  w.end_object();
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "none";
}

int rule_index(std::string_view id) {
  const auto& rules = analyzers::lint_rules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == id) return static_cast<int>(i);
  return -1;
}

void write_sarif_rules(JsonWriter& w) {
  w.key("rules").begin_array();
  for (const analyzers::LintRule& rule : analyzers::lint_rules()) {
    const std::string help =
        fmt::format("{}\n\nWhy: {}\n\nFix: {}", rule.description, rule.why, rule.fix);
    const std::string markdown =
        fmt::format("{}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n\nSee docs/lints.md#{}",
                    rule.description, rule.why, rule.fix, rule.id);
    w.begin_object().key("id").value(rule.id).key("name").value(rule.id);
    w.key("shortDescription").begin_object().key("text").value(rule.title).end_object();
    w.key("fullDescription").begin_object().key("text").value(rule.description).end_object();
    w.key("help").begin_object().key("text").value(help).key("markdown").value(markdown);
    w.end_object();
    w.key("defaultConfiguration").begin_object().key("level").value(sarif_level(rule.severity));
    w.end_object().end_object();
  }
  w.end_array();
}

void write_sarif_result(JsonWriter& w, const Finding& f, const std::string& spec_path,
                        const std::string* suppression_reason) {
  w.begin_object().key("ruleId").value(f.rule).key("ruleIndex").value(rule_index(f.rule));
  w.key("level").value(sarif_level(f.severity));
  w.key("message").begin_object().key("text").value(f.message).end_object();
  std::string uri = f.file.empty() ? spec_path : f.file;
  if (uri.rfind("./", 0) == 0) uri = uri.substr(2);
  if (!uri.empty() && uri.front() == '/') uri = "file://" + uri;  // absolute: a file URI
  w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object().key("uri").value(uri).end_object();
  w.key("region").begin_object().key("startLine").value(f.line > 0 ? f.line : 1);
  w.key("startColumn").value(f.column > 0 ? f.column : 1).end_object();
  w.end_object().end_object().end_array();
  w.key("partialFingerprints")
      .begin_object()
      .key("rippleFinding/v1")
      .value(f.rule + ":" + f.element)
      .end_object();
  if (suppression_reason) {
    w.key("suppressions").begin_array().begin_object().key("kind").value("inSource");
    w.key("justification").value(*suppression_reason).end_object().end_array();
  }
  w.end_object();
}

}  // namespace

std::string render_analyze_json(const AnalyzeDocument& doc) {
  JsonWriter w;
  w.begin_object();
  w.key("spec").value(doc.spec.name);
  write_services(w, doc.analysis);
  write_amplification(w, doc.analysis);
  write_cascades(w, doc.analysis);
  w.key("events").begin_object();
  for (const analyzers::EventProfile& e : doc.analysis.events) write_event(w, e);
  w.end_object();
  write_findings(w, doc.analysis);
  write_unused_suppressions(w, doc.spec, doc.analysis);
  write_coupling(w, doc.analysis);
  w.key("cut_edges");
  strings(w, doc.analysis.cut_edges);
  write_summary(w, doc.analysis);
  w.end_object();
  return w.str();
}

std::string render_analyze_sarif(const AnalyzeDocument& doc) {
  JsonWriter w;
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("ripple").key("version").value(kRippleVersion);
  write_sarif_rules(w);
  w.end_object().end_object();
  w.key("results").begin_array();
  for (const Finding& f : doc.analysis.findings) write_sarif_result(w, f, doc.spec_path, nullptr);
  for (const analyzers::SuppressedFinding& s : doc.analysis.suppressed)
    write_sarif_result(w, s.finding, doc.spec_path, &s.reason);
  w.end_array();
  w.end_object().end_array().end_object();
  return w.str();
}

std::string render_analyze_junit(const AnalyzeDocument& doc) {
  const auto& rules = analyzers::lint_rules();
  std::vector<std::vector<const Finding*>> fired(rules.size());
  for (const Finding& f : doc.analysis.findings)
    if (const int i = rule_index(f.rule); i >= 0) fired[i].push_back(&f);
  int failures = 0;
  for (const auto& list : fired) failures += list.empty() ? 0 : 1;
  const std::string suite = markup_escape("ripple analyze " + doc.spec_path);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"ripple\" tests=\"{}\" failures=\"{}\">\n", rules.size(),
                     failures);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", suite,
                     rules.size(), failures);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    out += fmt::format("    <testcase classname=\"ripple.lint\" name=\"{}\"", rules[i].id);
    if (fired[i].empty()) {
      out += "/>\n";
      continue;
    }
    std::string body;
    for (const Finding* f : fired[i])
      body += fmt::format("{}:{}:{}: {}: {}\n", f->file, f->line, f->column,
                          analyzers::to_string(f->severity), f->message);
    out += fmt::format(">\n      <failure message=\"{} finding(s): {}\" type=\"{}\">{}</failure>\n",
                       fired[i].size(), markup_escape(rules[i].title), rules[i].id,
                       markup_escape(body));
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace ripple::cli
