#pragma once

// The discrete-event engine: a clock in integer nanoseconds and a queue of pending events ordered
// by (time, sequence), where the sequence is the order in which events were scheduled. Two events
// at the same instant therefore run in scheduling order, which makes every run reproducible.
//
// The engine knows no domain. An event is a plain function pointer, an untyped context and a
// 64-bit argument, so scheduling never allocates beyond the queue's own storage. Components bind
// their member functions with schedule_at<&Type::method>(time, this, arg).
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
  [[nodiscard]] std::size_t pending() const { return heap_.size(); }

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

  // A function object rather than a function pointer, so that the heap operations inline it.
  struct Later {
    bool operator()(const Event& x, const Event& y) const {
      return x.time != y.time ? x.time > y.time : x.sequence > y.sequence;
    }
  };
  Event pop();

  std::vector<Event> heap_;  // binary min-heap on (time, sequence)
  TimeNs now_ = 0;
  std::uint64_t max_events_ = 0;
  std::size_t max_pending_ = 0;
  bool stopped_ = false;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t processed_ = 0;
};

}  // namespace ripple::sim
