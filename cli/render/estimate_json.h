#pragma once

// The JSON of an interval beside a simulated figure: [low, high], or null without one.

#include <optional>

#include "cli/json/json.h"
#include "cli/review/estimates.h"

namespace ripple::cli {

[[nodiscard]] inline Json bounds_json(const std::optional<Bounds>& ci) {
  if (!ci) return nullptr;
  return Json::array({ci->low, ci->high});
}

}  // namespace ripple::cli
