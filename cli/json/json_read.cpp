// parse_json: nlohmann's SAX parser with a document builder of our own, so that a repeated key
// is an error, nesting is bounded and every error is one line that says what was
// expected and at which byte, in the words of the hand-written reader this replaced.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "cli/json/json.h"

namespace ripple::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// Errors. nlohmann says where its parser was ("while parsing object separator"), what it read
// (a token, or text that is no token: "invalid literal") and how many bytes it had read; the
// replaced reader looked at the first byte of what came next and said what it had expected
// there. The two agree on every JSON text; on text JSON forbids but the old reader let through
// (NaN, "1.", raw tabs in strings) nlohmann stops earlier and says why.

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// Where the parser was: what it expected next.
enum class Context { Value, Key, Colon, Member, Element, End };

Context context_of(const std::string& what) {
  if (has(what, "; expected end of input")) return Context::End;
  if (has(what, "while parsing object key")) return Context::Key;
  if (has(what, "while parsing object separator")) return Context::Colon;
  if (has(what, "while parsing object -")) return Context::Member;
  if (has(what, "while parsing array -")) return Context::Element;
  return Context::Value;
}

// What it read: a whole token, or the start of one the lexer refused.
// BadString: a string the lexer refused (unterminated, a bad escape, a raw control character...).
enum class Read { EndOfText, String, BadString, Number, Literal, True, False, Null, Mark, Bom };

Read read_of(const std::string& what) {
  if (has(what, "unexpected end of input")) return Read::EndOfText;
  if (has(what, "invalid string")) return Read::BadString;
  if (has(what, "unexpected string literal")) return Read::String;
  if (has(what, "invalid number") || has(what, "unexpected number literal")) return Read::Number;
  if (has(what, "invalid literal")) return Read::Literal;
  if (has(what, "unexpected true literal")) return Read::True;
  if (has(what, "unexpected false literal")) return Read::False;
  if (has(what, "unexpected null literal")) return Read::Null;
  if (has(what, "invalid BOM")) return Read::Bom;
  return Read::Mark;  // [ ] { } : ,
}

bool escaped(std::string_view text, std::size_t at) {
  std::size_t backslashes = 0;
  while (at > backslashes && text[at - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

// Index of the opening quote of the string the lexer refused at `position` (see token_start): the
// byte it stopped at is the offending one, unless the text ended.
std::size_t string_start(std::string_view text, std::size_t position) {
  const std::size_t last_content = position > text.size() ? text.size() - 1 : position - 2;
  for (std::size_t j = last_content + 1; j-- > 0;)
    if (text[j] == '"' && !escaped(text, j)) return j;
  return 0;
}

// Index where an invalid literal ("tru}", "nul ", "x") began: the longest run before the byte the
// lexer stopped at (index `bad`) that is a proper prefix of true, false or null.
std::size_t literal_start(std::string_view text, std::size_t bad) {
  for (std::size_t k = std::min<std::size_t>(4, bad); k > 0; --k) {
    const std::string_view run = text.substr(bad - k, k);
    for (const std::string_view literal : {"true", "false", "null"})
      if (k < literal.size() && literal.substr(0, k) == run) return bad - k;
  }
  return bad;
}

// Bytes of `token` as nlohmann reports it: it writes a control character as "<U+000A>", and only
// the last byte read (the one refused) can be one.
std::size_t token_bytes(const std::string& token) {
  const bool control =
      token.size() >= 8 && token.back() == '>' && token.compare(token.size() - 8, 3, "<U+") == 0;
  return control ? token.size() - 7 : token.size();
}

// Index of the first byte of what was read. `position` is nlohmann's count of bytes read, the
// end of the text counting as one; `token` the text of the token being read (exact for strings
// and numbers, which the lexer starts afresh).
std::size_t token_start(std::string_view text, Read read, std::size_t position,
                        const std::string& token) {
  const bool at_end = position > text.size();
  const std::size_t consumed = at_end ? text.size() : position;
  switch (read) {
    case Read::BadString:
      return string_start(text, position);
    case Read::String:
    case Read::Number:
      return consumed - std::min(consumed, token_bytes(token));
    case Read::Literal:
      return literal_start(text, position - 1);
    case Read::True:
    case Read::Null:
      return position - 4;
    case Read::False:
      return position - 5;
    case Read::Bom:
      return 0;
    case Read::EndOfText:
    case Read::Mark:
      break;
  }
  return position - 1;
}

// A string the lexer refused where a string may stand: what is wrong inside it, and where.
std::string string_problem(std::string_view text, const std::string& what, std::size_t position) {
  const auto at = [](std::size_t byte) { return " at byte " + std::to_string(byte); };
  if (has(what, "'\\u' must be followed"))  // at the first of the four hex digits
    return "bad \\u escape" + at(text.rfind("\\u", position - 1) + 3);
  if (has(what, "surrogate")) return "bad \\u escape" + at(position);
  if (position > text.size()) return "unterminated string" + at(position);
  const std::size_t from = what.find(" - ") + 3;
  return what.substr(from, what.find("; last read") - from) + at(position);
}

std::string describe_error(std::string_view text, const std::string& what, std::size_t position,
                           const std::string& token) {
  const Context context = context_of(what);
  Read read = read_of(what);
  // nlohmann's lexer takes a NUL byte for the end of the text; the end comes after the text.
  if (read == Read::EndOfText && position <= text.size()) read = Read::Mark;
  if (read == Read::EndOfText)
    return "unexpected end of the document at byte " + std::to_string(position);
  const std::string at = " at byte " + std::to_string(token_start(text, read, position, token) + 1);
  switch (context) {
    case Context::End:
      return "unexpected text after the document" + at;
    case Context::Colon:
      return "expected `:`" + at;
    case Context::Member:
    case Context::Element:
      return "expected `,`" + at;
    case Context::Key:
    case Context::Value:
      break;
  }
  if (read == Read::BadString) return string_problem(text, what, position);
  return (context == Context::Key ? "expected a key" : "expected a value") + at;
}

// Where the first value nested inside more than kMaxJsonDepth containers begins, counted as the
// replaced reader did: after the `,` or `:` before it, else (first in an array) at the value.
// REQUIRES: the text before that value is valid JSON.
std::size_t too_deep_at(std::string_view text) {
  int depth = 0;
  std::size_t after_separator = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ',' || c == ':') {
      after_separator = i + 1;
      continue;
    }
    if (c == ']' || c == '}') {
      --depth;
      continue;
    }
    const std::size_t start = i;
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      std::size_t next = i + 1;
      while (next < text.size() &&
             (text[next] == ' ' || text[next] == '\n' || text[next] == '\t' || text[next] == '\r'))
        ++next;
      if (next < text.size() && text[next] == ':') continue;  // a key, not a value
    }
    if (depth > kMaxJsonDepth)
      return after_separator != std::string_view::npos ? after_separator : start;
    if (c == '[' || c == '{') {
      ++depth;
      after_separator = std::string_view::npos;
    }
  }
  return text.size();
}

// Builds the document from nlohmann's SAX events (the interface nlohmann::json::sax_parse needs).
class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {}

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return add(Json(value));
  }
  bool string(Json::string_t& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& /*value*/) { return false; }  // not in text input
  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  // A key repeated in one object is an error: RFC 8259 leaves its meaning open, and two readers
  // that keep different values of it would see different documents.
  bool key(Json::string_t& name) {
    const int seen = ++keys_seen_[name];
    if (skipped_ == 0 && open_.back()->contains(name)) {
      error_ = "key `" + name + "` appears twice in one object" + key_position(name, seen);
      return false;
    }
    key_ = std::move(name);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const Json::exception& error) {
    error_ = describe_error(text_, error.what(), position, last_token);
    return false;
  }

  [[nodiscard]] JsonParse result() && {
    if (!error_.empty()) return {std::nullopt, std::move(error_)};
    return {std::move(root_), ""};
  }

 private:
  // " at byte N" of the `seen`-th `"name":` of the text, "" when it is written with escapes.
  [[nodiscard]] std::string key_position(const std::string& name, int seen) const {
    const std::string quoted = "\"" + name + "\"";
    for (std::size_t at = text_.find(quoted); at != std::string_view::npos;
         at = text_.find(quoted, at + 1)) {
      const std::size_t next = text_.find_first_not_of(" \t\r\n", at + quoted.size());
      if (next != std::string_view::npos && text_[next] == ':' && --seen == 0)
        return " at byte " + std::to_string(at + 1);
    }
    return "";
  }

  [[nodiscard]] int depth() const { return static_cast<int>(open_.size()) + skipped_; }

  bool too_deep() {
    if (depth() <= kMaxJsonDepth) return false;
    error_ = "nested too deep at byte " + std::to_string(too_deep_at(text_) + 1);
    return true;
  }

  // Where a new value goes: nullptr when it is dropped (inside or as a repeated key's value).
  Json* place(Json value) {
    if (skipped_ > 0) return nullptr;
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& container = *open_.back();
    if (container.is_array()) {
      container.push_back(std::move(value));
      return &container.back();
    }
    return &(container[key_] = std::move(value));
  }

  bool add(Json value) {
    if (too_deep()) return false;
    place(std::move(value));
    return true;
  }

  bool open(Json container) {
    if (too_deep()) return false;
    Json* placed = place(std::move(container));
    if (placed == nullptr)
      ++skipped_;
    else
      open_.push_back(placed);
    return true;
  }

  bool close() {
    if (skipped_ > 0)
      --skipped_;
    else
      open_.pop_back();
    return true;
  }

  std::string_view text_;
  Json root_;
  std::vector<Json*> open_;               // containers being filled, outermost first
  std::string key_;                       // of the next member of the innermost open object
  int skipped_ = 0;                       // depth inside a dropped container
  std::map<std::string, int> keys_seen_;  // times each key has come, in the whole text
  std::string error_;
};

}  // namespace

JsonParse parse_json(std::string_view text) {
  // nlohmann skips a byte-order mark; RFC 8259 lets a parser refuse one, and ripple always has.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") return {std::nullopt, "expected a value at byte 1"};
  Builder builder(text);
  Json::sax_parse(text.begin(), text.end(), &builder);
  JsonParse parsed = std::move(builder).result();
  // A document nlohmann accepts ends at the text's end or at a NUL byte, never inside a string.
  if (const std::size_t nul = text.find('\0'); parsed.value && nul != std::string_view::npos)
    return {std::nullopt, "unexpected text after the document at byte " + std::to_string(nul + 1)};
  return parsed;
}

}  // namespace ripple::cli
