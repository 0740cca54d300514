#include "cli/format/figures.h"

#include <algorithm>
#include <cmath>

#include "model/units.h"

namespace ripple::cli {
namespace {

bool whole(double value) { return std::fabs(value - std::round(value)) < 1e-9; }

std::string without_trailing_zeros(std::string text) {
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string readable(double value) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : "-";
  if (std::fabs(value) >= 1e15) return fmt::format("{:.3g}", value);
  if (whole(value)) return fmt::format("{}", std::llround(value));
  if (std::fabs(value) < 0.01) return fmt::format("{:.2g}", value);  // keep small shares visible
  return without_trailing_zeros(fmt::format("{:.2f}", value));
}

std::string significant(double value) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";
  const double magnitude = std::floor(std::log10(std::fabs(value)));
  if (magnitude >= 9) return fmt::format("{:.4g}", value);
  const int decimals = static_cast<int>(std::clamp(3 - magnitude, 0.0, 9.0));
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) text = without_trailing_zeros(std::move(text));
  return text == "-0" ? "0" : text;
}

std::string compact(double value) {
  if (whole(value)) return fmt::format("{}", std::llround(value));
  return fmt::format("{:.4g}", value);
}

std::string run_length(double ms) {
  const auto whole_multiple = [&](double unit) { return std::fmod(ms, unit) == 0; };
  if (ms >= 3'600'000 && whole_multiple(3'600'000)) return significant(ms / 3'600'000) + "h";
  if (ms >= 60'000 && whole_multiple(60'000)) return significant(ms / 60'000) + "m";
  if (ms >= 1000) return significant(ms / 1000) + "s";
  return significant(ms) + "ms";
}

}  // namespace

std::string to_string(Figure figure) {
  switch (figure.style) {
    case FigureStyle::Readable:
      break;
    case FigureStyle::Significant:
      return significant(figure.value);
    case FigureStyle::Compact:
      return compact(figure.value);
  }
  return readable(figure.value);
}

std::string to_string(Span span) {
  const double ms = span.ms;
  switch (span.style) {
    case SpanStyle::Exact:
      break;
    case SpanStyle::Lag:
      return ms < 10'000 ? fmt::format("{:.1f}ms", ms) : fmt::format("{:.1f}s", ms / 1000);
    case SpanStyle::Run:
      return run_length(ms);
    case SpanStyle::Gate:
      return std::fabs(ms) >= 1000 ? significant(ms / 1000) + " s" : significant(ms) + " ms";
  }
  return model::format_duration(model::Duration::from_seconds(ms / 1000));
}

std::string to_string(Rate rate) { return readable(rate.per_second) + "/s"; }

std::string to_string(Bytes size) { return fmt::format("{} B", size.bytes); }

}  // namespace ripple::cli
