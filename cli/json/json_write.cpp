// json_text: nlohmann's dump() differs from ripple's layout in ways the golden files would show
// (1.0 written as "1.0", \b and \f as short escapes, invalid UTF-8 refused), so the document is
// walked here and every scalar written as ripple always wrote it.

#include <fmt/format.h>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "cli/json/json.h"
#include "cli/json/utf8.h"

namespace ripple::cli {
namespace {

// Bytes that are not UTF-8 (a file name from the command line) become U+FFFD: a JSON text is
// UTF-8 (RFC 8259 section 8.1), and a reader may refuse the whole document over one such byte.
void append_string(std::string_view text, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else if (static_cast<unsigned char>(c) < 0x80) {
          out += c;
        } else if (const std::size_t length = utf8_length_at(text, i); length == 0) {
          out += "\xEF\xBF\xBD";
        } else {
          out.append(text.substr(i, length));
          i += length - 1;
        }
    }
  }
  out += '"';
}

void append_double(double number, std::string& out) {
  if (!std::isfinite(number)) {
    out += "null";
  } else if (number == std::floor(number) && std::fabs(number) < 1e15) {
    // Whole numbers without a fraction, as integers would be written.
    out += fmt::format("{}", static_cast<std::int64_t>(number));
  } else {
    out += fmt::format("{}", number);  // shortest round-trip form
  }
}

void newline(int depth, std::string& out) {
  out += '\n';
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void append_value(const Json& value, int depth, std::string& out);

void append_object(const Json& object, int depth, std::string& out) {
  if (object.empty()) {
    out += "{}";
    return;
  }
  out += '{';
  bool first = true;
  for (const auto& [key, member] : object.get_ref<const Json::object_t&>()) {
    if (!first) out += ',';
    first = false;
    newline(depth + 1, out);
    append_string(key, out);
    out += ": ";
    append_value(member, depth + 1, out);
  }
  newline(depth, out);
  out += '}';
}

void append_array(const Json& array, int depth, std::string& out) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  bool first = true;
  for (const Json& item : array.get_ref<const Json::array_t&>()) {
    if (!first) out += ',';
    first = false;
    newline(depth + 1, out);
    append_value(item, depth + 1, out);
  }
  newline(depth, out);
  out += ']';
}

void append_value(const Json& value, int depth, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object:
      return append_object(value, depth, out);
    case Json::value_t::array:
      return append_array(value, depth, out);
    case Json::value_t::string:
      return append_string(value.get_ref<const Json::string_t&>(), out);
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += fmt::format("{}", value.get<Json::number_integer_t>());
      return;
    case Json::value_t::number_unsigned:
      out += fmt::format("{}", value.get<Json::number_unsigned_t>());
      return;
    case Json::value_t::number_float:
      return append_double(value.get<double>(), out);
    case Json::value_t::null:
    case Json::value_t::discarded:
      out += "null";
      return;
    case Json::value_t::binary:
      break;
  }
  assert(false && "ripple writes no binary JSON values");
  out += "null";
}

}  // namespace

Json JsonObjectBuilder::build() && {
  return Json::object_t(std::make_move_iterator(members_.begin()),
                        std::make_move_iterator(members_.end()));
}

Json nullable(std::optional<double> value) { return value ? Json(*value) : Json(nullptr); }

void append_json(const Json& value, int depth, std::string& out) {
  append_value(value, depth, out);
}

void append_json_string(std::string_view text, std::string& out) { append_string(text, out); }

std::string json_text(const Json& document) {
  std::string out;
  append_value(document, 0, out);
  out += '\n';
  return out;
}

}  // namespace ripple::cli
