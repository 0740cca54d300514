#pragma once

// UTF-8 checks for text that did not come through the spec loader (which refuses files that are
// not UTF-8): file names from the command line, values read back from JSON files.

#include <cstddef>
#include <string>
#include <string_view>

namespace ripple::cli {

// Length (1-4) of the well-formed UTF-8 sequence starting at text[i], or 0 when the byte there
// starts none (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut off).
// REQUIRES: i < text.size().
[[nodiscard]] std::size_t utf8_length_at(std::string_view text, std::size_t i);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

// `text` with every byte that starts no well-formed sequence replaced by U+FFFD.
[[nodiscard]] std::string valid_utf8(std::string_view text);

}  // namespace ripple::cli
