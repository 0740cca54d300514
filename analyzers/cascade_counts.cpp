// Counts and first entries of what fails, for every cascade at once.
//
// What fails with an operation u, R(u), is u itself, the consumers it stalls (a call with
// on_failure: fail or a callback to u), the events those lose (memory brokers) or the durable
// brokers' stoppers they meet, the fallbacks on calls to u, and R(v) of every operation v that
// calls u with on_failure: fail. A component's cascade is the union of R over its seeds, plus what
// it stalls, loses or stops directly. Unions of sets are the reason the expansion of every
// component costs up to the square of the spec: here each R is a row of bits, one column per
// operation, consumer, event and stopper (in the order of each list), computed once per strongly
// connected component of the fail-call graph in topological order, callers first. Counts are
// population counts and the first entries the lowest set bits. Rows are built for one block of
// columns at a time (a few thousand), so memory stays linear; a row that is empty in a block is
// skipped, so work follows what is set. Cost: (operations + calls + seeds) x columns / 64 word
// operations in the worst case, with a flag test in place of most of them on sparse rows.

#include <algorithm>
#include <bit>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cstdint>
#include <tuple>

#include "analyzers/cascade_bounded.h"

namespace ripple::analyzers::detail {
namespace {

using Word = std::uint64_t;
constexpr int kWordBits = 64;
constexpr std::size_t kRowBudgetWords = std::size_t{1} << 22;  // 32 MiB of rows per block

enum Group { kOperations, kConsumers, kEvents, kStoppers, kGroups };

// Columns: each group starts on a word boundary.
struct Columns {
  int offset[kGroups + 1] = {};  // in columns, multiples of 64
  explicit Columns(const FailureIndex& index) {
    const int sizes[kGroups] = {index.operations(), index.consumers(), index.events(),
                                static_cast<int>(index.stoppers.size())};
    for (int g = 0; g < kGroups; ++g)
      offset[g + 1] = offset[g] + (sizes[g] + kWordBits - 1) / kWordBits * kWordBits;
  }
  [[nodiscard]] int words() const { return offset[kGroups] / kWordBits; }
};

// The fail-call graph's strongly connected components, in topological order (callers first),
// with each component's caller components.
struct Condensed {
  std::vector<int> of;     // by operation: its component
  std::vector<int> order;  // components, callers before callees
  Csr<int> callers;        // by component
};

Condensed condense(const FailureIndex& index) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(static_cast<std::size_t>(index.operations()));
  for (int u = 0; u < index.operations(); ++u)
    for (const CallerEdge& edge : index.callers[u])
      if (edge.fails && edge.caller.kind == RunnerKind::Operation)
        boost::add_edge(static_cast<std::size_t>(edge.caller.id), static_cast<std::size_t>(u),
                        graph);
  Condensed c;
  c.of.resize(static_cast<std::size_t>(index.operations()));
  const int count = index.operations() == 0 ? 0 : boost::strong_components(graph, c.of.data());
  std::vector<std::pair<int, int>> callers;  // (callee component, caller component)
  std::vector<int> pending(static_cast<std::size_t>(count), 0);  // callers not yet ordered
  for (int u = 0; u < index.operations(); ++u)
    for (const CallerEdge& edge : index.callers[u])
      if (edge.fails && edge.caller.kind == RunnerKind::Operation &&
          c.of[edge.caller.id] != c.of[u]) {
        callers.push_back({c.of[u], c.of[edge.caller.id]});
        ++pending[c.of[u]];
      }
  c.callers = Csr<int>(static_cast<std::size_t>(count), callers);
  std::vector<std::pair<int, int>> callees;
  for (const auto& [callee, caller] : callers) callees.push_back({caller, callee});
  const Csr<int> down(static_cast<std::size_t>(count), callees);
  for (int k = 0; k < count; ++k)
    if (pending[k] == 0) c.order.push_back(k);
  for (std::size_t next = 0; next < c.order.size(); ++next)
    for (int callee : down[c.order[next]])
      if (--pending[callee] == 0) c.order.push_back(callee);
  return c;
}

// A (row, column) bit to set, and lists of them per block of columns.
struct Bit {
  int row = 0;
  int column = 0;
};

class CountPass {
 public:
  CountPass(const FailureIndex& index, int limit, std::vector<Cascade>& cascades)
      : index_(index),
        spec_(index.spec),
        limit_(static_cast<std::size_t>(limit)),
        cascades_(cascades),
        columns_(index),
        graph_(condense(index)) {
    const std::size_t rows = std::max<std::size_t>(graph_.order.size(), 1);
    block_words_ = static_cast<int>(
        std::clamp<std::size_t>(kRowBudgetWords / rows, 1, std::max(columns_.words(), 1)));
    collect_bits();
    rows_.resize(rows * static_cast<std::size_t>(block_words_));
    row_set_.resize(rows);
    accumulator_.resize(static_cast<std::size_t>(block_words_));
  }

  void run() {
    for (int first = 0; first < columns_.words(); first += block_words_) block(first);
  }

 private:
  // What a stalled consumer brings: its column, and its durable stopper or its lost event.
  void stall(int row, model::ConsumerId c, std::vector<Bit>& bits) const {
    bits.push_back({row, columns_.offset[kConsumers] + c});
    if (index_.durable[c])
      bits.push_back({row, columns_.offset[kStoppers] + index_.durable_stopper[c]});
    else
      bits.push_back({row, columns_.offset[kEvents] + spec_.consumers[c].event});
  }

  void collect_bits() {
    for (int u = 0; u < index_.operations(); ++u) {
      const int row = graph_.of[u];
      own_.push_back({row, columns_.offset[kOperations] + u});
      for (const CallerEdge& edge : index_.callers[u]) {
        if (!edge.fails)
          own_.push_back({row, columns_.offset[kStoppers] + edge.stopper});
        else if (edge.caller.kind == RunnerKind::Consumer)
          stall(row, edge.caller.id, own_);
      }
      for (model::ConsumerId c : index_.callbacks[u]) stall(row, c, own_);
    }
    const std::vector<Component> components = components_of(spec_);
    std::vector<std::pair<int, int>> seeds;
    for (std::size_t k = 0; k < components.size(); ++k)
      collect_component(static_cast<int>(k), components[k], seeds);
    seeds_ = Csr<int>(components.size(), seeds);
    by_block(own_);
    by_block(direct_);
    by_block(masked_);
  }

  void seed(int k, Runner r, std::vector<std::pair<int, int>>& seeds) {
    if (r.kind == RunnerKind::Operation)
      seeds.push_back({k, graph_.of[r.id]});
    else
      stall(k, r.id, direct_);
  }

  void lost(int k, model::EventId e) { direct_.push_back({k, columns_.offset[kEvents] + e}); }

  void collect_component(int k, Component component, std::vector<std::pair<int, int>>& seeds) {
    const int id = component.id;
    if (component.kind == ComponentKind::Service) {
      const model::Service& service = spec_.services[id];
      for (model::OperationId op : service.operations) seed(k, {RunnerKind::Operation, op}, seeds);
      for (model::ConsumerId c : service.consumers) stall(k, c, direct_);
      for (model::OperationId op : service.operations) lose_held(k, spec_.operations[op].work);
      for (model::ConsumerId c : service.consumers) lose_held(k, spec_.consumers[c].work);
    } else if (component.kind == ComponentKind::Store) {
      for (const Runner& r : index_.store_users[id]) seed(k, r, seeds);
    } else {
      for (const PublishEdge& edge : index_.publishes[id]) {
        if (edge.stopper >= 0) {
          direct_.push_back({k, columns_.offset[kStoppers] + edge.stopper});
          continue;
        }
        seed(k, edge.publisher, seeds);
        lost(k, edge.event);
      }
      // The broker that is down keeps nothing for its own consumers, however they stall.
      for (model::ConsumerId c : index_.broker_consumers[id]) {
        stall(k, c, direct_);
        if (index_.durable[c])
          masked_.push_back({k, columns_.offset[kStoppers] + index_.durable_stopper[c]});
      }
      if (!spec_.brokers[id].durable())
        for (model::EventId e : index_.broker_events[id]) lost(k, e);
    }
  }

  void lose_held(int k, const model::Work& work) {
    for (const model::Publish& publish : work.publishes)
      if (!spec_.brokers[spec_.events[publish.event].broker].durable()) lost(k, publish.event);
  }

  // Sorts bits by block, then row, then column; block_start_ tells where each block begins.
  void by_block(std::vector<Bit>& bits) const {
    const int width = block_words_ * kWordBits;
    std::sort(bits.begin(), bits.end(), [width](const Bit& a, const Bit& b) {
      return std::make_tuple(a.column / width, a.row, a.column) <
             std::make_tuple(b.column / width, b.row, b.column);
    });
  }

  static void set(Word* row, int column) {
    row[column / kWordBits] |= Word{1} << (column % kWordBits);
  }

  Word* row(int r) { return rows_.data() + static_cast<std::size_t>(r) * block_words_; }

  // One block of columns: [first, first + block_words_) in words.
  void block(int first) {
    const int words = std::min(block_words_, columns_.words() - first);
    const int lo = first * kWordBits, hi = (first + words) * kWordBits;
    std::fill(row_set_.begin(), row_set_.end(), 0);
    for (; own_at_ < own_.size() && own_[own_at_].column < hi; ++own_at_) {
      const Bit& bit = own_[own_at_];
      if (!row_set_[bit.row]) clear(row(bit.row), words, bit.row);
      set(row(bit.row), bit.column - lo);
    }
    for (int r : graph_.order)
      for (int caller : graph_.callers[r]) {
        if (!row_set_[caller]) continue;
        if (!row_set_[r]) clear(row(r), words, r);
        Word* to = row(r);
        const Word* from = row(caller);
        for (int w = 0; w < words; ++w) to[w] |= from[w];
      }
    for (std::size_t k = 0; k < cascades_.size(); ++k) gather(static_cast<int>(k), first, words);
  }

  void clear(Word* r, int words, int index) {
    std::fill(r, r + words, Word{0});
    row_set_[index] = 1;
  }

  // Component k's bits in this block: its seeds' rows, its own bits, less its masked ones.
  void gather(int k, int first, int words) {
    Word* acc = accumulator_.data();
    bool any = false;
    for (int r : seeds_[k]) {
      if (!row_set_[r]) continue;
      const Word* from = row(r);
      if (!any)
        std::copy(from, from + words, acc);
      else
        for (int w = 0; w < words; ++w) acc[w] |= from[w];
      any = true;
    }
    const int lo = first * kWordBits;
    for (; direct_at_ < direct_.size() && direct_[direct_at_].row == k &&
           direct_[direct_at_].column < lo + words * kWordBits;
         ++direct_at_) {
      if (!any) std::fill(acc, acc + words, Word{0});
      any = true;
      set(acc, direct_[direct_at_].column - lo);
    }
    for (; masked_at_ < masked_.size() && masked_[masked_at_].row == k &&
           masked_[masked_at_].column < lo + words * kWordBits;
         ++masked_at_)
      if (any)
        acc[(masked_[masked_at_].column - lo) / kWordBits] &=
            ~(Word{1} << ((masked_[masked_at_].column - lo) % kWordBits));
    if (any) count(cascades_[k], acc, first, words);
  }

  void count(Cascade& c, const Word* acc, int first, int words) const {
    for (int w = 0; w < words; ++w) {
      if (!acc[w]) continue;
      const int column = (first + w) * kWordBits;
      const int g = group_of(column);
      const int ones = std::popcount(acc[w]);
      int& total = counted(c, g);
      const std::size_t kept = static_cast<std::size_t>(total);
      total += ones;
      if (kept >= limit_) continue;
      for (Word bits = acc[w]; bits && listed(c, g) < limit_; bits &= bits - 1)
        add(c, g, column + std::countr_zero(bits) - columns_.offset[g]);
    }
  }

  [[nodiscard]] int group_of(int column) const {
    int g = 0;
    while (column >= columns_.offset[g + 1]) ++g;
    return g;
  }

  static int& counted(Cascade& c, int g) {
    switch (g) {
      case kOperations:
        return c.counts.failed_operations;
      case kConsumers:
        return c.counts.stalled_consumers;
      case kEvents:
        return c.counts.lost_events;
      default:
        return c.counts.stopped_by;
    }
  }

  static std::size_t listed(const Cascade& c, int g) {
    switch (g) {
      case kOperations:
        return c.failed_operation_ids.size();
      case kConsumers:
        return c.stalled_consumer_ids.size();
      case kEvents:
        return c.lost_event_ids.size();
      default:
        return c.stopper_refs.size();
    }
  }

  void add(Cascade& c, int g, int id) const {
    switch (g) {
      case kOperations:
        c.failed_operation_ids.push_back(id);
        break;
      case kConsumers:
        c.stalled_consumer_ids.push_back(id);
        break;
      case kEvents:
        c.lost_event_ids.push_back(id);
        break;
      default:
        c.stopper_refs.push_back(index_.stoppers[static_cast<std::size_t>(id)]);
    }
  }

  const FailureIndex& index_;
  const model::Spec& spec_;
  std::size_t limit_;
  std::vector<Cascade>& cascades_;
  Columns columns_;
  Condensed graph_;
  int block_words_ = 1;
  std::vector<Bit> own_;     // row: a component of the call graph
  std::vector<Bit> direct_;  // row: a cascade
  std::vector<Bit> masked_;  // row: a cascade; bits it never has
  Csr<int> seeds_;           // by cascade: rows of its seed operations
  std::size_t own_at_ = 0, direct_at_ = 0, masked_at_ = 0;
  std::vector<Word> rows_;
  std::vector<char> row_set_;  // by row: written in this block (else all zero)
  std::vector<Word> accumulator_;
};

}  // namespace

void add_counts(const FailureIndex& index, int limit, std::vector<Cascade>& cascades) {
  CountPass(index, limit, cascades).run();
}

}  // namespace ripple::analyzers::detail
