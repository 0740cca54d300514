#pragma once

// How a request, a call or a handling ended, as whoever waits for it sees it.

#include <cstdint>

namespace ripple::sim {

enum class Answer : std::uint8_t { Ok, Error };

}  // namespace ripple::sim
