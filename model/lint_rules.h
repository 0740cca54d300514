#pragma once

// The stable ids of the lints (../docs/lints.md). Gates and suppressions name them, so the model
// knows the list; the analyzers implement each one and a test checks that the lists agree.

#include <array>
#include <string_view>

namespace ripple::model {

inline constexpr std::array<std::string_view, 17> kLintRules = {
    "sync-cycle",
    "timeout-inversion",
    "nested-retries",
    "unbounded-queue",
    "single-replica",
    "memory-broker-across-processes",
    "ordered-without-key",
    "non-idempotent-consumer",
    "event-without-consumer",
    "consumer-without-publisher",
    "callback-instead-of-call",
    "reconnect-without-jitter",
    "unbatched-writes",
    "overloaded",
    "low-headroom",
    "slow-drain",
    "hot-partition",
};

}  // namespace ripple::model
