#pragma once

// Internal to the renderers' .cpp files (it speaks nlohmann-json).
// Building blocks of ripple's SARIF 2.1.0 documents (analyze, gate, diff and the failure document
// of a command whose input is invalid): artifact locations relative to %SRCROOT%, regions with
// their end, rules with helpUri and properties, and one run with automationDetails and the
// invocation's exit code. Pure: the shell finds the source root and the working directory.
//
//   SarifContext context{"analyze", "/repo/", "/repo/", 0};
//   Json location = sarif_location(context, "examples/shop.yaml", 12, 5, 7);
//   std::string text = sarif_document(context, "examples/shop.yaml", driver_rules, results, {});

#include <string>
#include <string_view>

#include "cli/json/json.h"
#include "cli/render/sarif_context.h"

namespace ripple::cli {

// `file` relative to the source root when it is below it ("examples/shop.yaml"), else absolute
// (or as given, without a source root). Not encoded: for Code Quality paths.
[[nodiscard]] std::string source_relative_path(const SarifContext& context, std::string_view file);

// `path` percent-encoded for a URI path: every byte but A-Z a-z 0-9 - . _ ~ / becomes %XX.
[[nodiscard]] std::string percent_encode_path(std::string_view path);

// {"uri": "examples/shop.yaml", "uriBaseId": "%SRCROOT%"} for a file under the source root;
// {"uri": "file:///elsewhere/shop.yaml"} for one outside it.
[[nodiscard]] Json sarif_artifact_location(const SarifContext& context, std::string_view file);

// A region of `length` characters (at least 1) from line:column (1-based; 0 becomes 1):
// startLine, startColumn, endLine, endColumn (exclusive, as SARIF counts it).
[[nodiscard]] Json sarif_region(int line, int column, int length);

// {"physicalLocation": {"artifactLocation", "region"}}.
[[nodiscard]] Json sarif_location(const SarifContext& context, std::string_view file, int line,
                                  int column, int length);

// The documentation page of `page_and_anchor` ("lints.md#sync-cycle") as an absolute URI.
[[nodiscard]] std::string docs_uri(std::string_view page_and_anchor);

// A reportingDescriptor: id, name, descriptions, help, helpUri, default level and properties
// (tags, problem.severity as GitHub reads it: error, warning or recommendation).
struct SarifRule {
  std::string id;
  std::string name;
  std::string short_description;
  std::string full_description;
  std::string help_text;
  std::string help_markdown;  // may be empty
  std::string help_page;      // "lints.md#sync-cycle"
  std::string level;          // "error", "warning", "note"
  std::string tag;            // "lint", "gate", "diff", "spec"
};
[[nodiscard]] Json sarif_rule(const SarifRule& rule);

// A toolExecutionNotification: a problem with a whole file (unreadable, not YAML, too large).
[[nodiscard]] Json sarif_notification(const SarifContext& context, std::string_view file,
                                      std::string_view message, std::string_view level);

// The whole log, with one run: the driver (name, version, informationUri, rules), the results,
// automationDetails.id "ripple/COMMAND/SPEC-URI/", originalUriBaseIds (when there is a source
// root) and one invocation (exitCode, executionSuccessful: exit code below 2, and the
// notifications).
[[nodiscard]] std::string sarif_document(const SarifContext& context, std::string_view spec_path,
                                         Json rules, Json results, Json notifications);

}  // namespace ripple::cli
