#include "model/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "model/file_checks.h"

namespace ripple::model::detail {
namespace {

// Thrown inside the event handler when a limit is crossed; caught in parse_yaml_tree.
struct TreeError {
  int line;
  int column;
  std::string message;
  std::string hint;
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
    // Checked before copying, so a YAML bomb costs at most the alias limit in memory.
    const std::size_t size = it->second.second;
    nodes_ += size;
    alias_nodes_ += size;
    const std::size_t limit = std::min(limits_.max_nodes, limits_.max_alias_nodes);
    if (nodes_ > limits_.max_nodes || alias_nodes_ > limits_.max_alias_nodes)
      throw TreeError{mark.line + 1, mark.column + 1,
                      "aliases expand past " + std::to_string(limit) + " nodes",
                      "this looks like a YAML bomb; a spec needs far fewer nodes"};
    // The copy stands where the alias is written, so problems with it point there.
    YamlNode copy = it->second.first;
    copy.line = mark.line + 1;
    copy.column = mark.column + 1;
    add(std::move(copy), 0);
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
      throw TreeError{
          node.line, node.column,
          "the YAML is nested deeper than " + std::to_string(limits_.max_depth) + " levels",
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
    std::vector<const YamlEntry*> merges;
    for (auto& entry : map.entries) {
      if (entry.first.is_scalar() && entry.first.plain && entry.first.value == "<<") {
        merges.push_back(&entry);
        continue;
      }
      own.push_back(std::move(entry));
    }
    report_duplicates(own);
    std::vector<YamlEntry> merged;
    for (const YamlEntry* merge : merges) {
      const YamlNode& source = merge->second;
      if (source.is_map()) {
        merge_from(source, own, merged);
      } else if (source.is_sequence()) {
        for (const YamlNode& item : source.items) {
          if (!item.is_map()) throw_merge_error(item);
          merge_from(item, own, merged);
        }
      } else {
        throw_merge_error(source);
      }
    }
    own.insert(own.end(), std::make_move_iterator(merged.begin()),
               std::make_move_iterator(merged.end()));
    map.entries = std::move(own);
  }

  static bool has_key(const std::vector<YamlEntry>& entries, const YamlNode& key) {
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
    throw TreeError{node.line, node.column,
                    "a merge key `<<` takes a mapping or a list of mappings",
                    "write `<<: *name` where `&name` marks a mapping"};
  }

  void report_duplicates(const std::vector<YamlEntry>& entries) {
    std::map<std::string, int> first_line;
    for (const auto& [key, value] : entries) {
      if (!key.is_scalar()) continue;
      const auto [it, inserted] = first_line.emplace(key.value, key.line);
      if (inserted) continue;
      Diagnostic d = file_diagnostic(
          path_, key.line, key.column, "duplicate key `" + key.value + "`",
          "it is already set at line " + std::to_string(it->second) + "; keep one of them");
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
  std::size_t alias_nodes_ = 0;
  YamlNode root_;
  bool has_root_ = false;
};

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

std::string too_large_message(std::size_t bytes, std::size_t limit) {
  const auto mib = [](std::size_t n) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", static_cast<double>(n) / (1 << 20));
    std::string text(buffer);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
      text.resize(text.size() - 2);
    return text + " MiB";
  };
  return "the file is too large (" + mib(bytes) + "; the limit is " + mib(limit) + ")";
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
    return fail(file_diagnostic(path, 0, 0, too_large_message(text.size(), limits.max_bytes),
                                "a spec is a description, not data"));
  if (auto problem = check_bytes(path, text)) {
    // Show the offending line only when it is text; bytes that are not UTF-8 become `?`.
    if (problem->message.find("binary") != std::string::npos)
      problem->line = 0, problem->column = 0;
    Diagnostic d = std::move(*problem);
    std::string line = source_line(text, d.line);
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t length = utf8_sequence_length(line, i);
      if (length == 0)
        line[i++] = '?';
      else
        i += length;
    }
    result.diagnostics = {std::move(d)};
    result.diagnostics.front().source_line = std::move(line);
    return result;
  }
  if (only_blank_or_comments(text))
    return fail(file_diagnostic(path, 0, 0, "the file is empty",
                                "a spec starts with `ripple: 1`; see examples/"));
  if (auto too_deep = check_depth(path, text, limits.max_depth)) return fail(std::move(*too_deep));

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
    return fail(file_diagnostic(path, has_mark ? e.mark.line + 1 : 0,
                                has_mark ? e.mark.column + 1 : 0, describe_parser_error(e.msg),
                                "check the indentation and the quoting around this place"));
  }
  for (Diagnostic& d : duplicates) d.source_line = source_line(text, d.line);
  result.diagnostics = std::move(duplicates);
  result.root = builder.take_root();
  result.ok = true;
  return result;
}

}  // namespace ripple::model::detail
