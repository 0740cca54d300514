#include "spec_generator.h"

// Where the call-graph shape comes from (facts only, nothing copied):
// - Luo et al., "Characterizing Microservice Dependency and Performance: Alibaba Trace
//   Analysis", SoCC 2021 (the 2021 trace, over 20,000 microservices): call graphs grow like
//   trees, their sizes are heavy-tailed, a few microservices are hot spots that most call
//   graphs reach, most microservices are stateless;
// - Winchester et al., "Complexity at Scale: A Quantitative Analysis of an Alibaba Microservice
//   Deployment", 2025 (the 2022 trace): 67,760 microservices, 13% entry, 39% leaf, 48% middle;
//   long-tailed in- and out-degrees.
// The numbers below (layer shares, Pareto and Zipf exponents, shares of retries, fallbacks and
// stateful leaves) are plausible choices within those descriptions, not fitted to the traces.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace ripple::bench {
namespace {

// splitmix64: a small, fast generator whose stream is fixed by its seed.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }       // [0, 1)
  int below(int n) { return static_cast<int>(uniform() * n); }                     // [0, n)
  int between(int lo, int hi) { return lo + below(hi - lo); }                      // [lo, hi)
  double pareto(double alpha) { return std::pow(1.0 - uniform(), -1.0 / alpha); }  // >= 1

 private:
  std::uint64_t state_;
};

std::string padded(int value, int width) {
  std::string digits = std::to_string(value);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))),
                     '0') +
         digits;
}

std::string svc(int s) { return "s" + padded(s, 5); }
std::string event_name(int e) { return "E" + padded(e, 5); }
std::string entity_name(int e) { return "en" + padded(e, 4); }
std::string store_name(int s) { return "db" + padded(s, 3); }

struct CallSpec {
  int service = 0;
  int op = 0;
  bool retry = false;
  bool fallback = false;
};

struct ConsumerSpec {
  std::vector<std::string> needs;
  std::vector<std::string> calls;
};

// What the two shapes write the same way: services with operations, calls, publishes, one store
// access per operation at most, consumers.
struct Design {
  std::vector<std::vector<std::vector<CallSpec>>> calls;         // [service][op]
  std::vector<std::vector<std::vector<std::string>>> publishes;  // [service][op]
  std::vector<std::vector<std::string>> store_access;            // [service][op]: "" or YAML
  std::vector<std::map<std::string, ConsumerSpec>> consumes;     // [service]
  std::vector<char> owner;                                       // [service]: has a get

  void resize(const std::vector<int>& ops) {
    const std::size_t n = ops.size();
    calls.resize(n);
    publishes.resize(n);
    store_access.resize(n);
    consumes.resize(n);
    owner.assign(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
      calls[s].resize(static_cast<std::size_t>(ops[s]));
      publishes[s].resize(static_cast<std::size_t>(ops[s]));
      store_access[s].resize(static_cast<std::size_t>(ops[s]));
    }
  }
};

std::string call_text(const CallSpec& call, const char* timeout) {
  std::string text = "{to: " + svc(call.service) + ".op" + std::to_string(call.op);
  if (timeout) text += std::string(", timeout: ") + timeout;
  if (call.retry) text += ", retry: {attempts: 3, backoff: 20ms, jitter: full}";
  if (call.fallback) text += ", on_failure: continue";
  return text + "}";
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  return text;
}

void write_services(const Design& d, const char* timeout, std::string& out) {
  out += "services:\n";
  for (std::size_t s = 0; s < d.calls.size(); ++s) {
    out += "  " + svc(static_cast<int>(s)) + ":\n    operations:\n";
    for (std::size_t op = 0; op < d.calls[s].size(); ++op) {
      std::vector<std::string> parts{"time: exp(1ms)"};
      std::vector<std::string> calls;
      for (const CallSpec& call : d.calls[s][op]) calls.push_back(call_text(call, timeout));
      if (!calls.empty()) parts.push_back("calls: [" + joined(calls) + "]");
      if (!d.publishes[s][op].empty())
        parts.push_back("publishes: [" + joined(d.publishes[s][op]) + "]");
      if (!d.store_access[s][op].empty()) parts.push_back(d.store_access[s][op]);
      out += "      op" + std::to_string(op) + ": {" + joined(parts) + "}\n";
    }
    if (d.owner[s]) out += "      get: {time: exp(1ms)}\n";
    if (d.consumes[s].empty()) continue;
    out += "    consumes:\n";
    for (const auto& [event, consumer] : d.consumes[s]) {
      out += "      " + event + ": {needs: [" + joined(consumer.needs) + "], idempotent: true";
      if (!consumer.calls.empty()) out += ", calls: [" + joined(consumer.calls) + "]";
      out += "}\n";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shape::CallGraph

constexpr int kLeafLayer = 6;                                 // 0: entry, 1-5: middle, 6: leaf
constexpr double kMiddleShares[] = {0.36, 0.26, 0.18, 0.12};  // layers 1-4; layer 5 the rest
constexpr int kBrokers = 8;                                   // plus one memory broker

class CallGraph {
 public:
  CallGraph(int services, std::uint64_t seed) : n_(services), random_(seed) {}

  std::string generate() {
    assign_layers();
    for (int s = 0; s < n_; ++s) ops_.push_back(operation_count());
    design_.resize(ops_);
    rank_popularity();
    add_calls();
    add_back_calls();
    add_stores();
    add_entities();
    add_events();
    return text();
  }

 private:
  void assign_layers() {
    const int entry = static_cast<int>(std::lround(n_ * 0.13));
    const int leaf = static_cast<int>(std::lround(n_ * 0.39));
    const int middle = n_ - entry - leaf;
    layer_.assign(static_cast<std::size_t>(entry), 0);
    int placed = 0;
    for (int d = 1; d <= 4; ++d) {
      const int count = static_cast<int>(std::lround(middle * kMiddleShares[d - 1]));
      layer_.insert(layer_.end(), static_cast<std::size_t>(count), d);
      placed += count;
    }
    layer_.insert(layer_.end(), static_cast<std::size_t>(middle - placed), 5);
    layer_.insert(layer_.end(), static_cast<std::size_t>(leaf), kLeafLayer);
  }

  int operation_count() {
    const double r = random_.uniform();
    return r < 0.55 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 3 : 4;
  }

  // A Zipf law over a random ranking of the services; per caller layer, the services below it
  // with their cumulative weights, to draw a callee by popularity.
  void rank_popularity() {
    std::vector<int> ranking(static_cast<std::size_t>(n_));
    for (int s = 0; s < n_; ++s) ranking[s] = s;
    for (int i = n_ - 1; i > 0; --i) std::swap(ranking[i], ranking[random_.below(i + 1)]);
    std::vector<double> weight(static_cast<std::size_t>(n_));
    for (int rank = 0; rank < n_; ++rank) weight[ranking[rank]] = 1.0 / std::pow(rank + 1, 1.1);
    pools_.resize(kLeafLayer);
    cumulative_.resize(kLeafLayer);
    for (int d = 0; d < kLeafLayer; ++d) {
      double total = 0;
      for (int s = 0; s < n_; ++s) {
        if (layer_[s] <= d) continue;
        pools_[d].push_back(s);
        cumulative_[d].push_back(total += weight[s]);
      }
    }
  }

  int popular_below(int d) {
    const double x = random_.uniform() * cumulative_[d].back();
    const auto it = std::upper_bound(cumulative_[d].begin(), cumulative_[d].end(), x);
    const auto index = std::min<std::ptrdiff_t>(it - cumulative_[d].begin(),
                                                static_cast<std::ptrdiff_t>(pools_[d].size()) - 1);
    return pools_[d][static_cast<std::size_t>(index)];
  }

  int fan_out(int s) {
    const double scale = layer_[s] == 0 ? 2.5 : 1.0;
    return std::min(60, static_cast<int>(scale * random_.pareto(1.6)));
  }

  CallSpec call_to(int target) {
    CallSpec call{target, random_.below(ops_[target]), false, false};
    call.retry = random_.uniform() < 0.10;
    call.fallback = random_.uniform() < 0.15;
    return call;
  }

  void add_calls() {
    for (int s = 0; s < n_; ++s) {
      if (layer_[s] == kLeafLayer) continue;
      for (int op = 0; op < ops_[s]; ++op)
        for (int k = fan_out(s); k > 0; --k)
          design_.calls[s][op].push_back(call_to(popular_below(layer_[s])));
    }
  }

  // A handful of calls up to a shallower layer, so that the analyzers meet cycles too.
  void add_back_calls() {
    std::vector<int> middles;
    for (int s = 0; s < n_; ++s)
      if (layer_[s] >= 1 && layer_[s] <= 5) middles.push_back(s);
    for (int k = std::max(1, n_ / 5000); k > 0; --k) {
      const int s = middles[random_.below(static_cast<int>(middles.size()))];
      std::vector<int> shallower;
      for (int t : middles)
        if (layer_[t] < layer_[s]) shallower.push_back(t);
      if (!shallower.empty())
        design_.calls[s][0].push_back(
            call_to(shallower[random_.below(static_cast<int>(shallower.size()))]));
    }
  }

  // 30% of the leaves are stateful: their first operation writes a store, the others read it.
  void add_stores() {
    stores_ = std::max(1, n_ / 200);
    std::vector<double> cumulative;
    double total = 0;
    for (int k = 0; k < stores_; ++k) cumulative.push_back(total += 1.0 / (k + 1));
    for (int s = 0; s < n_; ++s) {
      if (layer_[s] != kLeafLayer || random_.uniform() >= 0.3) continue;
      const double x = random_.uniform() * total;
      const int store =
          std::min<int>(static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), x) -
                                         cumulative.begin()),
                        stores_ - 1);
      for (int op = 0; op < ops_[s]; ++op)
        design_.store_access[s][op] =
            std::string(op == 0 ? "writes" : "reads") + ": {store: " + store_name(store) + "}";
    }
  }

  void add_entities() {
    std::vector<int> lower;
    for (int s = 0; s < n_; ++s)
      if (layer_[s] >= 3) lower.push_back(s);
    for (int e = std::max(1, n_ / 50); e > 0; --e) {
      owners_.push_back(lower[random_.below(static_cast<int>(lower.size()))]);
      design_.owner[owners_.back()] = 1;
    }
  }

  void add_events() {
    std::vector<int> publishers, consumers;
    for (int s = 0; s < n_; ++s) {
      if (layer_[s] <= 4) publishers.push_back(s);
      if (layer_[s] >= 2) consumers.push_back(s);
    }
    const int events = std::max(1, n_ / 25);
    for (int e = 0; e < events; ++e) {
      broker_.push_back(random_.uniform() < 0.01 ? kBrokers : e % kBrokers);
      entity_.push_back(random_.below(static_cast<int>(owners_.size())));
      const int p = publishers[random_.below(static_cast<int>(publishers.size()))];
      design_.publishes[p][random_.below(ops_[p])].push_back(event_name(e));
      const int count = std::min(8, static_cast<int>(random_.pareto(1.5)));
      std::set<int> chosen;
      for (int k = 0; k < count; ++k)
        chosen.insert(consumers[random_.below(static_cast<int>(consumers.size()))]);
      for (int c : chosen) design_.consumes[c][event_name(e)] = consumer(c, e);
    }
  }

  ConsumerSpec consumer(int c, int e) {
    ConsumerSpec spec;
    spec.needs.push_back(entity_name(entity_[e]) + ".id");
    if (random_.uniform() < 0.3)
      spec.needs.push_back(entity_name(random_.below(static_cast<int>(owners_.size()))) + ".body");
    if (layer_[c] < kLeafLayer && random_.uniform() < 0.4) {
      const int target = popular_below(layer_[c]);
      spec.calls.push_back(svc(target) + ".op" + std::to_string(random_.below(ops_[target])));
    }
    return spec;
  }

  std::string text() const {
    std::string out =
        "ripple: 1\nname: callgraph\n"
        "description: generated production-shaped call graph for the analyzer benchmark\n"
        "defaults: {replicas: 2, workers: 32, queue: 256, timeout: 1s}\nbrokers:\n";
    for (int b = 0; b < kBrokers; ++b)
      out += "  mq" + std::to_string(b) +
             (b % 2 == 0 ? ": {type: kafka, partitions: 12}\n" : ": {type: sqs}\n");
    out += "  local: {type: memory}\nstores:\n";
    for (int k = 0; k < stores_; ++k)
      out += "  " + store_name(k) + ": {connections: 20, txn_time: 1ms, row_time: 50us}\n";
    out += "entities:\n";
    for (std::size_t e = 0; e < owners_.size(); ++e) {
      const std::string owner = svc(owners_[e]);
      out += "  " + entity_name(static_cast<int>(e)) + ": {owner: " + owner + ", read: " + owner +
             ".get, fields: {id: 16B, body: 512B}}\n";
    }
    out += "events:\n";
    for (std::size_t e = 0; e < broker_.size(); ++e) {
      const std::string broker =
          broker_[e] == kBrokers ? std::string("local") : "mq" + std::to_string(broker_[e]);
      const std::string entity = entity_name(entity_[e]);
      out += "  " + event_name(static_cast<int>(e)) + ": {broker: " + broker + ", key: " + entity +
             ".id, carries: [" + entity + ".id]}\n";
    }
    write_services(design_, nullptr, out);
    out += "workload:\n  duration: 60s\n  sources:\n";
    int rank = 0;
    for (int s = 0; s < n_ && layer_[s] == 0; ++s, ++rank) {
      char rate[32];
      std::snprintf(rate, sizeof rate, "%.1f",
                    std::max(0.1, std::round(20000.0 / std::pow(rank + 1, 1.1)) / 10));
      out += "    - {to: " + svc(s) + ".op0, rate: " + rate + "/s}\n";
    }
    return out;
  }

  int n_;
  Random random_;
  std::vector<int> layer_, ops_;
  std::vector<std::vector<int>> pools_;
  std::vector<std::vector<double>> cumulative_;
  Design design_;
  int stores_ = 1;
  std::vector<int> owners_;  // by entity
  std::vector<int> broker_;  // by event; kBrokers = the memory broker
  std::vector<int> entity_;  // by event: the entity it carries
};

// ---------------------------------------------------------------------------------------------
// Shape::Layered (the model of gen_spec.py, in C++)

class Layered {
 public:
  Layered(int services, std::uint64_t seed) : n_(services), random_(seed) {}

  std::string generate() {
    events_ = 2 * n_ / 5;
    entities_ = std::max(1, n_ / 10);
    stores_ = std::max(1, n_ / 100);
    design_.resize(std::vector<int>(static_cast<std::size_t>(n_), 2));
    for (int e = 0; e < entities_; ++e) design_.owner[(e * 10) % n_] = 1;
    add_calls(4 * n_ - events_ - 3 * events_);
    add_events();
    add_store_work();
    return text();
  }

 private:
  void add_calls(int calls) {
    const int back = std::min(5, calls);
    for (int k = 0; k < calls - back; ++k) {
      const int src = random_.below(n_ - 1);
      add_call(src, random_.between(src + 1, std::min(n_, src + 200)));
    }
    for (int k = 0; k < back; ++k) add_call(random_.between(n_ / 2, n_), random_.below(n_ / 2));
  }

  void add_call(int src, int dst) {
    CallSpec call{dst, random_.below(2), random_.uniform() < 0.1, false};
    call.fallback = random_.uniform() < 0.05;
    design_.calls[src][random_.below(2)].push_back(call);
  }

  void add_events() {
    for (int e = 0; e < events_; ++e) {
      const int entity = random_.below(entities_);
      carried_.push_back(entity);
      const int publisher = random_.below(n_);
      design_.publishes[publisher][random_.below(2)].push_back(event_name(e));
      std::set<int> consumers;
      while (consumers.size() < 3) consumers.insert(random_.below(n_));
      for (int c : consumers) {
        ConsumerSpec spec;
        spec.needs.push_back(entity_name(entity) + ".id");
        if (random_.uniform() < 0.3)
          spec.needs.push_back(entity_name(random_.below(entities_)) + ".body");
        design_.consumes[c][event_name(e)] = spec;
      }
    }
  }

  void add_store_work() {
    for (int s = 0; s < n_; ++s) {
      if (random_.uniform() >= 0.5) continue;
      const std::string store = store_name(random_.below(stores_));
      design_.store_access[s][0] = "writes: {store: " + store + "}";
      design_.store_access[s][1] = "reads: {store: " + store + "}";
    }
  }

  std::string text() const {
    std::string out =
        "ripple: 1\nname: generated\ndescription: generated for the analyzer scale benchmark\n"
        "defaults: {replicas: 2, workers: 32, queue: 256, timeout: 1s}\nbrokers:\n";
    for (int b = 0; b < 4; ++b)
      out += "  bus" + std::to_string(b) + ": {type: kafka, partitions: 12}\n";
    out += "stores:\n";
    for (int k = 0; k < stores_; ++k)
      out += "  " + store_name(k) + ": {connections: 20, txn_time: 1ms, row_time: 50us}\n";
    out += "entities:\n";
    for (int e = 0; e < entities_; ++e) {
      const std::string owner = svc((e * 10) % n_);
      out += "  " + entity_name(e) + ": {owner: " + owner + ", read: " + owner +
             ".get, fields: {id: 16B, body: 512B}}\n";
    }
    out += "events:\n";
    for (int e = 0; e < events_; ++e) {
      const std::string entity = entity_name(carried_[e]);
      out += "  " + event_name(e) + ": {broker: bus" + std::to_string(e % 4) + ", key: " + entity +
             ".id, carries: [" + entity + ".id]}\n";
    }
    write_services(design_, "2s", out);
    out += "workload:\n  duration: 60s\n  sources:\n";
    for (int s = 0; s < std::min(50, n_); ++s)
      out += "    - {to: " + svc(s) + ".op0, rate: 10/s}\n";
    return out;
  }

  int n_;
  Random random_;
  int events_ = 0, entities_ = 1, stores_ = 1;
  Design design_;
  std::vector<int> carried_;  // by event: the entity whose id it carries
};

}  // namespace

std::string generate_spec(const GeneratorOptions& options) {
  const int services = std::max(20, options.services);
  if (options.shape == Shape::Layered) return Layered(services, options.seed).generate();
  return CallGraph(services, options.seed).generate();
}

const char* to_string(Shape shape) { return shape == Shape::Layered ? "layered" : "callgraph"; }

}  // namespace ripple::bench
