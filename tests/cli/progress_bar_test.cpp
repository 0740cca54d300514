// The progress line's text (cli/progress_bar.h); the terminal behaviour (shown only on a TTY,
// only after a second, erased at the end) is tested through the real binary in tests/cli/shell_e2e.

#include "cli/progress_bar.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ripple::cli {
namespace {

TEST(ProgressLine, ShowsTheBarPercentRateAndTimeLeft) {
  ProgressFigures figures;
  figures.fraction = 0.42;
  figures.events_per_second = 1.25e6;
  figures.seconds_left = 12.4;
  EXPECT_EQ(progress_line("simulating", figures),
            "simulating [##########..............]  42%  1.2M events/s  12s left");
}

TEST(ProgressLine, CountsReplicationsWhenThereAreSeveral) {
  ProgressFigures figures;
  figures.fraction = 1;
  figures.events_per_second = 3500;
  figures.seconds_left = 0;
  figures.replications = 5;
  figures.replications_done = 5;
  EXPECT_EQ(
      progress_line("simulating", figures),
      "simulating [########################] 100%  4k events/s  <1s left  (5/5 replications)");
}

TEST(ProgressLine, LeavesOutTheTimeLeftWhileUnknown) {
  ProgressFigures figures;
  figures.events_per_second = 12;
  EXPECT_EQ(progress_line("x", figures), "x [........................]   0%  12 events/s");
}

TEST(SecondsLeft, AreWrittenInTheLargestSensibleUnits) {
  EXPECT_EQ(format_seconds_left(0.4), "<1s");
  EXPECT_EQ(format_seconds_left(59.4), "59s");
  EXPECT_EQ(format_seconds_left(185), "3m 05s");
  EXPECT_EQ(format_seconds_left(3720), "1h 02m");
}

TEST(ProgressBar, DrawsNothingInItsFirstSecond) {
  std::ostringstream terminal;
  {
    ProgressBar bar(terminal, "simulating");
    bar.update({1, 0, 0.5, 1000});
  }
  EXPECT_EQ(terminal.str(), "");
}

TEST(ProgressBar, IsNotAttachedWhenStderrIsNotATerminalOrQuiet) {
  std::ostringstream out, err;
  Io io{out, err};
  sim::SimulationOptions options;
  EXPECT_EQ(attach_progress_bar(options, io, "simulating"), nullptr);
  EXPECT_FALSE(options.progress);
  io.err_is_tty = true;
  io.quiet = true;
  EXPECT_EQ(attach_progress_bar(options, io, "simulating"), nullptr);
  io.quiet = false;
  EXPECT_NE(attach_progress_bar(options, io, "simulating"), nullptr);
  EXPECT_TRUE(options.progress);
}

}  // namespace
}  // namespace ripple::cli
