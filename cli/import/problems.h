#pragma once

// The problems of one import, as data: errors and warnings at a place in a document, rendered by
// the cli compiler-style (`file:line:col: error: message`, the source line, a caret, a hint).
// The same problem reported twice at one place is kept once; past a limit, errors are counted.

#include <cstddef>
#include <set>
#include <string>
#include <tuple>

#include "cli/import/documents.h"
#include "model/diagnostic.h"

namespace ripple::importer {

class Problems {
 public:
  // At a node; when `at` has no node, the problem concerns the whole file (or, with no document
  // either, the import).
  void error(Place at, std::string message, std::string hint = {});
  void warning(Place at, std::string message, std::string hint = {});
  void add(model::Diagnostic d);
  void add_all(const model::Diagnostics& ds);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] std::size_t error_count() const { return errors_; }

  // Every problem, sorted by file, line and column (so one input always reads the same), then
  // one line counting the errors past the limit, if any.
  [[nodiscard]] model::Diagnostics sorted() const;

  static constexpr std::size_t kMaxErrors = 100;

 private:
  void report(model::Severity severity, Place at, std::string message, std::string hint);

  model::Diagnostics list_;
  std::set<std::tuple<std::string, int, int, std::string>> seen_;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace ripple::importer
