#pragma once

// Renderers of `ripple sweep` and `ripple merge` (the JSON is cli/review/sweep_json.h):
//   text  one row per point: the axes' values, whether every gate held, each gate's value and
//         verdict, then the first default figures with their 95% intervals; or, after --find,
//         the boundary found and the points probed
//   csv   one row per point, every gate and figure with its interval (RFC 4180; cells that a
//         spreadsheet would run as a formula are prefixed with `'`)

#include <string>

#include "cli/render/terminal.h"
#include "cli/review/sweep_json.h"

namespace ripple::cli {

[[nodiscard]] std::string render_sweep_text(const SweepDocument& doc, Color color);
[[nodiscard]] std::string render_sweep_csv(const SweepDocument& doc);

}  // namespace ripple::cli
