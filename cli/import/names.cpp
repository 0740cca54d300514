#include "cli/import/names.h"

#include <cctype>

namespace ripple::importer {
namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_name_char(char c) { return is_letter(c) || is_digit(c) || c == '_' || c == '-'; }

// A name starting with `x-` would be read as an extension key and ignored.
std::string avoid_extension_prefix(std::string name) {
  if (name.size() >= 2 && (name[0] == 'x' || name[0] == 'X') && name[1] == '-') name[1] = '_';
  return name;
}

}  // namespace

std::string identifier(std::string_view text, std::string_view prefix) {
  std::string out;
  for (const char c : text) {
    if (is_name_char(c))
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  const auto junk = [](char c) { return c == '_' || c == '-'; };
  while (!out.empty() && junk(out.back())) out.pop_back();
  std::size_t first = 0;
  while (first < out.size() && junk(out[first])) ++first;
  out.erase(0, first);
  if (out.empty()) return out;
  if (!is_letter(out[0])) out = std::string(prefix) + out;
  return avoid_extension_prefix(out);
}

std::string kebab_name(std::string_view text) {
  std::string out;
  bool pending_dash = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!is_letter(c) && !is_digit(c)) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash && !out.empty() && out.back() != '-') out += '-';
    pending_dash = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::size_t first = 0;
  while (first < out.size() && !is_letter(out[first])) ++first;
  out.erase(0, first);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return avoid_extension_prefix(out);
}

std::string upper_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string Namer::unique(const std::string& wanted) {
  // Names are composed (`operation-Message`), so the extension prefix is checked here too.
  const std::string base = avoid_extension_prefix(wanted);
  std::string name = base;
  for (int n = 2; used_.count(name) > 0; ++n) name = base + "-" + std::to_string(n);
  used_.insert(name);
  return name;
}

}  // namespace ripple::importer
