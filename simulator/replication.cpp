#include "simulator/replication.h"

namespace ripple::sim {

Replication::Replication(const model::Spec& spec, const RunPlan& plan, std::uint64_t seed,
                         TraceSink* trace, int index)
    : plan_(plan),
      layout_(spec),
      recorder_(spec, plan, layout_.edges(), engine_),
      tracer_(trace ? std::make_unique<Tracer>(*trace, index) : nullptr),
      context_{spec, layout_, plan, seed, engine_, recorder_, tracer_.get()},
      requests_(context_),
      calls_(context_),
      stores_(context_),
      brokers_(context_),
      consumers_(context_),
      sources_(context_),
      faults_(context_) {
  engine_.set_limits(plan.max_events, plan.max_pending);
  requests_.connect(calls_, stores_, brokers_, consumers_, sources_);
  calls_.connect(requests_);
  stores_.connect(requests_);
  brokers_.connect(consumers_);
  consumers_.connect(requests_, brokers_);
  sources_.connect(requests_);
  faults_.connect(requests_, stores_, brokers_, consumers_);
  recorder_.add_sampler(requests_);
  recorder_.add_sampler(brokers_);
  recorder_.add_sampler(consumers_);
}

// The first events are scheduled in a fixed order (step clock, faults, arrivals, reconnects):
// events at one instant run in scheduling order.
// Stopping the engine at a slice's end changes nothing: run_until(t) runs the events up to t and
// sets the clock to t, and the next slice runs on from there in the same order.
ReplicationMetrics Replication::run(const SliceObserver& observer, int slices) {
  recorder_.start();
  faults_.start();
  sources_.start();
  if (observer) {
    for (int k = 1; k < slices; ++k) {
      const TimeNs until = plan_.duration / slices * k;
      engine_.run_until(until);
      observer(until, engine_.events_processed());
    }
  }
  engine_.run_until(plan_.duration);
  if (observer) observer(plan_.duration, engine_.events_processed());
  requests_.finish_run();
  consumers_.finish_run();
  brokers_.finish_run();
  ReplicationMetrics metrics = recorder_.finish(engine_.events_processed());
  metrics.over_budget = engine_.stopped();
  return metrics;
}

}  // namespace ripple::sim
