// The architecture diagram of the report (part of report_model.h): the component graph of
// cli/review/component_graph.h (its hottest path and worst cascade chain already marked) with
// labels, capped to the most important components, then laid out by layout_layered.

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

#include "cli/format/figures.h"
#include "cli/render/render_analyze.h"
#include "cli/render/report_model.h"

namespace ripple::cli {
namespace {

using model::Spec;

constexpr std::size_t kLabelChars = 26;
constexpr std::size_t kEdgeLabelNames = 2;
constexpr double kCharWidth = 7.2;  // px per character at the diagram's 12px font
constexpr double kBoxPadding = 26;
constexpr double kMinBoxWidth = 96;
constexpr double kColumnGap = 140;       // px: room for edge labels between columns
constexpr double kLabelCharWidth = 5.6;  // px per character at the 10px edge-label font

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit - 3) + "...";
}

// The second line of a box: "3 x 200 workers", "kafka, 24 partitions", "40 connections".
std::string node_detail(const Spec& spec, const ComponentNode& n) {
  switch (n.kind) {
    case NodeKind::Service: {
      const model::Service& s = spec.services[n.element];
      return fmt::format("{} x {} workers", s.replicas, s.workers);
    }
    case NodeKind::Broker: {
      const model::Broker& b = spec.brokers[n.element];
      std::string detail = model::to_string(b.type);
      if (b.type == model::BrokerType::Kafka)
        detail += fmt::format(", {} partitions", b.partitions);
      return detail;
    }
    case NodeKind::Store:
      break;
  }
  return fmt::format("{} connections", spec.stores[n.element].connections);
}

std::string edge_label(EdgeKind kind, const std::vector<std::string>& names) {
  const std::size_t shown = std::min(kEdgeLabelNames, names.size());
  std::string text =
      fmt::format("{}", fmt::join(names.begin(), names.begin() + static_cast<long>(shown), ", "));
  if (names.size() > shown) text += fmt::format(" +{}", names.size() - shown);
  return kind == EdgeKind::Callback ? "callback " + text : text;
}

void copy_graph(const Spec& spec, const ComponentGraph& g, Diagram& d) {
  for (const ComponentNode& n : g.nodes) {
    DiagramNode node{n.name, shorten(n.name, kLabelChars), node_detail(spec, n), n.kind};
    node.hot = n.hot;
    node.cascade = n.cascade;
    d.nodes.push_back(std::move(node));
  }
  for (const ComponentEdge& e : g.edges) {
    DiagramEdge edge;
    edge.from = e.from;
    edge.to = e.to;
    edge.kind = e.kind;
    edge.rate = e.rate;
    edge.label = edge_label(e.kind, e.names);
    edge.hot = e.hot;
    edge.cascade = e.cascade;
    d.edges.push_back(std::move(edge));
  }
}

// "gateway -> order -> payment (200/s at its first hop)".
std::string hot_path_text(const ComponentGraph& g) {
  if (g.hot_path.empty()) return "";
  std::string text = g.nodes[g.edges[g.hot_path.front()].from].name;
  for (std::size_t e : g.hot_path) text += " -> " + g.nodes[g.edges[e].to].name;
  return text + fmt::format(" ({} at its first hop)", Rate{g.edges[g.hot_path.front()].rate});
}

// Keeps the most important nodes: marked ones, then by traffic through them, then by degree.
void cap_nodes(Diagram& d) {
  const std::size_t n = d.nodes.size();
  if (n <= kMaxDiagramNodes) return;
  std::vector<double> traffic(n, 0);
  std::vector<int> degree(n, 0);
  for (const DiagramEdge& e : d.edges) {
    traffic[e.from] += e.rate;
    traffic[e.to] += e.rate;
    ++degree[e.from];
    ++degree[e.to];
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](std::size_t i) {
    return std::make_tuple(d.nodes[i].hot || d.nodes[i].cascade, traffic[i], degree[i]);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return key(x) > key(y); });
  order.resize(kMaxDiagramNodes);
  std::sort(order.begin(), order.end());
  std::vector<std::size_t> new_index(n, n);
  std::vector<DiagramNode> kept;
  for (std::size_t i : order) {
    new_index[i] = kept.size();
    kept.push_back(std::move(d.nodes[i]));
  }
  std::vector<DiagramEdge> edges;
  for (DiagramEdge& e : d.edges)
    if (new_index[e.from] < n && new_index[e.to] < n) {
      e.from = new_index[e.from];
      e.to = new_index[e.to];
      edges.push_back(std::move(e));
    }
  d.nodes = std::move(kept);
  d.edges = std::move(edges);
  d.cap_note = fmt::format(
      "The diagram shows {} of {} components: the hottest path, the worst cascade and then the "
      "busiest by nominal traffic. The tables below cover every component.",
      kMaxDiagramNodes, n);
}

void size_nodes(Diagram& d) {
  for (DiagramNode& node : d.nodes) {
    const std::size_t chars = std::max(node.label.size(), node.detail.size());
    node.width = std::max(kMinBoxWidth, static_cast<double>(chars) * kCharWidth + kBoxPadding);
    node.height = node.kind == NodeKind::Store ? 54 : 44;
  }
}

void apply_layout(Diagram& d) {
  std::vector<LayoutNode> nodes;
  for (const DiagramNode& node : d.nodes) nodes.push_back({node.width, node.height});
  std::vector<LayoutEdge> edges;
  for (const DiagramEdge& e : d.edges)
    edges.push_back({e.from, e.to, e.kind != EdgeKind::Callback});
  LayoutOptions options;
  options.gap_x = kColumnGap;
  Layout layout = layout_layered(nodes, edges, options);
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    d.nodes[i].x = layout.positions[i].x;
    d.nodes[i].y = layout.positions[i].y;
  }
  for (std::size_t e = 0; e < d.edges.size(); ++e) d.edges[e].points = std::move(layout.edges[e]);
  d.width = layout.width;
  d.height = layout.height;
}

struct Box {
  double x0, y0, x1, y1;
  [[nodiscard]] bool hits(const Box& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

// A point of the drawn curve between p and q (horizontal tangents at both ends), 0 <= t <= 1.
Point on_curve(Point p, Point q, double t) {
  const double dx = (q.x - p.x) / 2, u = 1 - t;
  const double x =
      u * u * u * p.x + 3 * u * u * t * (p.x + dx) + 3 * u * t * t * (q.x - dx) + t * t * t * q.x;
  const double y = u * u * u * p.y + 3 * u * u * t * p.y + 3 * u * t * t * q.y + t * t * t * q.y;
  return {x, y};
}

Box label_box(Point centre, const std::string& label) {
  const double half = static_cast<double>(label.size()) * kLabelCharWidth / 2 + 2;
  return {centre.x - half, centre.y - 7, centre.x + half, centre.y + 5};
}

// Greedy: calls first, then callbacks, then events; each label takes the first spot along its
// edge that hits no box and no earlier label, else the middle of the edge.
void place_labels(Diagram& d) {
  std::vector<Box> taken;
  for (const DiagramNode& n : d.nodes)
    taken.push_back({n.x - 2, n.y - 2, n.x + n.width + 2, n.y + n.height + 2});
  for (EdgeKind kind : {EdgeKind::Sync, EdgeKind::Callback, EdgeKind::Publish, EdgeKind::Consume})
    for (DiagramEdge& e : d.edges) {
      if (e.kind != kind || e.points.size() < 2) continue;
      std::vector<Point> spots;
      const std::size_t middle = (e.points.size() - 1) / 2;
      for (double t : {0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9})
        for (std::size_t k = 0; k + 1 < e.points.size(); ++k) {
          const std::size_t seg = (middle + k) % (e.points.size() - 1);
          const Point p = on_curve(e.points[seg], e.points[seg + 1], t);
          for (double dy : {0.0, -9.0, 9.0}) spots.push_back({p.x, p.y + dy});
        }
      // The spot hitting the fewest boxes and labels (the first such one).
      Point chosen = spots.front();
      std::size_t fewest = taken.size() + 1;
      for (const Point& spot : spots) {
        const Box box = label_box(spot, e.label);
        const auto hits = static_cast<std::size_t>(
            std::count_if(taken.begin(), taken.end(), [&](const Box& b) { return b.hits(box); }));
        if (hits < fewest) {
          fewest = hits;
          chosen = spot;
        }
        if (hits == 0) break;
      }
      e.label_at = chosen;
      taken.push_back(label_box(chosen, e.label));
    }
}

}  // namespace

Diagram build_diagram(const Spec& spec, const ComponentGraph& graph) {
  Diagram d;
  copy_graph(spec, graph, d);
  d.total_components = d.nodes.size();
  d.hot_path = hot_path_text(graph);
  if (!graph.worst_chain.empty()) d.worst_cascade = cascade_chain_text(graph.worst_chain);
  cap_nodes(d);
  size_nodes(d);
  apply_layout(d);
  place_labels(d);
  return d;
}

}  // namespace ripple::cli
