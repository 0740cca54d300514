#pragma once

// The graph analyzers: structural answers about a spec, computed without simulation.
//
//   ripple::analyzers::Analysis a = ripple::analyzers::analyze(spec);
//
// Everything here is plain data (no Boost types); docs/analyzers.md defines every number and
// docs/lints.md every finding. Lists are in a deterministic order: by model id (declaration
// order) unless a field says otherwise. Rates are per second, sizes in bytes, ratios 0..1.
// Counts "per request" or "per event" are expected values (probability-weighted) and may be
// fractional.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/spec.h"

namespace ripple::analyzers {

// ---------------------------------------------------------------------------------------------
// Coupling

// Coupling of one service. Dependencies are counted between distinct services (a service never
// depends on itself); brokers and stores are not services.
//   contract layer ("whose change can break me"): sync calls, consumed events (on the services
//     that publish them) and callbacks (on the owners of the entities called back);
//   runtime layer ("who must be up for me to work"): sync calls and callbacks only.
struct ServiceCoupling {
  std::string name;
  int ce = 0;  // efferent: services it depends on (contract layer, union of the three)
  int ca = 0;  // afferent: services that depend on it (contract layer)
  std::optional<double> instability;  // ce / (ca + ce); nullopt when ca + ce = 0
  int ce_sync = 0;                    // services it calls
  int ce_async = 0;                   // services whose events it consumes
  int ce_hidden = 0;  // owners it calls back for fields the events it consumes do not carry
  int ais = 0;        // absolute importance: services that need it up (runtime layer)
  int ads = 0;        // absolute dependence: services it needs up (runtime layer)
  int acs = 0;        // absolute criticality: ais * ads
  int siy = 0;        // services it depends on both ways (contract layer)
};

// The longest chain of synchronous calls from an entry operation.
struct SyncChain {
  std::string entry;                    // "gateway.checkout"
  int length = 0;                       // calls along the chain (0: the entry calls nothing)
  std::vector<std::string> operations;  // entry first, then each callee
};

struct Coupling {
  std::vector<ServiceCoupling> services;  // by ServiceId
  int siy = 0;  // pairs of services that depend on each other both ways (contract layer)
  // Strongly connected components (more than one service) of the service-level sync call graph,
  // each listed by service id; and one cycle through each: ["order", "payment", "order"].
  std::vector<std::vector<std::string>> sync_components;
  std::vector<std::vector<std::string>> sync_cycles;
  // Operations that call themselves through other operations of the same service.
  std::vector<std::vector<std::string>> operation_cycles;
  std::vector<SyncChain> longest_chains;  // one per entry operation, in entry order
};

// ---------------------------------------------------------------------------------------------
// Amplification

// Downstream work caused by one request or one published event (the request or event itself
// not counted).
struct Load {
  double requests = 0;      // calls, callbacks and retry attempts
  double deliveries = 0;    // events handed to a consuming service (one per consumer group)
  double callbacks = 0;     // requests consumers make to owners' read operations
  double transactions = 0;  // store transactions (a batched write counts 1/batch.size)
  double bytes = 0;         // event bytes delivered (bytes of the event x deliveries)
};

enum class AmplificationKind { EntryOperation, Event };

struct Amplification {
  std::string name;  // "gateway.checkout" or "OrderPlaced"
  AmplificationKind kind = AmplificationKind::EntryOperation;
  Load nominal;     // every call made once, weighted by its probability
  Load worst_case;  // every call made, each attempted retry.attempts times
  // Largest product of attempts along one chain: how many times one request may reach the
  // deepest operation of its most-retried chain (3 attempts over 5 layers: 243).
  double worst_case_multiplier = 1;
  bool cycles_cut = false;  // a cycle was reached and cut at the revisit (figures are partial)
};

// ---------------------------------------------------------------------------------------------
// Cascading failure
//
// A cascade carries ids and exact counts; names are rendered at the edge (analyzers/
// cascade_names.h names every list it keeps). How much of each list it keeps depends on
// AnalyzeOptions::cascade_lists: every entry, or the first entries of each list, which costs time
// and memory near-linear in the spec. CascadeExplorer (cascade_explorer.h) gives one component's
// complete lists on demand.

enum class ComponentKind { Service, Store, Broker };

// Where a failure stops spreading, and why.
struct Stopper {
  std::string at;         // "order.place", "shipping:OrderPlaced"
  std::string mechanism;  // "fallback" | "durable broker" | "outbox"
  std::string detail;     // "on_failure: continue on the call to payment.charge"
};

enum class StopMechanism { Fallback, DurableBroker, Outbox };
enum class RunnerKind { Operation, Consumer };

// A Stopper as ids. Stoppers are ordered and told apart by their text (at, mechanism, detail).
struct StopperRef {
  StopMechanism mechanism = StopMechanism::Fallback;
  RunnerKind at_kind = RunnerKind::Operation;
  int at = -1;  // where it stops: an OperationId or a ConsumerId (by at_kind)
  // Fallback: the failing callee (OperationId); Outbox: the event kept (EventId); else -1.
  int target = -1;
  bool breaker = false;  // Fallback: the call has a breaker
};

// Sizes of the complete lists of a cascade, whatever the lists keep.
struct CascadeCounts {
  int failed_entries = 0;  // also the number of paths
  int failed_operations = 0;
  int stalled_consumers = 0;
  int lost_events = 0;
  int stopped_by = 0;
};

// What fails while one component is down.
struct Cascade {
  std::string component;
  ComponentKind kind = ComponentKind::Service;
  int component_id = -1;    // ServiceId, StoreId or BrokerId, by kind
  double blast_radius = 0;  // share of entry traffic (by source rate) whose entry op fails
  CascadeCounts counts;

  // As ids. failed_entry_ids is always complete (it is bounded by the entry operations); the
  // others are complete with CascadeLists::Full and hold the first cascade_list_limit entries of
  // the complete list with CascadeLists::Bounded.
  std::vector<model::OperationId> failed_entry_ids;      // by id
  std::vector<model::OperationId> failed_operation_ids;  // by id
  std::vector<model::ConsumerId> stalled_consumer_ids;   // by id
  std::vector<model::EventId> lost_event_ids;            // by id
  // One chain per failed entry, in failed_entry_ids order: the failing operations from the
  // first one outside the component up to the entry, without the component (operations of a
  // failed service itself are left out unless one is the entry).
  std::vector<std::vector<model::OperationId>> path_ids;
  // Where the failure stops: sorted by their text (at, mechanism, detail), each text once.
  std::vector<StopperRef> stopper_refs;
  // The first of the longest chains (most operations), complete in both modes: its position in
  // failed_entry_ids (-1 without failed entries) and its operations.
  int longest_path_index = -1;
  std::vector<model::OperationId> longest_path_ids;
};

// ---------------------------------------------------------------------------------------------
// Thin versus fat events

struct OwnerLoad {
  std::string operation;  // the owner's read operation, "order.get"
  double rate = 0;        // callbacks per second this event puts on it
};

// Adding the fields of one entity that consumers need.
struct FatOption {
  std::string entity;
  std::vector<std::string> fields;  // "order.items"
  std::int64_t bytes_added = 0;     // per event
  double callbacks_removed = 0;     // per published event
};

struct EventProfile {
  std::string name;
  std::int64_t bytes = 0;  // carried fields
  int consumers = 0;
  double publish_rate = 0;            // events per second at the workload's rates
  double callbacks = 0;               // callbacks per published event
  double callbacks_per_delivery = 0;  // callbacks / consumers (0 without consumers)
  double callback_rate = 0;           // callbacks per second
  std::vector<OwnerLoad> owner_load;  // by operation id
  // The cheapest fat variant: every field some consumer needs that the event lacks.
  std::vector<std::string> fat_fields;  // "customer.address", by entity then field order
  std::int64_t fat_bytes = 0;
  std::int64_t bytes_added = 0;    // fat_bytes - bytes
  double added_bytes_rate = 0;     // extra bytes delivered per second when fat
  double callbacks_removed = 0;    // per published event (all of them)
  std::vector<FatOption> options;  // one per entity called back, by entity id
};

// ---------------------------------------------------------------------------------------------
// Lints

enum class Severity { Error, Warning, Info };

struct Finding {
  std::string rule;  // one of model::kLintRules
  Severity severity = Severity::Warning;
  std::string element;  // what it is about, as suppressions name it: "order.place", "bus"
  std::string file;     // spec.files[loc.file]
  int line = 0;         // 1-based; 0 = no location
  int column = 0;
  std::string message;  // this occurrence
  std::string why;      // why it matters (the rule's text)
  std::string fix;      // how to fix it (the rule's text)
};

struct SuppressedFinding {
  Finding finding;
  std::string reason;  // from the spec's suppress: entry
};

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Capacity (headroom without simulation)

enum class CapacityKind { Service, Store, Consumer };

// A Kafka consumer group's busiest partition: one member handles a partition at a time.
struct PartitionLoad {
  int partitions = 1;
  double share = 1;         // of the event's deliveries that reach the busiest partition (0..1)
  double offered_rate = 0;  // deliveries per second to that partition
  std::optional<double> capacity_rate;  // per second: 1 / holding time; nullopt = unbounded
  double utilization = 0;               // offered_rate x holding time
};

// One pool of servers: a service's workers (requests), a store's connections (transactions) or a
// consumer group's slots (deliveries). Figures at the workload's source rates, nominal (every
// call made once with its probability, no retries), holding times unloaded (no queueing
// downstream).
struct ElementCapacity {
  std::string name;  // "payment", "orders-db", "shipping:OrderPlaced"
  CapacityKind kind = CapacityKind::Service;
  int id = -1;              // ServiceId, StoreId or ConsumerId by kind
  double offered_rate = 0;  // per second: requests, transactions or deliveries
  // Servers: replicas x workers; connections; min(replicas x concurrency, partitions) for a
  // group whose broker keeps order per key (one handling per partition at a time).
  long long servers = 1;
  double holding_ms = 0;  // mean time one request, transaction or handling holds a server
  std::optional<double> capacity_rate;  // servers / holding time, per second; nullopt = unbounded
  double utilization = 0;               // offered_rate x holding time / servers
  // Mean wait for a server (M/M/c at these figures; a Kafka group whose partitions are its
  // servers: M/M/1 per partition); nullopt when utilization >= 1 (no steady state).
  std::optional<double> mean_wait_ms;
  double max_utilization = 0.7;  // the element's headroom threshold
  // At the busiest window of the workload's spikes (nullopt without spikes): offered rate and
  // utilization, and the window (its start and its length).
  std::optional<double> peak_offered_rate;
  std::optional<double> peak_utilization;
  model::Duration peak_at{0};
  model::Duration peak_for{0};
  std::optional<PartitionLoad> partition;  // Kafka groups
  model::SourceLoc loc;
};

// The backlog one fault leaves in front of one consumer group, and how long it takes to drain.
struct Backlog {
  int fault = -1;          // index into spec.faults
  std::string fault_text;  // "payment down for 60s at 30s"
  model::ConsumerId consumer;
  std::string consumer_name;
  double outage_s = 0;      // the fault's length, seconds
  double arrival_rate = 0;  // deliveries per second that keep arriving
  double backlog = 0;       // deliveries waiting when the fault ends
  // Seconds to drain at (capacity - arrival rate); nullopt when capacity <= arrival (never).
  std::optional<double> drain_s;
  std::optional<double> objective_s;  // the consumer's recovery_objective, seconds
};

// Nominal rates at the workload's source rates (reconnect sources excluded), per second.
struct Rates {
  std::vector<double> operations;  // requests per second, by OperationId (retries excluded)
  std::vector<double> events;      // publishes per second, by EventId
  std::vector<double> consumers;   // deliveries per second, by ConsumerId
};

struct Analysis {
  Coupling coupling;
  std::vector<Amplification> amplification;  // entry operations (by op id), then events (by id)
  std::vector<Cascade> cascades;             // services, then stores, then brokers (by id)
  std::vector<EventProfile> events;          // by EventId
  std::vector<Finding> findings;             // sorted: severity, file, line, column, rule
  std::vector<SuppressedFinding> suppressed;
  // Indexes into spec.suppressions of entries that matched no finding (stale or misspelled).
  std::vector<int> unused_suppressions;
  // Edges cut to break cycles while following work downstream: "a.x -> b.y" (call),
  // "a.x -> E" (publish), "E -> s:E" (delivery), "s:E -> o.get" (callback).
  std::vector<std::string> cut_edges;
  Rates rates;
  std::vector<ElementCapacity> capacity;  // services, stores, consumers (each by id)
  std::vector<Backlog> backlogs;          // by fault, then consumer id
};

// How much of each cascade's lists the analysis keeps (see Cascade).
enum class CascadeLists {
  Full,     // every entry: their total (and the cost) can grow with the square of the spec,
            // since one component may take down most of what lies above it
  Bounded,  // exact counts, blast radius, failed entries and the longest chain; the first
            // cascade_list_limit entries of the other lists, as ids
};

struct AnalyzeOptions {
  CascadeLists cascade_lists = CascadeLists::Bounded;
  int cascade_list_limit = 10;  // with CascadeLists::Bounded, entries kept per list (>= 0)
};

// Runs every analyzer. Precondition: `spec` came from the loader (ids resolved, defaults set).
[[nodiscard]] Analysis analyze(const model::Spec& spec, const AnalyzeOptions& options = {});

// The text of a stopper: where, the mechanism and the detail, named from `spec`.
[[nodiscard]] Stopper stopper_of(const model::Spec& spec, const StopperRef& ref);

[[nodiscard]] const char* to_string(Severity severity);
[[nodiscard]] const char* to_string(ComponentKind kind);
[[nodiscard]] const char* to_string(CapacityKind kind);

// Counts of findings by severity.
[[nodiscard]] int count_findings(const std::vector<Finding>& findings, Severity severity);

}  // namespace ripple::analyzers
