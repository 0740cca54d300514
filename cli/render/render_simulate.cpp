#include "cli/render/render_simulate.h"

#include <fmt/format.h>

#include "cli/format/figures.h"
#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/render/estimate_json.h"
#include "cli/render/terminal.h"

namespace ripple::cli {
namespace {

std::string recovery_text(const std::optional<double>& ms) {
  return ms ? to_string(Span{*ms}) : std::string("never");
}

std::string interval_text(const sim::Interval& i, const char* format) {
  return fmt::format(fmt::runtime(std::string(format) + " [" + format + ", " + format + "]"),
                     i.mean, i.low, i.high);
}

// Calls with any activity; a call never made is noise in a report.
bool active(const sim::CallEdgeResult& call) { return call.calls > 0 || call.attempts > 0; }

std::string header_line(const sim::SimulationResult& r) {
  std::string text = fmt::format("simulated {}", Span{r.duration_ms});
  if (r.warmup_ms > 0) text += fmt::format(" (results after a {} warmup)", Span{r.warmup_ms});
  if (r.replications > 1) text += fmt::format(" x {} replications", r.replications);
  text += fmt::format(", {} events processed, seed {}", r.events_processed, r.seed);
  return text;
}

void text_operations(const sim::SimulationResult& r, const Style& style, std::string& out) {
  out += style.bold("operations") + "\n";
  out +=
      fmt::format("  {:<28} {:>10} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "operation",
                  "count", "errors", "error %", "mean ms", "p50 ms", "p90 ms", "p99 ms", "max ms");
  for (const sim::OperationResult& op : r.operations) {
    const std::string name = op.entry ? op.name + " *" : op.name;
    const std::string errors = fmt::format("{:.3f}", op.error_rate * 100);
    out += fmt::format(
        "  {:<28} {:>10} {:>9} {:>10} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f}\n", name,
        op.count, op.errors, op.error_rate > 0 ? style.warning(errors) : errors, op.latency.mean_ms,
        op.latency.p50_ms, op.latency.p90_ms, op.latency.p99_ms, op.latency.max_ms);
  }
  out += "  * entry operation (latency end to end; other latencies per attempt)\n";
}

void text_services(const sim::SimulationResult& r, const Style& style, std::string& out) {
  out += "\n" + style.bold("services") + "\n";
  out += fmt::format("  {:<28} {:>12} {:>10} {:>10}\n", "service", "utilization", "rejected",
                     "max queue");
  for (const sim::ServiceResult& s : r.services)
    out += fmt::format("  {:<28} {:>11.1f}% {:>10} {:>10}\n", s.name, s.utilization * 100,
                       s.rejected, s.max_queue);
}

void text_calls(const sim::SimulationResult& r, const Style& style, std::string& out) {
  bool any = false;
  for (const sim::CallEdgeResult& c : r.calls) any = any || active(c);
  if (!any) return;
  out += "\n" + style.bold("calls") + "\n";
  out += fmt::format("  {:<40} {:>10} {:>9} {:>9} {:>9} {:>9}\n", "call", "attempts", "retries",
                     "timeouts", "br. opens", "failed");
  for (const sim::CallEdgeResult& c : r.calls) {
    if (!active(c)) continue;
    out += fmt::format("  {:<40} {:>10} {:>9} {:>9} {:>9} {:>9}\n", c.from + " -> " + c.to,
                       c.attempts, c.retries, c.timeouts, c.breaker_opens, c.failures);
  }
}

// Groups whose event declares `keys:`: the hottest partition against an even share, so a hot key
// that group lag hides shows.
void text_partitions(const sim::SimulationResult& r, std::string& out) {
  for (const sim::ConsumerResult& c : r.consumers) {
    if (c.partitions.empty()) continue;
    const auto hottest =
        std::max_element(c.partitions.begin(), c.partitions.end(),
                         [](const sim::PartitionResult& a, const sim::PartitionResult& b) {
                           return a.share < b.share;
                         });
    double busiest = 0;
    for (const sim::PartitionResult& p : c.partitions) busiest = std::max(busiest, p.busy_share);
    out += fmt::format(
        "  {}: hottest partition {} carries {:.1f}% of events (even share {:.1f}%), busy {:.1f}%, "
        "lag mean {}, max {}; busiest partition busy {:.1f}%\n",
        c.name, hottest->partition, hottest->share * 100, 100.0 / c.partitions.size(),
        hottest->busy_share * 100, Span{hottest->mean_lag_ms, SpanStyle::Lag},
        Span{hottest->max_lag_ms, SpanStyle::Lag}, busiest * 100);
  }
}

void text_consumers(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.consumers.empty()) return;
  out += "\n" + style.bold("consumers") + "\n";
  out += fmt::format("  {:<34} {:>10} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>10} {:>10} {:>10}\n",
                     "consumer", "delivered", "busy", "dupes", "harmful", "order", "dlq", "lost",
                     "lag mean", "lag p99", "lag max");
  for (const sim::ConsumerResult& c : r.consumers) {
    const auto flag = [&](std::uint64_t n) {
      const std::string text = std::to_string(n);
      return n > 0 ? style.warning(text) : text;
    };
    out += fmt::format(
        "  {:<34} {:>10} {:>5.1f}% {:>7} {:>7} {:>7} {:>7} {:>7} {:>10} {:>10} {:>10}\n", c.name,
        c.delivered, c.utilization * 100, c.duplicates, flag(c.harmful_duplicates),
        flag(c.out_of_order), flag(c.dead_lettered), flag(c.lost),
        Span{c.lag.mean_ms, SpanStyle::Lag}, Span{c.lag.p99_ms, SpanStyle::Lag},
        Span{c.lag.max_ms, SpanStyle::Lag});
  }
  out +=
      "  busy: share of the slots the group can use (Kafka: min(slots, partitions)) handling;\n"
      "  lag: publish to the end of handling; dupes: redeliveries handled (harmful: the consumer\n"
      "  is not idempotent); order: handled after a later event of the same key\n";
  text_partitions(r, out);
  bool waiting = false;
  for (const sim::ConsumerResult& c : r.consumers) waiting = waiting || c.waiting > 0;
  if (!waiting) return;
  for (const sim::ConsumerResult& c : r.consumers)
    if (c.waiting > 0)
      out += fmt::format("  {} still had {} events waiting or in handling at the end\n", c.name,
                         c.waiting);
}

void text_brokers(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.brokers.empty()) return;
  out += "\n" + style.bold("brokers") + "\n";
  out += fmt::format("  {:<28} {:>9} {:>12} {:>10} {:>10} {:>12}\n", "broker", "type", "published",
                     "refused", "outboxed", "max backlog");
  for (const sim::BrokerResult& b : r.brokers)
    out += fmt::format("  {:<28} {:>9} {:>12} {:>10} {:>10} {:>12}\n", b.name, b.type, b.published,
                       b.publish_failures, b.outboxed, b.max_backlog);
  if (!r.callbacks.empty()) {
    out += "\n" + style.bold("callbacks") + " (consumers reading what their events lack)\n";
    for (const sim::CallbackResult& c : r.callbacks)
      out +=
          fmt::format("  {:<28} {:>10} requests ({:.1f}/s)\n", c.operation, c.callbacks, c.per_s);
  }
}

void text_reconnects(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.reconnects.empty()) return;
  out += "\n" + style.bold("reconnect storms") + "\n";
  for (const sim::ReconnectResult& c : r.reconnects)
    out += fmt::format(
        "  {} clients -> {} at {} (jitter {}): {} attempts, {} connected, {} gave up; peak "
        "{:.0f}/s per second, {:.0f}/s per 10 ms\n",
        c.clients, c.target, Span{c.at_ms}, Span{c.jitter_ms}, c.attempts, c.connected, c.gave_up,
        c.peak_per_s, c.peak_10ms_per_s);
}

void text_faults(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.faults.empty()) return;
  out += "\n" + style.bold("faults") + "\n";
  for (const sim::FaultResult& f : r.faults) {
    std::string outcome = "recovered after " + recovery_text(f.recovery_time_ms);
    if (f.at_ms >= r.duration_ms)
      outcome = "starts after the end of the run";
    else if (!f.recovery_time_ms)
      outcome = style.error("not recovered within the run");
    out += fmt::format("  {} {} at {} for {}: {}\n", f.target, f.mode, Span{f.at_ms},
                       Span{f.for_ms}, outcome);
  }
}

void text_spikes(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.spikes.empty()) return;
  out += "\n" + style.bold("workload spikes") + "\n";
  for (const sim::SpikeResult& s : r.spikes) {
    std::string outcome = "recovered after " + recovery_text(s.recovery_time_ms);
    if (s.at_ms >= r.duration_ms)
      outcome = "starts after the end of the run";
    else if (!s.recovery_time_ms)
      outcome = style.error("not recovered within the run");
    out += fmt::format("  {} at {:.0f}/s from {} for {}: {}\n", s.operation, s.rate_per_s,
                       Span{s.at_ms}, Span{s.for_ms}, outcome);
  }
}

void text_intervals(const sim::SimulationResult& r, const Style& style, std::string& out) {
  if (r.replications <= 1) {
    out += "\n" +
           style.dim(
               "1 replication; use --replications N for intervals (95% Student t over "
               "replications; quantiles within 1% relative error)") +
           "\n";
    return;
  }
  if (r.intervals.empty()) return;
  out += "\n" +
         style.bold(fmt::format("95% confidence intervals over {} replications", r.replications)) +
         "\n";
  for (const sim::HeadlineIntervals& i : r.intervals) {
    out += fmt::format(
        "  {}: p99 {} ms, mean {} ms, error rate {} %\n", i.operation,
        interval_text(i.p99_ms, "{:.2f}"), interval_text(i.mean_ms, "{:.2f}"),
        interval_text({i.error_rate.mean * 100, i.error_rate.low * 100, i.error_rate.high * 100},
                      "{:.3f}"));
  }
}

}  // namespace

std::string render_simulate_text(const sim::SimulationResult& r, Color color) {
  const Style style(color);
  std::string out = header_line(r) + "\n\n";
  text_operations(r, style, out);
  text_services(r, style, out);
  text_calls(r, style, out);
  if (!r.amplification.empty()) {
    out += "\n" + style.bold("measured amplification") + "\n";
    for (const sim::AmplificationResult& a : r.amplification)
      out += fmt::format(
          "  {}: {:.3f} downstream requests per entry request (calls, retries, callbacks; the "
          "work of the events it caused included)\n",
          a.operation, a.requests_per_entry);
  }
  text_consumers(r, style, out);
  text_brokers(r, style, out);
  text_reconnects(r, style, out);
  text_faults(r, style, out);
  text_spikes(r, style, out);
  text_intervals(r, style, out);
  return out;
}

std::string render_simulate_markdown(const sim::SimulationResult& r) {
  std::string out = "## Simulation\n\n" + header_line(r) + ".\n\n";
  out +=
      "| operation | count | errors | error rate | mean ms | p50 ms | p90 ms | p99 ms | max ms |\n";
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const sim::OperationResult& op : r.operations)
    out += fmt::format(
        "| `{}`{} | {} | {} | {:.3f}% | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {:.2f} |\n", op.name,
        op.entry ? " (entry)" : "", op.count, op.errors, op.error_rate * 100, op.latency.mean_ms,
        op.latency.p50_ms, op.latency.p90_ms, op.latency.p99_ms, op.latency.max_ms);
  out += "\n| service | utilization | rejected | max queue |\n| --- | ---: | ---: | ---: |\n";
  for (const sim::ServiceResult& s : r.services)
    out += fmt::format("| `{}` | {:.1f}% | {} | {} |\n", s.name, s.utilization * 100, s.rejected,
                       s.max_queue);
  if (!r.consumers.empty()) {
    out +=
        "\n| consumer | delivered | duplicates | harmful | out of order | dead-lettered | lost | "
        "lag mean | lag p99 | lag max |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |\n";
    for (const sim::ConsumerResult& c : r.consumers)
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", c.name,
                         c.delivered, c.duplicates, c.harmful_duplicates, c.out_of_order,
                         c.dead_lettered, c.lost, Span{c.lag.mean_ms, SpanStyle::Lag},
                         Span{c.lag.p99_ms, SpanStyle::Lag}, Span{c.lag.max_ms, SpanStyle::Lag});
  }
  if (!r.brokers.empty()) {
    out +=
        "\n| broker | type | published | refused | outboxed | max backlog |\n"
        "| --- | --- | ---: | ---: | ---: | ---: |\n";
    for (const sim::BrokerResult& b : r.brokers)
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", b.name, b.type, b.published,
                         b.publish_failures, b.outboxed, b.max_backlog);
  }
  for (const sim::ReconnectResult& c : r.reconnects)
    out += fmt::format(
        "\nReconnect storm: {} clients to `{}` at {} (jitter {}): {} attempts, peak {:.0f}/s "
        "per second and {:.0f}/s per 10 ms.\n",
        c.clients, c.target, Span{c.at_ms}, Span{c.jitter_ms}, c.attempts, c.peak_per_s,
        c.peak_10ms_per_s);
  if (!r.faults.empty()) {
    out += "\n| fault | at | for | recovery |\n| --- | --- | --- | --- |\n";
    for (const sim::FaultResult& f : r.faults)
      out += fmt::format("| `{}` {} | {} | {} | {} |\n", f.target, f.mode, Span{f.at_ms},
                         Span{f.for_ms}, recovery_text(f.recovery_time_ms));
  }
  if (!r.intervals.empty()) {
    out += fmt::format("\n95% confidence intervals over {} replications:\n\n", r.replications);
    for (const sim::HeadlineIntervals& i : r.intervals)
      out += fmt::format("- `{}`: p99 {} ms, mean {} ms\n", i.operation,
                         interval_text(i.p99_ms, "{:.2f}"), interval_text(i.mean_ms, "{:.2f}"));
  }
  return out;
}

std::string render_series_csv(const sim::SimulationResult& r) {
  const sim::Series& s = r.series;
  std::string out = "time_ms";
  for (const sim::EntrySeries& e : s.entries)
    out += fmt::format(",{0} throughput_per_s,{0} error_rate,{0} p99_ms", e.operation);
  for (const sim::QueueSeries& q : s.queues) out += fmt::format(",{} queue", q.service);
  for (const sim::BacklogSeries& b : s.backlogs) out += fmt::format(",{} backlog", b.broker);
  out += "\n";
  for (std::size_t k = 0; k < s.start_ms.size(); ++k) {
    out += fmt::format("{}", s.start_ms[k]);
    for (const sim::EntrySeries& e : s.entries)
      out += fmt::format(",{},{},{}", e.throughput_per_s[k], e.error_rate[k], e.p99_ms[k]);
    for (const sim::QueueSeries& q : s.queues) out += fmt::format(",{}", q.queue_length[k]);
    for (const sim::BacklogSeries& b : s.backlogs) out += fmt::format(",{}", b.backlog[k]);
    out += "\n";
  }
  return out;
}

}  // namespace ripple::cli
