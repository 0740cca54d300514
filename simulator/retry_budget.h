#pragma once

// A retry budget over a sliding window (model::RetryBudget): retries are allowed while the
// retries counted in the last `window` stay within `ratio` of the calls counted there. The window
// slides in ten steps of window/10, so it covers between 0.9 and 1 window. Integer time only:
// the same calls give the same decisions.

#include <array>
#include <cstdint>

#include "model/spec.h"
#include "simulator/answer.h"
#include "simulator/engine.h"

namespace ripple::sim {

// Whether `retry.on` lists the failure of an attempt: a timeout, else a rejection or an error.
[[nodiscard]] inline bool retries_on(const model::RetryPolicy& retry, bool timed_out,
                                     Answer answer) {
  if (timed_out) return retry.on_timeout;
  return answer == Answer::Rejected ? retry.on_rejected : retry.on_error;
}

class RetryBudgetWindow {
 public:
  explicit RetryBudgetWindow(const model::RetryBudget& budget);

  // A call (its first attempt) at `now`.
  void note_call(TimeNs now);
  // Whether one more retry at `now` fits the budget; counts it when it does.
  [[nodiscard]] bool take_retry(TimeNs now);

 private:
  static constexpr int kSlots = 10;
  void advance(TimeNs now);

  double ratio_;
  TimeNs slot_ns_;
  std::int64_t slot_ = 0;  // the slot `now` falls in (now / slot_ns_)
  std::array<std::uint64_t, kSlots> calls_{};
  std::array<std::uint64_t, kSlots> retries_{};
  std::uint64_t window_calls_ = 0;
  std::uint64_t window_retries_ = 0;
};

}  // namespace ripple::sim
