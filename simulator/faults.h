#pragma once

// The faults of a replication: each fault switches on at `at` and off after `for`; whenever one
// does, the effects of every fault active on its component are recomputed, so overlapping faults
// compose (down wins, slow factors multiply, error ratios combine as independent draws, the
// fewest replicas and the most lost partitions win), and handed to the component.
//
// Not thread-safe; one per replication. Wired by the Replication (connect) before use.

#include <cstdint>
#include <vector>

#include "simulator/fault_effects.h"
#include "simulator/replication_context.h"

namespace ripple::sim {

class Brokers;
class Consumers;
class Requests;
class Stores;

class Faults {
 public:
  explicit Faults(const ReplicationContext& context);
  void connect(Requests& requests, Stores& stores, Brokers& brokers, Consumers& consumers);

  // Schedules the start and the end of every fault, in spec order.
  void start();

 private:
  void on_fault_start(std::uint64_t fault);
  void on_fault_end(std::uint64_t fault);
  [[nodiscard]] FaultEffects effects_on(const model::Fault& changed) const;
  void apply(const model::Fault& changed);
  void apply_to_service(int service, const FaultEffects& effects);

  const model::Spec& spec_;
  Engine& engine_;
  Requests* requests_ = nullptr;
  Stores* stores_ = nullptr;
  Brokers* brokers_ = nullptr;
  Consumers* consumers_ = nullptr;

  std::vector<bool> active_;  // by fault, in spec order
};

}  // namespace ripple::sim
