#include "scale_design.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace ripple::bench {

namespace {

class ScaleRng {  // splitmix64: the same numbers everywhere
 public:
  explicit ScaleRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

constexpr std::array<int, 5> kLayerSizes = {10, 30, 40, 50, 70};
constexpr std::array<int, 4> kTimeoutMs = {150, 120, 90, 60};  // by the caller's layer
// Expected calls per execution from layer L to layer L + 1.
constexpr std::array<double, 4> kFanout = {1.2, 0.9, 0.7, 0.5};
constexpr int kOperations = 2;  // per service: a, b
constexpr int kEvents = 30;

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0fms", value);
  return text;
}

}  // namespace

std::string scale_design(const ScaleDesignOptions& options) {
  ScaleRng rng(options.seed);
  std::vector<int> first_of_layer;
  int services = 0;
  for (int size : kLayerSizes) {
    first_of_layer.push_back(services);
    services += size;
  }
  auto name = [](int service) {
    char text[16];
    std::snprintf(text, sizeof text, "s%03d", service);
    return std::string(text);
  };
  const char* op_names[kOperations] = {"a", "b"};

  // Who publishes which event, and who consumes it.
  std::vector<std::vector<int>> publishes(static_cast<std::size_t>(services * kOperations));
  std::vector<std::vector<int>> consumes(static_cast<std::size_t>(services));
  for (int e = 0; e < kEvents; ++e) {
    const int publisher_layer = 1 + rng.below(3);
    const int publisher = first_of_layer[static_cast<std::size_t>(publisher_layer)] +
                          rng.below(kLayerSizes[static_cast<std::size_t>(publisher_layer)]);
    publishes[static_cast<std::size_t>(publisher * kOperations + rng.below(kOperations))].push_back(
        e);
    const int consumers = 2 + rng.below(4);
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < consumers) {
      const int candidate = first_of_layer[2] + rng.below(services - first_of_layer[2]);
      if (std::find(chosen.begin(), chosen.end(), candidate) == chosen.end())
        chosen.push_back(candidate);
    }
    for (int c : chosen) consumes[static_cast<std::size_t>(c)].push_back(e);
  }

  const double duration_ms = options.duration_s * 1000;
  std::string y;
  y += "ripple: 1\nname: scale-200\n";
  y += "description: Generated scale design of issue 19 (tests/bench/scale_design.h)\n";
  y += "defaults: {replicas: 2, workers: 64, queue: 512, timeout: 1s}\n";
  y += "brokers:\n  bus: {type: kafka, latency: exp(2ms), partitions: 32}\n";
  y += "events:\n";
  for (int e = 0; e < kEvents; ++e) {
    char line[64];
    std::snprintf(line, sizeof line, "  E%02d: {broker: bus}\n", e);
    y += line;
  }
  y += "services:\n";
  for (std::size_t layer = 0; layer < kLayerSizes.size(); ++layer) {
    for (int i = 0; i < kLayerSizes[layer]; ++i) {
      const int service = first_of_layer[layer] + i;
      y += "  " + name(service) + ":\n    operations:\n";
      for (int op = 0; op < kOperations; ++op) {
        y += "      ";
        y += op_names[op];
        y += ":\n        time: ";
        y += layer + 1 == kLayerSizes.size() ? "exp(1ms)\n" : "exp(300us)\n";
        if (layer + 1 < kLayerSizes.size()) {
          const int calls = 1 + rng.below(3);
          const double probability = std::min(1.0, kFanout[layer] / calls);
          y += "        calls:\n";
          for (int c = 0; c < calls; ++c) {
            const int target = first_of_layer[layer + 1] + rng.below(kLayerSizes[layer + 1]);
            char line[200];
            std::snprintf(line, sizeof line,
                          "          - {to: %s.%s, timeout: %dms, probability: %.3f",
                          name(target).c_str(), op_names[rng.below(kOperations)], kTimeoutMs[layer],
                          probability);
            y += line;
            const int retry = rng.below(6);
            if (retry == 0) y += ", retry: {attempts: 3, backoff: 5ms, jitter: full}";
            if (retry == 1) y += ", retry: {attempts: 2, backoff: 10ms, jitter: full}";
            y += "}\n";
          }
        }
        const auto& events = publishes[static_cast<std::size_t>(service * kOperations + op)];
        if (!events.empty()) {
          y += "        publishes: [";
          for (std::size_t k = 0; k < events.size(); ++k) {
            char text[16];
            std::snprintf(text, sizeof text, "%sE%02d", k ? ", " : "", events[k]);
            y += text;
          }
          y += "]\n";
        }
      }
      const auto& handled = consumes[static_cast<std::size_t>(service)];
      if (!handled.empty()) {
        y += "    consumes:\n";
        for (int e : handled) {
          char line[96];
          std::snprintf(line, sizeof line, "      E%02d: {time: exp(1ms), concurrency: 8}\n", e);
          y += line;
        }
      }
    }
  }
  y += "workload:\n  duration: " + ms(duration_ms) + "\n  warmup: " + ms(duration_ms / 20) +
       "\n  seed: " + std::to_string(options.seed) + "\n  sources:\n";
  const double per_source = options.rate_per_s / kLayerSizes[0];
  for (int i = 0; i < kLayerSizes[0]; ++i) {
    char line[96];
    std::snprintf(line, sizeof line, "    - {to: %s.%s, rate: %.0f/s, arrival: poisson}\n",
                  name(i).c_str(), op_names[i % kOperations], per_source);
    y += line;
  }
  const int faulty = first_of_layer[3] + rng.below(kLayerSizes[3]);
  y += "faults:\n  - {service: " + name(faulty) + ", at: " + ms(duration_ms * 0.45) +
       ", for: " + ms(duration_ms * 0.1) + ", mode: errors, ratio: 20%}\n";
  return y;
}

}  // namespace ripple::bench
