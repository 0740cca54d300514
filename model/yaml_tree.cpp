#include "model/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

namespace ripple::model::detail {
namespace {

// Thrown inside the event handler when a limit is crossed; caught in parse_yaml_tree.
struct TreeError {
  int line;
  int column;
  std::string message;
  std::string hint;
};

Diagnostic file_diagnostic(const std::string& path, int line, int column, std::string message,
                           std::string hint = {}) {
  Diagnostic d;
  d.file = path;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// --- Byte-level checks --------------------------------------------------------------------

struct Position {
  int line = 1;
  int column = 1;
};

Position position_of(const std::string& text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8.
std::size_t utf8_sequence_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((c & 0xE0) == 0xC0) length = 2, code = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) length = 3, code = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) length = 4, code = c & 0x07;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

std::optional<Diagnostic> check_bytes(const std::string& path, const std::string& text) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                           (text[0] == '\xFE' && text[1] == '\xFF')))
    return file_diagnostic(path, 0, 0, "the file is UTF-16 text, not UTF-8",
                           "save it as UTF-8 (most editors offer the encoding on save)");
  const std::size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    const Position p = position_of(text, nul);
    return file_diagnostic(path, p.line, p.column,
                           "the file is binary (it holds a NUL byte), not a YAML spec",
                           "a spec is a UTF-8 text file");
  }
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      const Position p = position_of(text, i);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      return file_diagnostic(path, p.line, p.column,
                             std::string("the file is not valid UTF-8 (byte ") + hex + ")",
                             "save it as UTF-8; Latin-1 or Windows-1252 text must be converted");
    }
    i += length;
  }
  return std::nullopt;
}

// --- Nesting pre-scan ---------------------------------------------------------------------
// yaml-cpp parses recursively, so a deeply nested document must be refused before it reaches
// the parser. This scan over-approximates the nesting depth from the text: indentation levels,
// compact sequence entries (`- - - x`), a mapping value on the line, and flow brackets.

struct DepthScanner {
  const std::string& text;
  int max_depth;
  std::vector<int> indents;
  int flow_depth = 0;
  char quote = 0;  // inside a quoted scalar that may span lines

  std::optional<TreeError> run() {
    int line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++line_number;
      if (auto error = scan_line(std::string_view(text).substr(start, end - start), line_number))
        return error;
      start = end + 1;
    }
    return std::nullopt;
  }

  static bool opens_token(std::string_view line, std::size_t i) {
    if (i == 0) return true;
    const char before = line[i - 1];
    return before == ' ' || before == '\t' || before == '[' || before == '{' || before == ',' ||
           before == ':';
  }

  std::optional<TreeError> scan_line(std::string_view line, int line_number) {
    std::size_t i = 0;
    int compact = 0;
    if (quote == 0 && flow_depth == 0) {
      while (i < line.size() && line[i] == ' ') ++i;
      if (i == line.size() || line[i] == '#') return std::nullopt;
      const int indent = static_cast<int>(i);
      while (!indents.empty() && indents.back() >= indent) indents.pop_back();
      indents.push_back(indent);
      while (i < line.size() && (line[i] == '-' || line[i] == '?') &&
             (i + 1 == line.size() || line[i + 1] == ' ')) {
        ++compact;
        i += 2;
        while (i < line.size() && line[i] == ' ') ++i;
      }
    }
    int line_max = flow_depth;
    bool mapping_value = false;
    for (; i < line.size(); ++i) {
      const char c = line[i];
      if (quote != 0) {
        if (quote == '"' && c == '\\') ++i;
        else if (c == quote) quote = 0;
        continue;
      }
      if ((c == '"' || c == '\'') && opens_token(line, i)) quote = c;
      else if (c == '#' && opens_token(line, i)) break;
      else if ((c == '[' || c == '{') && (flow_depth > 0 || opens_token(line, i)))
        line_max = std::max(line_max, ++flow_depth);
      else if ((c == ']' || c == '}') && flow_depth > 0) --flow_depth;
      else if (c == ':' && flow_depth == 0 && (i + 1 == line.size() || line[i + 1] == ' '))
        mapping_value = true;
      const int depth = static_cast<int>(indents.size()) + compact + line_max + (mapping_value ? 1 : 0);
      if (depth > max_depth)
        return TreeError{line_number, static_cast<int>(i) + 1,
                         "the YAML is nested deeper than " + std::to_string(max_depth) + " levels",
                         "a spec needs only a few levels; is this file generated by mistake?"};
    }
    const int depth = static_cast<int>(indents.size()) + compact + line_max;
    if (depth > max_depth)
      return TreeError{line_number, 1,
                       "the YAML is nested deeper than " + std::to_string(max_depth) + " levels",
                       "a spec needs only a few levels; is this file generated by mistake?"};
    return std::nullopt;
  }
};

// --- Tree building from events ------------------------------------------------------------

std::size_t count_nodes(const YamlNode& node) {
  std::size_t n = 1;
  for (const YamlNode& item : node.items) n += count_nodes(item);
  for (const auto& [key, value] : node.entries) n += count_nodes(key) + count_nodes(value);
  return n;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const TreeLimits& limits, Diagnostics& diagnostics, const std::string& path)
      : limits_(limits), diagnostics_(diagnostics), path_(path) {}

  [[nodiscard]] bool has_root() const { return has_root_; }
  [[nodiscard]] YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(YamlNode::Kind::Null, mark), anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node = make(YamlNode::Kind::Scalar, mark);
    node.value = value;
    node.plain = tag == "?";
    add(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw TreeError{mark.line + 1, mark.column + 1, "alias to an anchor that is not defined", ""};
    const std::size_t size = it->second.second;
    nodes_ += size;
    if (nodes_ > limits_.max_nodes)
      throw TreeError{mark.line + 1, mark.column + 1,
                      "aliases expand past " + std::to_string(limits_.max_nodes) + " nodes",
                      "this looks like a YAML bomb; a spec needs far fewer nodes"};
    add(it->second.first, 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    push(make(YamlNode::Kind::Sequence, mark), anchor);
  }
  void OnSequenceEnd() override { pop(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    push(make(YamlNode::Kind::Map, mark), anchor);
  }
  void OnMapEnd() override {
    finish_map(stack_.back().node);
    pop();
  }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    bool have_key = false;
    YamlNode key;
  };

  YamlNode make(YamlNode::Kind kind, const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes)
      throw TreeError{mark.line + 1, mark.column + 1,
                      "the YAML has more than " + std::to_string(limits_.max_nodes) + " nodes",
                      "split the spec or remove generated content"};
    YamlNode node;
    node.kind = kind;
    node.line = mark.line + 1;
    node.column = mark.column + 1;
    return node;
  }

  void push(YamlNode node, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw TreeError{node.line, node.column,
                      "the YAML is nested deeper than " + std::to_string(limits_.max_depth) +
                          " levels",
                      "a spec needs only a few levels"};
    stack_.push_back(Frame{std::move(node), anchor, false, {}});
  }

  void pop() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(frame.node), frame.anchor);
  }

  void add(YamlNode node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = {node, count_nodes(node)};
    if (stack_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.items.push_back(std::move(node));
    } else if (!top.have_key) {
      top.key = std::move(node);
      top.have_key = true;
    } else {
      top.node.entries.push_back(YamlEntry{std::move(top.key), std::move(node)});
      top.have_key = false;
    }
  }

  // Applies merge keys (`<<: *base` or `<<: [*a, *b]`; keys written in the map win, then the
  // first merged map) and reports duplicate keys.
  void finish_map(YamlNode& map) {
    std::vector<YamlEntry> own;
    std::vector<const YamlNode*> merges;
    for (auto& entry : map.entries) {
      if (entry.first.is_scalar() && entry.first.plain && entry.first.value == "<<") {
        merges.push_back(&entry.second);
        continue;
      }
      own.push_back(std::move(entry));
    }
    report_duplicates(own);
    std::vector<YamlEntry> merged;
    for (const YamlNode* source : merges) {
      if (source->is_map()) {
        merge_from(*source, own, merged);
      } else if (source->is_sequence()) {
        for (const YamlNode& item : source->items) {
          if (!item.is_map()) throw_merge_error(item);
          merge_from(item, own, merged);
        }
      } else {
        throw_merge_error(*source);
      }
    }
    own.insert(own.end(), std::make_move_iterator(merged.begin()),
               std::make_move_iterator(merged.end()));
    map.entries = std::move(own);
  }

  static bool has_key(const std::vector<YamlEntry>& entries,
                      const YamlNode& key) {
    return std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
      return e.first.is_scalar() && key.is_scalar() && e.first.value == key.value;
    });
  }

  static void merge_from(const YamlNode& source, const std::vector<YamlEntry>& own,
                         std::vector<YamlEntry>& merged) {
    for (const auto& entry : source.entries)
      if (!has_key(own, entry.first) && !has_key(merged, entry.first)) merged.push_back(entry);
  }

  [[noreturn]] static void throw_merge_error(const YamlNode& node) {
    throw TreeError{node.line, node.column, "a merge key `<<` takes a mapping or a list of mappings",
                    "write `<<: *name` where `&name` marks a mapping"};
  }

  void report_duplicates(const std::vector<YamlEntry>& entries) {
    std::map<std::string, int> first_line;
    for (const auto& [key, value] : entries) {
      if (!key.is_scalar()) continue;
      const auto [it, inserted] = first_line.emplace(key.value, key.line);
      if (inserted) continue;
      Diagnostic d = file_diagnostic(path_, key.line, key.column,
                                     "duplicate key `" + key.value + "`",
                                     "it is already set at line " + std::to_string(it->second) +
                                         "; keep one of them");
      d.length = static_cast<int>(key.value.size());
      diagnostics_.push_back(std::move(d));
    }
  }

  const TreeLimits& limits_;
  Diagnostics& diagnostics_;
  const std::string& path_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<YamlNode, std::size_t>> anchors_;
  std::size_t nodes_ = 0;
  YamlNode root_;
  bool has_root_ = false;
};

bool only_blank_or_comments(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.compare(first, 3, "---") == 0 && line.find_first_not_of(" \t\r", first + 3) == std::string::npos)
      continue;
    return false;
  }
  return true;
}

std::string describe_parser_error(const std::string& message) {
  if (message.empty()) return "invalid YAML";
  return "invalid YAML: " + message;
}

}  // namespace

const YamlNode* YamlNode::find(const std::string& name) const {
  for (const auto& entry : entries)
    if (entry.first.is_scalar() && entry.first.value == name) return &entry.second;
  return nullptr;
}

std::string source_line(const std::string& text, int line) {
  if (line <= 0) return {};
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

TreeResult parse_yaml_tree(const std::string& path, const std::string& text,
                           const TreeLimits& limits) {
  TreeResult result;
  const auto fail = [&](Diagnostic d) {
    d.source_line = source_line(text, d.line);
    result.diagnostics = {std::move(d)};
    return std::move(result);
  };
  if (text.size() > limits.max_bytes)
    return fail(file_diagnostic(path, 0, 0,
                                "the file is too large (" + std::to_string(text.size() >> 20) +
                                    " MiB; the limit is " + std::to_string(limits.max_bytes >> 20) +
                                    " MiB)",
                                "a spec is a description, not data"));
  if (auto problem = check_bytes(path, text)) {
    // Show the offending line only when it is text; bytes that are not UTF-8 become `?`.
    if (problem->message.find("binary") != std::string::npos) problem->line = 0, problem->column = 0;
    Diagnostic d = std::move(*problem);
    std::string line = source_line(text, d.line);
    for (char& c : line)
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    result.diagnostics = {std::move(d)};
    result.diagnostics.front().source_line = std::move(line);
    return result;
  }
  if (only_blank_or_comments(text))
    return fail(file_diagnostic(path, 0, 0, "the file is empty",
                                "a spec starts with `ripple: 1`; see examples/"));
  DepthScanner scanner{text, limits.max_depth, {}, 0, 0};
  if (auto error = scanner.run())
    return fail(file_diagnostic(path, error->line, error->column, error->message, error->hint));

  std::istringstream in(text);
  Diagnostics duplicates;
  TreeBuilder builder(limits, duplicates, path);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_root())
      return fail(file_diagnostic(path, 0, 0, "the file is empty",
                                  "a spec starts with `ripple: 1`; see examples/"));
    TreeBuilder rest(limits, duplicates, path);
    if (parser.HandleNextDocument(rest))
      return fail(file_diagnostic(path, 0, 0, "the file holds more than one YAML document",
                                  "a spec is one document; remove the extra `---` separators"));
  } catch (const TreeError& e) {
    return fail(file_diagnostic(path, e.line, e.column, e.message, e.hint));
  } catch (const YAML::Exception& e) {
    const bool has_mark = e.mark.line >= 0;
    return fail(file_diagnostic(path, has_mark ? e.mark.line + 1 : 0, has_mark ? e.mark.column + 1 : 0,
                                describe_parser_error(e.msg),
                                "check the indentation and the quoting around this place"));
  }
  for (Diagnostic& d : duplicates) d.source_line = source_line(text, d.line);
  result.diagnostics = std::move(duplicates);
  result.root = builder.take_root();
  result.ok = true;
  return result;
}

}  // namespace ripple::model::detail
