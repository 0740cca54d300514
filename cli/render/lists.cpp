#include "cli/render/lists.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace ripple::cli {

std::string counted(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string counted(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

std::string list_first(const std::vector<std::string>& first, int total, std::size_t limit) {
  const std::size_t count = static_cast<std::size_t>(std::max(total, 0));
  const std::size_t shown = std::min({limit, count, first.size()});
  std::string out =
      fmt::format("{}", fmt::join(first.begin(), first.begin() + static_cast<long>(shown), ", "));
  if (count > shown) out += fmt::format(" and {} more", count - shown);
  return out;
}

std::string list_text(const std::vector<std::string>& items, std::size_t limit) {
  return list_first(items, static_cast<int>(items.size()), limit);
}

}  // namespace ripple::cli
