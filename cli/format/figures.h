#pragma once

// How ripple writes numbers with their units: figures, spans of time, rates and sizes, as
// values with an fmt::formatter each, so they go straight into format strings:
//
//   fmt::format("{} requests at {}", Figure{requests}, Rate{12.5});    // "50 requests at 12.5/s"
//   fmt::format("lag {:>10}", Span{lag_ms, SpanStyle::Lag});            // width and alignment work
//   std::string cell = to_string(Figure{0.25});                         // "0.25"
//
// Each style belongs to a family of outputs whose golden files fix it; a new output picks the
// style of its family rather than writing numbers by hand.

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ripple::cli {

enum class FigureStyle {
  // Analysis figures (analyze, report): whole numbers as integers, others with at most two
  // decimals, below 0.01 two significant digits, from 1e15 three: "50", "0.25", "1.33",
  // "0.0012", "3.2e+15"; "inf" and, for NaN and -inf, "-".
  Readable,
  // Gate values and thresholds: four significant digits without exponent below 1e9: "412.5",
  // "0.0012", "12346"; "inf" and "-inf".
  Significant,
  // Figures a diff compares: whole numbers as integers, others in four significant digits
  // (%.4g): "3", "0.3333", "1.235e+04".
  Compact,
};

struct Figure {
  double value = 0;
  FigureStyle style = FigureStyle::Readable;
};

// A span of time given in milliseconds.
enum class SpanStyle {
  Exact,  // as the spec writes durations, exactly: "250us", "1.5s", "2m" (model::format_duration)
  Lag,    // one decimal, ms below ten seconds and s from there: "12.3ms", "45.0s"
  Run,    // a run's length: whole hours or minutes as such, else s from one second, else ms,
          // four significant digits: "1h", "10m", "90s", "1.5s", "250ms"
  Gate,   // a gate's value: ms below a second, else s, with a space: "412 ms", "1.5 s"
};

struct Span {
  double ms = 0;
  SpanStyle style = SpanStyle::Exact;
};

// Events or requests per second, as a Readable figure: "200/s", "0.25/s".
struct Rate {
  double per_second = 0;
};

// A size in bytes: "16 B".
struct Bytes {
  std::int64_t bytes = 0;
};

[[nodiscard]] std::string to_string(Figure figure);
[[nodiscard]] std::string to_string(Span span);
[[nodiscard]] std::string to_string(Rate rate);
[[nodiscard]] std::string to_string(Bytes size);

}  // namespace ripple::cli

namespace ripple::cli::detail {

// The text of to_string, with fmt's width, fill and alignment.
template <typename T>
struct TextFormatter : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const T& value, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(to_string(value), ctx);
  }
};

}  // namespace ripple::cli::detail

template <>
struct fmt::formatter<ripple::cli::Figure>
    : ripple::cli::detail::TextFormatter<ripple::cli::Figure> {};
template <>
struct fmt::formatter<ripple::cli::Span> : ripple::cli::detail::TextFormatter<ripple::cli::Span> {};
template <>
struct fmt::formatter<ripple::cli::Rate> : ripple::cli::detail::TextFormatter<ripple::cli::Rate> {};
template <>
struct fmt::formatter<ripple::cli::Bytes> : ripple::cli::detail::TextFormatter<ripple::cli::Bytes> {
};
