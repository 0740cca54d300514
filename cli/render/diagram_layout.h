#pragma once

// Layered (Sugiyama-style) layout of a directed graph for the report's architecture diagram,
// flowing left to right: every node gets a layer (column) and a position in it, and every edge
// a polyline. Pure geometry: knows nothing about services or events.
//
// Guarantees: no two node boxes overlap (boxes of one column are stacked with `gap_y` between
// them, columns are `gap_x` apart and as wide as their widest box); the same input gives the same
// output. Cycles are broken by reversing edges that close them (depth-first from the nodes in
// index order); such edges and edges marked `layered = false` are drawn but do not pull layers.
// Long edges pass through invisible waypoints, one per column crossed, so they run between boxes
// rather than through them. Units: pixels of the SVG user space.

#include <cstddef>
#include <vector>

namespace ripple::cli {

struct LayoutNode {
  double width = 0;   // px, > 0
  double height = 0;  // px, > 0
};

struct LayoutEdge {
  std::size_t from = 0;  // node index
  std::size_t to = 0;
  bool layered = true;  // false: drawn, but ignored when assigning columns
};

struct Point {
  double x = 0;
  double y = 0;
};

struct LayoutOptions {
  double gap_x = 90;        // px between columns
  double gap_y = 26;        // px between boxes of one column
  double margin = 20;       // px around the drawing
  int ordering_sweeps = 8;  // barycenter passes (down and up) to reduce crossings
};

struct Layout {
  std::vector<Point> positions;           // top-left corner of each node's box, by node index
  std::vector<int> layers;                // column of each node
  std::vector<std::vector<Point>> edges;  // polyline of each edge, source side to target side
  double width = 0;                       // px, the whole drawing with margins
  double height = 0;
};

// REQUIRES: every edge names nodes < nodes.size(). Self-loops are allowed (drawn as a small loop).
// Cost: O((nodes + edges x columns spanned) x sweeps x log) in the worst case.
[[nodiscard]] Layout layout_layered(const std::vector<LayoutNode>& nodes,
                                    const std::vector<LayoutEdge>& edges,
                                    const LayoutOptions& options = {});

// Whether two node boxes of `layout` overlap (touching edges do not count); for tests.
[[nodiscard]] bool boxes_overlap(const Layout& layout, const std::vector<LayoutNode>& nodes);

}  // namespace ripple::cli
