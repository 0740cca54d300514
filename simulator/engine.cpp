#include "simulator/engine.h"

#include <cassert>

namespace ripple::sim {

namespace {
constexpr std::size_t kArity = 4;
}  // namespace

void Engine::push(const Node& event) {
  std::size_t hole = heap_.size();
  heap_.push_back(event);
  Node* const heap = heap_.data();
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!earlier(event, heap[parent])) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = event;
}

void Engine::pop_front() {
  const Node last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) replace_front(last);
}

void Engine::replace_front(const Node& last) {
  const std::size_t size = heap_.size();
  Node* const heap = heap_.data();
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * kArity + 1;
    if (first >= size) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < size ? first + kArity : size;
    for (std::size_t child = first + 1; child < end; ++child)
      if (earlier(heap[child], heap[best])) best = child;
    if (!earlier(heap[best], last)) break;
    heap[hole] = heap[best];
    hole = best;
  }
  heap[hole] = last;
}

void Engine::schedule_at(TimeNs time, Handler handler, void* context, std::uint64_t arg) {
  assert(time >= now_);
  ++pending_;
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(payloads_.size());
    payloads_.push_back(Payload{handler, context, arg});
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    payloads_[slot] = Payload{handler, context, arg};
  }
  push(Node{time, next_sequence_++, slot});
}

Engine::Lane Engine::lane(TimeNs delay) {
  assert(delay >= 0 && delay <= kMaxSpanNs);
  for (std::size_t i = 0; i < lanes_.size(); ++i)
    if (lanes_[i].delay == delay) return static_cast<Lane>(i);
  assert(lanes_.size() < kLaneBit);
  lanes_.push_back(LaneQueue{delay, std::vector<Event>(16), 0, 0});
  return static_cast<Lane>(lanes_.size() - 1);
}

void Engine::schedule_in_lane(Lane lane, Handler handler, void* context, std::uint64_t arg) {
  LaneQueue& queue = lanes_[lane];
  const Event event{now_ + queue.delay, next_sequence_++, handler, context, arg};
  ++pending_;
  if (queue.size == queue.ring.size()) {  // full: double, keeping the order from the head
    std::vector<Event> grown(queue.ring.size() * 2);
    for (std::size_t i = 0; i < queue.size; ++i)
      grown[i] = queue.ring[(queue.head + i) & (queue.ring.size() - 1)];
    queue.ring = std::move(grown);
    queue.head = 0;
  }
  queue.ring[(queue.head + queue.size) & (queue.ring.size() - 1)] = event;
  if (queue.size++ == 0) push(Node{event.time, event.sequence, kLaneBit | lane});
}

Engine::Event Engine::take_next() {
  const Node top = heap_.front();
  if ((top.slot & kLaneBit) == 0) {
    const Payload& payload = payloads_[top.slot];
    const Event event{top.time, top.sequence, payload.handler, payload.context, payload.arg};
    free_slots_.push_back(top.slot);
    pop_front();
    return event;
  }
  const std::uint32_t lane = top.slot & ~kLaneBit;
  LaneQueue& queue = lanes_[lane];
  const Event event = queue.ring[queue.head];
  queue.head = (queue.head + 1) & (queue.ring.size() - 1);
  if (--queue.size > 0) {  // the lane's next event takes its place in the heap
    const Event& next = queue.ring[queue.head];
    replace_front(Node{next.time, next.sequence, top.slot});
  } else {
    pop_front();
  }
  return event;
}

bool Engine::step() {
  if (heap_.empty()) return false;
  const Event event = take_next();
  --pending_;
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
        (max_pending_ != 0 && pending_ > max_pending_))
      stopped_ = true;
  }
  if (!stopped_) now_ = until;
}

}  // namespace ripple::sim
