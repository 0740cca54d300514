#include "simulator/engine.h"

#include <algorithm>
#include <cassert>

namespace ripple::sim {

void Engine::schedule_at(TimeNs time, Handler handler, void* context, std::uint64_t arg) {
  assert(time >= now_);
  heap_.push_back(Event{time, next_sequence_++, handler, context, arg});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
}

Engine::Event Engine::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Event event = heap_.back();
  heap_.pop_back();
  return event;
}

bool Engine::step() {
  if (heap_.empty()) return false;
  const Event event = pop();
  now_ = event.time;
  ++processed_;
  event.handler(event.context, event.arg);
  return true;
}

void Engine::run() {
  while (step()) {
  }
}

void Engine::run_until(TimeNs until) {
  assert(until >= now_);
  while (!stopped_ && !heap_.empty() && heap_.front().time <= until) {
    step();
    if ((max_events_ != 0 && processed_ >= max_events_) ||
        (max_pending_ != 0 && heap_.size() > max_pending_))
      stopped_ = true;
  }
  if (!stopped_) now_ = until;
}

}  // namespace ripple::sim
