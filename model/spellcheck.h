#pragma once

// "Did you mean" suggestions: the closest candidate by edit distance.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ripple::model {

// Levenshtein distance (insertions, deletions, substitutions), capped: returns max_distance + 1
// as soon as the distance is known to exceed max_distance.
[[nodiscard]] int edit_distance(std::string_view a, std::string_view b, int max_distance);

// The candidate closest to `word`, if it is close enough to be a likely misspelling: at most 3
// edits, and fewer edits than half the word's length (so `a` does not suggest `b`).
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);

}  // namespace ripple::model
