#include "simulator/faults.h"

#include <algorithm>

#include "simulator/brokers.h"
#include "simulator/consumers.h"
#include "simulator/requests.h"
#include "simulator/stores.h"

namespace ripple::sim {

Faults::Faults(const ReplicationContext& context)
    : spec_(context.spec), engine_(context.engine), active_(context.spec.faults.size(), false) {}

void Faults::connect(Requests& requests, Stores& stores, Brokers& brokers, Consumers& consumers) {
  requests_ = &requests;
  stores_ = &stores;
  brokers_ = &brokers;
  consumers_ = &consumers;
}

void Faults::start() {
  for (std::size_t f = 0; f < spec_.faults.size(); ++f) {
    const model::Fault& fault = spec_.faults[f];
    engine_.schedule_at<&Faults::on_fault_start>(fault.at.ns, this, f);
    engine_.schedule_at<&Faults::on_fault_end>(fault.at.ns + fault.length.ns, this, f);
  }
}

void Faults::on_fault_start(std::uint64_t fault) {
  active_[fault] = true;
  apply(spec_.faults[fault]);
}

void Faults::on_fault_end(std::uint64_t fault) {
  active_[fault] = false;
  apply(spec_.faults[fault]);
}

FaultEffects Faults::effects_on(const model::Fault& changed) const {
  FaultEffects effects;
  effects.serving = changed.target_kind == model::FaultTarget::Service
                        ? spec_.services[static_cast<std::size_t>(changed.target)].replicas
                        : 0;
  double keep = 1;
  for (std::size_t f = 0; f < spec_.faults.size(); ++f) {
    const model::Fault& fault = spec_.faults[f];
    if (!active_[f] || fault.target_kind != changed.target_kind || fault.target != changed.target)
      continue;
    switch (fault.mode) {
      case model::FaultMode::Down:
        effects.down = true;
        break;
      case model::FaultMode::Slow:
        effects.slow *= fault.factor;
        break;
      case model::FaultMode::Errors:
        keep *= 1 - fault.ratio;
        break;
      case model::FaultMode::Replicas:
        effects.serving = std::min(effects.serving, fault.count);
        break;
      case model::FaultMode::PartitionLoss:
        effects.lost_partitions = std::max(effects.lost_partitions, fault.count);
        break;
    }
  }
  effects.error_ratio = 1 - keep;
  return effects;
}

void Faults::apply(const model::Fault& changed) {
  const FaultEffects effects = effects_on(changed);
  switch (changed.target_kind) {
    case model::FaultTarget::Service:
      apply_to_service(changed.target, effects);
      break;
    case model::FaultTarget::Store:
      stores_->set_faults(changed.target, effects);
      break;
    case model::FaultTarget::Broker:
      brokers_->set_faults(changed.target, effects);
      break;
  }
}

// Replicas that stop serving lose their work: what their memory-broker lanes hold, then their
// queued and running requests. Then whatever waits for the service's consumers is handed out.
void Faults::apply_to_service(int service, const FaultEffects& effects) {
  const int serving = effects.down ? 0 : effects.serving;
  if (requests_->set_faults(service, serving, effects.slow, effects.error_ratio)) {
    consumers_->drop_unserved(service);
    requests_->kill_unserved(service);
  }
  consumers_->dispatch_service(service);
}

}  // namespace ripple::sim
