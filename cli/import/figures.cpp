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
  f.strict_message = "no `" + setting + "` gives " + fallback.subject + " (--strict: the default " +
                     fallback.value + " is not accepted)";
  f.strict_hint =
      "add `" + setting + ": " + fallback.value + "` (or the real figure) to " + fallback.where;
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
  if (size.defaulted) {
    f.note += " (default)";
    f.strict_message = "the size of this value is defaulted: " + size.how + " (--strict)";
    f.strict_hint = "bound it in the schema (`maxLength`, `maxItems`, `format`, `properties`)";
  }
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
