#include "model/reader.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "model/spellcheck.h"

namespace ripple::model::detail {

const char* describe_kind(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::Map:
      return "a mapping";
    case YamlNode::Kind::Sequence:
      return "a list";
    case YamlNode::Kind::Scalar:
      return "a single value";
    case YamlNode::Kind::Null:
      return "nothing";
  }
  return "?";
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += "`" + words[i] + "`";
  }
  return out;
}

// The line starts are found once per file: a search from the top for each diagnostic is
// quadratic in a file with thousands of them.
int Reader::file_of(const YamlNode& node) const {
  if (files_ == nullptr || node.origin < 0 || node.origin >= static_cast<int>(files_->size()))
    return file_index_;
  return node.origin;
}

const std::string& Reader::path_of(int file) const {
  return file == file_index_ ? path_ : (*files_)[static_cast<std::size_t>(file)].path;
}

const std::string& Reader::text_of(int file) const {
  return file == file_index_ ? text_ : (*files_)[static_cast<std::size_t>(file)].text;
}

ReadResult Reader::read_beside(const YamlNode& at, const std::string& relative) {
  std::string path = relative;
  const std::string& from = path_of(file_of(at));
  const std::size_t slash = from.find_last_of('/');
  if ((relative.empty() || relative.front() != '/') && slash != std::string::npos)
    path = from.substr(0, slash + 1) + relative;
  if (read_ != nullptr && *read_) return (*read_)(path);
  return read_source_file(path);
}

std::string Reader::line_text(int file, int line) {
  const std::string& text = text_of(file);
  std::vector<std::size_t>& starts = line_starts_[file];
  if (starts.empty()) {
    starts.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
      starts.push_back(i + 1);
  }
  if (line <= 0 || static_cast<std::size_t>(line) > starts.size()) return {};
  const std::size_t start = starts[static_cast<std::size_t>(line) - 1];
  if (start > text.size()) return {};
  std::size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

void Reader::add(Severity severity, const YamlNode& at, std::size_t offset, std::size_t length,
                 std::string message, std::string hint) {
  Diagnostic d;
  d.severity = severity;
  const int file = file_of(at);
  d.file = path_of(file);
  d.line = at.line;
  d.column = at.column + static_cast<int>(offset) + (at.is_scalar() && !at.plain ? 1 : 0);
  d.length = static_cast<int>(std::max<std::size_t>(length, 1));
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = line_text(file, at.line);
  // A quoted or multi-line scalar may run past its line; keep the underline on the line.
  const int room = static_cast<int>(d.source_line.size()) - d.column + 1;
  if (room > 0 && d.length > room) d.length = room;
  diagnostics_.push_back(std::move(d));
}

void Reader::error(const YamlNode& at, std::string message, std::string hint) {
  const std::size_t length = at.is_scalar() ? at.value.size() : 1;
  add(Severity::Error, at, 0, length, std::move(message), std::move(hint));
}

void Reader::warning(const YamlNode& at, std::string message, std::string hint) {
  const std::size_t length = at.is_scalar() ? at.value.size() : 1;
  add(Severity::Warning, at, 0, length, std::move(message), std::move(hint));
}

void Reader::error_at(const YamlNode& at, std::size_t offset, std::size_t length,
                      std::string message, std::string hint) {
  add(Severity::Error, at, offset, length, std::move(message), std::move(hint));
}

bool Reader::expect_map(const YamlNode& node, const std::string& what) {
  if (node.is_map()) return true;
  error(node, what + " must be a mapping (`key: value` lines), not " + describe_kind(node));
  return false;
}

bool Reader::expect_sequence(const YamlNode& node, const std::string& what) {
  if (node.is_sequence()) return true;
  error(node, what + " must be a list, not " + describe_kind(node),
        "write `[a, b]` or one `- item` per line");
  return false;
}

void Reader::check_keys(const YamlNode& map, std::initializer_list<const char*> allowed,
                        const std::string& what) {
  check_keys(map, std::vector<std::string>(allowed.begin(), allowed.end()), what);
}

void Reader::check_keys(const YamlNode& map, const std::vector<std::string>& names,
                        const std::string& what) {
  for (const auto& [key, value] : map.entries) {
    if (!key.is_scalar()) {
      error(key,
            "keys of " + what + " must be plain words, not " + std::string(describe_kind(key)));
      continue;
    }
    if (key.value.rfind("x-", 0) == 0) continue;
    bool known = false;
    for (const std::string& n : names) known = known || n == key.value;
    if (known) continue;
    const auto guess = closest_match(key.value, names);
    error(key, "unknown key `" + key.value + "` in " + what,
          guess ? "did you mean `" + *guess + "`?" : "allowed here: " + quoted_list(names));
  }
}

std::optional<std::string> Reader::scalar_text(const YamlNode& node, const std::string& what,
                                               const char* expected) {
  if (node.is_scalar()) return node.value;
  error(node, what + " must be " + expected + ", not " + describe_kind(node));
  return std::nullopt;
}

std::optional<std::string> Reader::text(const YamlNode& node, const std::string& what) {
  return scalar_text(node, what, "a single value");
}

std::optional<std::string> Reader::name(const YamlNode& node, const std::string& what) {
  auto value = scalar_text(node, what, "a name");
  if (!value) return std::nullopt;
  bool ok = !value->empty() && std::isalpha(static_cast<unsigned char>((*value)[0]));
  for (const char c : *value)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  if (!ok) {
    error(node, "`" + *value + "` is not a valid name for " + what,
          "names start with a letter and hold letters, digits, `_` and `-`");
    return std::nullopt;
  }
  return value;
}

std::optional<long long> Reader::integer(const YamlNode& node, const std::string& what,
                                         long long min, long long max) {
  const auto value = scalar_text(node, what, "a whole number");
  if (!value) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(value->c_str(), &end, 10);
  if (value->empty() || *end != '\0' || errno == ERANGE) {
    error(node, what + " must be a whole number, not `" + *value + "`");
    return std::nullopt;
  }
  if (n < min || n > max) {
    std::string range = max == std::numeric_limits<long long>::max()
                            ? "at least " + std::to_string(min)
                            : "between " + std::to_string(min) + " and " + std::to_string(max);
    error(node, what + " must be " + range + ", not " + *value);
    return std::nullopt;
  }
  return n;
}

std::optional<double> Reader::number(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a number");
  if (!value) return std::nullopt;
  char* end = nullptr;
  const double n = std::strtod(value->c_str(), &end);
  if (value->empty() || *end != '\0' || !std::isfinite(n)) {
    error(node, what + " must be a number, not `" + *value + "`");
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Reader::boolean(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "true or false");
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "True" || *value == "TRUE") return true;
  if (*value == "false" || *value == "False" || *value == "FALSE") return false;
  error(node, what + " must be `true` or `false`, not `" + *value + "`");
  return std::nullopt;
}

std::optional<Duration> Reader::duration(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a duration such as `20ms`");
  if (!value) return std::nullopt;
  const Parsed<Duration> parsed = parse_duration(*value);
  if (!parsed.ok()) error(node, what + ": " + parsed.error.message, parsed.error.hint);
  return parsed.value;
}

std::optional<double> Reader::rate(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a rate such as `200/s`");
  if (!value) return std::nullopt;
  const Parsed<double> parsed = parse_rate(*value);
  if (!parsed.ok()) error(node, what + ": " + parsed.error.message, parsed.error.hint);
  return parsed.value;
}

std::optional<double> Reader::ratio(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a ratio such as `0.5%` or `0.005`");
  if (!value) return std::nullopt;
  const Parsed<double> parsed = parse_ratio(*value);
  if (!parsed.ok()) error(node, what + ": " + parsed.error.message, parsed.error.hint);
  return parsed.value;
}

std::optional<std::int64_t> Reader::size(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a size such as `16B` or `4KiB`");
  if (!value) return std::nullopt;
  const Parsed<std::int64_t> parsed = parse_size(*value);
  if (!parsed.ok()) error(node, what + ": " + parsed.error.message, parsed.error.hint);
  return parsed.value;
}

std::optional<Distribution> Reader::distribution(const YamlNode& node, const std::string& what) {
  const auto value = scalar_text(node, what, "a duration or a distribution such as `exp(20ms)`");
  if (!value) return std::nullopt;
  Parsed<Distribution> parsed = parse_distribution(*value);
  if (!parsed.ok()) error(node, what + ": " + parsed.error.message, parsed.error.hint);
  return std::move(parsed.value);
}

void Reader::report_unknown_word(const YamlNode& node, const std::string& what,
                                 const std::string& value, const std::vector<std::string>& words) {
  const auto guess = closest_match(value, words);
  error(node, "unknown " + what + " `" + value + "`",
        guess ? "did you mean `" + *guess + "`?" : "use " + quoted_list(words));
}

}  // namespace ripple::model::detail
