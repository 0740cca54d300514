#pragma once

// How a request, a call or a handling ended, as whoever waits for it sees it.

#include <cstdint>

namespace ripple::sim {

// Rejected: refused by the callee's capacity (a full queue, load shedding) or by an open breaker.
enum class Answer : std::uint8_t { Ok, Error, Rejected };

}  // namespace ripple::sim
