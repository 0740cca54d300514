#pragma once

// The discrete-event engine: a clock in integer nanoseconds and a queue of pending events ordered
// by (time, sequence), where the sequence is the order in which events were scheduled. Two events
// at the same instant therefore run in scheduling order, which makes every run reproducible.
//
// The engine knows no domain. An event is a plain function pointer, an untyped context and a
// 64-bit argument, so scheduling never allocates beyond the queue's own storage. Components bind
// their member functions with schedule_at<&Type::method>(time, this, arg).
//
// Storage: a 4-ary min-heap (shallower than a binary one: fewer cache misses per pop), plus FIFO
// lanes for delays that many events share (call timeouts: one lane per distinct timeout).
// Events put in a lane are scheduled at now + the lane's delay, so they come due in the order
// they were scheduled and a ring buffer holds them in order; only a lane's front stands in the
// heap. The order of execution is exactly the (time, sequence) order either way.
//
// Not thread-safe: one engine per replication, driven by one thread.

#include <cstdint>
#include <vector>

namespace ripple::sim {

// Simulated time in nanoseconds since the start of the run.
using TimeNs = std::int64_t;

// The longest span the simulator schedules ahead: about 31 years. The loader keeps every
// duration of a spec below 10000h (model::kMaxDuration), so a time now + span never overflows;
// a longer span (a sample from a heavy tail, a slow factor, rows x row_time) is cut to this,
// which lies past the end of any run.
inline constexpr TimeNs kMaxSpanNs = 1'000'000'000'000'000'000;

// `ns` rounded to whole nanoseconds within [0, kMaxSpanNs]; NaN counts as 0. Every conversion
// of a computed double to a time goes through here: a double past the range of TimeNs has no
// defined conversion, and one that wraps schedules an event in the past.
[[nodiscard]] inline TimeNs to_span_ns(double ns) {
  if (!(ns > 0)) return 0;
  if (ns >= static_cast<double>(kMaxSpanNs)) return kMaxSpanNs;
  return static_cast<TimeNs>(ns + 0.5);
}

class Engine {
 public:
  using Handler = void (*)(void* context, std::uint64_t arg);

  // Schedules `handler(context, arg)` at absolute time `time`.
  // REQUIRES: time >= now(). `context` must outlive the event.
  void schedule_at(TimeNs time, Handler handler, void* context, std::uint64_t arg);
  // REQUIRES: 0 <= delay <= kMaxSpanNs.
  void schedule_in(TimeNs delay, Handler handler, void* context, std::uint64_t arg) {
    schedule_at(now_ + delay, handler, context, arg);
  }

  // A FIFO lane for events scheduled `delay` after now (the same lane for the same delay).
  // REQUIRES: 0 <= delay <= kMaxSpanNs.
  using Lane = std::uint32_t;
  [[nodiscard]] Lane lane(TimeNs delay);
  // Schedules `handler(context, arg)` at now() + the lane's delay.
  void schedule_in_lane(Lane lane, Handler handler, void* context, std::uint64_t arg);
  template <auto Method, typename T>
  void schedule_in_lane(Lane lane, T* object, std::uint64_t arg) {
    schedule_in_lane(lane, &trampoline<Method, T>, object, arg);
  }

  // Binds a member function `void T::Method(std::uint64_t)` as the handler.
  template <auto Method, typename T>
  void schedule_at(TimeNs time, T* object, std::uint64_t arg) {
    schedule_at(time, &trampoline<Method, T>, object, arg);
  }
  template <auto Method, typename T>
  void schedule_in(TimeNs delay, T* object, std::uint64_t arg) {
    schedule_at(now_ + delay, &trampoline<Method, T>, object, arg);
  }

  // Runs the earliest pending event. Returns false when none is pending.
  bool step();
  // Runs events until none is pending.
  void run();
  // Runs every event with time <= `until`, then sets the clock to `until`.
  // REQUIRES: until >= now().
  void run_until(TimeNs until);

  // A run past `max_events` processed events, or holding more than `max_pending` events at
  // once, stops: run_until returns at once from then on and stopped() says so. 0: no limit.
  void set_limits(std::uint64_t max_events, std::size_t max_pending) {
    max_events_ = max_events;
    max_pending_ = max_pending;
  }
  [[nodiscard]] bool stopped() const { return stopped_; }

  [[nodiscard]] TimeNs now() const { return now_; }
  [[nodiscard]] std::uint64_t events_processed() const { return processed_; }
  [[nodiscard]] std::size_t pending() const { return pending_; }

 private:
  struct Event {
    TimeNs time;
    std::uint64_t sequence;
    Handler handler;
    void* context;
    std::uint64_t arg;
  };

  template <auto Method, typename T>
  static void trampoline(void* context, std::uint64_t arg) {
    (static_cast<T*>(context)->*Method)(arg);
  }

  // A heap entry: 24 bytes, what ordering needs; the rest of its event waits in payloads_.
  struct Node {
    TimeNs time;
    std::uint64_t sequence;
    // Index in payloads_, or kLaneBit | lane: the front of that lane. 2^31 pending events would
    // take over 100 GB: the limits of a run stop it long before.
    std::uint32_t slot;
  };
  struct Payload {
    Handler handler;
    void* context;
    std::uint64_t arg;
  };
  static constexpr std::uint32_t kLaneBit = 0x80000000U;
  static bool earlier(const Node& x, const Node& y) {
    return x.time != y.time ? x.time < y.time : x.sequence < y.sequence;
  }
  // Events of one delay in scheduling order: a ring buffer of a power-of-two capacity.
  struct LaneQueue {
    TimeNs delay = 0;
    std::vector<Event> ring;
    std::size_t head = 0;
    std::size_t size = 0;
  };
  void push(const Node& node);
  void pop_front();
  // Puts `node` in the heap's front place and sifts it down. REQUIRES: the heap is not empty.
  void replace_front(const Node& node);
  // The next event to run, taken out of its lane when it stands for one.
  Event take_next();

  // 4-ary min-heap on (time, sequence); payloads_ holds the handlers of its events, reused
  // through free_slots_.
  std::vector<Node> heap_;
  std::vector<Payload> payloads_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<LaneQueue> lanes_;
  std::size_t pending_ = 0;
  TimeNs now_ = 0;
  std::uint64_t max_events_ = 0;
  std::size_t max_pending_ = 0;
  bool stopped_ = false;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t processed_ = 0;
};

}  // namespace ripple::sim
