#pragma once

// Names for the spec, made from AsyncAPI titles, keys and schema property names. Every name this
// returns matches the spec's `[A-Za-z][A-Za-z0-9_-]*` and never starts with `x-` (the loader
// ignores such keys as extensions).

#include <set>
#include <string>
#include <string_view>

namespace ripple::importer {

// Free text to a name that keeps its case: characters outside [A-Za-z0-9_-] become `_` (runs of
// them one `_`), leading and trailing `_`/`-` are dropped, and a name that does not start with a
// letter gets `prefix` in front. "" when the text holds no letter or digit.
//   identifier("smartylighting.streetlights.1.0", "e") == "smartylighting_streetlights_1_0"
//   identifier("2fa", "f_") == "f_2fa"
[[nodiscard]] std::string identifier(std::string_view text, std::string_view prefix);

// Free text to a lower-case name with one dash between words (runs of other characters):
//   "Website WebSocket Client" -> "website-websocket-client", "Public API " -> "public-api".
// Leading digits are dropped. "" when the text holds no ASCII letter.
[[nodiscard]] std::string kebab_name(std::string_view text);

// "commentLiked" -> "CommentLiked".
[[nodiscard]] std::string upper_first(std::string text);

// Hands out unique names within one namespace of the spec.
class Namer {
 public:
  // `base` when it is free, otherwise the first free of `base-2`, `base-3`, ...; reserves it.
  // A leading `x-` becomes `x_`. REQUIRES: base is otherwise a valid name.
  [[nodiscard]] std::string unique(const std::string& base);
  [[nodiscard]] bool taken(const std::string& name) const { return used_.count(name) > 0; }

 private:
  std::set<std::string> used_;
};

}  // namespace ripple::importer
