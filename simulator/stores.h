#pragma once

// The stores of a replication: connection pools with FIFO waiting, transactions (txn_time plus
// rows x row_time, times the slow factor, while holding one connection), and write batching
// (rows wait until `size` executions have handed theirs over or `linger` has passed since the
// first; then one transaction writes them all). A store that is down, or that fails a
// transaction by its fault's error ratio, refuses it at once; such a batch is dropped.
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <deque>
#include <vector>

#include "simulator/fault_effects.h"
#include "simulator/random.h"
#include "simulator/replication_context.h"
#include "simulator/requests.h"

namespace ripple::sim {

class Stores {
 public:
  enum class Grant : std::uint8_t {
    Refused,  // the store is down or failed the transaction
    Started,  // the request holds a connection now; its transaction is running
    Queued    // it waits for a connection; Requests::hold_connection tells when it gets one
  };

  explicit Stores(const ReplicationContext& context);
  void connect(Requests& requests) { requests_ = &requests; }

  // A transaction of `request` over `rows` rows on `store`, for store access `access`
  // (WorkLayout::store_access: its random stream). A running transaction ends with
  // Requests::on_transaction_done; the request then releases its connection.
  [[nodiscard]] Grant request(int store, RequestHandle request, int rows, int access);
  // Frees a connection of `store` and hands it to the first live waiter.
  void release(int store);
  // Hands one execution's rows of a batched write access to its batcher.
  // REQUIRES: access.batch; `batcher` is WorkLayout::batcher of that access, `slot` its
  // WorkLayout::store_access.
  void add_to_batch(int batcher, const model::StoreAccess& access, int slot);

  void set_faults(int store, const FaultEffects& effects);

 private:
  // A request waiting for a connection, or (request invalid) a batch flush.
  struct Waiter {
    RequestHandle request;
    int rows = 0;
    int access = 0;  // the store access's slot
  };
  struct StoreState {
    int busy = 0;  // connections in use
    bool down = false;
    double slow = 1;
    double error_ratio = 0;
    std::deque<Waiter> waiting;
  };
  struct BatchState {
    int store = -1;
    int items = 0;
    int rows = 0;
    int access = 0;           // the write access's slot
    std::uint32_t token = 0;  // invalidates a pending linger timer
  };

  [[nodiscard]] bool refuses(StoreState& store, int access);
  [[nodiscard]] bool connection_free(int store) const;
  [[nodiscard]] TimeNs transaction_time(int store, int rows, int access);
  void start_transaction(int store, RequestHandle request, int rows, int access);
  void on_linger(std::uint64_t ref);
  void flush_batch(std::uint32_t batcher);
  void start_batch_transaction(int store, int rows, int access);
  void on_batch_done(std::uint64_t store);

  const model::Spec& spec_;
  Engine& engine_;
  Requests* requests_ = nullptr;

  std::vector<StoreState> stores_;   // by store id
  std::vector<BatchState> batches_;  // by batcher (WorkLayout::batcher)
  std::vector<Rng> access_rng_;      // by store access (WorkLayout::store_access)
};

}  // namespace ripple::sim
