#pragma once

// What `ripple report` shows, as plain structs: the summary, the architecture diagram with its
// layout, the charts' data and axes, and every table with its cells already formatted (units in
// the column headers). build_report formats what review_design decided (cli/review/
// design_review.h: which figures to headline, the worst-first orders, the hottest path and the
// worst cascade) and lays it out; the HTML and Markdown renderers then only write markup.
// docs/report.md defines every number. Text in here is raw (unescaped): renderers escape it for
// their format.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/render/diagram_layout.h"
#include "cli/review/component_graph.h"
#include "cli/review/design_review.h"
#include "cli/review/sweep_json.h"
#include "model/spec.h"
#include "simulator/results.h"

namespace ripple::cli {

// How a statement should be read: good news, a problem, or neither.
enum class Tone { Neutral, Good, Bad };

struct SummaryItem {
  std::string label;  // "Findings"
  std::string value;  // "0 errors, 2 warnings, 1 info"
  Tone tone = Tone::Neutral;
};

// ---------------------------------------------------------------------------------------------
// Diagram

// Nodes and edges of the component graph (NodeKind, EdgeKind: cli/review/component_graph.h), in
// the graph's order, with what drawing them needs.

struct DiagramNode {
  std::string name;    // full component name
  std::string label;   // name, shortened to fit the box ("..." when cut)
  std::string detail;  // second line: "3 x 200 workers", "kafka, 24 partitions", "40 connections"
  NodeKind kind = NodeKind::Service;
  bool hot = false;                            // on the hottest path
  bool cascade = false;                        // on the worst cascade chain
  double x = 0, y = 0, width = 0, height = 0;  // px, top-left corner and size
};

struct DiagramEdge {
  std::size_t from = 0;  // index into Diagram::nodes
  std::size_t to = 0;
  EdgeKind kind = EdgeKind::Sync;
  std::string label;  // callee operations, event names, "callback order.get", "reads, writes"
  double rate = 0;    // nominal requests, events or deliveries per second on this edge
  bool hot = false;
  bool cascade = false;
  std::vector<Point> points;  // px, polyline from the source box to the target box
  // Where the label's centre goes (px), chosen to avoid boxes and other labels where it can;
  // no label for store edges (their kind says it).
  std::optional<Point> label_at;
};

struct Diagram {
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
  double width = 0, height = 0;      // px
  std::size_t total_components = 0;  // services + brokers + stores in the spec
  std::string cap_note;              // non-empty when only part of the spec is drawn
  std::string hot_path;              // "gateway -> order -> payment (200/s)"; empty when no traffic
  std::string worst_cascade;  // "payments_db down -> payment.charge fails -> ..."; may be empty
};

// ---------------------------------------------------------------------------------------------
// Charts (data space; renderers map to pixels)

struct ChartLine {
  std::string name;
  std::vector<Point> points;  // x: seconds since the start of the run; y: in the chart's unit
};

struct ChartBand {
  double from_s = 0, to_s = 0;  // a fault window, clipped to the chart
  std::string label;            // "payment down"
};

struct Chart {
  std::string id;       // "latency", used for element ids
  std::string title;    // "p99 latency of entry operations"
  std::string y_label;  // "p99 latency (ms)"
  std::string x_label;  // "time since start (s)"
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  std::vector<double> x_ticks, y_ticks;
  std::vector<ChartLine> lines;
  std::vector<ChartBand> faults;
};

// ---------------------------------------------------------------------------------------------
// Tables

struct ReportTable {
  std::string id;                   // "coupling"
  std::string title;                // "Coupling"
  std::string note;                 // what the numbers mean, one or two sentences
  std::vector<std::string> header;  // with units: "p99 (ms)"
  std::vector<char> numeric;        // per column: right-aligned figures
  std::vector<std::vector<std::string>> rows;
  std::size_t total_rows = 0;  // rows before the cap (rows.size() when nothing was cut)
  std::string empty_text;      // shown instead of an empty table
};

// ---------------------------------------------------------------------------------------------

struct Report {
  std::string title;        // spec name
  std::string description;  // spec description, may be empty
  std::string date;         // --date, may be empty (no clock is read)
  std::string verdict;
  Tone verdict_tone = Tone::Neutral;
  // What needs attention, worst first (review.attention): failed and marginal gates, the worst
  // findings, lost events, the entry operations with the highest error rate, with intervals.
  // Renderers show it first.
  std::vector<SummaryItem> attention;
  std::vector<SummaryItem> summary;
  Diagram diagram;
  std::vector<Chart> charts;
  std::string charts_note;          // why charts are missing or partial (lag, no simulation)
  std::vector<ReportTable> tables;  // in report order
  // `--sweep`: each gate and the first figures against the sweep's first axis, one line per
  // combination of the other axes' values; why some are missing; the points as a table.
  std::vector<Chart> sweep_charts;
  std::string sweep_note;
  std::optional<ReportTable> sweep_table;
};

struct ReportInput {
  const model::Spec& spec;
  const analyzers::Analysis& analysis;
  const sim::SimulationResult* simulation = nullptr;  // null with --no-simulate
  const DesignReview& review;                         // review_design(spec, analysis, simulation)
  std::string date;                                   // free text or empty
  const SweepDocument* sweep = nullptr;               // --sweep FILE, or null
};

// Limits that keep the report readable and fast on specs with thousands of components.
inline constexpr std::size_t kMaxDiagramNodes = 60;
inline constexpr std::size_t kMaxTableRows = 200;
inline constexpr std::size_t kMaxChartLines = 6;
inline constexpr std::size_t kMaxChartPoints = 600;

// REQUIRES: `analysis` is analyze(spec) and `simulation`, when given, simulate(spec, ...).
[[nodiscard]] Report build_report(const ReportInput& input);

// Parts, exposed for tests.
// The drawing of `graph` (build_component_graph(spec, ...)): labels, the cap, boxes, layout.
[[nodiscard]] Diagram build_diagram(const model::Spec& spec, const ComponentGraph& graph);
// Every table, in report order (report_tables.cpp).
[[nodiscard]] std::vector<ReportTable> build_tables(const ReportInput& input);
// Charts from the simulation's time series, fault windows shaded; `ranking` is
// rank_simulation(simulation). Empty without a time series.
[[nodiscard]] std::vector<Chart> build_charts(const sim::SimulationResult& simulation,
                                              const SimulationRanking& ranking);
// The sweep's charts, note and table (report_sweep.cpp).
void add_sweep(const SweepDocument& sweep, Report& r);
// Ticks at 1, 2 or 5 x 10^k from 0 to at least `max` (max <= 0 gives 0..1).
[[nodiscard]] std::vector<double> nice_ticks(double max);

}  // namespace ripple::cli
