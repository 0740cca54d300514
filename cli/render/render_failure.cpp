#include "cli/render/render_failure.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/codequality.h"
#include "cli/render/junit.h"
#include "cli/render/sarif.h"

namespace ripple::cli {
namespace {

bool is_error(const model::Diagnostic& d) { return d.severity == model::Severity::Error; }

std::string location_text(const model::Diagnostic& d) {
  return d.line > 0 ? fmt::format("{}:{}:{}", d.file, d.line, d.column) : d.file;
}

std::string with_hint(const model::Diagnostic& d) {
  return d.hint.empty() ? d.message : d.message + " (hint: " + d.hint + ")";
}

Json failure_rules() {
  SarifRule error{"invalid-spec",
                  "InvalidSpec",
                  "The spec is invalid",
                  "A spec, scenario or gates file could not be read or does not follow the spec "
                  "format: ripple cannot analyze, simulate or gate it.",
                  "Fix the file at the location given; the message has a hint.",
                  "",
                  "spec.md",
                  "error",
                  "spec"};
  SarifRule warning = error;
  warning.id = "spec-warning";
  warning.name = "SpecWarning";
  warning.short_description = "The spec has a questionable construct";
  warning.full_description = "Ripple accepts the spec but something in it is probably a mistake.";
  warning.level = "warning";
  return Json::array({sarif_rule(error), sarif_rule(warning)});
}

}  // namespace

std::string render_failure_json(std::string_view command, const model::Diagnostics& ds) {
  Json diagnostics = Json::array();
  for (const model::Diagnostic& d : ds)
    diagnostics.push_back({{"file", d.file},
                           {"line", d.line},
                           {"column", d.column},
                           {"severity", model::to_string(d.severity)},
                           {"message", d.message},
                           {"hint", d.hint}});
  const auto errors = std::count_if(ds.begin(), ds.end(), is_error);
  return json_text(versioned({{"command", command},
                              {"valid", false},
                              {"errors", errors},
                              {"warnings", static_cast<long>(ds.size()) - errors},
                              {"diagnostics", std::move(diagnostics)}}));
}

std::string render_failure_sarif(const SarifContext& context, std::string_view spec_path,
                                 const model::Diagnostics& ds) {
  Json results = Json::array();
  Json notifications = Json::array();
  for (const model::Diagnostic& d : ds) {
    const char* level = is_error(d) ? "error" : "warning";
    if (d.line <= 0) {
      notifications.push_back(sarif_notification(context, d.file, with_hint(d), level));
      continue;
    }
    results.push_back({{"ruleId", is_error(d) ? "invalid-spec" : "spec-warning"},
                       {"ruleIndex", is_error(d) ? 0 : 1},
                       {"level", level},
                       {"message", {{"text", with_hint(d)}}},
                       {"locations", Json::array({sarif_location(context, d.file, d.line, d.column,
                                                                 d.length)})}});
  }
  return sarif_document(context, spec_path, failure_rules(), std::move(results),
                        std::move(notifications));
}

std::string render_failure_junit(std::string_view command, std::string_view spec_path,
                                 const model::Diagnostics& ds) {
  JunitSuite suite{fmt::format("ripple {} {}", command, spec_path), {}};
  for (const model::Diagnostic& d : ds) {
    if (!is_error(d)) continue;
    JunitCase c = passing_case("ripple.spec", location_text(d));
    c.outcome = JunitOutcome::Failed;
    c.message = d.message;
    c.type = "invalid-spec";
    c.text = fmt::format("{}: error: {}\n", location_text(d), with_hint(d));
    suite.cases.push_back(std::move(c));
  }
  return render_junit(suite);
}

std::string render_failure_codequality(const SarifContext& context, const model::Diagnostics& ds) {
  std::vector<CodeQualityIssue> issues;
  for (const model::Diagnostic& d : ds)
    issues.push_back({is_error(d) ? "invalid-spec" : "spec-warning", with_hint(d),
                      is_error(d) ? "blocker" : "minor", d.file, d.line,
                      fmt::format("{}:{}:{}", d.line, d.column, d.message)});
  return render_codequality(context, issues);
}

}  // namespace ripple::cli
