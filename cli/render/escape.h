#pragma once

// Escaping of text that comes from a spec, a file name or a file read back, one function per
// output medium, so that no such text can change what the output means: start a line or a
// workflow command, move the cursor, open a link, mention a user, end an XML element.
//
//   medium                              function
//   terminal text (text formats, stderr) terminal_text, terminal_path, terminal_source_line
//   Markdown (GitHub-flavoured)         markdown_text, markdown_prose, markdown_code
//   XML and HTML text and attributes    markup_escape
//   GitHub workflow commands            github_data, github_property
//   JSON                                the JSON writer (cli/json/json.h)
//
// Every function also makes its result valid UTF-8 (the loader refuses specs that are not, but a
// file name from the command line may hold any byte).

#include <string>
#include <string_view>

namespace ripple::cli {

// For terminal text: printable text and UTF-8 as they are; line feed, carriage return and tab
// as \n, \r, \t; the other C0 controls and DEL as \xHH (ESC as \x1b); C1 controls and the
// Unicode bidirectional overrides and isolates as \uHHHH; a byte that is not UTF-8 as \xHH.
// The result is one line and moves no cursor.
[[nodiscard]] std::string terminal_text(std::string_view text);

// terminal_text for a file name that may start a line: one that would start it with `::` (a
// GitHub workflow command, however many spaces before it) is shown as `./::...`, the same file.
[[nodiscard]] std::string terminal_path(std::string_view path);

// terminal_text, but tabs stay tabs: the source line under a diagnostic, whose caret line
// repeats the tabs to line up.
[[nodiscard]] std::string terminal_source_line(std::string_view text);

// For Markdown running text and table cells: `\`, `` ` ``, `[`, `]`, `|` and the `:` of `://`
// backslash-escaped (no code span, link, image, table cell or autolink starts); `<`, `>`, `&`
// as entities (no HTML, no comment, no entity); `@` followed by U+2060 WORD JOINER (no mention
// and no e-mail autolink); line breaks and other control characters as spaces.
[[nodiscard]] std::string markdown_text(std::string_view text);

// For ripple's own sentences that quote names as `code` (findings, diff details, report notes):
// each backtick-quoted part as markdown_code, the rest as markdown_text (a backtick left without
// its pair escaped). Whatever the names hold, no code span, HTML or link leaks out of its part.
[[nodiscard]] std::string markdown_prose(std::string_view text);

// `text` as one inline code span, table-safe: delimited by more backticks than any run inside,
// `|` as `\|`, line breaks and other control characters as spaces.
[[nodiscard]] std::string markdown_code(std::string_view text);

// Escapes & < > " ' for XML and HTML text and attribute values; control characters that XML 1.0
// forbids (below 0x20 except tab, newline, carriage return) become spaces, and bytes that are not
// UTF-8 become U+FFFD.
[[nodiscard]] std::string markup_escape(std::string_view text);

// GitHub workflow-command escaping: data escapes % CR LF; a property also escapes : and ,.
// Other control characters become spaces and bytes that are not UTF-8 U+FFFD.
[[nodiscard]] std::string github_data(std::string_view text);
[[nodiscard]] std::string github_property(std::string_view text);

}  // namespace ripple::cli
