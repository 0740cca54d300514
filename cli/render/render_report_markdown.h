#pragma once

// Renders a Report (report_model.h) as GitHub-flavoured Markdown: the summary, the tables of the
// HTML report, and the architecture as a Mermaid `flowchart LR` (sync `-->`, async `-.->`,
// callbacks labelled and coloured) that GitHub renders. The charts stay in the HTML report.
// Pure: the same Report gives the same bytes.

#include <string>
#include <string_view>

#include "cli/render/report_model.h"

namespace ripple::cli {

[[nodiscard]] std::string render_report_markdown(const Report& report);

// A Mermaid node id for a component: a kind prefix ("svc_", "brk_", "sto_") then the name with
// every character outside [A-Za-z0-9] encoded ('_' as "__", '-' as "_h", others as "_xHH"), so
// ids are valid, never a Mermaid keyword, and distinct names give distinct ids.
[[nodiscard]] std::string mermaid_id(NodeKind kind, std::string_view name);

// Text for inside a double-quoted Mermaid label: quotes, #, <, >, &, |, ` as entity codes,
// line breaks as spaces.
[[nodiscard]] std::string mermaid_label(std::string_view text);

}  // namespace ripple::cli
