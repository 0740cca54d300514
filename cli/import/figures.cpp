#include "cli/import/figures.h"

#include <cstdio>

#include "cli/import/schema_size.h"
#include "model/units.h"

namespace ripple::importer {

Figure figure_from(const std::vector<Level>& levels, std::optional<GivenFigure> Extensions::*field,
                   const char* extension, const Fallback& fallback) {
  for (const Level& level : levels) {
    if (level.extensions == nullptr) continue;
    if (const auto& given = level.extensions->*field) {
      Figure f;
      f.value = given->text;
      f.source = FigureSource::Document;
      f.note = std::string(extension) + " of the " + level.name;
      f.kind = fallback.kind;
      f.at = given->at;
      return f;
    }
  }
  return default_figure(fallback, extension);
}

Figure default_figure(const Fallback& fallback, const std::string& setting) {
  Figure f;
  f.value = fallback.value;
  f.source = FigureSource::Default;
  f.note = "default; set " + setting;
  f.kind = fallback.kind;
  f.strict.push_back(
      {"no `" + setting + "` gives " + fallback.subject + " (--strict: the default " +
           fallback.value + " is not accepted)",
       "add `" + setting + ": " + fallback.value + "` (or the real figure) to " + fallback.where,
       fallback.at});
  f.at = fallback.at;
  return f;
}

Figure given_figure(std::string value, std::string note, Place at) {
  Figure f;
  f.value = std::move(value);
  f.source = FigureSource::Document;
  f.note = std::move(note);
  f.at = at;
  return f;
}

Figure size_figure(const SizeEstimate& size) {
  Figure f;
  f.value = size_text(size.bytes);
  f.note = size.how;
  f.kind = "size";
  f.at = size.at;
  f.source = size.defaulted ? FigureSource::Default : FigureSource::Document;
  if (!size.defaulted) return f;
  const std::string hint =
      "bound it in the schema (`maxLength`, `maxItems`, `format`, `properties`)";
  if (size.leaves.empty()) {
    f.note += " (default)";
    f.strict.push_back(
        {"the size of this value is defaulted: " + size.how + " (--strict)", hint, size.at});
    return f;
  }
  f.note +=
      "; inside, " + size.leaves.front().how +
      (size.leaves.size() > 1 ? " and " + std::to_string(size.leaves.size() - 1) + " more" : "") +
      " (default)";
  for (const DefaultedLeaf& leaf : size.leaves)
    f.strict.push_back(
        {"the size of this value is defaulted: " + leaf.how + " (--strict)", hint, leaf.at});
  return f;
}

std::string split_rate(const std::string& rate, int parts) {
  const double per_second = model::parse_rate(rate).value.value_or(0) / parts;
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", per_second);
  std::string out(text);
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out == "0") out = "0.000001";  // a rate must stay above zero
  return out + "/s";
}

}  // namespace ripple::importer
