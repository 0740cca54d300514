#pragma once

// Small helpers shared by the benchmark executables (wall clock, argument parsing, peak RSS).

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace ripple::bench {

inline double wall_seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// CPU time of this process in seconds (user + system), immune to other load on the machine.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Value following `flag` in argv, or `fallback`.
inline std::string arg(int argc, char** argv, const std::string& flag,
                       const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == flag) return argv[i + 1];
  return fallback;
}

// Peak resident set size of this process, in KiB (Linux reports ru_maxrss in KiB).
inline long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace ripple::bench
