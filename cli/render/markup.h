#pragma once

// Escaping for the markup formats (JUnit and SARIF's XML neighbours, HTML, inline SVG) and for
// GitHub's workflow commands.

#include <string>
#include <string_view>

namespace ripple::cli {

// Escapes & < > " ' for XML and HTML text and attribute values; control characters that XML 1.0
// forbids (below 0x20 except tab, newline, carriage return) become spaces.
[[nodiscard]] std::string markup_escape(std::string_view text);

// GitHub workflow-command escaping: data escapes % CR LF; a property also escapes : and ,.
[[nodiscard]] std::string github_data(std::string_view text);
[[nodiscard]] std::string github_property(std::string_view text);

}  // namespace ripple::cli
