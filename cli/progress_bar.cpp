#include "cli/progress_bar.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ripple::cli {
namespace {

constexpr int kBarWidth = 24;
// Runs shorter than this never show a bar; redraws are at least this far apart.
constexpr std::chrono::milliseconds kQuietStart{1000};
constexpr std::chrono::milliseconds kRedrawEvery{100};

std::string bar(double fraction) {
  const int filled = std::clamp(static_cast<int>(fraction * kBarWidth), 0, kBarWidth);
  return "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "]";
}

std::string events_rate(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.1f}M", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.0f}k", per_second / 1e3);
  return fmt::format("{:.0f}", per_second);
}

}  // namespace

std::string format_seconds_left(double seconds) {
  if (seconds < 1) return "<1s";
  const auto whole = static_cast<long long>(std::lround(seconds));
  if (whole < 60) return fmt::format("{}s", whole);
  if (whole < 3600) return fmt::format("{}m {:02}s", whole / 60, whole % 60);
  return fmt::format("{}h {:02}m", whole / 3600, whole % 3600 / 60);
}

std::string progress_line(std::string_view label, const ProgressFigures& figures) {
  const bool points = figures.unit == "points";
  std::string line = fmt::format("{} {} {:3.0f}%", label, bar(figures.fraction),
                                 std::floor(figures.fraction * 100));
  if (!points) line += fmt::format("  {} events/s", events_rate(figures.events_per_second));
  if (figures.seconds_left >= 0) line += "  " + format_seconds_left(figures.seconds_left) + " left";
  if (figures.replications > 1 || points)
    line +=
        fmt::format("  ({}/{} {})", figures.replications_done, figures.replications, figures.unit);
  return line;
}

ProgressBar::ProgressBar(std::ostream& terminal, std::string label)
    : terminal_(terminal), label_(std::move(label)) {}

ProgressBar::ProgressBar(std::ostream& terminal, std::string label, std::string unit)
    : terminal_(terminal), label_(std::move(label)), unit_(std::move(unit)) {}

ProgressBar::~ProgressBar() {
  if (shown_) terminal_ << "\r\x1b[K" << std::flush;
}

void ProgressBar::update(const sim::Progress& progress) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = Clock::now();
  if (now - started_ < kQuietStart || now - drawn_ < kRedrawEvery) return;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  ProgressFigures figures;
  figures.fraction = progress.fraction;
  figures.events_per_second = static_cast<double>(progress.events_processed) / elapsed;
  if (progress.fraction > 0)
    figures.seconds_left = elapsed * (1 - progress.fraction) / progress.fraction;
  figures.replications = progress.replications;
  figures.replications_done = progress.replications_done;
  figures.unit = unit_;
  // Erase first: the terminal guard (terminal_guard.h) lets a carriage return through only as
  // the start of "\r\x1b[K".
  terminal_ << "\r\x1b[K" << progress_line(label_, figures) << std::flush;
  drawn_ = now;
  shown_ = true;
}

std::unique_ptr<ProgressBar> attach_progress_bar(sim::SimulationOptions& options, const Io& io,
                                                 std::string label) {
  if (!io.err_is_tty || io.quiet) return nullptr;
  auto progress_bar = std::make_unique<ProgressBar>(io.err, std::move(label));
  options.progress = [target = progress_bar.get()](const sim::Progress& p) { target->update(p); };
  return progress_bar;
}

}  // namespace ripple::cli
