#include "cli/import/read_document.h"

#include <cstdlib>

#include "cli/import/read_common.h"
#include "cli/import/read_versions.h"

namespace ripple::importer {
namespace {

using detail::Reading;
using detail::text_of;

struct Version {
  int major = 0;
  int minor = 0;
};

std::optional<Version> parse_version(const std::string& text) {
  Version v;
  char* end = nullptr;
  v.major = static_cast<int>(std::strtol(text.c_str(), &end, 10));
  if (end == text.c_str() || (*end != '.' && *end != '\0')) return std::nullopt;
  if (*end == '.') {
    const char* minor = end + 1;
    v.minor = static_cast<int>(std::strtol(minor, &end, 10));
    if (end == minor || (*end != '.' && *end != '\0')) return std::nullopt;
  }
  return v;
}

// Says what the file is when it is not AsyncAPI.
void report_not_asyncapi(Reading& r) {
  const YamlNode& root = r.doc.root;
  const Place at = r.at(root);
  if (!root.is_map()) {
    r.problems.error(at, "not an AsyncAPI document: the top level is not a mapping",
                     "an AsyncAPI document starts with `asyncapi: 3.0.0` (or a 2.x version)");
  } else if (root.find("ripple") != nullptr) {
    r.problems.error(at, "this is a Ripple spec, not an AsyncAPI document",
                     "check it with `ripple validate`; `ripple import asyncapi` reads AsyncAPI");
  } else if (root.find("openapi") != nullptr || root.find("swagger") != nullptr) {
    r.problems.error(at, "this is an OpenAPI document, not an AsyncAPI document",
                     "ripple imports AsyncAPI (event-driven APIs); describe the events in "
                     "AsyncAPI 2.x or 3.x");
  } else {
    r.problems.error(at, "not an AsyncAPI document: it has no `asyncapi` version field",
                     "an AsyncAPI document starts with `asyncapi: 3.0.0` (or a 2.x version)");
  }
}

// Checks the `asyncapi` field; false (after one error) when the version cannot be read.
bool check_version(Reading& r, const YamlNode& field, Application& app) {
  const std::string text = text_of(&field);
  const auto version = parse_version(text);
  if (!version) {
    r.problems.error(r.at(field), "`asyncapi` must be a version such as `3.0.0`",
                     "ripple import reads AsyncAPI 2.0 to 2.6 and 3.0 to 3.1");
    return false;
  }
  if (version->major != 2 && version->major != 3) {
    r.problems.error(r.at(field), "AsyncAPI " + text + " is not supported",
                     version->major < 2
                         ? "ripple import reads 2.0 to 2.6 and 3.0 to 3.1; convert the document "
                           "with the AsyncAPI CLI (`asyncapi convert`)"
                         : "ripple import reads 2.0 to 2.6 and 3.0 to 3.1");
    return false;
  }
  const int newest_minor = version->major == 2 ? 6 : 1;
  if (version->minor > newest_minor)
    r.problems.warning(r.at(field),
                       "AsyncAPI " + text + " is newer than ripple knows; read as " +
                           std::to_string(version->major) + "." + std::to_string(newest_minor),
                       "ripple import reads 2.0 to 2.6 and 3.0 to 3.1");
  r.major = version->major;
  app.version = text;
  return true;
}

void read_info(Reading& r, Application& app) {
  app.at = r.at(r.doc.root);
  const YamlNode* info = r.doc.root.find("info");
  if (info == nullptr) {
    r.problems.warning(r.at(r.doc.root), "the document has no `info`",
                       "add `info: {title: ..., version: ...}`; the service is named after the "
                       "file");
    return;
  }
  const auto resolved = detail::mapping(r, r.at(*info), "`info`");
  if (!resolved) return;
  for (const auto& [key, value] : r.doc.root.entries)
    if (&value == info) app.at = r.at(key);
  app.title = text_of(resolved->node->find("title"));
  app.description = text_of(resolved->node->find("description"));
  app.extensions = detail::read_extensions(r, *resolved);
  if (app.title.empty())
    r.problems.warning(*resolved, "`info` has no `title`",
                       "add `title:`; the service is named after the file");
}

void read_servers(Reading& r, Application& app) {
  const YamlNode* servers = r.doc.root.find("servers");
  if (servers == nullptr) return;
  const auto resolved = detail::mapping(r, r.at(*servers), "`servers`");
  if (!resolved) return;
  for (const auto& [key, value] : resolved->node->entries)
    if (key.is_scalar())
      app.servers.push_back(detail::read_server(r, key, {resolved->doc, &value}));
}

}  // namespace

std::optional<Application> read_application(const Document& doc, RefResolver& refs,
                                            SchemaSizer& sizer, Problems& problems) {
  Reading r{doc, refs, sizer, problems};
  const YamlNode* field = doc.root.is_map() ? doc.root.find("asyncapi") : nullptr;
  if (field == nullptr) {
    report_not_asyncapi(r);
    return std::nullopt;
  }
  Application app;
  app.doc = &doc;
  if (!check_version(r, *field, app)) return std::nullopt;
  read_info(r, app);
  read_servers(r, app);
  if (r.major == 2)
    detail::read_channels_v2(r, app);
  else
    detail::read_channels_v3(r, app);
  return app;
}

}  // namespace ripple::importer
