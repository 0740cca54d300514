#include "model/load_policies.h"

#include "model/load_names.h"

namespace ripple::model::detail {
namespace {

std::optional<OnFailure> read_on_failure(Reader& r, const YamlNode& node) {
  return r.choice<OnFailure>(node, "on_failure",
                             {{"fail", OnFailure::Fail}, {"continue", OnFailure::Continue}});
}

// The service-level fields of `defaults:`.
void read_service_defaults(Reader& r, const YamlNode& node, Defaults& d) {
  if (const YamlNode* n = node.find("replicas"))
    d.replicas = static_cast<int>(r.integer(*n, "`replicas`", 1, kMaxCount).value_or(d.replicas));
  if (const YamlNode* n = node.find("workers"))
    d.workers = static_cast<int>(r.integer(*n, "`workers`", 1, kMaxCount).value_or(d.workers));
  if (const YamlNode* n = node.find("queue")) {
    if (n->is_scalar() && n->value == "unbounded")
      d.queue = std::nullopt;
    else if (auto q = r.integer(*n, "`queue`", 0, kMaxCount))
      d.queue = static_cast<int>(*q);
  }
  if (const YamlNode* n = node.find("balancing"))
    d.balancing = read_balancing(r, *n).value_or(d.balancing);
}

}  // namespace

std::optional<Balancing> read_balancing(Reader& r, const YamlNode& node) {
  return r.choice<Balancing>(
      node, "balancing",
      {{"round_robin", Balancing::RoundRobin}, {"least_outstanding", Balancing::LeastOutstanding}});
}

std::optional<double> read_max_utilization(Reader& r, const YamlNode& node) {
  const auto value = r.ratio(node, "`max_utilization`");
  if (!value) return std::nullopt;
  if (*value <= 0 || *value > 1) {
    r.error(node, "`max_utilization` must be above 0 and at most 1 (100%)",
            "write the share of capacity that may be used, such as `0.7` or `70%`");
    return std::nullopt;
  }
  return value;
}

Defaults read_defaults(Reader& r, const YamlNode& node) {
  Defaults d;
  if (node.is_null() || !r.expect_map(node, "`defaults`")) return d;
  r.check_keys(
      node,
      {"replicas", "workers", "queue", "balancing", "timeout", "retry", "breaker", "on_failure",
       "cancel_on_timeout", "concurrency", "max_utilization", "recovery_objective"},
      "`defaults`");
  read_service_defaults(r, node, d);
  if (const YamlNode* n = node.find("timeout"))
    d.timeout = r.duration(*n, "`timeout`").value_or(d.timeout);
  if (const YamlNode* n = node.find("retry"))
    d.retry = read_retry(r, *n, d.retry, "`retry` in `defaults`");
  if (const YamlNode* n = node.find("breaker"))
    d.breaker = read_breaker(r, *n, d.breaker, "`breaker` in `defaults`");
  if (const YamlNode* n = node.find("on_failure"))
    d.on_failure = read_on_failure(r, *n).value_or(d.on_failure);
  if (const YamlNode* n = node.find("cancel_on_timeout"))
    d.cancel_on_timeout = r.boolean(*n, "`cancel_on_timeout`").value_or(false);
  if (const YamlNode* n = node.find("concurrency"))
    d.concurrency = static_cast<int>(r.integer(*n, "`concurrency`", 1, kMaxCount).value_or(1));
  if (const YamlNode* n = node.find("max_utilization"))
    d.max_utilization = read_max_utilization(r, *n).value_or(d.max_utilization);
  if (const YamlNode* n = node.find("recovery_objective"))
    d.recovery_objective = r.duration(*n, "`recovery_objective`");
  if (const YamlNode* n = node.find("timeout"); n && d.timeout.ns == 0)
    r.error(*n, "a timeout must be above 0", "remove it to keep the default of 30s");
  return d;
}

Call default_call(const Defaults& defaults, SourceLoc loc) {
  Call call;
  call.timeout = defaults.timeout;
  call.retry = defaults.retry;
  call.breaker = defaults.breaker;
  call.on_failure = defaults.on_failure;
  call.cancel_on_timeout = defaults.cancel_on_timeout;
  call.loc = loc;
  return call;
}

RetryPolicy read_retry(Reader& r, const YamlNode& node, RetryPolicy base, const std::string& what) {
  if (node.is_scalar() && node.plain && node.value == "none") return RetryPolicy{};
  if (!r.expect_map(node, what)) return base;
  r.check_keys(node, {"attempts", "backoff", "multiplier", "max_backoff", "jitter"}, what);
  if (const YamlNode* n = node.find("attempts")) {
    if (n->is_scalar() && n->value == "0") {
      r.error(*n, "`attempts` counts the first try too, so it is at least 1",
              "`attempts: 1` means no retry");
    } else {
      base.attempts =
          static_cast<int>(r.integer(*n, "`attempts`", 1, 1000).value_or(base.attempts));
    }
  }
  if (const YamlNode* n = node.find("backoff"))
    base.backoff = r.duration(*n, "`backoff`").value_or(base.backoff);
  if (const YamlNode* n = node.find("multiplier")) {
    const auto m = r.number(*n, "`multiplier`");
    if (m && *m < 1)
      r.error(*n, "`multiplier` must be at least 1, not " + n->value,
              "1 keeps the backoff constant");
    else if (m)
      base.multiplier = *m;
  }
  if (const YamlNode* n = node.find("max_backoff"))
    base.max_backoff = r.duration(*n, "`max_backoff`").value_or(base.max_backoff);
  if (const YamlNode* n = node.find("jitter"))
    base.jitter = r.choice<Jitter>(*n, "jitter",
                                   {{"none", Jitter::None},
                                    {"full", Jitter::Full},
                                    {"equal", Jitter::Equal},
                                    {"decorrelated", Jitter::Decorrelated}})
                      .value_or(base.jitter);
  return base;
}

std::optional<BreakerPolicy> read_breaker(Reader& r, const YamlNode& node,
                                          std::optional<BreakerPolicy> base,
                                          const std::string& what) {
  if (node.is_scalar() && node.plain && node.value == "none") return std::nullopt;
  if (!r.expect_map(node, what)) return base;
  r.check_keys(node, {"failure_ratio", "window", "open_for"}, what);
  BreakerPolicy b = base.value_or(BreakerPolicy{});
  if (const YamlNode* n = node.find("failure_ratio")) {
    const auto ratio = r.ratio(*n, "`failure_ratio`");
    if (ratio && *ratio <= 0)
      r.error(*n, "`failure_ratio` must be above 0",
              "a breaker opening at 0% failures never closes");
    else if (ratio)
      b.failure_ratio = *ratio;
  }
  if (const YamlNode* n = node.find("window"))
    b.window = static_cast<int>(r.integer(*n, "`window`", 1, 1'000'000).value_or(b.window));
  if (const YamlNode* n = node.find("open_for"))
    b.open_for = r.duration(*n, "`open_for`").value_or(b.open_for);
  return b;
}

std::optional<Call> read_call(Reader& r, const Spec& spec, const Defaults& defaults,
                              const YamlNode& node, const std::string& what) {
  Call call = default_call(defaults, r.loc(node));
  if (!node.is_map()) {
    const auto target = resolve_operation(r, spec, node, "call of " + what);
    if (!target) return std::nullopt;
    call.target = *target;
    return call;
  }
  const std::string call_what = "a call of " + what;
  r.check_keys(node,
               {"to", "timeout", "retry", "breaker", "on_failure", "cancel_on_timeout",
                "probability", "description"},
               call_what);
  const YamlNode* to = node.find("to");
  if (to == nullptr) {
    r.error(node, call_what + " needs `to`", "write `{to: payment.charge, timeout: 800ms}`");
    return std::nullopt;
  }
  const auto target = resolve_operation(r, spec, *to, "call of " + what);
  if (const YamlNode* n = node.find("timeout")) {
    call.timeout = r.duration(*n, "`timeout`").value_or(call.timeout);
    if (call.timeout.ns == 0)
      r.error(*n, "a timeout must be above 0", "remove it to keep the default");
  }
  if (const YamlNode* n = node.find("retry")) call.retry = read_retry(r, *n, call.retry, "`retry`");
  if (const YamlNode* n = node.find("breaker"))
    call.breaker = read_breaker(r, *n, call.breaker, "`breaker`");
  if (const YamlNode* n = node.find("on_failure"))
    call.on_failure = read_on_failure(r, *n).value_or(call.on_failure);
  if (const YamlNode* n = node.find("cancel_on_timeout"))
    call.cancel_on_timeout = r.boolean(*n, "`cancel_on_timeout`").value_or(false);
  if (const YamlNode* n = node.find("probability"))
    call.probability = r.ratio(*n, "`probability`").value_or(1);
  if (!target) return std::nullopt;
  call.target = *target;
  return call;
}

}  // namespace ripple::model::detail
