#include "cli/render/sarif.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "cli/version.h"

namespace ripple::cli {
namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

// `file` made absolute against the working directory (when relative) and lexically normal: no
// `.`, `..` or empty segments. The disk is not read (renderers do no I/O), so symbolic links are
// taken as written.
std::string absolute_path(const SarifContext& context, std::string_view file) {
  std::string joined(file);
  if (joined.empty() || joined.front() != '/') joined = context.working_dir + "/" + joined;
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out;
  for (const std::string_view segment : segments) out += "/" + std::string(segment);
  return out.empty() ? "/" : out;
}

// The part of the absolute, normal `path` below the directory `root`, or nullopt.
std::optional<std::string> below(const std::string& path, const SarifContext& context) {
  std::string root = absolute_path(SarifContext{}, context.source_root);
  if (root.back() != '/') root += '/';
  if (path.size() <= root.size() || path.compare(0, root.size(), root) != 0) return std::nullopt;
  return path.substr(root.size());
}

const char* problem_severity(std::string_view level) {
  if (level == "error") return "error";
  if (level == "warning") return "warning";
  return "recommendation";
}

}  // namespace

std::string percent_encode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (unreserved(byte))
      out += c;
    else
      out += fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string source_relative_path(const SarifContext& context, std::string_view file) {
  if (context.source_root.empty()) return std::string(file);
  const std::string path = absolute_path(context, file);
  return below(path, context).value_or(path);
}

Json sarif_artifact_location(const SarifContext& context, std::string_view file) {
  if (context.source_root.empty()) {
    std::string relative(file);
    if (relative.rfind("./", 0) == 0) relative = relative.substr(2);
    if (!relative.empty() && relative.front() == '/')
      return {{"uri", "file://" + percent_encode_path(relative)}};
    return {{"uri", percent_encode_path(relative)}};
  }
  const std::string path = absolute_path(context, file);
  if (const std::optional<std::string> relative = below(path, context))
    return {{"uri", percent_encode_path(*relative)}, {"uriBaseId", "%SRCROOT%"}};
  return {{"uri", "file://" + percent_encode_path(path)}};
}

Json sarif_region(int line, int column, int length) {
  const int start_line = std::max(line, 1);
  const int start_column = std::max(column, 1);
  return {{"startLine", start_line},
          {"startColumn", start_column},
          {"endLine", start_line},
          {"endColumn", start_column + std::max(length, 1)}};
}

Json sarif_location(const SarifContext& context, std::string_view file, int line, int column,
                    int length) {
  return {{"physicalLocation",
           {{"artifactLocation", sarif_artifact_location(context, file)},
            {"region", sarif_region(line, column, length)}}}};
}

std::string docs_uri(std::string_view page_and_anchor) {
  return std::string(kRippleDocsUrl) + std::string(page_and_anchor);
}

Json sarif_rule(const SarifRule& rule) {
  Json help = {{"text", rule.help_text}};
  if (!rule.help_markdown.empty()) help["markdown"] = rule.help_markdown;
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.short_description}}},
          {"fullDescription", {{"text", rule.full_description}}},
          {"help", std::move(help)},
          {"helpUri", docs_uri(rule.help_page)},
          {"defaultConfiguration", {{"level", rule.level}}},
          {"properties",
           {{"tags", Json::array({"ripple", rule.tag})},
            {"problem.severity", problem_severity(rule.level)}}}};
}

Json sarif_notification(const SarifContext& context, std::string_view file,
                        std::string_view message, std::string_view level) {
  const Json location = {
      {"physicalLocation", {{"artifactLocation", sarif_artifact_location(context, file)}}}};
  return {
      {"level", level}, {"message", {{"text", message}}}, {"locations", Json::array({location})}};
}

std::string sarif_document(const SarifContext& context, std::string_view spec_path, Json rules,
                           Json results, Json notifications) {
  const Json spec_uri = sarif_artifact_location(context, spec_path);
  if (!notifications.is_array()) notifications = Json::array();
  Json run = Json::object();
  run["tool"] = {{"driver",
                  {{"name", "ripple"},
                   {"version", kRippleVersion},
                   {"semanticVersion", kRippleVersion},
                   {"informationUri", docs_uri("ci.md")},
                   {"rules", std::move(rules)}}}};
  run["automationDetails"] = {
      {"id", fmt::format("ripple/{}/{}/", context.command, spec_uri["uri"].get<std::string>())}};
  if (!context.source_root.empty())
    run["originalUriBaseIds"] = {
        {"%SRCROOT%", {{"uri", "file://" + percent_encode_path(context.source_root)}}}};
  run["invocations"] = Json::array({{{"executionSuccessful", context.exit_code < 2},
                                     {"exitCode", context.exit_code},
                                     {"toolExecutionNotifications", std::move(notifications)}}});
  run["results"] = std::move(results);
  return json_text({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", Json::array({std::move(run)})}});
}

}  // namespace ripple::cli
