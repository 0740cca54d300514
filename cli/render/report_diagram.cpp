// The architecture diagram of the report (part of report_model.h): components as nodes, calls,
// publishes, deliveries, callbacks and store accesses as edges aggregated per pair of components,
// the hottest path and the worst cascade chain marked, then laid out by layout_layered.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "cli/render/render_analyze.h"
#include "cli/render/report_model.h"

namespace ripple::cli {
namespace {

using analyzers::Analysis;
using model::Spec;

constexpr std::size_t kLabelChars = 26;
constexpr std::size_t kEdgeLabelNames = 2;
constexpr double kCharWidth = 7.2;  // px per character at the diagram's 12px font
constexpr double kBoxPadding = 26;
constexpr double kMinBoxWidth = 96;
constexpr double kColumnGap = 140;       // px: room for edge labels between columns
constexpr double kLabelCharWidth = 5.6;  // px per character at the 10px edge-label font

struct EdgeKey {
  std::size_t from, to;
  EdgeKind kind;
  auto operator<=>(const EdgeKey&) const = default;
};

struct EdgeDraft {
  std::vector<std::string> names;  // distinct, first-seen order
  double rate = 0;
};

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit - 3) + "...";
}

// Builds the full component graph of the spec (before capping).
class GraphBuilder {
 public:
  GraphBuilder(const Spec& spec, const Analysis& analysis) : spec_(spec), a_(analysis) {}

  void build(std::vector<DiagramNode>& nodes, std::vector<DiagramEdge>& edges) {
    add_nodes(nodes);
    for (const model::Operation& op : spec_.operations)
      add_work(static_cast<std::size_t>(op.service), op.work, op_rate(op));
    for (std::size_t c = 0; c < spec_.consumers.size(); ++c) add_consumer(c);
    for (const auto& [key, draft] : drafts_) {
      DiagramEdge e;
      e.from = key.from;
      e.to = key.to;
      e.kind = key.kind;
      e.rate = draft.rate;
      e.label = edge_label(key.kind, draft.names);
      edges.push_back(std::move(e));
    }
  }

  [[nodiscard]] std::size_t broker_node(model::BrokerId b) const {
    return spec_.services.size() + static_cast<std::size_t>(b);
  }
  [[nodiscard]] std::size_t store_node(model::StoreId s) const {
    return spec_.services.size() + spec_.brokers.size() + static_cast<std::size_t>(s);
  }

 private:
  double op_rate(const model::Operation& op) const {
    const auto id = static_cast<std::size_t>(&op - spec_.operations.data());
    return id < a_.rates.operations.size() ? a_.rates.operations[id] : 0;
  }

  void add_nodes(std::vector<DiagramNode>& nodes) const {
    for (const model::Service& s : spec_.services)
      nodes.push_back({s.name, shorten(s.name, kLabelChars),
                       fmt::format("{} x {} workers", s.replicas, s.workers), NodeKind::Service});
    for (const model::Broker& b : spec_.brokers) {
      std::string detail = model::to_string(b.type);
      if (b.type == model::BrokerType::Kafka)
        detail += fmt::format(", {} partitions", b.partitions);
      nodes.push_back({b.name, shorten(b.name, kLabelChars), detail, NodeKind::Broker});
    }
    for (const model::Store& s : spec_.stores)
      nodes.push_back({s.name, shorten(s.name, kLabelChars),
                       fmt::format("{} connections", s.connections), NodeKind::Store});
  }

  void note(std::size_t from, std::size_t to, EdgeKind kind, const std::string& name, double rate) {
    EdgeDraft& d = drafts_[{from, to, kind}];
    if (std::find(d.names.begin(), d.names.end(), name) == d.names.end()) d.names.push_back(name);
    d.rate += rate;
  }

  void add_work(std::size_t from, const model::Work& work, double rate) {
    for (const model::Call& call : work.calls) {
      const model::Operation& target = spec_.operations[static_cast<std::size_t>(call.target)];
      note(from, static_cast<std::size_t>(target.service), EdgeKind::Sync, target.full_name,
           rate * call.probability);
    }
    for (const model::Publish& p : work.publishes) {
      const model::Event& event = spec_.events[static_cast<std::size_t>(p.event)];
      note(from, broker_node(event.broker), EdgeKind::Publish, event.name, rate);
    }
    for (const model::StoreAccess& r : work.reads)
      note(from, store_node(r.store), EdgeKind::Store, "reads", rate);
    for (const model::StoreAccess& w : work.writes)
      note(from, store_node(w.store), EdgeKind::Store, "writes", rate);
  }

  void add_consumer(std::size_t c) {
    const model::Consumer& consumer = spec_.consumers[c];
    const double rate = c < a_.rates.consumers.size() ? a_.rates.consumers[c] : 0;
    const auto service = static_cast<std::size_t>(consumer.service);
    const model::Event& event = spec_.events[static_cast<std::size_t>(consumer.event)];
    note(broker_node(event.broker), service, EdgeKind::Consume, event.name, rate);
    for (model::EntityId id : spec_.callback_entities(static_cast<model::ConsumerId>(c))) {
      const model::Entity& entity = spec_.entities[static_cast<std::size_t>(id)];
      const std::string target =
          entity.read ? spec_.operations[static_cast<std::size_t>(*entity.read)].full_name
                      : entity.name;
      note(service, static_cast<std::size_t>(entity.owner), EdgeKind::Callback, target, rate);
    }
    add_work(service, consumer.work, rate);
  }

  static std::string edge_label(EdgeKind kind, const std::vector<std::string>& names) {
    std::vector<std::string> shown(
        names.begin(), names.begin() + static_cast<long>(std::min(kEdgeLabelNames, names.size())));
    std::string text;
    for (std::size_t i = 0; i < shown.size(); ++i) text += (i ? ", " : "") + shown[i];
    if (names.size() > shown.size()) text += fmt::format(" +{}", names.size() - shown.size());
    return kind == EdgeKind::Callback ? "callback " + text : text;
  }

  const Spec& spec_;
  const Analysis& a_;
  std::map<EdgeKey, EdgeDraft> drafts_;
};

// Follows the busiest outgoing edge from the service of the busiest entry operation.
std::vector<std::size_t> hottest_path(const Spec& spec, const Analysis& a,
                                      const std::vector<DiagramEdge>& edges,
                                      std::size_t node_count) {
  std::optional<std::size_t> start;
  double best = 0;
  for (const model::RateSource& source : spec.workload.sources) {
    const auto op = static_cast<std::size_t>(source.to);
    const double rate = op < a.rates.operations.size() ? a.rates.operations[op] : 0;
    if (rate > best) {
      best = rate;
      start = static_cast<std::size_t>(spec.operations[op].service);
    }
  }
  std::vector<std::size_t> path_edges;
  if (!start) return path_edges;
  std::vector<std::vector<std::size_t>> out(node_count);
  for (std::size_t e = 0; e < edges.size(); ++e) out[edges[e].from].push_back(e);
  std::vector<char> visited(node_count, 0);
  std::size_t at = *start;
  visited[at] = 1;
  while (true) {
    std::optional<std::size_t> next;
    for (std::size_t e : out[at]) {
      const DiagramEdge& edge = edges[e];
      if (visited[edge.to] || edge.rate <= 0 || edge.kind == EdgeKind::Store) continue;
      if (!next || edge.rate > edges[*next].rate) next = e;
    }
    if (!next) break;
    path_edges.push_back(*next);
    at = edges[*next].to;
    visited[at] = 1;
  }
  return path_edges;
}

// The longest chain of the cascade with the widest blast radius.
const std::vector<std::string>* worst_chain(const Analysis& a) {
  const std::vector<std::string>* best = nullptr;
  double best_radius = -1;
  for (const analyzers::Cascade& c : a.cascades)
    for (const auto& path : c.paths) {
      const bool better = c.blast_radius > best_radius ||
                          (c.blast_radius == best_radius && path.size() > best->size());
      if (better) {
        best = &path;
        best_radius = c.blast_radius;
      }
    }
  return best;
}

std::optional<std::size_t> component_node(const Spec& spec, const std::string& name,
                                          const GraphBuilder& g) {
  if (auto s = spec.find_service(name)) return static_cast<std::size_t>(*s);
  if (auto b = spec.find_broker(name)) return g.broker_node(*b);
  if (auto s = spec.find_store(name)) return g.store_node(*s);
  if (auto op = spec.find_operation(name))
    return static_cast<std::size_t>(spec.operations[static_cast<std::size_t>(*op)].service);
  return std::nullopt;
}

std::string chain_words(const std::vector<std::string>& path) {
  std::string out = path.front() + " down";
  for (std::size_t i = 1; i < path.size(); ++i) out += " -> " + path[i] + " fails";
  return out;
}

void mark_cascade(Diagram& d, const Spec& spec, const Analysis& a, const GraphBuilder& g) {
  const std::vector<std::string>* chain = worst_chain(a);
  if (!chain || chain->empty()) return;
  d.worst_cascade = chain_words(*chain);
  std::vector<std::size_t> nodes;
  for (const std::string& name : *chain)
    if (auto n = component_node(spec, name, g); n && (nodes.empty() || nodes.back() != *n))
      nodes.push_back(*n);
  for (std::size_t n : nodes) d.nodes[n].cascade = true;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i)
    for (DiagramEdge& e : d.edges)
      if ((e.from == nodes[i + 1] && e.to == nodes[i]) ||
          (e.from == nodes[i] && e.to == nodes[i + 1]))
        e.cascade = e.kind != EdgeKind::Callback;
}

void mark_hot(Diagram& d, const Spec& spec, const Analysis& a) {
  const std::vector<std::size_t> path = hottest_path(spec, a, d.edges, d.nodes.size());
  if (path.empty()) return;
  std::string text = d.nodes[d.edges[path.front()].from].name;
  d.nodes[d.edges[path.front()].from].hot = true;
  for (std::size_t e : path) {
    d.edges[e].hot = true;
    d.nodes[d.edges[e].to].hot = true;
    text += " -> " + d.nodes[d.edges[e].to].name;
  }
  d.hot_path =
      text + fmt::format(" ({}/s at its first hop)", format_figure(d.edges[path.front()].rate));
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

Diagram build_diagram(const Spec& spec, const Analysis& analysis) {
  Diagram d;
  GraphBuilder graph(spec, analysis);
  graph.build(d.nodes, d.edges);
  d.total_components = d.nodes.size();
  mark_hot(d, spec, analysis);
  mark_cascade(d, spec, analysis, graph);
  cap_nodes(d);
  size_nodes(d);
  apply_layout(d);
  place_labels(d);
  return d;
}

}  // namespace ripple::cli
