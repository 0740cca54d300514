#pragma once

// Checks of a spec file's text before it reaches the YAML parser: encoding (UTF-16, binary,
// invalid UTF-8), emptiness and nesting depth. Each problem is reported alone, as one file-level
// diagnostic. Internal to the model library.

#include <cstddef>
#include <optional>
#include <string>

#include "model/diagnostic.h"

namespace ripple::model::detail {

// A diagnostic at `line`:`column` of `path` (0 = the whole file), without its source line.
[[nodiscard]] Diagnostic file_diagnostic(const std::string& path, int line, int column,
                                         std::string message, std::string hint = {});

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF included).
[[nodiscard]] std::size_t utf8_sequence_length(const std::string& text, std::size_t i);

// The first encoding problem: UTF-16 text, a NUL byte (binary), a byte that is not UTF-8.
[[nodiscard]] std::optional<Diagnostic> check_bytes(const std::string& path,
                                                    const std::string& text);

// Whether the text holds nothing but blank lines, comments and `---`.
[[nodiscard]] bool only_blank_or_comments(const std::string& text);

// The first place the text nests deeper than `max_depth` levels. yaml-cpp parses recursively, so
// a deeply nested document must be refused before it reaches the parser; the scan
// over-approximates the depth from the text.
[[nodiscard]] std::optional<Diagnostic> check_depth(const std::string& path,
                                                    const std::string& text, int max_depth);

}  // namespace ripple::model::detail
