#pragma once

// Units of the spec format: durations, rates, sizes and ratios, parsed from strings such as
// "250us", "12k/min", "4KiB" and "0.5%". Parsing never throws; a failure carries a message and
// a hint meant for the user.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ripple::model {

// A span of simulated time in integer nanoseconds.
struct Duration {
  std::int64_t ns = 0;

  [[nodiscard]] constexpr double seconds() const { return static_cast<double>(ns) / 1e9; }
  [[nodiscard]] constexpr double millis() const { return static_cast<double>(ns) / 1e6; }
  [[nodiscard]] static constexpr Duration from_seconds(double s) {
    return Duration{static_cast<std::int64_t>(s * 1e9 + (s >= 0 ? 0.5 : -0.5))};
  }
  constexpr auto operator<=>(const Duration&) const = default;
};

constexpr Duration kMillisecond{1'000'000};
constexpr Duration kSecond{1'000'000'000};

// The longest duration a spec or a flag may give: 10000h (about 417 days). The simulator counts
// time in 64-bit nanoseconds (292 years); keeping every duration this short keeps every sum of
// them the simulator forms within range.
constexpr Duration kMaxDuration{10'000LL * 3600 * 1'000'000'000};

// The highest rate: one arrival per nanosecond, the simulator's resolution. A positive rate
// lower than one per kMaxDuration is refused too: its first arrival would come after any run.
inline constexpr double kMaxRatePerSecond = 1e9;

// Why a unit string did not parse, for a diagnostic.
struct UnitError {
  std::string message;  // "unknown duration unit `mss`"
  std::string hint;     // "durations take ns, us, ms, s, m or h: `20ms`" (may be empty)
};

template <typename T>
struct Parsed {
  std::optional<T> value;
  UnitError error;  // meaningful only when !value
  [[nodiscard]] bool ok() const { return value.has_value(); }
};

// "250us", "20ms", "1.5s", "2m", "1h", "0s". A bare "0" is accepted as zero.
// Negative durations and durations past kMaxDuration are rejected.
[[nodiscard]] Parsed<Duration> parse_duration(std::string_view text);

// "200/s", "12k/min", "5/ms", "3600/h"; k and M multiply by 1e3 and 1e6. Result in events per
// second. Negative rates, rates past kMaxRatePerSecond and positive rates below one per
// kMaxDuration are rejected.
[[nodiscard]] Parsed<double> parse_rate(std::string_view text);

// "16B", "4KiB", "2MB", "1GiB"; KB/MB/GB are powers of 1000, KiB/MiB/GiB powers of 1024.
// Result in bytes.
[[nodiscard]] Parsed<std::int64_t> parse_size(std::string_view text);

// "0.5%" or "0.005": a ratio in [0, 1].
[[nodiscard]] Parsed<double> parse_ratio(std::string_view text);

// Shortest exact text for a duration: 1500000ns -> "1.5ms".
[[nodiscard]] std::string format_duration(Duration d);

}  // namespace ripple::model
