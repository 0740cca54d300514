// HTML of the design-review report. Layout decisions live in report_model; this file turns
// them into markup. The SVG is inline (no xmlns needed in HTML5), so the page makes no request.

#include "cli/render/render_report_html.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/format/figures.h"
#include "cli/render/escape.h"
#include "cli/render/render_analyze.h"

namespace ripple::cli {
namespace {

constexpr const char* kPalette[] = {"#2563eb", "#db2777", "#059669",
                                    "#d97706", "#7c3aed", "#0891b2"};
// A wide diagram shrinks to fit the page down to this scale, then scrolls (labels stay legible).
constexpr double kMinDiagramScale = 0.6;
constexpr double kChartWidth = 1100, kChartHeight = 260;
constexpr double kPlotLeft = 64, kPlotRight = 16, kPlotTop = 16, kPlotBottom = 44;

constexpr const char* kStyle = R"(
:root{--ink:#1f2933;--muted:#616e7c;--line:#d2d6dc;--bad:#c81e1e;--good:#057a55;--warn:#d97706;
--sync:#374151;--async:#2563eb;--hot:#111827}
*{box-sizing:border-box}
body{margin:0;background:#f7f8fa;color:var(--ink);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:22px 0 6px}
p{margin:6px 0}.muted{color:var(--muted)}.note{color:var(--muted);max-width:900px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f3;padding:0 3px;border-radius:3px}
.verdict{font-size:16px;font-weight:600;padding:10px 14px;border-radius:6px;background:#eef0f3;border-left:5px solid var(--muted)}
.verdict.bad{background:#fdecec;border-color:var(--bad)}.verdict.good{background:#e6f6ef;border-color:var(--good)}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:12px 0}
dl.summary dt{font-weight:600}dl.summary dd{margin:0}dd.bad{color:var(--bad)}dd.good{color:var(--good)}
.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0;color:var(--muted);font-size:12.5px}
.legend span{display:inline-flex;align-items:center;gap:6px}
table{border-collapse:collapse;background:#fff;font-size:13px;margin:6px 0}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left}
th{background:#eef0f3;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.tablewrap{overflow-x:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.node rect,.node path,.node polygon{fill:#fff;stroke:#52606d;stroke-width:1.4}
.node.broker polygon{fill:#eff6ff;stroke:#2563eb}.node.store path{fill:#f5f3ff;stroke:#7c3aed}
.node.hot rect,.node.hot path,.node.hot polygon{stroke:var(--hot);stroke-width:3}
.node.cascade rect,.node.cascade path,.node.cascade polygon{stroke:var(--bad);stroke-width:3;fill:#fdecec}
.node .label{font-size:12px;font-weight:600;fill:var(--ink)}.node .detail{font-size:10.5px;fill:var(--muted)}
.edge{fill:none;stroke-width:1.5}.edge.sync{stroke:var(--sync)}.edge.publish,.edge.consume{stroke:var(--async);stroke-dasharray:6 4}
.edge.callback{stroke:var(--warn);stroke-width:2;stroke-dasharray:2 3}.edge.store{stroke:#9aa5b1}
.edge.hot{stroke-width:3.6}.edge.cascade{stroke:var(--bad);stroke-width:3}
.elabel{font-size:10px;fill:#3e4c59;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.elabel.callback{fill:#b45309}
.axis line,.axis path{stroke:#9aa5b1}.grid line{stroke:#e4e7eb}.tick{font-size:11px;fill:var(--muted)}
.axis-title{font-size:11.5px;fill:var(--ink)}.band{fill:#fde2e2}.band-label{font-size:10px;fill:var(--bad)}
.series{fill:none;stroke-width:1.6}
svg.fit{max-width:100%;height:auto;display:block}
)";

std::string num(double v) { return fmt::format("{:.1f}", v); }

// Escaped text in which `code` spans become <code> elements.
std::string rich(std::string_view text) {
  const std::string escaped = markup_escape(text);
  std::string out;
  bool open = false;
  for (char c : escaped) {
    if (c == '`') {
      out += open ? "</code>" : "<code>";
      open = !open;
    } else {
      out += c;
    }
  }
  if (open) out += "</code>";
  return out;
}

const char* tone_class(Tone tone) {
  switch (tone) {
    case Tone::Good:
      return "good";
    case Tone::Bad:
      return "bad";
    case Tone::Neutral:
      break;
  }
  return "neutral";
}

std::string head(const Report& r) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Ripple report: " +
         markup_escape(r.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
}

std::string attention(const Report& r) {
  std::string out = "<section id=\"attention\">\n<h2>Needs attention</h2>\n";
  if (r.attention.empty())
    return out +
           "<p>Nothing: every gate passes, no error or warning finding, no event lost.</p>\n"
           "</section>\n";
  out += "<dl class=\"summary\">\n";
  for (const SummaryItem& item : r.attention)
    out += fmt::format("<dt>{}</dt><dd class=\"{}\">{}</dd>\n", markup_escape(item.label),
                       tone_class(item.tone), rich(item.value));
  return out + "</dl>\n</section>\n";
}

std::string summary(const Report& r) {
  std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n";
  out +=
      fmt::format("<p class=\"verdict {}\">{}</p>\n", tone_class(r.verdict_tone), rich(r.verdict));
  out += "<dl class=\"summary\">\n";
  for (const SummaryItem& item : r.summary)
    out += fmt::format("<dt>{}</dt><dd class=\"{}\">{}</dd>\n", markup_escape(item.label),
                       tone_class(item.tone), rich(item.value));
  return out + "</dl>\n</section>\n";
}

// A smooth path through the points: horizontal tangents at every point.
std::string curve(const std::vector<Point>& points) {
  if (points.empty()) return "";
  std::string d = "M" + num(points[0].x) + " " + num(points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) {
    const Point p = points[i - 1], q = points[i];
    const double dx = (q.x - p.x) / 2;
    d += fmt::format(" C{} {} {} {} {} {}", num(p.x + dx), num(p.y), num(q.x - dx), num(q.y),
                     num(q.x), num(q.y));
  }
  return d;
}

const char* edge_class(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::Sync:
      return "sync";
    case EdgeKind::Publish:
      return "publish";
    case EdgeKind::Consume:
      return "consume";
    case EdgeKind::Callback:
      return "callback";
    case EdgeKind::Store:
      return "store";
  }
  return "sync";
}

std::string marker_for(const DiagramEdge& e) {
  if (e.cascade) return "a-cascade";
  if (e.kind == EdgeKind::Callback) return "a-callback";
  if (e.kind == EdgeKind::Publish || e.kind == EdgeKind::Consume) return "a-async";
  if (e.kind == EdgeKind::Store) return "a-store";
  return "a-sync";
}

std::string markers() {
  std::string out = "<defs>";
  for (const auto& [id, colour] : {std::pair{"a-sync", "#374151"},
                                   {"a-async", "#2563eb"},
                                   {"a-callback", "#d97706"},
                                   {"a-store", "#9aa5b1"},
                                   {"a-cascade", "#c81e1e"}})
    out += fmt::format(
        "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" "
        "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path "
        "d=\"M0 0L10 5L0 10z\" "
        "fill=\"{}\"/></marker>",
        id, colour);
  return out + "</defs>\n";
}

std::string edge_svg(const Diagram& d, const DiagramEdge& e) {
  std::string cls = std::string("edge ") + edge_class(e.kind);
  if (e.hot) cls += " hot";
  if (e.cascade) cls += " cascade";
  const std::string title = fmt::format("{} -> {}: {} ({} nominal)", d.nodes[e.from].name,
                                        d.nodes[e.to].name, e.label, Rate{e.rate});
  std::string out =
      fmt::format("<path class=\"{}\" d=\"{}\" marker-end=\"url(#{})\"><title>{}</title></path>\n",
                  cls, curve(e.points), marker_for(e), markup_escape(title));
  return out;
}

std::string edge_label_svg(const DiagramEdge& e) {
  if (!e.label_at) return "";
  return fmt::format(
      "<text class=\"elabel {}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
      edge_class(e.kind), num(e.label_at->x), num(e.label_at->y + 3), markup_escape(e.label));
}

std::string node_shape(const DiagramNode& n) {
  const double x = n.x, y = n.y, w = n.width, h = n.height;
  switch (n.kind) {
    case NodeKind::Service:
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>", num(x),
                         num(y), num(w), num(h));
    case NodeKind::Broker:
      return fmt::format("<polygon points=\"{},{} {},{} {},{} {},{} {},{} {},{}\"/>", num(x + 10),
                         num(y), num(x + w - 10), num(y), num(x + w), num(y + h / 2),
                         num(x + w - 10), num(y + h), num(x + 10), num(y + h), num(x),
                         num(y + h / 2));
    case NodeKind::Store:
      break;
  }
  const double ry = 7;
  return fmt::format(
      "<path d=\"M{0} {1}A{2} {3} 0 0 1 {4} {1}V{5}A{2} {3} 0 0 1 {0} {5}Z M{0} {1}A{2} {3} 0 0 "
      "0 {4} {1}\"/>",
      num(x), num(y + ry), num(w / 2), num(ry), num(x + w), num(y + h - ry));
}

std::string node_svg(const DiagramNode& n) {
  const char* kind = n.kind == NodeKind::Service  ? "service"
                     : n.kind == NodeKind::Broker ? "broker"
                                                  : "store";
  std::string cls =
      std::string("node ") + kind + (n.hot ? " hot" : "") + (n.cascade ? " cascade" : "");
  const double cx = n.x + n.width / 2, top = n.y + (n.kind == NodeKind::Store ? 8 : 0);
  return fmt::format(
      "<g class=\"{}\"><title>{} ({}): {}</title>{}<text class=\"label\" x=\"{}\" y=\"{}\" "
      "text-anchor=\"middle\">{}</text><text class=\"detail\" x=\"{}\" y=\"{}\" "
      "text-anchor=\"middle\">{}</text></g>\n",
      cls, markup_escape(n.name), kind, markup_escape(n.detail), node_shape(n), num(cx),
      num(top + 19), markup_escape(n.label), num(cx), num(top + 34), markup_escape(n.detail));
}

std::string legend_item(const std::string& swatch, const std::string& text) {
  return "<span><svg width=\"34\" height=\"14\" aria-hidden=\"true\">" + swatch + "</svg>" + text +
         "</span>";
}

std::string legend() {
  auto line = [](const char* cls) {
    return fmt::format("<path class=\"edge {}\" d=\"M2 7H32\"/>", cls);
  };
  std::string out = "<div class=\"legend\">";
  out += legend_item(
      "<g class=\"node\"><rect x=\"2\" y=\"1\" width=\"30\" height=\"12\" rx=\"3\"/></g>",
      "service");
  out += legend_item(
      "<g class=\"node broker\"><polygon points=\"6,1 28,1 32,7 28,13 6,13 2,7\"/></g>", "broker");
  out += legend_item(
      "<g class=\"node store\"><path d=\"M6 3A11 2 0 0 1 28 3V11A11 2 0 0 1 6 11Z\"/></g>",
      "store");
  out += legend_item(line("sync"), "sync call");
  out += legend_item(line("publish"), "publish / consume (async)");
  out += legend_item(line("callback"), "callback: hidden coupling");
  out += legend_item(line("store"), "store reads / writes");
  out += legend_item(line("sync hot"), "hottest path by rate");
  out += legend_item(line("sync cascade"), "worst cascade chain");
  return out + "</div>\n";
}

std::string architecture(const Report& r) {
  const Diagram& d = r.diagram;
  std::string out = "<section id=\"architecture\">\n<h2>Architecture</h2>\n";
  out +=
      "<p class=\"note\">Components flow left to right from entry services to what they call, "
      "publish to and store in. Hover an element for its figures.</p>\n";
  if (!d.hot_path.empty())
    out += "<p><strong>Hottest path:</strong> " + markup_escape(d.hot_path) + "</p>\n";
  if (!d.worst_cascade.empty())
    out += "<p><strong>Worst cascade:</strong> " + markup_escape(d.worst_cascade) + "</p>\n";
  if (!d.cap_note.empty()) out += "<p class=\"note\">" + markup_escape(d.cap_note) + "</p>\n";
  out += legend();
  out += fmt::format(
      "<div class=\"panel\"><svg id=\"diagram\" class=\"fit\" role=\"img\" "
      "aria-label=\"architecture diagram\" "
      "width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" style=\"min-width:{2}px\">\n",
      num(d.width), num(d.height), num(d.width * kMinDiagramScale));
  out += markers();
  for (const DiagramEdge& e : d.edges) out += edge_svg(d, e);
  for (const DiagramNode& n : d.nodes) out += node_svg(n);
  for (const DiagramEdge& e : d.edges) out += edge_label_svg(e);
  return out + "</svg></div>\n</section>\n";
}

struct Plot {
  const Chart& c;
  double width = kChartWidth - kPlotLeft - kPlotRight;
  double height = kChartHeight - kPlotTop - kPlotBottom;
  [[nodiscard]] double x(double v) const {
    return kPlotLeft + (v - c.x_min) / (c.x_max - c.x_min) * width;
  }
  [[nodiscard]] double y(double v) const {
    return kPlotTop + height - (v - c.y_min) / (c.y_max - c.y_min) * height;
  }
};

std::string chart_axes(const Plot& p) {
  const Chart& c = p.c;
  std::string out = "<g class=\"grid\">";
  for (double t : c.y_ticks)
    out += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(kPlotLeft),
                       num(kPlotLeft + p.width), num(p.y(t)), num(p.y(t)));
  out += "</g><g class=\"axis\">";
  out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", num(kPlotLeft),
                     num(kPlotTop), num(kPlotTop + p.height));
  out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>", num(kPlotLeft),
                     num(kPlotLeft + p.width), num(kPlotTop + p.height));
  out += "</g>";
  for (double t : c.y_ticks)
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                       num(kPlotLeft - 6), num(p.y(t) + 4), Figure{t});
  for (double t : c.x_ticks)
    if (t <= c.x_max * (1 + 1e-9))
      out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                         num(p.x(t)), num(kPlotTop + p.height + 16), Figure{t});
  out +=
      fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                  num(kPlotLeft + p.width / 2), num(kChartHeight - 6), markup_escape(c.x_label));
  out += fmt::format(
      "<text class=\"axis-title\" transform=\"translate(14 {}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      num(kPlotTop + p.height / 2), markup_escape(c.y_label));
  return out;
}

std::string chart_svg(const Chart& c) {
  const Plot p{c};
  std::string out = fmt::format("<h3>{}</h3>\n<div class=\"panel\">", markup_escape(c.title));
  out += fmt::format(
      "<svg id=\"chart-{0}\" class=\"chart fit\" role=\"img\" aria-label=\"{1}\" width=\"{2}\" "
      "height=\"{3}\" viewBox=\"0 0 {2} {3}\">\n",
      markup_escape(c.id), markup_escape(c.title), num(kChartWidth), num(kChartHeight));
  for (const ChartBand& b : c.faults)
    out += fmt::format(
        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>fault: {}"
        "</title></rect>\n",
        num(p.x(b.from_s)), num(kPlotTop), num(p.x(b.to_s) - p.x(b.from_s)), num(p.height),
        markup_escape(b.label));
  for (std::size_t i = 0; i < c.faults.size(); ++i)
    out += fmt::format("<text class=\"band-label\" x=\"{}\" y=\"{}\">{}</text>\n",
                       num(p.x(c.faults[i].from_s) + 2), num(kPlotTop + 10 + 11.0 * (i % 3)),
                       markup_escape(c.faults[i].label));
  out += chart_axes(p);
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    std::vector<std::string> points;
    for (const Point& pt : c.lines[i].points)
      points.push_back(num(p.x(pt.x)) + "," + num(p.y(pt.y)));
    out += fmt::format(
        "<polyline class=\"series\" stroke=\"{}\" points=\"{}\"><title>{}</title></polyline>\n",
        kPalette[i % std::size(kPalette)], fmt::join(points, " "), markup_escape(c.lines[i].name));
  }
  out += "</svg>\n<div class=\"legend\">";
  for (std::size_t i = 0; i < c.lines.size(); ++i)
    out += legend_item(fmt::format("<path d=\"M2 7H32\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                                   kPalette[i % std::size(kPalette)]),
                       markup_escape(c.lines[i].name));
  if (!c.faults.empty())
    out += legend_item("<rect class=\"band\" x=\"2\" y=\"1\" width=\"30\" height=\"12\"/>",
                       "fault window");
  return out + "</div></div>\n";
}

std::string charts(const Report& r) {
  std::string out = "<section id=\"charts\">\n<h2>Over time</h2>\n";
  out +=
      "<p class=\"note\">From the simulation's time series (one point per step; when a run has "
      "more steps than fit, each point is the peak of its bucket). Shaded: fault windows.</p>\n";
  for (const Chart& c : r.charts) out += chart_svg(c);
  if (!r.charts_note.empty()) out += "<p class=\"note\">" + rich(r.charts_note) + "</p>\n";
  return out + "</section>\n";
}

std::string table_html(const ReportTable& t) {
  std::string out = fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                                markup_escape(t.id), markup_escape(t.title), rich(t.note));
  if (t.rows.empty()) return out + "<p>" + rich(t.empty_text) + "</p>\n</section>\n";
  if (t.total_rows > t.rows.size())
    out += fmt::format("<p class=\"note\">Showing the first {} of {} rows.</p>\n", t.rows.size(),
                       t.total_rows);
  out += "<div class=\"tablewrap\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += fmt::format("<th{}>{}</th>", t.numeric[c] ? " class=\"n\"" : "",
                       markup_escape(t.header[c]));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      out += fmt::format("<td{}>{}</td>", t.numeric[c] ? " class=\"n\"" : "", rich(row[c]));
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n</section>\n";
}

}  // namespace

std::string render_report_html(const Report& r) {
  std::string out = head(r) + "<body>\n<main>\n<header>\n<h1>" + markup_escape(r.title) + "</h1>\n";
  if (!r.description.empty()) out += "<p>" + markup_escape(r.description) + "</p>\n";
  out += "<p class=\"muted\">Ripple design-review report";
  if (!r.date.empty()) out += " &middot; " + markup_escape(r.date);
  out += "</p>\n</header>\n";
  out += attention(r);
  out += summary(r);
  out += architecture(r);
  out += charts(r);
  if (r.sweep_table) {
    out += "<section id=\"sweep-charts\">\n<h2>" +
           std::string(r.sweep_table->title == "Sweep" ? "Sweep" : "Capacity search") +
           "</h2>\n<p class=\"note\">" + rich(r.sweep_table->note) + "</p>\n";
    for (const Chart& c : r.sweep_charts) out += chart_svg(c);
    if (!r.sweep_note.empty()) out += "<p class=\"note\">" + rich(r.sweep_note) + "</p>\n";
    out += "</section>\n" + table_html(*r.sweep_table);
  }
  for (const ReportTable& t : r.tables) out += table_html(t);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace ripple::cli
