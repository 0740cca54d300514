#pragma once

// Short lists and counts in text: "a, b, c and 4 more", "3 warnings". Shared by the analyze
// renderers and the report, so every list that is cut says so the same way.

#include <cstddef>
#include <string>
#include <vector>

namespace ripple::cli {

// "1 error", "2 errors": `n` and the word, with an "s" unless n is 1.
[[nodiscard]] std::string counted(std::size_t n, const std::string& word);
// "1 entry", "2 entries": `n` and the singular or the plural.
[[nodiscard]] std::string counted(std::size_t n, const std::string& singular,
                                  const std::string& plural);

// The first `limit` of `items`, comma-separated, then " and N more" when some were left out.
[[nodiscard]] std::string list_text(const std::vector<std::string>& items, std::size_t limit);

// As list_text for a list of `total` entries of which only `first` are at hand (the analyzers
// keep a bounded prefix of each cascade's lists); `first` holds at least min(limit, total).
[[nodiscard]] std::string list_first(const std::vector<std::string>& first, int total,
                                     std::size_t limit);

}  // namespace ripple::cli
