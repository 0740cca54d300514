#pragma once

// Internal: closed-form queueing figures for the capacity analyzer (docs/analyzers.md,
// "Capacity"). M/M/c: Poisson arrivals, exponential holding times, c servers, one FIFO queue.

namespace ripple::analyzers::detail {

// Probability that an arrival waits (Erlang C) with `servers` servers and `load` = arrival rate x
// mean holding time (Erlangs). 1 when load >= servers. Exact up to 10^6 servers (the Erlang B
// recursion), the Halfin-Whitt approximation beyond.
[[nodiscard]] double erlang_c(double servers, double load);

// Mean wait in the queue of an M/M/c queue, in the unit of `holding` (the mean holding time);
// a negative value when load >= servers (no steady state).
[[nodiscard]] double mmc_mean_wait(double servers, double load, double holding);

}  // namespace ripple::analyzers::detail
