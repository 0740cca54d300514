// The report's sweep section (`ripple report SPEC --sweep SWEEP.json`): charts of each gate and
// of the first default figures against the sweep's first axis, and the points as a table.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "cli/format/figures.h"
#include "cli/render/report_model.h"

namespace ripple::cli {
namespace {

// Default figures charted besides the gates.
constexpr std::size_t kSweepFigureCharts = 2;

// "services.payment.replicas=2, brokers.bus.partitions=12": the other axes of a point.
std::string others_label(const SweepResult& r, const SweepPoint& p) {
  std::string label;
  for (std::size_t a = 1; a < r.axes.size() && a < p.values.size(); ++a)
    label += (label.empty() ? "" : ", ") + r.axes[a].path + "=" + p.values[a];
  return label;
}

std::optional<Chart> chart_of(const SweepResult& r, const std::string& id, bool gate,
                              std::size_t index) {
  const Axis& x = r.axes.front();
  std::map<std::string, ChartLine> lines;  // by the other axes' values
  std::vector<std::string> order;
  std::string name;
  std::string unit;
  double y_max = 0;
  for (const SweepPoint& p : r.points) {
    if (!p.error.empty()) continue;
    const auto& values = gate ? p.gates : p.figures;
    if (index >= values.size() || !values[index].value) continue;
    const PointValue& v = values[index];
    name = v.name;
    unit = v.unit;
    const auto at = std::find(x.values.begin(), x.values.end(), p.values.front());
    if (at == x.values.end()) continue;
    const double xv = x.numbers[static_cast<std::size_t>(at - x.values.begin())];
    const double yv = *v.value * (unit == "ratio" ? 100 : 1);
    if (!std::isfinite(xv) || !std::isfinite(yv)) continue;
    const std::string key = others_label(r, p);
    if (!lines.count(key)) {
      if (order.size() >= kMaxChartLines) continue;
      order.push_back(key);
      lines[key].name = key.empty() ? name : key;
    }
    lines[key].points.push_back({xv, yv});
    y_max = std::max(y_max, yv);
  }
  if (order.empty()) return std::nullopt;
  Chart c;
  c.id = id;
  c.title = (gate ? "Gate " : "") + name + " against " + x.path;
  c.y_label = name + (unit == "ms" ? " (ms)" : unit == "ratio" ? " (%)" : "");
  c.x_label = x.path + (x.unit.empty() ? "" : " (" + x.unit + ")");
  double x_lo = *std::min_element(x.numbers.begin(), x.numbers.end());
  double x_hi = *std::max_element(x.numbers.begin(), x.numbers.end());
  c.x_ticks = nice_ticks(x_hi);
  c.x_min = std::min(0.0, x_lo);
  c.x_max = c.x_ticks.empty() ? std::max(1.0, x_hi) : std::max(x_hi, c.x_ticks.back());
  c.y_ticks = nice_ticks(y_max);
  c.y_min = 0;
  c.y_max = c.y_ticks.empty() ? std::max(1.0, y_max) : c.y_ticks.back();
  for (const std::string& key : order) {
    ChartLine line = lines[key];
    std::sort(line.points.begin(), line.points.end(),
              [](const Point& a, const Point& b) { return a.x < b.x; });
    c.lines.push_back(std::move(line));
  }
  return c;
}

std::string shown(const PointValue& v) {
  if (!v.value) return "-";
  const auto f = [&](double x) {
    return v.unit == "ratio" ? to_string(Figure{x * 100, FigureStyle::Significant}) + "%"
                             : to_string(Figure{x, FigureStyle::Significant});
  };
  std::string text = f(*v.value);
  if (v.ci) text += " [" + f(v.ci->low) + ", " + f(v.ci->high) + "]";
  return text;
}

ReportTable sweep_table(const SweepDocument& doc) {
  const SweepResult& r = doc.result;
  ReportTable t;
  t.id = "sweep";
  t.title = doc.find ? "Capacity search" : "Sweep";
  t.note = fmt::format(
      "{} points of `{}`, each over {} replications (seed {}, {} simulated each; the same seeds "
      "at every point); values are means with their 95% interval.",
      r.points.size(), r.spec_name, r.replications, r.seed,
      to_string(Span{r.simulated_ms, SpanStyle::Run}));
  if (doc.find && doc.find->value)
    t.note += fmt::format(
        " Found: the {} `{}` for which `{}` holds is {}{} (boundary in [{}, {}]).",
        doc.find->direction, doc.find->path, doc.find->gate, plain_number(*doc.find->value),
        r.axes.front().unit, plain_number(doc.find->low), plain_number(doc.find->high));
  for (const Axis& a : r.axes) t.header.push_back(a.path);
  t.header.push_back("gates");
  const SweepPoint* sample = nullptr;
  for (const SweepPoint& p : r.points)
    if (p.error.empty()) {
      sample = &p;
      break;
    }
  if (sample) {
    for (const PointValue& v : sample->gates) t.header.push_back(v.name);
    for (std::size_t i = 0; i < std::min<std::size_t>(4, sample->figures.size()); ++i)
      t.header.push_back(sample->figures[i].name +
                         (sample->figures[i].unit == "ms" ? " (ms)" : ""));
  }
  t.numeric.assign(t.header.size(), 0);
  for (const SweepPoint& p : r.points) {
    if (t.rows.size() >= kMaxTableRows) break;
    std::vector<std::string> row = p.values;
    if (!p.error.empty()) {
      row.push_back("error: " + p.error);
      row.resize(t.header.size());
      t.rows.push_back(std::move(row));
      continue;
    }
    row.push_back(p.gates.empty() ? "-" : p.passed ? "pass" : "fail");
    for (const PointValue& v : p.gates) row.push_back(shown(v) + " " + v.verdict);
    for (std::size_t i = 0; i < std::min<std::size_t>(4, p.figures.size()); ++i)
      row.push_back(shown(p.figures[i]));
    row.resize(t.header.size());
    t.rows.push_back(std::move(row));
  }
  t.total_rows = r.points.size();
  t.empty_text = "The sweep holds no points.";
  return t;
}

}  // namespace

void add_sweep(const SweepDocument& sweep, Report& r) {
  const SweepResult& s = sweep.result;
  r.sweep_table = sweep_table(sweep);
  if (s.axes.empty()) return;
  const Axis& x = s.axes.front();
  if (std::any_of(x.numbers.begin(), x.numbers.end(), [](double v) { return !std::isfinite(v); })) {
    r.sweep_note = "No sweep charts: the first --vary axis (`" + x.path + "`) is not numeric.";
    return;
  }
  const SweepPoint* sample = nullptr;
  for (const SweepPoint& p : s.points)
    if (p.error.empty()) {
      sample = &p;
      break;
    }
  if (!sample) return;
  for (std::size_t g = 0; g < sample->gates.size(); ++g)
    if (auto c = chart_of(s, "sweep-gate-" + std::to_string(g), true, g))
      r.sweep_charts.push_back(std::move(*c));
  for (std::size_t f = 0; f < std::min(kSweepFigureCharts, sample->figures.size()); ++f)
    if (auto c = chart_of(s, "sweep-figure-" + std::to_string(f), false, f))
      r.sweep_charts.push_back(std::move(*c));
  if (s.axes.size() > 1)
    r.sweep_note = "One line per combination of the other axes (at most " +
                   std::to_string(kMaxChartLines) + "); the table lists every point.";
}

}  // namespace ripple::cli
