#include "cli/render/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "cli/json/utf8.h"

namespace ripple::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";   // U+2060

// The code point of the well-formed sequence text[i, i + length).
std::uint32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (length == 1) return byte(0);
  std::uint32_t value = byte(0) & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) value = (value << 6) | (byte(k) & 0x3F);
  return value;
}

bool hidden_control(std::uint32_t c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029;
}

// Calls on_ascii(c) for each ASCII character, on_other(sequence) for each other well-formed
// UTF-8 sequence and on_invalid(byte) for each byte that starts none.
template <typename Ascii, typename Other, typename Invalid>
void each_character(std::string_view text, Ascii on_ascii, Other on_other, Invalid on_invalid) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      on_ascii(text[i]);
      ++i;
      continue;
    }
    const std::size_t length = utf8_length_at(text, i);
    if (length == 0) {
      on_invalid(byte);
      ++i;
      continue;
    }
    on_other(text.substr(i, length), code_point(text, i, length));
    i += length;
  }
}

enum class Tabs { Escape, Keep };

std::string terminal(std::string_view text, Tabs tabs) {
  std::string out;
  out.reserve(text.size());
  each_character(
      text,
      [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n')
          out += "\\n";
        else if (c == '\r')
          out += "\\r";
        else if (c == '\t')
          out += tabs == Tabs::Keep ? "\t" : "\\t";
        else if (u < 0x20 || u == 0x7F)
          out += fmt::format("\\x{:02x}", u);
        else
          out += c;
      },
      [&](std::string_view sequence, std::uint32_t c) {
        if (hidden_control(c))
          out += fmt::format("\\u{:04x}", c);
        else
          out += sequence;
      },
      [&](unsigned char byte) { out += fmt::format("\\x{:02x}", byte); });
  return out;
}

// Appends a character of Markdown or markup text other than ASCII: controls as a space,
// invalid bytes as U+FFFD.
void append_other(std::string& out, std::string_view sequence, std::uint32_t c) {
  if (c >= 0x80 && c <= 0x9F)
    out += ' ';
  else
    out += sequence;
}

std::string github(std::string_view text, bool property) {
  std::string out;
  each_character(
      text,
      [&](char c) {
        if (c == '%')
          out += "%25";
        else if (c == '\r')
          out += "%0D";
        else if (c == '\n')
          out += "%0A";
        else if (property && c == ':')
          out += "%3A";
        else if (property && c == ',')
          out += "%2C";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          out += ' ';
        else
          out += c;
      },
      [&](std::string_view sequence, std::uint32_t c) { append_other(out, sequence, c); },
      [&](unsigned char) { out += kReplacement; });
  return out;
}

}  // namespace

std::string terminal_text(std::string_view text) { return terminal(text, Tabs::Escape); }

std::string terminal_path(std::string_view path) {
  std::string shown = terminal_text(path);
  const std::size_t start = shown.find_first_not_of(' ');
  if (start != std::string::npos && shown.compare(start, 2, "::") == 0) shown.insert(0, "./");
  return shown;
}

std::string terminal_source_line(std::string_view text) { return terminal(text, Tabs::Keep); }

std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  each_character(
      text,
      [&](char c) {
        switch (c) {
          case '\\':
          case '`':
          case '[':
          case ']':
          case '|':
            out += '\\';
            out += c;
            break;
          case ':':
            out += text.substr(i, 3) == "://" ? "\\:" : ":";
            break;
          case '<':
            out += "&lt;";
            break;
          case '>':
            out += "&gt;";
            break;
          case '&':
            out += "&amp;";
            break;
          case '@':
            out += '@';
            out += kWordJoiner;
            break;
          default:
            out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
        }
        ++i;
      },
      [&](std::string_view sequence, std::uint32_t c) {
        append_other(out, sequence, c);
        i += sequence.size();
      },
      [&](unsigned char) {
        out += kReplacement;
        ++i;
      });
  return out;
}

std::string markdown_code(std::string_view text) {
  std::string body;
  std::size_t run = 0;
  std::size_t longest = 0;
  each_character(
      text,
      [&](char c) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == '|')
          body += "\\|";
        else
          body += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
      },
      [&](std::string_view sequence, std::uint32_t c) {
        run = 0;
        append_other(body, sequence, c);
      },
      [&](unsigned char) {
        run = 0;
        body += kReplacement;
      });
  const std::string fence(longest + 1, '`');
  // A span that starts or ends with a backtick needs a space so the fence stays the fence.
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string markdown_prose(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('`', at);
    const std::size_t close = open == std::string_view::npos ? open : text.find('`', open + 1);
    if (close == std::string_view::npos) break;
    out += markdown_text(text.substr(at, open - at));
    out += markdown_code(text.substr(open + 1, close - open - 1));
    at = close + 1;
  }
  return out + markdown_text(text.substr(std::min(at, text.size())));
}

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_character(
      text,
      [&](char c) {
        switch (c) {
          case '&':
            out += "&amp;";
            break;
          case '<':
            out += "&lt;";
            break;
          case '>':
            out += "&gt;";
            break;
          case '"':
            out += "&quot;";
            break;
          case '\'':
            out += "&#39;";
            break;
          case '\t':
          case '\n':
          case '\r':
            out += c;
            break;
          default:
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
      },
      [&](std::string_view sequence, std::uint32_t c) { append_other(out, sequence, c); },
      [&](unsigned char) { out += kReplacement; });
  return out;
}

std::string github_data(std::string_view text) { return github(text, false); }

std::string github_property(std::string_view text) { return github(text, true); }

}  // namespace ripple::cli
