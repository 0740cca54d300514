#include "cli/import/yaml_text.h"

#include <cctype>
#include <cstdio>

namespace ripple::importer {
namespace {

// YAML line breaks and characters that are not printable, beyond ASCII: NEL (U+0085), the C1
// controls (U+0080..U+009F), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029) and the byte-order
// mark (U+FEFF). Returns the code point when text[i] starts one, else 0.
unsigned special_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) return byte(i + 1);
  if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9))
    return 0x2000u + (byte(i + 2) - 0x80u);
  if (byte(i) == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) return 0xFEFF;
  return 0;
}

bool is_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::string_view rest = s.substr(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (rest.size() > 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'o')) return true;
  bool digits = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, digits = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, digits = true;
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool exponent = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, exponent = true;
    if (!exponent) return false;
  }
  return i == s.size();
}

bool reads_as_other_type(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "null", "Null", "NULL", "~",  "true", "True", "TRUE", "false", "False", "FALSE",
      "yes",  "Yes",  "YES",  "no", "No",   "NO",   "on",   "On",    "ON",    "off",
      "Off",  "OFF",  "y",    "Y",  "n",    "N",    "<<",   "="};
  for (const std::string_view word : kWords)
    if (s == word) return true;
  return is_number(s);
}

bool plain_safe(std::string_view s, ScalarContext context, bool as_string) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos) return false;
  if (s.substr(0, 3) == "---" || s.substr(0, 3) == "...") return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F || special_at(s, i) != 0) return false;
    if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ' || context == ScalarContext::Flow))
      return false;
    if (c == '#' && s[i - 1] == ' ') return false;
    if (context == ScalarContext::Flow &&
        (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'))
      return false;
  }
  return !as_string || !reads_as_other_type(s);
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    char buffer[16];
    if (const unsigned special = special_at(s, i)) {
      std::snprintf(buffer, sizeof buffer, "\\u%04X", special);
      out += buffer;
      i += special == 0xFEFF || special >= 0x2000 ? 2 : 1;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string yaml_string(std::string_view text, ScalarContext context) {
  return plain_safe(text, context, true) ? std::string(text) : double_quoted(text);
}

std::string yaml_scalar(const YamlNode& node, ScalarContext context) {
  if (node.is_null()) return "null";
  if (node.plain && plain_safe(node.value, context, false)) return node.value;
  return double_quoted(node.value);
}

std::string yaml_flow(const YamlNode& node) {
  if (node.is_map()) {
    std::string out = "{";
    for (std::size_t i = 0; i < node.entries.size(); ++i)
      out += (i == 0 ? "" : ", ") + yaml_scalar(node.entries[i].first, ScalarContext::Flow) + ": " +
             yaml_flow(node.entries[i].second);
    return out + "}";
  }
  if (node.is_sequence()) {
    std::string out = "[";
    for (std::size_t i = 0; i < node.items.size(); ++i)
      out += (i == 0 ? "" : ", ") + yaml_flow(node.items[i]);
    return out + "]";
  }
  return yaml_scalar(node, ScalarContext::Flow);
}

void yaml_block_entry(const std::string& key, const YamlNode& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  out += pad + yaml_string(key) + ":";
  // A small mapping of scalars reads best on one line, as the spec's examples write it.
  bool small = value.is_map() && !value.entries.empty() && value.entries.size() <= 6;
  for (const auto& [k, v] : value.entries) small = small && !v.is_map() && !v.is_sequence();
  if (small) {
    out += " " + yaml_flow(value) + "\n";
    return;
  }
  if (value.is_map() && !value.entries.empty()) {
    out += "\n";
    for (const auto& [k, v] : value.entries)
      yaml_block_entry(k.is_scalar() ? k.value : yaml_flow(k), v, indent + 2, out);
    return;
  }
  if (value.is_sequence() && !value.items.empty()) {
    bool scalars = true;
    for (const YamlNode& item : value.items)
      scalars = scalars && !item.is_map() && !item.is_sequence();
    if (!scalars) {
      out += "\n";
      for (const YamlNode& item : value.items) out += pad + "  - " + yaml_flow(item) + "\n";
      return;
    }
  }
  if (value.is_null() && value.value.empty()) {
    out += "\n";
    return;
  }
  out += " " + (value.is_scalar() ? yaml_scalar(value, ScalarContext::Block) : yaml_flow(value)) +
         "\n";
}

std::string comment_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (const unsigned special = special_at(text, i)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      i += special == 0xFEFF || special >= 0x2000 ? 2 : 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace ripple::importer
