#include "simulator/sources.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "simulator/backoff.h"

namespace ripple::sim {
namespace {

constexpr TimeNs kStormBin = 10'000'000;  // reconnect arrivals are counted per 10 ms

// Reconnect clients and closed-loop users as callers: the index (users' with kUserBit set) and
// the attempt token.
constexpr std::uint32_t kUserBit = 1u << 31;
constexpr std::uint64_t client_ref(std::uint32_t client, std::uint32_t token) {
  return (static_cast<std::uint64_t>(client) << 32) | token;
}

std::unique_ptr<RetryBudgetWindow> budget_of(const model::RetryPolicy& retry) {
  return retry.budget ? std::make_unique<RetryBudgetWindow>(*retry.budget) : nullptr;
}

bool has_waiting_clients(const model::RateSource& source) {
  return source.timeout || source.retry.attempts > 1;
}

constexpr double kTwoPi = 6.283185307179586;

// The diurnal curve's amplitude: peak / trough = (1 + a) / (1 - a).
double diurnal_amplitude(const model::DiurnalShape& d) {
  return (d.peak_to_trough - 1) / (d.peak_to_trough + 1);
}

}  // namespace

Sources::Sources(const ReplicationContext& context)
    : spec_(context.spec),
      plan_(context.plan),
      engine_(context.engine),
      recorder_(context.recorder),
      tracer_(context.tracer) {
  // A source is named by its target and its rank among the sources targeting it.
  const auto source_name = [&](int to, auto& seen) {
    return spec_.operations[static_cast<std::size_t>(to)].full_name + "#" +
           std::to_string(seen[to]++);
  };
  std::map<int, int> seen;
  for (std::size_t s = 0; s < spec_.workload.sources.size(); ++s) {
    SourceState state;
    state.rng =
        Rng(derive_seed(context.seed, stream_key(StreamKind::Source,
                                                 source_name(spec_.workload.sources[s].to, seen))));
    const model::RateSource& source = spec_.workload.sources[s];
    for (const model::Spike& spike : source.spikes) {
      state.changes.push_back(spike.at.ns);
      state.changes.push_back(spike.at.ns + spike.length.ns);
    }
    if (source.shape == model::RateShape::Trace)
      for (std::size_t k = 1; k < source.trace.rates.size(); ++k) {
        const TimeNs at = static_cast<TimeNs>(k) * source.trace.step.ns;
        if (at >= plan_.duration) break;
        state.changes.push_back(at);
      }
    std::sort(state.changes.begin(), state.changes.end());
    sources_.push_back(std::move(state));
  }
  seen.clear();
  for (const model::RateSource& source : spec_.workload.sources) {
    retry_rng_.emplace_back(derive_seed(
        context.seed, stream_key(StreamKind::SourceRetry, source_name(source.to, seen))));
    budgets_.push_back(budget_of(source.retry));
  }
  seen.clear();
  for (const model::ReconnectSource& source : spec_.workload.reconnects) {
    reconnect_rng_.emplace_back(
        derive_seed(context.seed, stream_key(StreamKind::Reconnect, source_name(source.to, seen))));
    budgets_.push_back(budget_of(source.retry));
  }
}

void Sources::start() {
  for (std::size_t s = 0; s < sources_.size(); ++s) {
    if (spec_.workload.sources[s].users > 0) continue;
    if (spec_.workload.sources[s].shape == model::RateShape::Bursty) {
      // Start in the stationary state: in a burst with probability mean / burst_rate.
      const model::RateSource& source = spec_.workload.sources[s];
      SourceState& state = sources_[s];
      state.bursting = state.rng.bernoulli(source.rate / source.bursty.burst_rate);
      state.toggle_at = 0;
      advance_bursts(static_cast<int>(s), 0);
    }
    schedule_next_arrival(static_cast<int>(s));
  }
  start_users();
  schedule_reconnects();
}

// ---------------------------------------------------------------------------------------------
// Open-loop sources

double Sources::rate_at(int source, TimeNs time) const {
  const model::RateSource& model_source = spec_.workload.sources[static_cast<std::size_t>(source)];
  double rate = model_source.rate;
  switch (model_source.shape) {
    case model::RateShape::Steady:
      break;
    case model::RateShape::Diurnal: {
      const model::DiurnalShape& d = model_source.diurnal;
      const double phase =
          static_cast<double>(time - d.peak_at.ns) / static_cast<double>(d.period.ns);
      rate *= 1 + diurnal_amplitude(d) * std::cos(kTwoPi * phase);
      break;
    }
    case model::RateShape::Bursty:
      rate =
          sources_[static_cast<std::size_t>(source)].bursting ? model_source.bursty.burst_rate : 0;
      break;
    case model::RateShape::Trace: {
      const auto& rates = model_source.trace.rates;
      const auto k = static_cast<std::size_t>(time / model_source.trace.step.ns);
      rate = rates[std::min(k, rates.size() - 1)];
      break;
    }
  }
  for (const model::Spike& spike : model_source.spikes)  // a later spike wins where they overlap
    if (time >= spike.at.ns && time < spike.at.ns + spike.length.ns) rate = spike.rate;
  return rate;
}

double Sources::rate_bound(int source, TimeNs time) const {
  const model::RateSource& model_source = spec_.workload.sources[static_cast<std::size_t>(source)];
  if (model_source.shape != model::RateShape::Diurnal) return rate_at(source, time);
  for (const model::Spike& spike : model_source.spikes)
    if (time >= spike.at.ns && time < spike.at.ns + spike.length.ns) return rate_at(source, time);
  return model_source.rate * (1 + diurnal_amplitude(model_source.diurnal));
}

// Bursts and silences last exponential times: a burst's mean is mean_burst, a silence's
// mean_burst x (1 - f) / f with f = mean / burst_rate, so the long-run rate is the mean.
void Sources::advance_bursts(int source, TimeNs to) {
  const model::RateSource& model_source = spec_.workload.sources[static_cast<std::size_t>(source)];
  SourceState& state = sources_[static_cast<std::size_t>(source)];
  const double f = model_source.rate / model_source.bursty.burst_rate;
  const double burst_ns = static_cast<double>(model_source.bursty.mean_burst.ns);
  while (state.toggle_at <= to) {
    if (state.toggle_at > 0 || to > 0) state.bursting = !state.bursting;
    const double mean = state.bursting ? burst_ns : burst_ns * (1 - f) / f;
    state.toggle_at += std::max<TimeNs>(1, to_span_ns(state.rng.exponential(mean)));
    if (to == 0) break;
  }
}

TimeNs Sources::next_change(int source, TimeNs from) {
  const SourceState& state = sources_[static_cast<std::size_t>(source)];
  const auto next = std::upper_bound(state.changes.begin(), state.changes.end(), from);
  TimeNs change = next == state.changes.end() ? plan_.duration : *next;
  if (spec_.workload.sources[static_cast<std::size_t>(source)].shape == model::RateShape::Bursty)
    change = std::min(change, state.toggle_at);
  return change;
}

// The rate is piecewise constant, but for the diurnal curve. A gap that would cross a change point
// is discarded and drawn again from the change point with the new rate: exact for Poisson
// arrivals (memoryless), and for constant arrivals it restarts the spacing at the change. The
// diurnal curve is drawn by thinning (Lewis and Shedler): candidates at its peak rate, each kept
// with probability rate(t) / peak.
void Sources::schedule_next_arrival(int source) {
  SourceState& state = sources_[static_cast<std::size_t>(source)];
  const model::RateSource& model_source = spec_.workload.sources[static_cast<std::size_t>(source)];
  const bool poisson = model_source.arrival == model::Arrival::Poisson;
  const bool thinned = model_source.shape == model::RateShape::Diurnal;
  const bool bursty = model_source.shape == model::RateShape::Bursty;
  TimeNs from = engine_.now();
  for (;;) {
    if (bursty) advance_bursts(source, from);
    const TimeNs change = next_change(source, from);
    const double rate = rate_bound(source, from);
    if (rate > 0) {
      const double mean_gap = 1e9 / rate;
      const double gap = poisson ? state.rng.exponential(mean_gap) : mean_gap;
      const TimeNs at = from + to_span_ns(gap);
      if (at < change) {
        if (at >= plan_.duration) return;
        if (thinned && state.rng.uniform() * rate >= rate_at(source, at)) {
          from = at;
          continue;
        }
        engine_.schedule_at<&Sources::on_arrival>(at, this, static_cast<std::uint64_t>(source));
        return;
      }
    }
    if (change >= plan_.duration) return;
    from = change;
  }
}

void Sources::on_arrival(std::uint64_t source) {
  const model::RateSource& model_source = spec_.workload.sources[source];
  if (has_waiting_clients(model_source)) {
    RateClient client;
    client.source = static_cast<int>(source);
    client.first = engine_.now();
    client.previous_wait = model_source.retry.backoff.ns;
    client.root_measured = recorder_.measuring();
    if (client.root_measured) ++recorder_.amplification(model_source.to).entries;
    if (RetryBudgetWindow* budget = budgets_[source].get()) budget->note_call(engine_.now());
    send_rate_attempt(rate_clients_.allocate(client));
    schedule_next_arrival(static_cast<int>(source));
    return;
  }
  Arrival arrival;
  arrival.op = spec_.workload.sources[source].to;
  arrival.root = arrival.op;
  arrival.root_measured = recorder_.measuring();
  arrival.span = next_span();
  if (arrival.root_measured) ++recorder_.amplification(arrival.op).entries;
  (void)requests_->arrive(arrival);
  schedule_next_arrival(static_cast<int>(source));
}

// ---------------------------------------------------------------------------------------------
// Waiting clients of rate sources

// `handle` names the attempt about to start: its timeout and its answer carry it. A retry is a
// downstream request of the client's first attempt, so client retries count in
// requests_per_entry as server-side retries do.
void Sources::send_rate_attempt(RateClientHandle handle) {
  RateClient& client = rate_clients_[handle];
  const model::RateSource& source = spec_.workload.sources[static_cast<std::size_t>(client.source)];
  ++client.attempt;
  client.attempt_start = engine_.now();
  client.attempt_measured = recorder_.measuring();
  Arrival arrival;
  arrival.op = source.to;
  arrival.caller = Caller{Caller::Kind::RateClient, handle.pack()};
  arrival.root = arrival.op;
  arrival.root_measured = client.root_measured;
  arrival.span = next_span();
  arrival.attempt = client.attempt;
  if (client.attempt > 1 && client.root_measured) ++recorder_.amplification(source.to).downstream;
  if (source.timeout)
    engine_.schedule_in<&Sources::on_rate_timeout>(source.timeout->ns, this, handle.pack());
  (void)requests_->arrive(arrival);
}

void Sources::on_rate_attempt(std::uint64_t client) {
  const RateClientHandle handle = RateClientHandle::unpack(client);
  if (rate_clients_.alive(handle)) send_rate_attempt(handle);
}

void Sources::on_rate_timeout(std::uint64_t client) { on_rate_answer(client, true, Answer::Error); }
void Sources::on_rate_refused(std::uint64_t client) { on_rate_refusal(client, Answer::Error); }
void Sources::on_rate_rejected(std::uint64_t client) { on_rate_refusal(client, Answer::Rejected); }

// Refused at arrival: an entry answer without a latency, as for open-loop requests.
void Sources::on_rate_refusal(std::uint64_t client, Answer answer) {
  const RateClient* state = rate_clients_.get(RateClientHandle::unpack(client));
  if (!state) return;
  recorder_.record_entry_refusal(
      spec_.workload.sources[static_cast<std::size_t>(state->source)].to);
  resolve_rate_attempt(client, false, answer);
}

// What the client sees of the attempt is the entry answer: a timeout is an error at the timeout,
// whenever the request itself ends.
void Sources::on_rate_answer(std::uint64_t client, bool timed_out, Answer answer) {
  const RateClient* state = rate_clients_.get(RateClientHandle::unpack(client));
  if (!state) return;
  const int op = spec_.workload.sources[static_cast<std::size_t>(state->source)].to;
  const Answer seen = timed_out ? Answer::Error : answer;
  const TimeNs latency = engine_.now() - state->attempt_start;
  if (state->attempt_measured) {
    OperationMetrics& metrics = recorder_.operation(op);
    ++(seen == Answer::Ok ? metrics.ok : metrics.errors);
    metrics.latency.record(latency);
  }
  recorder_.record_entry_answer(op, seen, latency);
  resolve_rate_attempt(client, timed_out, answer);
}

// The client retries when an attempt is left, `retry.on` lists the failure, the retry would not
// start past `abandon_after`, and (last, as it counts the retry) the source's budget has room.
void Sources::resolve_rate_attempt(std::uint64_t client, bool timed_out, Answer answer) {
  const RateClientHandle stale = RateClientHandle::unpack(client);
  const RateClientHandle handle = rate_clients_.renew(stale);
  RateClient& state = rate_clients_[handle];
  const auto s = static_cast<std::size_t>(state.source);
  const model::RateSource& source = spec_.workload.sources[s];
  if (answer == Answer::Ok || state.attempt >= source.retry.attempts ||
      !retries_on(source.retry, timed_out, answer)) {
    rate_clients_.free(handle);
    return;
  }
  const TimeNs wait = retry_delay(source.retry, state.attempt, state.previous_wait, retry_rng_[s]);
  const bool abandoned =
      source.abandon_after && engine_.now() + wait - state.first > source.abandon_after->ns;
  RetryBudgetWindow* budget = budgets_[s].get();
  if (abandoned || (budget && !budget->take_retry(engine_.now()))) {
    rate_clients_.free(handle);
    return;
  }
  engine_.schedule_in<&Sources::on_rate_attempt>(wait, this, handle.pack());
}

// ---------------------------------------------------------------------------------------------
// Reconnect storms

void Sources::schedule_reconnects() {
  const auto& sources = spec_.workload.reconnects;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const model::ReconnectSource& source = sources[s];
    if (source.at.ns >= plan_.duration) continue;
    recorder_.reconnect(static_cast<int>(s))
        .bins.assign(
            static_cast<std::size_t>((plan_.duration - source.at.ns + kStormBin - 1) / kStormBin),
            0);
    for (int i = 0; i < source.clients; ++i) {
      const auto client = static_cast<std::uint32_t>(clients_.size());
      clients_.push_back(Client{static_cast<int>(s), 0, 0, source.retry.backoff.ns});
      const double delay = source.jitter.ns > 0
                               ? reconnect_rng_[s].uniform(0, static_cast<double>(source.jitter.ns))
                               : 0;
      const TimeNs at = source.at.ns + to_span_ns(delay);
      if (at < plan_.duration) engine_.schedule_at<&Sources::on_client_attempt>(at, this, client);
    }
  }
}

void Sources::on_client_attempt(std::uint64_t client) {
  Client& state = clients_[client];
  ++state.attempt;
  ++state.token;
  record_storm_arrival(state.source);
  Arrival arrival;
  arrival.op = spec_.workload.reconnects[static_cast<std::size_t>(state.source)].to;
  arrival.caller =
      Caller{Caller::Kind::Client, client_ref(static_cast<std::uint32_t>(client), state.token)};
  arrival.root = arrival.op;
  arrival.root_measured = recorder_.measuring();
  arrival.span = next_span();
  arrival.attempt = state.attempt;
  if (arrival.root_measured) ++recorder_.amplification(arrival.op).entries;
  if (state.attempt == 1)
    if (RetryBudgetWindow* budget = budgets_[spec_.workload.sources.size() + state.source].get())
      budget->note_call(engine_.now());
  (void)requests_->arrive(arrival);
}

void Sources::refuse_later(const Caller& caller, Answer answer) {
  const bool rejected = answer == Answer::Rejected;
  if (caller.kind == Caller::Kind::RateClient) {
    if (rejected)
      engine_.schedule_in<&Sources::on_rate_rejected>(0, this, caller.ref);
    else
      engine_.schedule_in<&Sources::on_rate_refused>(0, this, caller.ref);
  } else if (rejected) {
    engine_.schedule_in<&Sources::on_rejected>(0, this, caller.ref);
  } else {
    engine_.schedule_in<&Sources::on_refused>(0, this, caller.ref);
  }
}

void Sources::on_answer(const Caller& caller, Answer answer) {
  if (caller.kind == Caller::Kind::RateClient)
    on_rate_answer(caller.ref, false, answer);
  else
    on_reconnect_answer(caller.ref, answer);
}

// ---------------------------------------------------------------------------------------------
// Closed-loop users

void Sources::start_users() {
  for (std::size_t s = 0; s < spec_.workload.sources.size(); ++s) {
    const model::RateSource& source = spec_.workload.sources[s];
    for (int i = 0; i < source.users; ++i) {
      const auto user = static_cast<std::uint32_t>(users_.size());
      users_.push_back(User{static_cast<int>(s), 0});
      const TimeNs think = sample_ns(source.think, sources_[s].rng);
      if (think < plan_.duration) engine_.schedule_at<&Sources::on_user_request>(think, this, user);
    }
  }
}

void Sources::on_user_request(std::uint64_t user) {
  User& state = users_[user];
  ++state.token;
  Arrival arrival;
  arrival.op = spec_.workload.sources[static_cast<std::size_t>(state.source)].to;
  arrival.caller = Caller{Caller::Kind::Client,
                          client_ref(static_cast<std::uint32_t>(user) | kUserBit, state.token)};
  arrival.root = arrival.op;
  arrival.root_measured = recorder_.measuring();
  arrival.span = next_span();
  if (arrival.root_measured) ++recorder_.amplification(arrival.op).entries;
  (void)requests_->arrive(arrival);
}

// Answered (or refused): the user thinks, then sends the next request.
void Sources::on_user_answer(std::uint32_t user, std::uint32_t token) {
  User& state = users_[user];
  if (state.token != token) return;
  const auto s = static_cast<std::size_t>(state.source);
  const TimeNs think = sample_ns(spec_.workload.sources[s].think, sources_[s].rng);
  if (engine_.now() + think < plan_.duration)
    engine_.schedule_in<&Sources::on_user_request>(think, this, user);
}

void Sources::on_refused(std::uint64_t ref) { on_reconnect_answer(ref, Answer::Error); }
void Sources::on_rejected(std::uint64_t ref) { on_reconnect_answer(ref, Answer::Rejected); }

void Sources::on_reconnect_answer(std::uint64_t ref, Answer answer) {
  if ((ref >> 32) & kUserBit) {
    on_user_answer(static_cast<std::uint32_t>(ref >> 32) & ~kUserBit,
                   static_cast<std::uint32_t>(ref));
    return;
  }
  const auto client = static_cast<std::uint32_t>(ref >> 32);
  Client& state = clients_[client];
  if (state.token != static_cast<std::uint32_t>(ref)) return;
  const auto s = static_cast<std::size_t>(state.source);
  const model::RetryPolicy& retry = spec_.workload.reconnects[s].retry;
  ReconnectMetrics& metrics = recorder_.reconnect(state.source);
  if (answer == Answer::Ok) {
    ++metrics.connected;
    return;
  }
  RetryBudgetWindow* budget = budgets_[spec_.workload.sources.size() + s].get();
  if (state.attempt >= retry.attempts || !retries_on(retry, false, answer) ||
      (budget && !budget->take_retry(engine_.now()))) {
    ++metrics.gave_up;
    return;
  }
  const TimeNs wait = retry_delay(retry, state.attempt, state.previous_wait, reconnect_rng_[s]);
  engine_.schedule_in<&Sources::on_client_attempt>(wait, this, client);
}

void Sources::record_storm_arrival(int source) {
  ReconnectMetrics& metrics = recorder_.reconnect(source);
  ++metrics.attempts;
  const TimeNs since =
      engine_.now() - spec_.workload.reconnects[static_cast<std::size_t>(source)].at.ns;
  const auto bin = static_cast<std::size_t>(since / kStormBin);
  if (bin < metrics.bins.size()) ++metrics.bins[bin];
}

}  // namespace ripple::sim
