#include "simulator/retry_budget.h"

#include <algorithm>

namespace ripple::sim {

RetryBudgetWindow::RetryBudgetWindow(const model::RetryBudget& budget)
    : ratio_(budget.ratio), slot_ns_(std::max<TimeNs>(1, budget.window.ns / kSlots)) {}

// Slots that fall out of the window are emptied; a jump past the whole window empties all.
void RetryBudgetWindow::advance(TimeNs now) {
  const std::int64_t slot = now / slot_ns_;
  if (slot - slot_ >= kSlots) {
    calls_.fill(0);
    retries_.fill(0);
    window_calls_ = window_retries_ = 0;
    slot_ = slot;
    return;
  }
  while (slot_ < slot) {
    ++slot_;
    const auto i = static_cast<std::size_t>(slot_ % kSlots);
    window_calls_ -= calls_[i];
    window_retries_ -= retries_[i];
    calls_[i] = retries_[i] = 0;
  }
}

void RetryBudgetWindow::note_call(TimeNs now) {
  advance(now);
  ++calls_[static_cast<std::size_t>(slot_ % kSlots)];
  ++window_calls_;
}

bool RetryBudgetWindow::take_retry(TimeNs now) {
  advance(now);
  if (static_cast<double>(window_retries_ + 1) > ratio_ * static_cast<double>(window_calls_))
    return false;
  ++retries_[static_cast<std::size_t>(slot_ % kSlots)];
  ++window_retries_;
  return true;
}

}  // namespace ripple::sim
