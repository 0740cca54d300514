#include "cli/json/versioned.h"

#include <fmt/format.h>

#include "cli/version.h"

namespace ripple::cli {

Json versioned(Json body) {
  Json document = Json::object();
  document["ripple_version"] = kRippleVersion;
  document["schema_version"] = kSchemaVersion;
  for (auto& [key, value] : body.items()) document[key] = std::move(value);
  return document;
}

std::optional<std::string> unsupported_schema_version(const Json& document) {
  const auto version = document.find("schema_version");
  if (version == document.end()) return std::nullopt;
  if (version->is_number_integer() && version->get<long long>() == kSchemaVersion)
    return std::nullopt;
  return fmt::format("schema version {} is not supported (ripple {} reads version {})",
                     version->dump(), kRippleVersion, kSchemaVersion);
}

}  // namespace ripple::cli
