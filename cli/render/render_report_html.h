#pragma once

// Renders a Report (report_model.h) as one self-contained HTML5 document: inline CSS, inline SVG
// for the diagram and the charts, no script, no external resource of any kind, and a
// Content-Security-Policy that forbids loading one. Every text from the spec is escaped.
// Pure: the same Report gives the same bytes.

#include <string>
#include <string_view>

#include "cli/render/report_model.h"

namespace ripple::cli {

[[nodiscard]] std::string render_report_html(const Report& report);

}  // namespace ripple::cli
