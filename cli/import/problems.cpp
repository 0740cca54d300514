#include "cli/import/problems.h"

#include <algorithm>
#include <utility>

namespace ripple::importer {

void Problems::error(Place at, std::string message, std::string hint) {
  report(model::Severity::Error, at, std::move(message), std::move(hint));
}

void Problems::warning(Place at, std::string message, std::string hint) {
  report(model::Severity::Warning, at, std::move(message), std::move(hint));
}

void Problems::report(model::Severity severity, Place at, std::string message, std::string hint) {
  model::Diagnostic d;
  d.severity = severity;
  d.message = std::move(message);
  d.hint = std::move(hint);
  if (at.doc != nullptr) d.file = at.doc->path;
  if (at.doc != nullptr && at.node != nullptr && at.node->line > 0) {
    const YamlNode& node = *at.node;
    d.line = node.line;
    // yaml-cpp marks a quoted scalar at its quote; point at the text.
    d.column = node.column + (node.is_scalar() && !node.plain ? 1 : 0);
    d.source_line = model::detail::source_line(at.doc->text, node.line);
    const int length = node.is_scalar() ? static_cast<int>(node.value.size()) : 1;
    const int room = static_cast<int>(d.source_line.size()) - d.column + 1;
    d.length = std::max(1, room > 0 ? std::min(length, room) : 1);
  }
  add(std::move(d));
}

void Problems::add(model::Diagnostic d) {
  if (!seen_.emplace(d.file, d.line, d.column, d.message).second) return;
  if (d.severity == model::Severity::Error) {
    if (errors_ >= kMaxErrors) {
      ++dropped_;
      return;
    }
    ++errors_;
  }
  list_.push_back(std::move(d));
}

void Problems::add_all(const model::Diagnostics& ds) {
  for (const model::Diagnostic& d : ds) add(d);
}

model::Diagnostics Problems::sorted() const {
  model::Diagnostics out = list_;
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  if (dropped_ > 0) {
    model::Diagnostic more;
    more.file = "ripple import";
    more.message = std::to_string(dropped_) + " more errors are not shown";
    more.hint = "fix the errors above first";
    out.push_back(std::move(more));
  }
  return out;
}

}  // namespace ripple::importer
