#include "model/load_workload.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

// `diurnal: {peak_to_trough: 4, period: 24h, peak_at: 14h}`.
void read_diurnal(Reader& r, RateSource& source, const YamlNode& node) {
  if (!r.expect_map(node, "`diurnal`")) return;
  r.check_keys(node, {"peak_to_trough", "period", "peak_at"}, "`diurnal`");
  source.shape = RateShape::Diurnal;
  DiurnalShape& d = source.diurnal;
  const YamlNode* ratio = node.find("peak_to_trough");
  if (ratio == nullptr) {
    r.error(node, "`diurnal` needs `peak_to_trough`", "write `{peak_to_trough: 4, period: 24h}`");
  } else if (const auto x = r.number(*ratio, "`peak_to_trough`"); x && *x < 1) {
    r.error(*ratio, "`peak_to_trough` must be at least 1, not " + ratio->value,
            "the busiest rate over the quietest: 4 means the peak is 4 times the trough");
  } else if (x) {
    d.peak_to_trough = *x;
  }
  if (const YamlNode* n = node.find("period")) {
    d.period = r.duration(*n, "`period`").value_or(d.period);
    if (d.period.ns <= 0) r.error(*n, "`period` must be above 0");
  }
  if (const YamlNode* n = node.find("peak_at"))
    d.peak_at = r.duration(*n, "`peak_at`").value_or(d.peak_at);
}

// `bursty: {burst_rate: 2000/s, mean_burst: 2s}`: the source's `rate` is the long-run mean.
void read_bursty(Reader& r, RateSource& source, const YamlNode& node) {
  if (!r.expect_map(node, "`bursty`")) return;
  r.check_keys(node, {"burst_rate", "mean_burst"}, "`bursty`");
  source.shape = RateShape::Bursty;
  BurstyShape& b = source.bursty;
  if (source.rate <= 0)
    r.error(node, "a `bursty` source needs a mean `rate` above 0",
            "write `rate: 100/s` (the long-run mean) beside `bursty`");
  if (const YamlNode* n = node.find("burst_rate")) {
    b.burst_rate = r.rate(*n, "`burst_rate`").value_or(0);
    if (b.burst_rate > 0 && source.rate > 0 && b.burst_rate <= source.rate)
      r.error(*n, "`burst_rate` must be above the source's mean `rate`",
              "bursts at burst_rate, silent in between: the mean is below the burst rate");
  } else {
    r.error(node, "`bursty` needs `burst_rate`", "write `{burst_rate: 2000/s, mean_burst: 2s}`");
  }
  if (const YamlNode* n = node.find("mean_burst")) {
    b.mean_burst = r.duration(*n, "`mean_burst`").value_or(b.mean_burst);
    if (b.mean_burst.ns <= 0) r.error(*n, "`mean_burst` must be above 0");
  }
}

// One CSV line: the rate is its first field (a number per second, or a rate such as `200/s`).
// A first line that is not a rate is a header.
void read_trace_lines(Reader& r, TraceShape& trace, const SourceFile& file) {
  std::size_t start = 0;
  for (int line = 1; start < file.text.size(); ++line) {
    std::size_t end = file.text.find('\n', start);
    if (end == std::string::npos) end = file.text.size();
    std::string text = file.text.substr(start, end - start);
    start = end + 1;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    const std::string field = text.substr(0, text.find(','));
    if (field.find_first_not_of(" \t") == std::string::npos) continue;
    Parsed<double> rate = parse_rate(field);
    if (!rate.ok()) {
      char* stop = nullptr;
      const double number = std::strtod(field.c_str(), &stop);
      if (stop != field.c_str() && *stop == '\0' && number >= 0 && std::isfinite(number))
        rate.value = number;
    }
    if (rate.value) {
      trace.rates.push_back(*rate.value);
      continue;
    }
    if (line == 1 && trace.rates.empty()) continue;  // a header
    r.add_diagnostic(Diagnostic{Severity::Error, file.path, line, 1,
                                static_cast<int>(std::max<std::size_t>(field.size(), 1)),
                                "`" + field + "` is not a rate",
                                "one rate per line, in its first field: `200` or `200/s`", text});
    return;
  }
  if (trace.rates.empty())
    r.add_diagnostic(Diagnostic{Severity::Error, file.path, 0, 0, 1, "the trace holds no rate",
                                "one rate per line, in its first field: `200` or `200/s`", ""});
}

// `trace: {file: rates.csv, step: 1m}`, the file relative to the spec that names it.
void read_trace(Reader& r, RateSource& source, const YamlNode& node) {
  if (!r.expect_map(node, "`trace`")) return;
  r.check_keys(node, {"file", "step"}, "`trace`");
  source.shape = RateShape::Trace;
  TraceShape& trace = source.trace;
  if (const YamlNode* n = node.find("step")) {
    trace.step = r.duration(*n, "`step`").value_or(trace.step);
    if (trace.step.ns <= 0) r.error(*n, "`step` must be above 0");
  }
  const YamlNode* file = node.find("file");
  if (file == nullptr) {
    r.error(node, "`trace` needs `file`", "write `{file: rates.csv, step: 1m}`");
    return;
  }
  const auto name = r.text(*file, "`file` of `trace`");
  if (!name) return;
  trace.file = *name;
  const ReadResult read = r.read_beside(*file, *name);
  if (read.error) {
    r.error(*file, "cannot read the trace `" + read.error->file + "`: " + read.error->message,
            read.error->hint);
    return;
  }
  read_trace_lines(r, trace, *read.file);
  double total = 0;
  for (const double x : trace.rates) total += x;
  if (!trace.rates.empty()) source.rate = total / static_cast<double>(trace.rates.size());
}

// `users: 50, think: exp(2s)`: a closed loop. Its `rate` becomes the most it can offer, users /
// mean think (what the analyzers and the work budget count).
void read_users(Reader& r, RateSource& source, const YamlNode& node, const YamlNode& users) {
  source.users = static_cast<int>(r.integer(users, "`users`", 1, 1'000'000).value_or(0));
  const YamlNode* think = node.find("think");
  if (think == nullptr) {
    r.error(users, "closed-loop `users` need a `think` time", "write `think: exp(1s)`");
    return;
  }
  source.think = r.distribution(*think, "`think`").value_or(Distribution{});
  const double mean_ns = source.think.mean_ns();
  if (mean_ns <= 0 && source.users > 0) {
    r.error(*think, "`think` must have a mean above 0",
            "users with no think time send without pause; write `think: exp(1s)`");
    return;
  }
  source.rate = source.users * 1e9 / mean_ns;
  for (const char* key : {"rate", "arrival", "diurnal", "bursty", "trace", "spikes"})
    if (const YamlNode* n = node.find(key))
      r.error(*n, std::string("`") + key + "` does not apply to closed-loop `users`",
              "users send when their last request was answered and their think time passed");
}

void read_rate_source(Reader& r, Spec& spec, const YamlNode& node) {
  r.check_keys(node,
               {"to", "rate", "arrival", "spikes", "timeout", "retry", "abandon_after", "reconnect",
                "description", "diurnal", "bursty", "trace", "users", "think"},
               "a source");
  RateSource source;
  source.loc = r.loc(node);
  const YamlNode* to = node.find("to");
  const YamlNode* rate = node.find("rate");
  const YamlNode* users = node.find("users");
  const YamlNode* trace = node.find("trace");
  if (to == nullptr)
    r.error(node, "a source needs `to`", "write `{to: gateway.checkout, rate: 200/s}`");
  if (rate == nullptr && users == nullptr && trace == nullptr)
    r.error(node, "a source needs a `rate`",
            "write `{to: gateway.checkout, rate: 200/s}` (or `users: 50, think: exp(1s)`)");
  if (users != nullptr) {
    std::optional<OperationId> target;
    if (to != nullptr) target = resolve_operation(r, spec, *to, "source");
    read_users(r, source, node, *users);
    if (!target) return;
    source.to = *target;
    spec.workload.sources.push_back(std::move(source));
    return;
  }
  if (const YamlNode* n = node.find("think"))
    r.error(*n, "`think` applies to closed-loop sources", "add `users: N`, or leave `think` out");
  int shapes = 0;
  for (const char* key : {"diurnal", "bursty", "trace"}) shapes += node.find(key) != nullptr;
  if (shapes > 1)
    r.error(node, "a source takes one of `diurnal`, `bursty` and `trace`",
            "split it into two sources to add their rates");
  std::optional<OperationId> target;
  if (to != nullptr) target = resolve_operation(r, spec, *to, "source");
  if (rate != nullptr) source.rate = r.rate(*rate, "`rate`").value_or(0);
  if (trace != nullptr && rate != nullptr)
    r.error(*rate, "a `trace` source takes its rates from the file, not `rate`",
            "leave `rate` out");
  if (shapes <= 1) {
    if (const YamlNode* n = node.find("diurnal")) read_diurnal(r, source, *n);
    if (const YamlNode* n = node.find("bursty")) read_bursty(r, source, *n);
    if (trace != nullptr) read_trace(r, source, *trace);
  }
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
  if (source.shape != RateShape::Steady && source.shape != RateShape::Trace &&
      source.arrival == Arrival::Constant)
    r.error(*node.find("arrival"), "`diurnal` and `bursty` sources draw Poisson arrivals",
            "leave `arrival` out");
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
