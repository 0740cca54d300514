#include "simulator/stores.h"

#include <string>

namespace ripple::sim {
namespace {

// An index and a tag packed in one event argument: the batcher and its linger token.
constexpr std::uint64_t pack(std::uint32_t index, std::uint32_t tag) {
  return (static_cast<std::uint64_t>(index) << 32) | tag;
}

}  // namespace

Stores::Stores(const ReplicationContext& context) : spec_(context.spec), engine_(context.engine) {
  stores_.resize(spec_.stores.size());
  batches_.resize(static_cast<std::size_t>(context.layout.batchers()));
  // One stream per access, named by store, work and the access's rank in the work's reads or
  // writes: another work's use of the store does not shift this one's draws.
  const WorkLayout& layout = context.layout;
  for (int w = 0; w < layout.works(); ++w) {
    for (const bool write : {false, true}) {
      const auto& accesses = write ? layout.work(w).writes : layout.work(w).reads;
      for (std::size_t i = 0; i < accesses.size(); ++i) {
        const std::string name = spec_.stores[static_cast<std::size_t>(accesses[i].store)].name +
                                 "<-" + layout.work_name(w) + (write ? ":w#" : ":r#") +
                                 std::to_string(i);
        access_rng_.emplace_back(
            derive_seed(context.seed, stream_key(StreamKind::StoreAccess, name)));
      }
    }
  }
}

bool Stores::refuses(StoreState& store, int access) {
  return store.down || (store.error_ratio > 0 &&
                        access_rng_[static_cast<std::size_t>(access)].bernoulli(store.error_ratio));
}

bool Stores::connection_free(int s) const {
  return stores_[static_cast<std::size_t>(s)].busy <
         spec_.stores[static_cast<std::size_t>(s)].connections;
}

// One transaction costs txn_time + rows x row_time (one row_time sample scaled by rows), times
// the store's slow factor. The txn_time sample is drawn first.
TimeNs Stores::transaction_time(int s, int rows, int access) {
  const model::Store& model_store = spec_.stores[static_cast<std::size_t>(s)];
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  Rng& rng = access_rng_[static_cast<std::size_t>(access)];
  const auto fixed = static_cast<double>(sample_ns(model_store.txn_time, rng));
  const auto per_row = static_cast<double>(sample_ns(model_store.row_time, rng));
  const double time = fixed + static_cast<double>(rows) * per_row;
  return to_span_ns(time * store.slow);
}

Stores::Grant Stores::request(int s, RequestHandle request, int rows, int access) {
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  if (refuses(store, access)) return Grant::Refused;
  if (!connection_free(s)) {
    store.waiting.push_back(Waiter{request, rows, access});
    return Grant::Queued;
  }
  ++store.busy;
  engine_.schedule_in<&Requests::on_transaction_done>(transaction_time(s, rows, access), requests_,
                                                      request.pack());
  return Grant::Started;
}

void Stores::start_transaction(int s, RequestHandle request, int rows, int access) {
  ++stores_[static_cast<std::size_t>(s)].busy;
  requests_->hold_connection(request, s);
  engine_.schedule_in<&Requests::on_transaction_done>(transaction_time(s, rows, access), requests_,
                                                      request.pack());
}

void Stores::release(int s) {
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  --store.busy;
  while (!store.waiting.empty()) {
    const Waiter waiter = store.waiting.front();
    store.waiting.pop_front();
    if (!waiter.request.valid()) {
      start_batch_transaction(s, waiter.rows, waiter.access);
      return;
    }
    if (!requests_->alive(waiter.request)) continue;
    start_transaction(s, waiter.request, waiter.rows, waiter.access);
    return;
  }
}

void Stores::set_faults(int s, const FaultEffects& effects) {
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  store.down = effects.down;
  store.slow = effects.slow;
  store.error_ratio = effects.error_ratio;
}

// ---------------------------------------------------------------------------------------------
// Write batching

void Stores::add_to_batch(int batcher, const model::StoreAccess& access, int slot) {
  const auto b = static_cast<std::uint32_t>(batcher);
  BatchState& batch = batches_[b];
  batch.store = access.store;
  batch.access = slot;
  if (batch.items == 0)
    engine_.schedule_in<&Stores::on_linger>(access.batch->linger.ns, this, pack(b, ++batch.token));
  ++batch.items;
  batch.rows += access.rows;
  if (batch.items >= access.batch->size) flush_batch(b);
}

void Stores::on_linger(std::uint64_t ref) {
  const auto b = static_cast<std::uint32_t>(ref >> 32);
  if (batches_[b].token != static_cast<std::uint32_t>(ref)) return;
  flush_batch(b);
}

void Stores::flush_batch(std::uint32_t b) {
  BatchState& batch = batches_[b];
  const int rows = batch.rows;
  const int s = batch.store;
  batch.items = 0;
  batch.rows = 0;
  ++batch.token;
  StoreState& store = stores_[static_cast<std::size_t>(s)];
  if (refuses(store, batch.access)) return;
  if (connection_free(s)) {
    start_batch_transaction(s, rows, batch.access);
  } else {
    store.waiting.push_back(Waiter{RequestHandle{}, rows, batch.access});
  }
}

void Stores::start_batch_transaction(int s, int rows, int access) {
  ++stores_[static_cast<std::size_t>(s)].busy;
  engine_.schedule_in<&Stores::on_batch_done>(transaction_time(s, rows, access), this,
                                              static_cast<std::uint64_t>(s));
}

void Stores::on_batch_done(std::uint64_t store) { release(static_cast<int>(store)); }

}  // namespace ripple::sim
