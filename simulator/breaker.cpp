#include "simulator/breaker.h"

#include <algorithm>

namespace ripple::sim {

CircuitBreaker::CircuitBreaker(const model::BreakerPolicy& policy)
    : policy_(policy), window_(static_cast<std::size_t>(std::max(1, policy.window)), 0) {}

CircuitBreaker::Admission CircuitBreaker::admit(TimeNs now) {
  if (state_ == State::Open) {
    if (now < open_until_) return Admission::Reject;
    state_ = State::HalfOpen;
    trial_in_flight_ = false;
  }
  if (state_ == State::HalfOpen) {
    if (trial_in_flight_) return Admission::Reject;
    trial_in_flight_ = true;
    return Admission::Trial;
  }
  return Admission::Pass;
}

void CircuitBreaker::open(TimeNs now) {
  state_ = State::Open;
  open_until_ = now + policy_.open_for.ns;
  trial_in_flight_ = false;
  std::fill(window_.begin(), window_.end(), 0);
  failures_ = 0;
  next_ = 0;
}

bool CircuitBreaker::record(Answer outcome, Admission admission, TimeNs now) {
  const bool success = outcome == Answer::Ok;
  if (admission == Admission::Trial) {
    if (state_ != State::HalfOpen) return false;
    if (success) {
      state_ = State::Closed;
      trial_in_flight_ = false;
      return false;
    }
    open(now);
    return true;
  }
  // Outcomes of attempts admitted before the breaker opened no longer count.
  if (state_ != State::Closed) return false;
  failures_ += (success ? 0 : 1) - window_[next_];
  window_[next_] = success ? 0 : 1;
  next_ = (next_ + 1) % window_.size();
  const double ratio = static_cast<double>(failures_) / static_cast<double>(window_.size());
  if (failures_ > 0 && ratio >= policy_.failure_ratio) {
    open(now);
    return true;
  }
  return false;
}

}  // namespace ripple::sim
