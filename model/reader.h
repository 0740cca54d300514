#pragma once

// Typed reading of YAML nodes for the loader: each read either returns a value or records a
// diagnostic at the node and returns nullopt, so the loader can go on and report every problem.
// Internal to the model library.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostic.h"
#include "model/distribution.h"
#include "model/loader.h"
#include "model/spec.h"
#include "model/units.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// The largest count (replicas, workers, rows, clients, ...) a spec may write.
inline constexpr long long kMaxCount = 1'000'000'000;

class Reader {
 public:
  // REQUIRES: path, text and diagnostics outlive the Reader.
  Reader(const std::string& path, const std::string& text, int file_index, Diagnostics& diagnostics)
      : path_(path), text_(text), file_index_(file_index), diagnostics_(diagnostics) {}

  // The files of a spec and its bases (indexed as Spec::files), for nodes a base wrote
  // (YamlNode::origin); without them every node is taken to be this reader's file's.
  // REQUIRES: `files` outlives the Reader.
  void set_files(const std::vector<SourceFile>* files) { files_ = files; }
  // How files a spec names (a trace's CSV) are read; null: read_source_file.
  // REQUIRES: `read` outlives the Reader.
  void set_file_reader(const FileReader* read) { read_ = read; }

  // Reads the file `relative` names, relative to the directory of the file that wrote `at`.
  [[nodiscard]] ReadResult read_beside(const YamlNode& at, const std::string& relative);
  // Records a diagnostic built elsewhere (a problem inside a file the spec names).
  void add_diagnostic(Diagnostic d) { diagnostics_.push_back(std::move(d)); }

  [[nodiscard]] SourceLoc loc(const YamlNode& node) const {
    return SourceLoc{file_of(node), node.line, node.column};
  }
  [[nodiscard]] const std::string& path() const { return path_; }

  // "Did you mean" compares a bad name with every name it could have meant: over a spec with
  // thousands of bad references that is quadratic. Each file gets kSpellcheckBudget comparisons;
  // spend(n) says whether n more fit (and counts them). Past the budget, errors keep their
  // message and lose only the suggestion. The same file always gets the same hints.
  static constexpr std::size_t kSpellcheckBudget = 500'000;
  [[nodiscard]] bool spend_spellcheck(std::size_t comparisons) {
    if (comparisons > spellcheck_left_) return false;
    spellcheck_left_ -= comparisons;
    return true;
  }

  void error(const YamlNode& at, std::string message, std::string hint = {});
  void warning(const YamlNode& at, std::string message, std::string hint = {});
  // An error at a position inside a scalar (`offset` characters into its value).
  void error_at(const YamlNode& at, std::size_t offset, std::size_t length, std::string message,
                std::string hint = {});

  // Type checks; on mismatch record "`what` must be a mapping" etc.
  bool expect_map(const YamlNode& node, const std::string& what);
  bool expect_sequence(const YamlNode& node, const std::string& what);
  // Reports every key of `map` not in `allowed` (keys starting with `x-` are extensions and
  // allowed everywhere), with a did-you-mean among `allowed`.
  void check_keys(const YamlNode& map, std::initializer_list<const char*> allowed,
                  const std::string& what);
  void check_keys(const YamlNode& map, const std::vector<std::string>& allowed,
                  const std::string& what);

  [[nodiscard]] std::optional<std::string> text(const YamlNode& node, const std::string& what);
  // A name matching [A-Za-z][A-Za-z0-9_-]*.
  [[nodiscard]] std::optional<std::string> name(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<long long> integer(const YamlNode& node, const std::string& what,
                                                 long long min, long long max);
  [[nodiscard]] std::optional<double> number(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<bool> boolean(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<Duration> duration(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<double> rate(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<double> ratio(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<std::int64_t> size(const YamlNode& node, const std::string& what);
  [[nodiscard]] std::optional<Distribution> distribution(const YamlNode& node,
                                                         const std::string& what);

  // One of a fixed set of words, with a did-you-mean.
  template <typename T>
  [[nodiscard]] std::optional<T> choice(const YamlNode& node, const std::string& what,
                                        const std::vector<std::pair<std::string, T>>& words) {
    const auto value = text(node, what);
    if (!value) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& [word, result] : words) {
      if (word == *value) return result;
      names.push_back(word);
    }
    report_unknown_word(node, what, *value, names);
    return std::nullopt;
  }

  void report_unknown_word(const YamlNode& node, const std::string& what, const std::string& value,
                           const std::vector<std::string>& words);

 private:
  // The text of line `line` (1-based) of the file with Spec::files index `file`, without its
  // line end; "" past the end.
  [[nodiscard]] std::string line_text(int file, int line);
  // The file (index, path, text) that wrote `node`.
  [[nodiscard]] int file_of(const YamlNode& node) const;
  [[nodiscard]] const std::string& path_of(int file) const;
  [[nodiscard]] const std::string& text_of(int file) const;
  void add(Severity severity, const YamlNode& at, std::size_t offset, std::size_t length,
           std::string message, std::string hint);
  [[nodiscard]] std::optional<std::string> scalar_text(const YamlNode& node,
                                                       const std::string& what,
                                                       const char* expected);

  const std::string& path_;
  const std::string& text_;
  int file_index_;
  Diagnostics& diagnostics_;
  std::size_t spellcheck_left_ = kSpellcheckBudget;
  const std::vector<SourceFile>* files_ = nullptr;
  const FileReader* read_ = nullptr;
  std::map<int, std::vector<std::size_t>> line_starts_;  // per file, built on first use
};

// "a mapping", "a list", "a value", "nothing" for messages.
[[nodiscard]] const char* describe_kind(const YamlNode& node);
// Joins words as "`a`, `b` or `c`".
[[nodiscard]] std::string quoted_list(const std::vector<std::string>& words);

}  // namespace ripple::model::detail
