#include "model/spellcheck.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace ripple::model {
namespace {

// Names are ASCII (the loader checks them); std::tolower asks the locale for every character.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int max_distance) {
  const int m = static_cast<int>(a.size());
  const int n = static_cast<int>(b.size());
  if (std::abs(m - n) > max_distance) return max_distance + 1;
  // One row of the dynamic programme at a time; the row minimum bounds what follows.
  std::vector<int> row(n + 1);
  for (int j = 0; j <= n; ++j) row[j] = j;
  for (int i = 1; i <= m; ++i) {
    int diagonal = row[0];
    row[0] = i;
    int best = row[0];
    for (int j = 1; j <= n; ++j) {
      const int above = row[j];
      const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > max_distance) return max_distance + 1;
  }
  return std::min(row[n], max_distance + 1);
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  constexpr int kMaxDistance = 3;
  std::optional<std::string> best;
  int best_distance = kMaxDistance + 1;
  for (const std::string& candidate : candidates) {
    const int d = edit_distance(word, candidate, kMaxDistance);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best || best_distance == 0) return best_distance == 0 ? best : std::nullopt;
  const int limit = static_cast<int>(std::min(word.size(), best->size())) / 2;
  if (best_distance > limit) return std::nullopt;
  return best;
}

}  // namespace ripple::model
