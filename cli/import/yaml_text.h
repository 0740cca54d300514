#pragma once

// YAML text that reads back as what was meant: scalars plain where that is safe and
// double-quoted with escapes otherwise, trees (for what --merge keeps) in block or flow style,
// and comments on one line. yaml-cpp's emitter cannot place comments where the spec needs them,
// so the importer writes its YAML itself with these.

#include <string>
#include <string_view>

#include "cli/import/documents.h"

namespace ripple::importer {

enum class ScalarContext { Block, Flow };

// A string as a scalar that reads back as the same string: plain when it is safe in `context`
// and cannot be read as anything but a string (not `null`, `true`, `3`, ...), else
// double-quoted, with control characters and YAML's line breaks escaped.
[[nodiscard]] std::string yaml_string(std::string_view text,
                                      ScalarContext context = ScalarContext::Block);

// A scalar of a parsed tree, written so that it reads back the same: one written plain stays
// plain (so `true` and `3` keep their meaning) when that is safe in `context`; one written quoted
// stays a string.
[[nodiscard]] std::string yaml_scalar(const YamlNode& node, ScalarContext context);

// A node in flow style: `{a: 1, b: [x, y]}`.
[[nodiscard]] std::string yaml_flow(const YamlNode& node);

// `key: value` at `indent` spaces, appended to `out`: a scalar on the line, a small mapping of
// scalars (up to 6) and a list of scalars in flow style, any other mapping on the lines below,
// any other list one `- ` item (in flow style) a line.
void yaml_block_entry(const std::string& key, const YamlNode& value, int indent, std::string& out);

// Text for a `# ` comment: on one line, control characters and line breaks as spaces.
[[nodiscard]] std::string comment_text(std::string_view text);

}  // namespace ripple::importer
