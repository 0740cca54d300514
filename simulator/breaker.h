#pragma once

// A circuit breaker over the last `window` outcomes of one call edge. Closed, it lets every
// attempt through and opens when failures / window reaches failure_ratio. Open, it fails attempts
// fast for open_for. Then it is half-open: one trial attempt goes through while the others fail
// fast; a successful trial closes it (with a fresh window), a failed one opens it again.

#include <cstdint>
#include <vector>

#include "model/spec.h"
#include "simulator/answer.h"
#include "simulator/engine.h"

namespace ripple::sim {

class CircuitBreaker {
 public:
  enum class Admission { Pass, Trial, Reject };

  explicit CircuitBreaker(const model::BreakerPolicy& policy);

  // Whether an attempt starting at `now` may go to the callee.
  [[nodiscard]] Admission admit(TimeNs now);
  // Records the outcome of an admitted attempt (`admission` as returned by admit). Returns true
  // when this outcome opened the breaker.
  bool record(Answer outcome, Admission admission, TimeNs now);

 private:
  enum class State { Closed, Open, HalfOpen };
  void open(TimeNs now);

  model::BreakerPolicy policy_;
  std::vector<std::uint8_t> window_;  // 1 = failure; ring buffer of the last outcomes
  std::size_t next_ = 0;
  int failures_ = 0;
  State state_ = State::Closed;
  TimeNs open_until_ = 0;
  bool trial_in_flight_ = false;
};

}  // namespace ripple::sim
