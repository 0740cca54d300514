#pragma once

// The two keys every JSON document of ripple starts with, so a script knows what wrote it:
//   {"ripple_version": "0.1.0", "schema_version": 1, ...}
// `ripple_version` is the release (project(ripple VERSION) in CMake); `schema_version` is the
// version of the document's JSON Schema (`ripple schema KIND`): it changes only when a key is
// removed or changes meaning, never when one is added.

#include <optional>
#include <string>

#include "cli/json/json.h"

namespace ripple::cli {

inline constexpr int kSchemaVersion = 1;

// `body`'s members after ripple_version and schema_version. REQUIRES: body is an object.
[[nodiscard]] Json versioned(Json body);

// nullopt when `document` (an object) may be read by this ripple: its schema_version is absent
// or kSchemaVersion. Otherwise the reason, in one line: "schema version 99 is not supported
// (ripple 0.1.0 reads version 1)".
[[nodiscard]] std::optional<std::string> unsupported_schema_version(const Json& document);

}  // namespace ripple::cli
