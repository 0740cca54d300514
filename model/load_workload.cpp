#include "model/load_workload.h"

#include <limits>

#include "model/load_names.h"
#include "model/load_policies.h"

namespace ripple::model::detail {
namespace {

Spike read_spike(Reader& r, const Workload& workload, const YamlNode& item) {
  r.check_keys(item, {"at", "for", "rate"}, "a spike");
  Spike spike;
  for (const char* key : {"at", "for", "rate"})
    if (item.find(key) == nullptr)
      r.error(item, std::string("a spike needs `") + key + "`",
              "write `{at: 5m, for: 30s, rate: 2000/s}`");
  if (const YamlNode* k = item.find("at")) {
    spike.at = r.duration(*k, "spike `at`").value_or(Duration{0});
    warn_if_after_the_run(r, workload, *k, spike.at, "spike");
  }
  if (const YamlNode* k = item.find("for"))
    spike.length = r.duration(*k, "spike `for`").value_or(Duration{0});
  if (const YamlNode* k = item.find("rate")) spike.rate = r.rate(*k, "spike `rate`").value_or(0);
  return spike;
}

// A source's clients that wait for their answers: `timeout`, `retry`, `abandon_after`.
void read_client_policy(Reader& r, const YamlNode& node, RateSource& source) {
  if (const YamlNode* n = node.find("timeout")) {
    source.timeout = r.duration(*n, "`timeout` of a source");
    if (source.timeout && source.timeout->ns == 0) {
      r.error(*n, "a timeout must be above 0", "remove it: clients then wait for every answer");
      source.timeout = std::nullopt;
    }
  }
  if (const YamlNode* n = node.find("retry"))
    source.retry = read_retry(r, *n, RetryPolicy{}, "`retry` of a source");
  if (const YamlNode* n = node.find("abandon_after")) {
    source.abandon_after = r.duration(*n, "`abandon_after`");
    if (source.retry.attempts == 1)
      r.warning(*n, "`abandon_after` limits retries, and this source does not retry",
                "give it `retry: {attempts: 3}`, or remove `abandon_after`");
  }
}

void read_rate_source(Reader& r, Spec& spec, const YamlNode& node) {
  r.check_keys(node,
               {"to", "rate", "arrival", "spikes", "timeout", "retry", "abandon_after", "reconnect",
                "description"},
               "a source");
  RateSource source;
  source.loc = r.loc(node);
  const YamlNode* to = node.find("to");
  const YamlNode* rate = node.find("rate");
  if (to == nullptr)
    r.error(node, "a source needs `to`", "write `{to: gateway.checkout, rate: 200/s}`");
  if (rate == nullptr)
    r.error(node, "a source needs a `rate`", "write `{to: gateway.checkout, rate: 200/s}`");
  std::optional<OperationId> target;
  if (to != nullptr) target = resolve_operation(r, spec, *to, "source");
  if (rate != nullptr) source.rate = r.rate(*rate, "`rate`").value_or(0);
  if (const YamlNode* n = node.find("arrival"))
    source.arrival =
        r.choice<Arrival>(*n, "arrival",
                          {{"poisson", Arrival::Poisson}, {"constant", Arrival::Constant}})
            .value_or(Arrival::Poisson);
  if (const YamlNode* n = node.find("spikes"); n != nullptr && r.expect_sequence(*n, "`spikes`")) {
    for (const YamlNode& item : n->items)
      if (r.expect_map(item, "a spike"))
        source.spikes.push_back(read_spike(r, spec.workload, item));
  }
  read_client_policy(r, node, source);
  if (!target) return;
  source.to = *target;
  spec.workload.sources.push_back(std::move(source));
}

void read_reconnect_source(Reader& r, Spec& spec, const YamlNode& node) {
  r.check_keys(node, {"reconnect", "description"}, "a reconnect source");
  const YamlNode& body = *node.find("reconnect");
  if (!r.expect_map(body, "`reconnect`")) return;
  r.check_keys(body, {"clients", "at", "to", "jitter", "retry"}, "`reconnect`");
  ReconnectSource source;
  source.loc = r.loc(node);
  for (const char* key : {"clients", "at", "to"})
    if (body.find(key) == nullptr)
      r.error(body, std::string("`reconnect` needs `") + key + "`",
              "write `{clients: 20000, at: 2m, to: auth.login, jitter: 10s}`");
  if (const YamlNode* n = body.find("clients"))
    source.clients = static_cast<int>(r.integer(*n, "`clients`", 1, kMaxCount).value_or(0));
  if (const YamlNode* n = body.find("at")) {
    source.at = r.duration(*n, "`at`").value_or(Duration{0});
    if (source.at >= spec.workload.duration)
      r.warning(*n, "this reconnect storm starts at or after the end of the run",
                "move it or lengthen `duration`");
  }
  if (const YamlNode* n = body.find("jitter"))
    source.jitter = r.duration(*n, "`jitter`").value_or(Duration{0});
  if (const YamlNode* n = body.find("retry"))
    source.retry = read_retry(r, *n, RetryPolicy{}, "`retry` of `reconnect`");
  std::optional<OperationId> target;
  if (const YamlNode* n = body.find("to"))
    target = resolve_operation(r, spec, *n, "reconnect target");
  if (!target) return;
  source.to = *target;
  spec.workload.reconnects.push_back(source);
}

void read_run(Reader& r, Workload& w, const YamlNode& node) {
  if (const YamlNode* n = node.find("duration")) {
    w.duration = r.duration(*n, "`duration`").value_or(w.duration);
    if (w.duration.ns == 0) r.error(*n, "the workload's `duration` must be above 0");
  }
  if (const YamlNode* n = node.find("warmup")) {
    w.warmup = r.duration(*n, "`warmup`").value_or(w.warmup);
    if (w.warmup >= w.duration)
      r.error(*n,
              "`warmup` (" + format_duration(w.warmup) + ") must be shorter than `duration` (" +
                  format_duration(w.duration) + ")",
              "the warmup is part of the duration; results cover the run after it");
  }
  if (const YamlNode* n = node.find("seed"))
    w.seed = static_cast<std::uint64_t>(
        r.integer(*n, "`seed`", 0, std::numeric_limits<long long>::max()).value_or(1));
}

}  // namespace

void warn_if_after_the_run(Reader& r, const Workload& workload, const YamlNode& node, Duration at,
                           const std::string& what) {
  if (at < workload.duration) return;
  r.warning(node,
            "this " + what + " starts at or after the end of the run (" +
                format_duration(workload.duration) + ")",
            "it will never happen; move it or lengthen `duration`");
}

void read_workload(Reader& r, Spec& spec, const YamlNode& node) {
  spec.workload = Workload{};
  spec.workload.loc = r.loc(node);
  if (node.is_null() || !r.expect_map(node, "`workload`")) return;
  r.check_keys(node, {"duration", "warmup", "seed", "sources"}, "`workload`");
  read_run(r, spec.workload, node);
  const YamlNode* sources = node.find("sources");
  if (sources == nullptr || sources->is_null() || !r.expect_sequence(*sources, "`sources`")) return;
  for (const YamlNode& item : sources->items) {
    if (!r.expect_map(item, "a source")) continue;
    if (item.find("reconnect") != nullptr)
      read_reconnect_source(r, spec, item);
    else
      read_rate_source(r, spec, item);
  }
}

}  // namespace ripple::model::detail
