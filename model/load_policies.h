#pragma once

// Call policies of a spec being loaded: `defaults:`, retries, breakers and calls. Internal to the
// model library.

#include <optional>
#include <string>

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Values `defaults:` may set, over the built-in ones of design.md.
struct Defaults {
  int replicas = 1;
  int workers = 16;
  std::optional<int> queue = 1024;  // nullopt = unbounded
  Balancing balancing = Balancing::RoundRobin;
  Duration timeout{30 * kSecond.ns};
  RetryPolicy retry;
  std::optional<BreakerPolicy> breaker;
  OnFailure on_failure = OnFailure::Fail;
  bool cancel_on_timeout = false;
  int concurrency = 1;           // of consumers, per replica
  double max_utilization = 0.7;  // of services, stores and consumers (capacity planning)
  std::optional<Duration> recovery_objective;  // of consumers
};

// `max_utilization:` (a ratio above 0, at most 1) of an element or of `defaults:`.
[[nodiscard]] std::optional<double> read_max_utilization(Reader& r, const YamlNode& node);

// The built-in defaults overridden by the `defaults:` mapping `node`.
[[nodiscard]] Defaults read_defaults(Reader& r, const YamlNode& node);

// `balancing:` of a service or of `defaults:`.
[[nodiscard]] std::optional<Balancing> read_balancing(Reader& r, const YamlNode& node);

// A call with the default policies and no target, as a callback makes it.
[[nodiscard]] Call default_call(const Defaults& defaults, SourceLoc loc);

// `retry:` (or `retry: none`) over `base`; `what` names it in messages.
[[nodiscard]] RetryPolicy read_retry(Reader& r, const YamlNode& node, RetryPolicy base,
                                     const std::string& what);

// `breaker:` (or `breaker: none`, which removes it) over `base`.
[[nodiscard]] std::optional<BreakerPolicy> read_breaker(Reader& r, const YamlNode& node,
                                                        std::optional<BreakerPolicy> base,
                                                        const std::string& what);

// One item of `calls:`: `service.operation`, or a mapping with `to:` and the call's policies.
// `what` names the caller ("operation `order.place`"). Nullopt after an error.
[[nodiscard]] std::optional<Call> read_call(Reader& r, const Spec& spec, const Defaults& defaults,
                                            const YamlNode& node, const std::string& what);

}  // namespace ripple::model::detail
