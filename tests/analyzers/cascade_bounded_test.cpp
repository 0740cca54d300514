// CascadeLists::Bounded against CascadeLists::Full: two independent computations of the same
// cascades (word-parallel sets and searches from the entries, versus one breadth-first expansion
// per component), which must agree on every count, on the blast radius bit for bit, and on every
// list up to the limit. Oracle: the Full expansion, which the golden files and cascade_test pin.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "analyzers/cascade_explorer.h"
#include "analyzers/cascade_names.h"
#include "tests/analyzers/load.h"

namespace ripple::analyzers {
namespace {

using testing::load;
using testing::load_example;

std::vector<std::string> stopper_texts(const model::Spec& spec,
                                       const std::vector<StopperRef>& refs) {
  std::vector<std::string> texts;
  for (const StopperRef& ref : refs) {
    const Stopper s = stopper_of(spec, ref);
    texts.push_back(s.at + " | " + s.mechanism + " | " + s.detail);
  }
  return texts;
}

template <class T>
std::vector<T> first(const std::vector<T>& list, int limit) {
  return {list.begin(), list.begin() + std::min<std::ptrdiff_t>(limit, std::ssize(list))};
}

void expect_bounded_matches_full(const model::Spec& spec, int limit) {
  const Analysis full = analyze(spec, {CascadeLists::Full});
  const Analysis bounded = analyze(spec, {CascadeLists::Bounded, limit});
  ASSERT_EQ(full.cascades.size(), bounded.cascades.size());
  for (std::size_t i = 0; i < full.cascades.size(); ++i) {
    const Cascade& f = full.cascades[i];
    const Cascade& b = bounded.cascades[i];
    SCOPED_TRACE(f.component + " with limit " + std::to_string(limit));
    EXPECT_EQ(b.component, f.component);
    EXPECT_EQ(b.kind, f.kind);
    EXPECT_EQ(b.component_id, f.component_id);
    EXPECT_EQ(b.blast_radius, f.blast_radius);  // the same sum in the same order
    EXPECT_EQ(b.counts.failed_entries, std::ssize(f.failed_entry_ids));
    EXPECT_EQ(b.counts.failed_operations, std::ssize(f.failed_operation_ids));
    EXPECT_EQ(b.counts.stalled_consumers, std::ssize(f.stalled_consumer_ids));
    EXPECT_EQ(b.counts.lost_events, std::ssize(f.lost_event_ids));
    EXPECT_EQ(b.counts.stopped_by, std::ssize(f.stopper_refs));
    EXPECT_EQ(f.counts.failed_operations, std::ssize(f.failed_operation_ids));
    EXPECT_EQ(b.failed_entry_ids, f.failed_entry_ids);
    EXPECT_EQ(b.failed_operation_ids, first(f.failed_operation_ids, limit));
    EXPECT_EQ(b.stalled_consumer_ids, first(f.stalled_consumer_ids, limit));
    EXPECT_EQ(b.lost_event_ids, first(f.lost_event_ids, limit));
    EXPECT_EQ(b.path_ids, first(f.path_ids, limit));
    EXPECT_EQ(stopper_texts(spec, b.stopper_refs),
              first(stopper_texts(spec, f.stopper_refs), limit));
    EXPECT_EQ(b.longest_path_index, f.longest_path_index);
    EXPECT_EQ(b.longest_path_ids, f.longest_path_ids);
  }
}

// Small random specs with everything propagation meets: cycles and self-calls, fallbacks with and
// without breakers, stores used by operations and consumers, kafka, sqs and memory brokers,
// outboxes, consumers that call, call back owners, write and publish, rate and reconnect sources.
class RandomSpec {
 public:
  explicit RandomSpec(std::uint64_t seed) : state_(seed * 0x9e3779b97f4a7c15ull + 1) {}

  std::string yaml() {
    const int services = 2 + below(18);
    std::vector<int> ops(static_cast<std::size_t>(services));
    for (int& n : ops) n = 1 + below(3);
    const int stores = below(3), brokers = 1 + below(3), events = below(8), entities = 1 + below(3);
    std::string out = "ripple: 1\nbrokers:\n";
    const char* types[] = {"kafka", "sqs", "memory"};
    for (int b = 0; b < brokers; ++b)
      out += "  b" + std::to_string(b) + ": {type: " + types[below(3)] + "}\n";
    if (stores > 0) out += "stores:\n";
    for (int s = 0; s < stores; ++s) out += "  d" + std::to_string(s) + ": {}\n";
    out += "entities:\n";
    for (int e = 0; e < entities; ++e) {
      const int owner = below(services);
      out += "  n" + std::to_string(e) + ": {owner: s" + std::to_string(owner) + ", read: s" +
             std::to_string(owner) + ".o0, fields: {id: 8B, body: 64B}}\n";
    }
    if (events > 0) out += "events:\n";
    for (int e = 0; e < events; ++e)
      out += "  E" + std::to_string(e) + ": {broker: b" + std::to_string(below(brokers)) +
             ", carries: [n" + std::to_string(below(entities)) + ".id]}\n";
    out += "services:\n";
    for (int s = 0; s < services; ++s) {
      out += "  s" + std::to_string(s) + ":\n    operations:\n";
      for (int o = 0; o < ops[s]; ++o)
        out += "      o" + std::to_string(o) + ": {" + work(ops, stores, events) + "}\n";
      std::string consumes;
      for (int e = 0; e < events; ++e)
        if (below(4) == 0)
          consumes += "      E" + std::to_string(e) + ": {needs: [n" +
                      std::to_string(below(entities)) + ".body], " + work(ops, stores, events) +
                      "}\n";
      if (!consumes.empty()) out += "    consumes:\n" + consumes;
    }
    out += "workload:\n  sources:\n";
    for (int k = 1 + below(4); k > 0; --k)
      out += "    - {to: " + op(ops) + ", rate: " + std::to_string(1 + below(100)) + "/s}\n";
    if (below(3) == 0) out += "    - reconnect: {clients: 10, at: 1s, to: " + op(ops) + "}\n";
    return out;
  }

 private:
  std::string op(const std::vector<int>& ops) {
    const int s = below(static_cast<int>(ops.size()));
    return "s" + std::to_string(s) + ".o" + std::to_string(below(ops[s]));
  }

  std::string work(const std::vector<int>& ops, int stores, int events) {
    std::string text = "time: 1ms";
    std::string calls;
    for (int k = below(4); k > 0; --k) {
      calls += std::string(calls.empty() ? "" : ", ") + "{to: " + op(ops);
      if (below(4) == 0) calls += ", on_failure: continue";
      if (below(5) == 0) calls += ", breaker: {failure_ratio: 0.5}";
      calls += "}";
    }
    if (!calls.empty()) text += ", calls: [" + calls + "]";
    if (stores > 0 && below(3) == 0)
      text += std::string(below(2) ? ", reads" : ", writes") + ": {store: d" +
              std::to_string(below(stores)) + "}";
    if (events > 0 && below(3) == 0)
      text += ", publishes: [{event: E" + std::to_string(below(events)) +
              (below(4) == 0 ? ", outbox: true}]" : "}]");
    return text;
  }

  int below(int n) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return static_cast<int>((z ^ (z >> 31)) % static_cast<std::uint64_t>(n));
  }

  std::uint64_t state_;
};

TEST(CascadeBounded, MatchesTheFullExpansionOnRandomSpecs) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string yaml = RandomSpec(seed).yaml();
    const model::Spec spec = load(yaml);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << yaml;
      return;
    }
    for (int limit : {0, 1, 2, 1000}) expect_bounded_matches_full(spec, limit);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << yaml;
      return;
    }
  }
}

TEST(CascadeBounded, MatchesTheFullExpansionOnTheExamples) {
  for (const char* example :
       {"examples/marketplace.yaml", "examples/fanout-thin-events.yaml",
        "examples/hospital-lab.yaml", "examples/iot-telemetry.yaml", "examples/logistics.yaml",
        "examples/retry-layers.yaml", "examples/social-timeline.yaml"})
    for (int limit : {0, 1, 3, 1000}) expect_bounded_matches_full(load_example(example), limit);
}

TEST(CascadeBounded, KeepsTheFirstEntriesAndExactCounts) {
  const model::Spec spec = load(R"(
ripple: 1
services:
  a: {operations: {x: {calls: [d.y]}, z: {calls: [d.y]}}}
  b: {operations: {x: {calls: [d.y]}}}
  c: {operations: {x: {calls: [{to: d.y, on_failure: continue}]}}}
  d: {operations: {y: {}}}
workload: {sources: [{to: a.x, rate: 1/s}, {to: b.x, rate: 3/s}]}
)");
  const Analysis a = analyze(spec, {CascadeLists::Bounded, 1});
  const Cascade* d = testing::find_cascade(a, "d");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->counts.failed_operations, 4);                               // a.x, a.z, b.x, d.y
  EXPECT_EQ(d->failed_operation_ids, std::vector<model::OperationId>{0});  // a.x
  EXPECT_EQ(d->counts.failed_entries, 2);
  EXPECT_EQ(d->failed_entry_ids, (std::vector<model::OperationId>{0, 2}));  // always complete
  EXPECT_EQ(d->path_ids, (std::vector<std::vector<model::OperationId>>{{0}}));
  EXPECT_EQ(d->longest_path_index, 0);
  EXPECT_DOUBLE_EQ(d->blast_radius, 1);
  EXPECT_EQ(d->counts.stopped_by, 1);
  ASSERT_EQ(d->stopper_refs.size(), 1u);
  EXPECT_EQ(stopper_of(spec, d->stopper_refs[0]).detail, "on_failure: continue on the call to d.y");
}

TEST(CascadeExplorer, ExpandsOneComponentAsAnalyzeDoes) {
  const model::Spec spec = load_example("examples/marketplace.yaml");
  const Analysis a = analyze(spec, {CascadeLists::Full});
  CascadeExplorer explorer(spec);
  for (const Cascade& c : a.cascades) {
    const Cascade e = explorer.expand(c.kind, c.component_id);
    EXPECT_EQ(e.component, c.component);
    EXPECT_EQ(e.failed_entry_ids, c.failed_entry_ids);
    EXPECT_EQ(e.failed_operation_ids, c.failed_operation_ids);
    EXPECT_EQ(e.path_ids, c.path_ids);
    EXPECT_EQ(e.stalled_consumer_ids, c.stalled_consumer_ids);
    EXPECT_EQ(e.lost_event_ids, c.lost_event_ids);
    EXPECT_EQ(stopper_texts(spec, e.stopper_refs), stopper_texts(spec, c.stopper_refs));
    EXPECT_EQ(e.blast_radius, c.blast_radius);
  }
}

TEST(CascadeNames, NameEveryListKeptAndChainsFromTheComponent) {
  const model::Spec spec = load(R"(
ripple: 1
brokers: {bus: {type: memory}}
events: {E: {broker: bus}}
services:
  a: {operations: {x: {calls: [d.y], publishes: [E]}}}
  c: {operations: {x: {calls: [{to: d.y, on_failure: continue}]}}}
  d: {operations: {y: {}}, consumes: {E: {calls: [d.y]}}}
workload: {sources: [{to: a.x, rate: 1/s}]}
)");
  const Analysis a = analyze(spec);
  const Cascade* d = testing::find_cascade(a, "d");
  ASSERT_NE(d, nullptr);
  const CascadeNames names = name_cascade(spec, *d);
  EXPECT_EQ(names.failed_entries, std::vector<std::string>{"a.x"});
  EXPECT_EQ(names.failed_operations, (std::vector<std::string>{"a.x", "d.y"}));
  EXPECT_EQ(names.stalled_consumers, std::vector<std::string>{"d:E"});
  EXPECT_EQ(names.lost_events, std::vector<std::string>{"E"});
  EXPECT_EQ(names.paths, (std::vector<std::vector<std::string>>{{"d", "a.x"}}));
  ASSERT_EQ(names.stopped_by.size(), 1u);
  EXPECT_EQ(names.stopped_by[0].at, "c.x");
  EXPECT_EQ(chain_names(spec, *d, d->longest_path_ids), (std::vector<std::string>{"d", "a.x"}));
  EXPECT_EQ(operation_names(spec, d->failed_operation_ids, 1), std::vector<std::string>{"a.x"});
  EXPECT_TRUE(chain_names(spec, *d, {}).empty());
}

}  // namespace
}  // namespace ripple::analyzers
