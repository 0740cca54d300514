#include "model/units.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace ripple::model {
namespace {

struct NumberAndUnit {
  bool ok = false;
  bool negative = false;
  double number = 0;
  std::string_view unit;  // the rest after the number, spaces trimmed
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when the unit after a number is an exponent (`1e-12/s`, `2E3ms`), which figures do not
// take: said as such, not as an unknown unit.
bool starts_with_exponent(std::string_view unit) {
  return unit.size() >= 2 && (unit[0] == 'e' || unit[0] == 'E') &&
         (std::isdigit(static_cast<unsigned char>(unit[1])) || unit[1] == '-' || unit[1] == '+');
}

constexpr const char* kExponentHint =
    "write the number in digits, as in `0.000001/s` or `1500ms`, or with k or M, as in `2k/s`";

// Splits "12.5ms" into 12.5 and "ms". Accepts digits with an optional fraction; no exponent,
// no sign other than a leading '-' (reported by callers as negative).
NumberAndUnit split_number(std::string_view text) {
  NumberAndUnit out;
  text = trim(text);
  if (!text.empty() && text.front() == '-') {
    out.negative = true;
    text.remove_prefix(1);
  } else if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  std::size_t i = 0;
  bool digits = false;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, digits = true;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, digits = true;
  }
  if (!digits) return out;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + i, out.number);
  if (ec != std::errc() || ptr != text.data() + i || !std::isfinite(out.number)) return out;
  out.unit = trim(text.substr(i));
  out.ok = true;
  return out;
}

template <typename T>
Parsed<T> fail(std::string message, std::string hint) {
  Parsed<T> p;
  p.error = UnitError{std::move(message), std::move(hint)};
  return p;
}

bool looks_like_rate(std::string_view unit) { return unit.find('/') != std::string_view::npos; }

bool looks_like_size(std::string_view unit) {
  return unit == "B" || unit == "KB" || unit == "KiB" || unit == "MB" || unit == "MiB" ||
         unit == "GB" || unit == "GiB";
}

constexpr const char* kDurationHint = "durations take ns, us, ms, s, m or h, as in `20ms`";
constexpr const char* kRateHint =
    "rates are a count per s, ms, min or h, as in `200/s` or `12k/min`";
constexpr const char* kSizeHint = "sizes take B, KB, KiB, MB, MiB, GB or GiB, as in `4KiB`";

}  // namespace

Parsed<Duration> parse_duration(std::string_view raw) {
  const std::string text(trim(raw));
  const NumberAndUnit n = split_number(text);
  if (!n.ok) return fail<Duration>("`" + text + "` is not a duration", kDurationHint);
  if (n.negative) return fail<Duration>("a duration cannot be negative: `" + text + "`", "");
  if (starts_with_exponent(n.unit))
    return fail<Duration>("`" + text + "`: a duration takes no exponent", kExponentHint);
  double factor = 0;
  const std::string_view u = n.unit;
  if (u == "ns")
    factor = 1;
  else if (u == "us" || u == "\xC2\xB5s")
    factor = 1e3;
  else if (u == "ms")
    factor = 1e6;
  else if (u == "s")
    factor = 1e9;
  else if (u == "m" || u == "min")
    factor = 60e9;
  else if (u == "h")
    factor = 3600e9;
  else if (u.empty() && n.number == 0)
    factor = 1;
  if (factor == 0) {
    if (u.empty())
      return fail<Duration>("`" + text + "` needs a unit",
                            "write `" + text + "ms` or `" + text + "s`");
    if (looks_like_rate(u))
      return fail<Duration>("`" + text + "` is a rate, but a duration belongs here", kDurationHint);
    if (looks_like_size(u))
      return fail<Duration>("`" + text + "` is a size, but a duration belongs here", kDurationHint);
    return fail<Duration>("unknown duration unit `" + std::string(u) + "` in `" + text + "`",
                          kDurationHint);
  }
  const double ns = n.number * factor;
  if (!(ns <= static_cast<double>(kMaxDuration.ns)))
    return fail<Duration>("duration `" + text + "` is too long: at most 10000h",
                          "the simulator counts time in nanoseconds; simulate a shorter span");
  return Parsed<Duration>{Duration{std::llround(ns)}, {}};
}

Parsed<double> parse_rate(std::string_view raw) {
  const std::string text(trim(raw));
  const NumberAndUnit n = split_number(text);
  if (!n.ok) return fail<double>("`" + text + "` is not a rate", kRateHint);
  if (n.negative) return fail<double>("a rate cannot be negative: `" + text + "`", "");
  if (starts_with_exponent(n.unit))
    return fail<double>("`" + text + "`: a rate takes no exponent", kExponentHint);
  std::string_view u = n.unit;
  double count = n.number;
  if (!u.empty() && u.front() == 'k')
    count *= 1e3, u.remove_prefix(1);
  else if (!u.empty() && u.front() == 'M')
    count *= 1e6, u.remove_prefix(1);
  if (u.empty() || u.front() != '/') {
    if (u.empty()) return fail<double>("`" + text + "` needs a unit", "write `" + text + "/s`");
    if (parse_duration(text).ok())
      return fail<double>("`" + text + "` is a duration, but a rate belongs here", kRateHint);
    return fail<double>("unknown rate unit in `" + text + "`", kRateHint);
  }
  u.remove_prefix(1);
  double per_second = 0;
  if (u == "s")
    per_second = count;
  else if (u == "ms")
    per_second = count * 1e3;
  else if (u == "us")
    per_second = count * 1e6;
  else if (u == "min" || u == "m")
    per_second = count / 60;
  else if (u == "h")
    per_second = count / 3600;
  else
    return fail<double>("unknown rate unit `/" + std::string(u) + "` in `" + text + "`", kRateHint);
  if (!(per_second <= kMaxRatePerSecond))
    return fail<double>("rate `" + text + "` is too high: at most 1000000000/s",
                        "arrivals would come less than a nanosecond apart, the simulator's "
                        "resolution");
  if (per_second > 0 && 1 / per_second > kMaxDuration.seconds())
    return fail<double>("rate `" + text + "` is too low: at least one per 10000h",
                        "its first arrival would come after the longest run; write `0/s` for none");
  return Parsed<double>{per_second, {}};
}

Parsed<std::int64_t> parse_size(std::string_view raw) {
  const std::string text(trim(raw));
  const NumberAndUnit n = split_number(text);
  if (!n.ok) return fail<std::int64_t>("`" + text + "` is not a size", kSizeHint);
  if (n.negative) return fail<std::int64_t>("a size cannot be negative: `" + text + "`", "");
  const std::string_view u = n.unit;
  double factor = 0;
  if (u == "B")
    factor = 1;
  else if (u == "KB" || u == "kB")
    factor = 1e3;
  else if (u == "KiB")
    factor = 1024.0;
  else if (u == "MB")
    factor = 1e6;
  else if (u == "MiB")
    factor = 1024.0 * 1024;
  else if (u == "GB")
    factor = 1e9;
  else if (u == "GiB")
    factor = 1024.0 * 1024 * 1024;
  else if (u.empty() && n.number == 0)
    factor = 1;
  if (factor == 0) {
    if (u.empty())
      return fail<std::int64_t>("`" + text + "` needs a unit", "write `" + text + "B`");
    if (parse_duration(text).ok())
      return fail<std::int64_t>("`" + text + "` is a duration, but a size belongs here", kSizeHint);
    return fail<std::int64_t>("unknown size unit `" + std::string(u) + "` in `" + text + "`",
                              kSizeHint);
  }
  const double bytes = n.number * factor;
  if (bytes > 9.2e18) return fail<std::int64_t>("size `" + text + "` is too large", "");
  return Parsed<std::int64_t>{std::llround(bytes), {}};
}

Parsed<double> parse_ratio(std::string_view raw) {
  const std::string text(trim(raw));
  const NumberAndUnit n = split_number(text);
  const char* hint = "write a share as `0.5%` or `0.005`";
  if (!n.ok) return fail<double>("`" + text + "` is not a ratio", hint);
  if (n.negative) return fail<double>("a ratio cannot be negative: `" + text + "`", hint);
  double value = n.number;
  if (n.unit == "%")
    value /= 100;
  else if (!n.unit.empty())
    return fail<double>("unknown unit `" + std::string(n.unit) + "` in ratio `" + text + "`", hint);
  if (value > 1) return fail<double>("ratio `" + text + "` is above 1 (100%)", hint);
  return Parsed<double>{value, {}};
}

std::string format_duration(Duration d) {
  struct Unit {
    std::int64_t ns;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {
      {3'600'000'000'000, "h"}, {60'000'000'000, "m"}, {1'000'000'000, "s"},
      {1'000'000, "ms"},        {1'000, "us"},         {1, "ns"}};
  const std::int64_t ns = d.ns < 0 ? -d.ns : d.ns;
  const char* sign = d.ns < 0 ? "-" : "";
  if (ns == 0) return "0s";
  for (const Unit& u : kUnits) {
    // The largest unit in which the value is exact with at most three decimals.
    const std::int64_t step = u.ns >= 1000 ? u.ns / 1000 : 1;
    if (ns < u.ns || ns % step != 0) continue;
    const std::int64_t whole = ns / u.ns;
    std::int64_t thousandths = (ns % u.ns) / step;
    std::string number = std::to_string(whole);
    if (thousandths != 0) {
      char fraction[32];
      std::snprintf(fraction, sizeof fraction, "%03lld", static_cast<long long>(thousandths));
      std::string digits(fraction);
      while (digits.back() == '0') digits.pop_back();
      number += "." + digits;
    }
    return sign + number + u.suffix;
  }
  return "0s";
}

}  // namespace ripple::model
