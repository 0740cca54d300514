#pragma once

// The progress line of a long simulation on a terminal's stderr:
//   simulating [##########..............]  42%  1.2M events/s  12s left
// It appears once a run has taken a second (short runs stay silent), redraws at most ten times a
// second, and is erased when the run ends, so nothing of it stays in the terminal's scrollback
// and nothing of it ever reaches stdout.

#include <chrono>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/app.h"
#include "simulator/simulate.h"

namespace ripple::cli {

// What one redraw shows.
struct ProgressFigures {
  double fraction = 0;           // done, 0..1
  double events_per_second = 0;  // simulated events per wall-clock second so far
  double seconds_left = -1;      // wall-clock estimate; negative: not known yet
  int replications = 1;
  int replications_done = 0;
  // What replications counts ("replications"; a sweep's "points"); with "points" no event rate
  // is shown.
  std::string_view unit = "replications";
};

// The line for `figures`, without control characters, e.g.
// "simulating [######..................]  25%  310k events/s  3s left  (1/4 replications)".
[[nodiscard]] std::string progress_line(std::string_view label, const ProgressFigures& figures);

// "<1s", "12s", "3m 05s", "1h 02m".
[[nodiscard]] std::string format_seconds_left(double seconds);

class ProgressBar {
 public:
  // Draws on `terminal` (a TTY; not owned, must outlive the bar).
  ProgressBar(std::ostream& terminal, std::string label);
  // A bar that counts `unit` instead ("points"), for runs made of several simulations.
  ProgressBar(std::ostream& terminal, std::string label, std::string unit);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  // Erases the line if it was drawn.
  ~ProgressBar();

  // Takes the simulator's report; draws when the run is old enough and the last draw is not
  // too recent. Thread-safe.
  void update(const sim::Progress& progress);

 private:
  using Clock = std::chrono::steady_clock;
  std::mutex mutex_;
  std::ostream& terminal_;
  std::string label_;
  std::string unit_ = "replications";
  Clock::time_point started_ = Clock::now();
  Clock::time_point drawn_{};
  bool shown_ = false;
};

// A bar attached to `options.progress` when `io` wants one (stderr is a terminal and no
// --quiet), or null. The bar must outlive the run that uses `options`.
[[nodiscard]] std::unique_ptr<ProgressBar> attach_progress_bar(sim::SimulationOptions& options,
                                                               const Io& io, std::string label);

}  // namespace ripple::cli
