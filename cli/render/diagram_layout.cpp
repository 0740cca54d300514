// Layered layout in four classic steps: break cycles, assign columns by longest path, order each
// column by barycenters (with waypoints for long edges), then place boxes. Every step is
// deterministic (index order, stable sorts), so the report is byte-identical run after run.

#include "cli/render/diagram_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ripple::cli {
namespace {

constexpr double kWaypointHeight = 0;  // waypoints take no room but the gap below them
constexpr double kWaypointGapShare = 0.5;

// An element of a column: a real node or a waypoint of a long edge.
struct Slot {
  bool real = true;
  std::size_t node = 0;  // real: node index; waypoint: edge index
  double height = 0;
  double y = 0;          // top, px
  double order_key = 0;  // barycenter while ordering
};

// Marks layered edges that close a cycle (depth-first from nodes in index order).
std::vector<char> back_edges(const std::vector<LayoutEdge>& edges, std::size_t node_count) {
  std::vector<std::vector<std::size_t>> out(node_count);
  for (std::size_t e = 0; e < edges.size(); ++e)
    if (edges[e].layered && edges[e].from != edges[e].to) out[edges[e].from].push_back(e);
  std::vector<char> reversed(edges.size(), 0);
  std::vector<int> state(node_count, 0);                   // 0 new, 1 on stack, 2 done
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // node, next out-edge position
  for (std::size_t root = 0; root < node_count; ++root) {
    if (state[root] != 0) continue;
    stack.push_back({root, 0});
    state[root] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == out[node].size()) {
        state[node] = 2;
        stack.pop_back();
        continue;
      }
      const std::size_t e = out[node][next++];
      const std::size_t to = edges[e].to;
      if (state[to] == 1) reversed[e] = 1;
      if (state[to] == 0) {
        state[to] = 1;
        stack.push_back({to, 0});
      }
    }
  }
  return reversed;
}

// Longest-path columns over the layered, acyclic edges (Kahn's order, smallest index first).
std::vector<int> assign_layers(const std::vector<LayoutEdge>& edges, const std::vector<char>& rev,
                               std::size_t node_count) {
  std::vector<std::vector<std::size_t>> succ(node_count);
  std::vector<int> indegree(node_count, 0);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (!edges[e].layered || edges[e].from == edges[e].to) continue;
    const std::size_t a = rev[e] ? edges[e].to : edges[e].from;
    const std::size_t b = rev[e] ? edges[e].from : edges[e].to;
    succ[a].push_back(b);
    ++indegree[b];
  }
  std::vector<int> layer(node_count, 0);
  std::vector<std::size_t> ready;
  for (std::size_t n = 0; n < node_count; ++n)
    if (indegree[n] == 0) ready.push_back(n);
  for (std::size_t i = 0; i < ready.size(); ++i) {
    const std::size_t n = ready[i];
    for (std::size_t s : succ[n]) {
      layer[s] = std::max(layer[s], layer[n] + 1);
      if (--indegree[s] == 0) ready.push_back(s);
    }
  }
  return layer;
}

// The slots an edge passes through, from its lower column to its higher one (waypoints only).
struct Chain {
  std::size_t low = 0;                                 // node at the lower column
  std::size_t high = 0;                                // node at the higher column
  std::vector<std::pair<int, std::size_t>> waypoints;  // (column, slot index in that column)
};

class Builder {
 public:
  Builder(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
          const LayoutOptions& options)
      : nodes_(nodes), edges_(edges), options_(options) {}

  Layout run() {
    const std::vector<char> rev = back_edges(edges_, nodes_.size());
    layout_.layers = assign_layers(edges_, rev, nodes_.size());
    build_columns();
    for (int sweep = 0; sweep < options_.ordering_sweeps; ++sweep)
      order_pass(sweep % 2 == 0 ? Sweep::Down : Sweep::Up);
    place();
    route();
    return std::move(layout_);
  }

 private:
  void build_columns() {
    int columns = 0;
    for (int l : layout_.layers) columns = std::max(columns, l + 1);
    columns_.assign(static_cast<std::size_t>(columns), {});
    slot_of_.assign(nodes_.size(), 0);
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      auto& column = columns_[static_cast<std::size_t>(layout_.layers[n])];
      slot_of_[n] = column.size();
      column.push_back({true, n, nodes_[n].height, 0, 0});
    }
    chains_.resize(edges_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      std::size_t a = edges_[e].from, b = edges_[e].to;
      if (layout_.layers[a] > layout_.layers[b]) std::swap(a, b);
      chains_[e] = {a, b, {}};
      for (int l = layout_.layers[a] + 1; l < layout_.layers[b]; ++l) {
        auto& column = columns_[static_cast<std::size_t>(l)];
        chains_[e].waypoints.push_back({l, column.size()});
        column.push_back({false, e, kWaypointHeight, 0, 0});
      }
    }
  }

  void index_neighbours() {
    // adjacency_[column][slot] = list of (column, slot) one column away.
    adjacency_.assign(columns_.size(), {});
    for (std::size_t c = 0; c < columns_.size(); ++c) adjacency_[c].resize(columns_[c].size());
    for (const Chain& ch : chains_) {
      std::vector<std::pair<int, std::size_t>> seq;
      seq.push_back({layout_.layers[ch.low], slot_of_[ch.low]});
      for (const auto& w : ch.waypoints) seq.push_back(w);
      seq.push_back({layout_.layers[ch.high], slot_of_[ch.high]});
      for (std::size_t i = 0; i + 1 < seq.size(); ++i) {
        if (seq[i].first == seq[i + 1].first) continue;
        adjacency_[static_cast<std::size_t>(seq[i].first)][seq[i].second].push_back(seq[i + 1]);
        adjacency_[static_cast<std::size_t>(seq[i + 1].first)][seq[i + 1].second].push_back(seq[i]);
      }
    }
  }

  void ensure_positions() {
    if (!position_.empty()) return;
    index_neighbours();
    position_.resize(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      position_[c].resize(columns_[c].size());
      std::iota(position_[c].begin(), position_[c].end(), 0);
    }
  }

  enum class Sweep { Down, Up };

  // One barycenter pass: downward (each column by the one before) or upward.
  void order_pass(Sweep sweep) {
    ensure_positions();
    const bool downward = sweep == Sweep::Down;
    const int count = static_cast<int>(columns_.size());
    for (int step = 1; step < count; ++step) {
      const int c = downward ? step : count - 1 - step;
      const int other = downward ? c - 1 : c + 1;
      reorder_column(static_cast<std::size_t>(c), other);
    }
  }

  void reorder_column(std::size_t c, int other) {
    auto& column = columns_[c];
    std::vector<std::size_t> by_position(column.size());
    for (std::size_t s = 0; s < column.size(); ++s) by_position[position_[c][s]] = s;
    for (std::size_t s = 0; s < column.size(); ++s) {
      double sum = 0;
      int n = 0;
      for (const auto& [oc, os] : adjacency_[c][s])
        if (oc == other) {
          sum += static_cast<double>(position_[static_cast<std::size_t>(oc)][os]);
          ++n;
        }
      column[s].order_key = n > 0 ? sum / n : static_cast<double>(position_[c][s]);
    }
    std::stable_sort(by_position.begin(), by_position.end(), [&](std::size_t a, std::size_t b) {
      return column[a].order_key < column[b].order_key;
    });
    for (std::size_t p = 0; p < by_position.size(); ++p) position_[c][by_position[p]] = p;
  }

  double gap_after(const Slot& slot) const {
    return slot.real ? options_.gap_y : options_.gap_y * kWaypointGapShare;
  }

  // Slots of column c in their final order.
  std::vector<std::size_t> ordered(std::size_t c) const {
    std::vector<std::size_t> out(columns_[c].size());
    for (std::size_t s = 0; s < out.size(); ++s) out[position_[c][s]] = s;
    return out;
  }

  void place() {
    ensure_positions();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      double y = 0;
      for (std::size_t s : ordered(c)) {
        columns_[c][s].y = y;
        y += columns_[c][s].height + gap_after(columns_[c][s]);
      }
    }
    for (int pass = 0; pass < 4; ++pass)
      for (std::size_t c = 0; c < columns_.size(); ++c) align_column(c);
    finish_coordinates();
  }

  double centre(std::size_t c, std::size_t s) const {
    return columns_[c][s].y + columns_[c][s].height / 2;
  }

  // Moves each box toward the mean height of its neighbours, keeping order and gaps, then shifts
  // the column so that on average boxes sit where their neighbours want them.
  void align_column(std::size_t c) {
    const std::vector<std::size_t> order = ordered(c);
    std::vector<double> desired(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::size_t s = order[i];
      double sum = 0;
      int n = 0;
      for (const auto& [oc, os] : adjacency_[c][s]) {
        sum += centre(static_cast<std::size_t>(oc), os);
        ++n;
      }
      desired[i] = (n > 0 ? sum / n : centre(c, s)) - columns_[c][s].height / 2;
    }
    double bottom = -1e18, shift = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      Slot& slot = columns_[c][order[i]];
      slot.y = std::max(desired[i], bottom);
      bottom = slot.y + slot.height + gap_after(slot);
      shift += desired[i] - slot.y;
    }
    shift /= static_cast<double>(std::max<std::size_t>(1, order.size()));
    for (Slot& slot : columns_[c]) slot.y += shift;
  }

  void finish_coordinates() {
    double top = 0, bottom = 0, x = options_.margin;
    bool any = false;
    for (const auto& column : columns_)
      for (const Slot& slot : column) {
        top = any ? std::min(top, slot.y) : slot.y;
        bottom = any ? std::max(bottom, slot.y + slot.height) : slot.y + slot.height;
        any = true;
      }
    column_x_.assign(columns_.size(), 0);
    column_width_.assign(columns_.size(), 0);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      double width = 0;
      for (const Slot& slot : columns_[c])
        if (slot.real) width = std::max(width, nodes_[slot.node].width);
      column_x_[c] = x;
      column_width_[c] = width;
      x += width + options_.gap_x;
    }
    const double offset = options_.margin - top;
    for (auto& column : columns_)
      for (Slot& slot : column) slot.y += offset;
    layout_.positions.assign(nodes_.size(), {});
    for (std::size_t c = 0; c < columns_.size(); ++c)
      for (const Slot& slot : columns_[c])
        if (slot.real)
          layout_.positions[slot.node] = {
              column_x_[c] + (column_width_[c] - nodes_[slot.node].width) / 2, slot.y};
    layout_.width = columns_.empty() ? 2 * options_.margin : x - options_.gap_x + options_.margin;
    layout_.height = (any ? bottom - top : 0) + 2 * options_.margin;
  }

  enum class Side { Left, Right };

  // The middle of a box's left or right side.
  Point side(std::size_t node, Side which) const {
    const Point p = layout_.positions[node];
    return {which == Side::Right ? p.x + nodes_[node].width : p.x, p.y + nodes_[node].height / 2};
  }

  void route() {
    layout_.edges.resize(edges_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) layout_.edges[e] = route_edge(e);
  }

  std::vector<Point> route_edge(std::size_t e) const {
    const LayoutEdge& edge = edges_[e];
    const Chain& ch = chains_[e];
    if (edge.from == edge.to) {
      const Point r = side(edge.from, Side::Right);
      const double h = nodes_[edge.from].height / 3;
      return {{r.x, r.y - h}, {r.x + 24, r.y - h}, {r.x + 24, r.y + h}, {r.x, r.y + h}};
    }
    if (layout_.layers[edge.from] == layout_.layers[edge.to]) {
      const Point a = side(edge.from, Side::Right), b = side(edge.to, Side::Right);
      const std::size_t c = static_cast<std::size_t>(layout_.layers[edge.from]);
      const double bend = column_x_[c] + column_width_[c] + options_.gap_x / 3;
      return {a, {bend, (a.y + b.y) / 2}, b};
    }
    std::vector<Point> points{side(ch.low, Side::Right)};
    for (const auto& [column, slot] : ch.waypoints) {
      const std::size_t c = static_cast<std::size_t>(column);
      const double y = columns_[c][slot].y;
      points.push_back({column_x_[c], y});
      points.push_back({column_x_[c] + column_width_[c], y});
    }
    points.push_back(side(ch.high, Side::Left));
    if (ch.low != edge.from) std::reverse(points.begin(), points.end());
    return points;
  }

  const std::vector<LayoutNode>& nodes_;
  const std::vector<LayoutEdge>& edges_;
  const LayoutOptions& options_;
  Layout layout_;
  std::vector<std::vector<Slot>> columns_;
  std::vector<std::size_t> slot_of_;                // node -> slot index in its column
  std::vector<Chain> chains_;                       // by edge
  std::vector<std::vector<std::size_t>> position_;  // column -> slot -> position
  std::vector<std::vector<std::vector<std::pair<int, std::size_t>>>> adjacency_;
  std::vector<double> column_x_;
  std::vector<double> column_width_;
};

}  // namespace

Layout layout_layered(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                      const LayoutOptions& options) {
  return Builder(nodes, edges, options).run();
}

bool boxes_overlap(const Layout& layout, const std::vector<LayoutNode>& nodes) {
  for (std::size_t a = 0; a < nodes.size(); ++a)
    for (std::size_t b = a + 1; b < nodes.size(); ++b) {
      const Point pa = layout.positions[a], pb = layout.positions[b];
      const bool apart_x = pa.x + nodes[a].width <= pb.x || pb.x + nodes[b].width <= pa.x;
      const bool apart_y = pa.y + nodes[a].height <= pb.y || pb.y + nodes[b].height <= pa.y;
      if (!apart_x && !apart_y) return true;
    }
  return false;
}

}  // namespace ripple::cli
