#include "simulator/work_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace ripple::sim {
namespace {

// Past this an estimate is "unbounded": a cycle of calls, or retries compounding past reason.
constexpr double kUnbounded = 1e30;

// How the estimate counts a call with retries: its first attempt only (the expected work when
// calls succeed) or every attempt (the worst case, every layer retrying to its limit).
enum class Attempts { First, Every };

// Past this multiple of the budget, a worst case of retries is refused before the run: a storm
// that plausible failures set off. Below it, the engine's run-time check stops a run that does go
// past (counting every attempt of every layer refused examples/retry-layers.yaml, whose worst case
// is 363 times its nominal work).
constexpr double kWorstCaseSlack = 1000;

// Events one execution of each operation sets off, memoised; a call cycle is unbounded.
class Amplification {
 public:
  Amplification(const model::Spec& spec, Attempts attempts)
      : spec_(spec),
        attempts_(attempts),
        memo_(spec.operations.size(), -1),
        consumers_of_(spec.events.size()) {
    for (std::size_t c = 0; c < spec.consumers.size(); ++c)
      consumers_of_[static_cast<std::size_t>(static_cast<int>(spec.consumers[c].event))].push_back(
          c);
  }

  double operation(model::OperationId id) {
    const auto i = static_cast<std::size_t>(static_cast<int>(id));
    if (memo_[i] == -2) return kUnbounded;  // on the stack: a cycle
    if (memo_[i] >= 0) return memo_[i];
    memo_[i] = -2;
    memo_[i] = work(spec_.operations[i].work);
    return memo_[i];
  }

 private:
  // An execution: arrival, own time and reply (3 events), then what it calls, touches and
  // publishes.
  double work(const model::Work& w) {
    double events = 3;
    for (const model::Call& call : w.calls)
      events += call.probability * call.count *
                (attempts_ == Attempts::Every ? call.retry.attempts : 1) *
                (2 + (call.has_latency() ? 1 : 0) + operation(call.target));
    events += 2.0 * static_cast<double>(w.reads.size() + w.writes.size());
    for (const model::Publish& p : w.publishes) {
      events += 2;
      for (std::size_t c : consumers_of_[static_cast<std::size_t>(static_cast<int>(p.event))])
        events += 2 + handling(c);
    }
    return std::min(events, kUnbounded);
  }

  double handling(std::size_t consumer) {
    if (depth_ > 64) return kUnbounded;  // events that set off each other without end
    ++depth_;
    const double events = work(spec_.consumers[consumer].work);
    --depth_;
    return events;
  }

  const model::Spec& spec_;
  Attempts attempts_;
  std::vector<double> memo_;  // -1 unknown, -2 being computed
  std::vector<std::vector<std::size_t>> consumers_of_;
  int depth_ = 0;
};

// Arrivals of one source over the run: the base rate, with each spike's rate replacing it
// during the spike.
double arrivals(const model::RateSource& source, double seconds) {
  double total = source.rate * seconds;
  for (const model::Spike& spike : source.spikes) {
    const double length =
        std::min(spike.length.seconds(), std::max(0.0, seconds - spike.at.seconds()));
    total += (spike.rate - source.rate) * std::max(0.0, length);
  }
  return std::max(0.0, total);
}

std::string figure(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2g", value);
  return text;
}

std::string bytes_text(double bytes) {
  if (bytes >= 1e30) return "an unbounded amount of memory";
  char text[32];
  if (bytes >= double(1ULL << 30))
    std::snprintf(text, sizeof text, "%.3g GiB", bytes / double(1ULL << 30));
  else
    std::snprintf(text, sizeof text, "%.3g MiB", bytes / double(1ULL << 20));
  return text;
}

}  // namespace

WorkEstimate estimate_work(const model::Spec& spec, const RunShape& shape) {
  const double seconds = static_cast<double>(shape.duration_ns) / 1e9;
  Amplification nominal(spec, Attempts::First);
  Amplification worst(spec, Attempts::Every);
  double events = 0;
  double worst_events = 0;
  double requests = 0;  // entry arrivals of one replication
  for (const model::RateSource& source : spec.workload.sources) {
    const double n = arrivals(source, seconds);
    requests += n;
    events += n * (1 + nominal.operation(source.to));
    worst_events += n * (1 + worst.operation(source.to));
  }
  for (const model::ReconnectSource& source : spec.workload.reconnects) {
    const double n = static_cast<double>(source.clients) * source.retry.attempts;
    requests += n;
    events += n * (1 + nominal.operation(source.to));
    worst_events += n * (1 + worst.operation(source.to));
  }
  double memory = 0;
  for (const model::Service& s : spec.services) {
    const double replicas = s.replicas;
    memory += replicas * (kBytesPerReplica + kBytesPerWorker * s.workers);
    // A bounded queue holds at most its bound; an unbounded one, at worst, every request.
    memory += kBytesPerQueuedRequest * (s.queue ? replicas * *s.queue : requests);
  }
  for (const model::Consumer& c : spec.consumers) {
    const model::Broker& broker =
        spec.brokers[static_cast<std::size_t>(static_cast<int>(spec.events[c.event].broker))];
    memory += kBytesPerPartition * broker.partitions;
  }
  if (shape.series_step_ns > 0) {
    const double points = static_cast<double>(shape.duration_ns / shape.series_step_ns + 1);
    const double series = 4.0 * static_cast<double>(spec.services.size() + spec.consumers.size() +
                                                    spec.brokers.size() + spec.operations.size());
    memory += kBytesPerSeriesPoint * points * series;
  }
  const int at_once = std::clamp(shape.threads, 1, std::max(shape.replications, 1));
  return {std::min(events * shape.replications, kUnbounded), std::min(memory * at_once, kUnbounded),
          std::min(worst_events * shape.replications, kUnbounded)};
}

std::optional<std::string> over_budget(const WorkEstimate& estimate, const WorkBudget& budget) {
  if (estimate.events > static_cast<double>(budget.max_events))
    return "the run would process " +
           (estimate.events >= kUnbounded ? std::string("an unbounded number of")
                                          : "about " + figure(estimate.events)) +
           " events (arrivals x the calls and deliveries each sets off, x replications), "
           "over the budget of " +
           figure(static_cast<double>(budget.max_events)) +
           "; shorten the run or lower the rates, or raise the budget with --max-events N";
  if (estimate.worst_case_events > kWorstCaseSlack * static_cast<double>(budget.max_events))
    return "retries could make the run process " +
           (estimate.worst_case_events >= kUnbounded
                ? std::string("an unbounded number of")
                : "about " + figure(estimate.worst_case_events)) +
           " events (every attempt of every retry layer, x replications), over " +
           figure(kWorstCaseSlack) + " times the budget of " +
           figure(static_cast<double>(budget.max_events)) +
           "; retry at one layer, lower the attempts, or raise the budget with --max-events N";
  if (estimate.memory_bytes > static_cast<double>(budget.max_memory_bytes))
    return "the run would hold about " + bytes_text(estimate.memory_bytes) +
           " of state (replicas x workers, queue bounds, partitions, the time series), over the "
           "budget of " +
           bytes_text(static_cast<double>(budget.max_memory_bytes)) +
           "; bound the queues, lower the counts or the series points, or raise the budget with "
           "--max-memory SIZE";
  return std::nullopt;
}

}  // namespace ripple::sim
