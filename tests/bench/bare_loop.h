#pragma once

// The single-core limit for an M/M/1 queue: a bare discrete-event loop written for this one
// model, with nothing of Ripple in it. Events (an arrival, a departure) live in a 4-ary min-heap
// ordered by (time, sequence) like the engine's; waiting customers in a FIFO of arrival times;
// integer nanoseconds; one xoshiro256** stream. The simulator's benchmarks compare their rates
// with this loop's, measured in the same process.

#include <cmath>
#include <cstdint>
#include <vector>

namespace ripple::bench {

struct BareLoopResult {
  std::uint64_t customers = 0;  // served
  std::uint64_t events = 0;     // arrivals + departures run
  double mean_response_ms = 0;  // arrival to departure
};

namespace bare_detail {

struct BareEvent {
  std::int64_t time;
  std::uint64_t sequence;
  int kind;  // 0 arrival, 1 departure
};

inline bool bare_earlier(const BareEvent& x, const BareEvent& y) {
  return x.time != y.time ? x.time < y.time : x.sequence < y.sequence;
}

class BareHeap {
 public:
  [[nodiscard]] bool empty() const { return items_.empty(); }
  void push(const BareEvent& event) {
    std::size_t hole = items_.size();
    items_.push_back(event);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / 4;
      if (!bare_earlier(event, items_[parent])) break;
      items_[hole] = items_[parent];
      hole = parent;
    }
    items_[hole] = event;
  }
  BareEvent pop() {
    const BareEvent top = items_.front();
    const BareEvent last = items_.back();
    items_.pop_back();
    const std::size_t size = items_.size();
    if (size == 0) return top;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * 4 + 1;
      if (first >= size) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < size ? first + 4 : size;
      for (std::size_t c = first + 1; c < end; ++c)
        if (bare_earlier(items_[c], items_[best])) best = c;
      if (!bare_earlier(items_[best], last)) break;
      items_[hole] = items_[best];
      hole = best;
    }
    items_[hole] = last;
    return top;
  }

 private:
  std::vector<BareEvent> items_;
};

class BareRng {
 public:
  explicit BareRng(std::uint64_t seed) {
    for (auto& word : state_) {  // splitmix64 to fill the state
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  // Uniform in (0, 1].
  double uniform() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return (static_cast<double>(result >> 11) + 1) * 0x1.0p-53;
  }
  std::int64_t exponential_ns(double mean_ns) {
    return static_cast<std::int64_t>(-std::log(uniform()) * mean_ns + 0.5);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

}  // namespace bare_detail

// Serves `customers` customers of an M/M/1 queue (Poisson arrivals at `rate_per_s`,
// exponential service of mean `service_ms`, one server, unbounded FIFO).
inline BareLoopResult bare_mm1(std::uint64_t customers, double rate_per_s, double service_ms,
                               std::uint64_t seed = 1) {
  using namespace bare_detail;
  BareRng rng(seed);
  BareHeap heap;
  std::vector<std::int64_t> waiting;  // arrival times, FIFO from `head`
  std::size_t head = 0;
  std::uint64_t sequence = 0, arrived = 0;
  bool busy = false;
  std::int64_t served_arrival = 0;
  const double interarrival_ns = 1e9 / rate_per_s, service_ns = service_ms * 1e6;
  BareLoopResult result;
  double response_sum_ns = 0;
  heap.push({rng.exponential_ns(interarrival_ns), sequence++, 0});
  while (!heap.empty()) {
    const BareEvent event = heap.pop();
    ++result.events;
    if (event.kind == 0) {
      if (++arrived < customers)
        heap.push({event.time + rng.exponential_ns(interarrival_ns), sequence++, 0});
      if (busy) {
        waiting.push_back(event.time);
      } else {
        busy = true;
        served_arrival = event.time;
        heap.push({event.time + rng.exponential_ns(service_ns), sequence++, 1});
      }
    } else {
      ++result.customers;
      response_sum_ns += static_cast<double>(event.time - served_arrival);
      if (head < waiting.size()) {
        served_arrival = waiting[head++];
        if (head > 4096 && head * 2 > waiting.size()) {  // compact the consumed front
          waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(head));
          head = 0;
        }
        heap.push({event.time + rng.exponential_ns(service_ns), sequence++, 1});
      } else {
        busy = false;
      }
    }
  }
  result.mean_response_ms = result.customers ? response_sum_ns / 1e6 / result.customers : 0;
  return result;
}

}  // namespace ripple::bench
