// Failed entries, blast radius and chains of every cascade, from the entries' side.
//
// An entry operation e fails while component X is down exactly when one of X's seeds (the
// operations that fail first: a down service's operations, a store's users, a broker's
// publishers without outbox) lies among the operations e reaches through calls with
// `on_failure: fail`. So one breadth-first search down from each entry, in entry id order, finds
// every cascade it belongs to, adds its rate there in the same order as the expansion does (the
// blast radius comes out bit for bit the same), and gives the distance D from X's nearest seed.
//
// The chain the expansion reports for e is the path of its breadth-first tree: among the
// shortest paths from the seeds up to e, the one whose sequence (position of its seed, then the
// position of each caller in FailureIndex::callers of its callee) is smallest, since the
// expansion visits each level in that order. It is rebuilt by walking up from the first seed at
// distance D, taking at each step the first caller one step closer to e. Chains are built only
// for the first `limit` entries of each cascade and for its longest one.

#include <algorithm>

#include "analyzers/cascade_bounded.h"

namespace ripple::analyzers::detail {
namespace {

// A seed operation of a component, and its position among that component's seeds.
struct Membership {
  int component = -1;  // index into components_of()
  int position = 0;
};

void add_seed(int component, model::OperationId op, std::vector<std::pair<int, Membership>>& pairs,
              std::vector<int>& seen, int& position) {
  if (seen[op] == component) return;  // a seed listed twice keeps its first place
  seen[op] = component;
  pairs.push_back({op, {component, position++}});
}

Csr<Membership> seed_memberships(const FailureIndex& index) {
  const model::Spec& spec = index.spec;
  std::vector<std::pair<int, Membership>> pairs;
  std::vector<int> seen(static_cast<std::size_t>(index.operations()), -1);
  const std::vector<Component> components = components_of(spec);
  for (std::size_t k = 0; k < components.size(); ++k) {
    const int component = static_cast<int>(k);
    const int id = components[k].id;
    int position = 0;
    if (components[k].kind == ComponentKind::Service) {
      for (model::OperationId op : spec.services[id].operations)
        add_seed(component, op, pairs, seen, position);
    } else if (components[k].kind == ComponentKind::Store) {
      for (const Runner& r : index.store_users[id])
        if (r.kind == RunnerKind::Operation) add_seed(component, r.id, pairs, seen, position);
    } else {
      for (const PublishEdge& edge : index.publishes[id])
        if (edge.stopper < 0 && edge.publisher.kind == RunnerKind::Operation)
          add_seed(component, edge.publisher.id, pairs, seen, position);
    }
  }
  return Csr<Membership>(static_cast<std::size_t>(index.operations()), pairs);
}

// Where one entry's search reached a component: the distance of its nearest seed, and the first
// such seed in the component's seed order.
struct Reach {
  int distance = 0;
  int position = 0;
  model::OperationId seed = -1;
};

class EntryPass {
 public:
  EntryPass(const FailureIndex& index, int limit, std::vector<Cascade>& cascades)
      : index_(index),
        spec_(index.spec),
        limit_(static_cast<std::size_t>(limit)),
        cascades_(cascades),
        memberships_(seed_memberships(index)),
        distance_(static_cast<std::size_t>(index.operations()), -1),
        up_(static_cast<std::size_t>(index.operations()), -1),
        up_position_(static_cast<std::size_t>(index.operations()), 0),
        reach_(cascades.size()),
        reached_by_(cascades.size(), -1),
        failed_rate_(cascades.size(), 0) {
    index_call_positions();
  }

  void run() {
    for (int op = 0; op < index_.operations(); ++op)
      if (index_.is_entry[op]) run_entry(op);
    for (std::size_t k = 0; k < cascades_.size(); ++k) {
      Cascade& c = cascades_[k];
      c.counts.failed_entries = static_cast<int>(c.failed_entry_ids.size());
      c.blast_radius = index_.total_rate > 0 ? failed_rate_[k] / index_.total_rate : 0;
    }
  }

 private:
  void run_entry(model::OperationId entry) {
    search_down(entry);
    touched_.clear();
    for (model::OperationId op : order_)
      for (const Membership& m : memberships_[op]) reach(m, op, entry);
    for (int component : touched_) add_entry(component, entry);
    for (model::OperationId op : order_) distance_[op] = -1;
  }

  // Breadth-first down the calls with on_failure: fail, from the entry. Each operation keeps
  // the caller one step closer to the entry that comes first in FailureIndex::callers of it: the
  // step up its chain.
  void search_down(model::OperationId entry) {
    order_.assign(1, entry);
    distance_[entry] = 0;
    for (std::size_t next = 0; next < order_.size(); ++next) {
      const model::OperationId op = order_[next];
      const std::vector<model::Call>& calls = spec_.operations[op].work.calls;
      for (std::size_t k = 0; k < calls.size(); ++k) {
        const model::Call& call = calls[k];
        if (call.on_failure != model::OnFailure::Fail) continue;
        const int position = call_position_[call_start_[op] + k];
        if (distance_[call.target] < 0) {
          distance_[call.target] = distance_[op] + 1;
          order_.push_back(call.target);
        } else if (distance_[call.target] != distance_[op] + 1 ||
                   up_position_[call.target] <= position) {
          continue;
        }
        up_[call.target] = op;
        up_position_[call.target] = position;
      }
    }
  }

  // For each call of each operation, its position in FailureIndex::callers of its target (whose
  // operations come first, by id, each one's calls in order).
  void index_call_positions() {
    std::vector<int> seen(static_cast<std::size_t>(index_.operations()), 0);
    call_start_.reserve(static_cast<std::size_t>(index_.operations()) + 1);
    for (int op = 0; op < index_.operations(); ++op) {
      call_start_.push_back(static_cast<int>(call_position_.size()));
      for (const model::Call& call : spec_.operations[op].work.calls)
        call_position_.push_back(seen[call.target]++);
    }
    call_start_.push_back(static_cast<int>(call_position_.size()));
  }

  // order_ lists operations by increasing distance, so the first visit of a component is at its
  // nearest seed's distance; later seeds at that distance may come earlier in its seed order.
  void reach(const Membership& m, model::OperationId op, model::OperationId entry) {
    Reach& r = reach_[m.component];
    if (reached_by_[m.component] != entry) {
      reached_by_[m.component] = entry;
      r = {distance_[op], m.position, op};
      touched_.push_back(m.component);
    } else if (r.distance == distance_[op] && m.position < r.position) {
      r.position = m.position;
      r.seed = op;
    }
  }

  void add_entry(int component, model::OperationId entry) {
    Cascade& c = cascades_[component];
    const Reach& r = reach_[component];
    c.failed_entry_ids.push_back(entry);
    failed_rate_[component] += index_.entry_rate[entry];
    // Operations in the chain: the seed is left out for a down service (unless it is the entry).
    const std::size_t length = c.kind == ComponentKind::Service
                                   ? static_cast<std::size_t>(std::max(r.distance, 1))
                                   : static_cast<std::size_t>(r.distance) + 1;
    const bool listed = c.path_ids.size() < limit_;
    const bool longest = c.longest_path_index < 0 || length > c.longest_path_ids.size();
    if (!listed && !longest) return;
    std::vector<model::OperationId> path = chain(c, r);
    if (longest) {
      c.longest_path_index = static_cast<int>(c.failed_entry_ids.size()) - 1;
      c.longest_path_ids = path;
    }
    if (listed) c.path_ids.push_back(std::move(path));
  }

  // Up from the seed to the entry, each step to the first caller one step closer to it.
  [[nodiscard]] std::vector<model::OperationId> chain(const Cascade& c, const Reach& r) const {
    std::vector<model::OperationId> chain{r.seed};
    for (int remaining = r.distance; remaining > 0; --remaining) chain.push_back(up_[chain.back()]);
    std::size_t first = 0;
    if (c.kind == ComponentKind::Service)
      while (first + 1 < chain.size() && spec_.operations[chain[first]].service == c.component_id)
        ++first;
    return {chain.begin() + static_cast<std::ptrdiff_t>(first), chain.end()};
  }

  const FailureIndex& index_;
  const model::Spec& spec_;
  std::size_t limit_;
  std::vector<Cascade>& cascades_;
  Csr<Membership> memberships_;            // by operation: the components it seeds
  std::vector<int> distance_;              // by operation: calls down from the entry, -1 unreached
  std::vector<model::OperationId> order_;  // the search's operations, by distance
  std::vector<model::OperationId> up_;     // by operation: the next step up its chain
  std::vector<int> up_position_;           // by operation: up_'s position among its callers
  std::vector<int> call_start_;            // by operation: its first call in call_position_
  std::vector<int> call_position_;         // by call: its place in callers of its target
  std::vector<Reach> reach_;               // by component, valid where reached_by_ is the entry
  std::vector<model::OperationId> reached_by_;
  std::vector<int> touched_;         // components the current entry reached, first reach first
  std::vector<double> failed_rate_;  // by component, per second
};

}  // namespace

void add_failed_entries(const FailureIndex& index, int limit, std::vector<Cascade>& cascades) {
  EntryPass(index, limit, cascades).run();
}

}  // namespace ripple::analyzers::detail
