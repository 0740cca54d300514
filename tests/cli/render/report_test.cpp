#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "cli/render/diagram_layout.h"
#include "cli/render/escape.h"
#include "cli/render/render_report_html.h"
#include "cli/render/render_report_markdown.h"
#include "cli/render/report_model.h"
#include "cli/review/design_review.h"
#include "model/loader.h"
#include "simulator/simulate.h"

namespace ripple::cli {
namespace {

// a.x calls b.y; b.y publishes Done, which c consumes, calling b back for a field Done lacks.
const char* kSmall = R"(ripple: 1
name: small
description: Two <services> & "one" consumer
entities: {thing: {owner: b, read: b.y, fields: {id: 16B, body: 1KiB}}}
brokers: {bus: {type: kafka}}
events: {Done: {broker: bus, carries: [thing.id]}}
services:
  a: {operations: {x: {calls: [b.y]}}}
  b: {operations: {y: {time: 1ms, publishes: [Done]}}}
  c: {consumes: {Done: {needs: [thing.id, thing.body], idempotent: true}}}
workload: {duration: 5s, seed: 3, sources: [{to: a.x, rate: 10/s}]}
gates:
  - amplification(a.x) <= 30
)";

struct Loaded {
  model::Spec spec;
  analyzers::Analysis analysis;
};

Loaded load(const std::string& yaml, const std::string& name = "small.yaml") {
  model::LoadResult loaded = model::load_spec({name, yaml});
  EXPECT_TRUE(loaded.spec.has_value()) << name;
  Loaded l{loaded.spec ? *loaded.spec : model::Spec{}, {}};
  l.analysis = analyzers::analyze(l.spec);
  return l;
}

// The report of `l` as `ripple report` builds it: review first, then the layout.
Report report_of(const Loaded& l, const sim::SimulationResult* simulation = nullptr,
                 const std::string& date = "") {
  const DesignReview review = review_design(l.spec, l.analysis, simulation);
  return build_report({l.spec, l.analysis, simulation, review, date});
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const ReportTable& table(const Report& r, const std::string& id) {
  for (const ReportTable& t : r.tables)
    if (t.id == id) return t;
  throw std::runtime_error("no table " + id);
}

TEST(ReportHtml, EscapesEveryHtmlMetacharacter) {
  EXPECT_EQ(markup_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

TEST(ReportHtml, EscapesHostileTextFromTheSpecEverywhere) {
  Report r;
  r.title = "<img src=x onerror=alert(1)>";
  r.description = "</p><script>alert(2)</script>";
  r.diagram.nodes.push_back({"svc\"><script>", "svc\"><script>", "1 x 1 workers", NodeKind::Service,
                             false, false, 10, 10, 120, 44});
  ReportTable t;
  t.id = "t\"x";
  t.title = "<b>table</b>";
  t.header = {"name"};
  t.numeric = {0};
  t.rows = {{"<svg onload=alert(3)>"}};
  t.total_rows = 1;
  r.tables.push_back(t);
  const std::string html = render_report_html(r);
  EXPECT_FALSE(contains(html, "<img src=x"));
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_FALSE(contains(html, "<svg onload"));
  EXPECT_FALSE(contains(html, "<b>table"));
  EXPECT_TRUE(contains(html, "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"));
  EXPECT_TRUE(contains(html, "<td>&lt;svg onload=alert(3)&gt;</td>"));
  EXPECT_TRUE(contains(html, "svc&quot;&gt;&lt;script&gt;"));
}

TEST(ReportHtml, SpecDescriptionIsEscaped) {
  const Loaded l = load(kSmall);
  const std::string html = render_report_html(report_of(l));
  EXPECT_TRUE(contains(html, "<p>Two &lt;services&gt; &amp; &quot;one&quot; consumer</p>"));
}

TEST(ReportHtml, NamesNoRemoteResourceAndForbidsLoadingOne) {
  const Loaded l = load(kSmall);
  const std::string html = render_report_html(report_of(l));
  EXPECT_FALSE(contains(html, "http://"));
  EXPECT_FALSE(contains(html, "https://"));
  EXPECT_TRUE(
      contains(html, "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
  // The page runs no script, so the policy allows none.
  EXPECT_FALSE(contains(html, "script-src"));
  EXPECT_FALSE(contains(html, "<script"));
}

TEST(ReportMarkdown, MermaidIdsAreSanitisedAndDistinct) {
  EXPECT_EQ(mermaid_id(NodeKind::Service, "order-api"), "svc_order_hapi");
  EXPECT_EQ(mermaid_id(NodeKind::Service, "order_api"), "svc_order__api");
  EXPECT_EQ(mermaid_id(NodeKind::Broker, "end"), "brk_end");
  EXPECT_EQ(mermaid_id(NodeKind::Store, "x y\"];"), "sto_x_x20y_x22_x5D_x3B");
  EXPECT_NE(mermaid_id(NodeKind::Service, "a-b"), mermaid_id(NodeKind::Service, "a_hb"));
}

TEST(ReportMarkdown, MermaidLabelsCannotCloseTheirQuotes) {
  EXPECT_EQ(mermaid_label("say \"hi\" <b>#1|`x`\nend"),
            "say #quot;hi#quot; #lt;b#gt;#35;1#124;#96;x#96; end");
}

TEST(ReportMarkdown, TableCellsEscapePipesAndHtml) {
  EXPECT_EQ(markdown_text("a|b <i>\nc"), "a\\|b &lt;i&gt; c");
}

TEST(ReportMarkdown, CouplingTableOfASmallSpecIsExact) {
  const Loaded l = load(kSmall);
  const std::string md = render_report_markdown(report_of(l));
  // a calls b; c consumes Done (published by b) and calls b back for thing.body: both depend on
  // one service (c's async and hidden dependencies are the same service), hidden ranks first.
  const std::string expected =
      "| service | Ce (services) | Ca (services) | instability (0-1) | sync Ce (services) | "
      "async Ce (services) | hidden Ce (services) |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
      "| c | 1 | 0 | 1.00 | 0 | 1 | 1 |\n"
      "| a | 1 | 0 | 1.00 | 1 | 0 | 0 |\n"
      "| b | 0 | 2 | 0.00 | 0 | 0 | 0 |\n";
  EXPECT_TRUE(contains(md, expected)) << md;
}

TEST(ReportMarkdown, ThinFatTableOfASmallSpecIsExact) {
  const Loaded l = load(kSmall);
  const std::string md = render_report_markdown(report_of(l));
  // Done carries thing.id (16 B); c needs thing.body too: 1 callback per delivery at 10/s; the
  // fat variant adds thing.body (1 KiB): 16 + 1024 = 1040 B.
  const std::string expected =
      "| event | bytes (B) | consumers | publish rate (/s) | callbacks per delivery | "
      "callback rate (/s) | fat bytes (B) | fields the fat variant adds |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
      "| Done | 16 | 1 | 10 | 1 | 10 | 1040 | thing.body |\n";
  EXPECT_TRUE(contains(md, expected)) << md;
}

TEST(ReportMarkdown, MermaidDiagramUsesSolidSyncDashedAsyncAndLabelledCallbacks) {
  const Loaded l = load(kSmall);
  const std::string md = render_report_markdown(report_of(l));
  EXPECT_TRUE(contains(md,
                       "```mermaid\nflowchart LR\n  svc_a[\"a\"]\n  svc_b[\"b\"]\n"
                       "  svc_c[\"c\"]\n  brk_bus{{\"bus\"}}\n"));
  EXPECT_TRUE(contains(md, "  svc_a -->|\"b.y\"| svc_b\n"));
  EXPECT_TRUE(contains(md, "  svc_b -.->|\"Done\"| brk_bus\n"));
  EXPECT_TRUE(contains(md, "  brk_bus -.->|\"Done\"| svc_c\n"));
  EXPECT_TRUE(contains(md, "  svc_c -->|\"callback b.y\"| svc_b\n"));
  EXPECT_TRUE(contains(md, "stroke:#d97706"));
}

TEST(ReportGates, AreEvaluatedWhenTheyNeedNoSimulation) {
  const Loaded l = load(kSmall);
  const Report r = report_of(l);
  const ReportTable& gates = table(r, "gates");
  ASSERT_EQ(gates.rows.size(), 1u);
  EXPECT_EQ(gates.rows[0][0], "amplification(a.x) <= 30");
  EXPECT_EQ(gates.rows[0][4], "pass");
}

TEST(ReportLayout, BoxesNeverOverlapOnTheExamples) {
  const std::filesystem::path dir = std::filesystem::path(RIPPLE_SOURCE_DIR) / "examples";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 5u);
  for (const auto& file : files) {
    const Loaded l = load(read_file(file), file.filename().string());
    const Diagram d = build_diagram(l.spec, build_component_graph(l.spec, l.analysis));
    Layout layout;
    std::vector<LayoutNode> boxes;
    for (const DiagramNode& n : d.nodes) {
      layout.positions.push_back({n.x, n.y});
      boxes.push_back({n.width, n.height});
      EXPECT_GE(n.x, 0) << file;
      EXPECT_LE(n.x + n.width, d.width) << file;
      EXPECT_LE(n.y + n.height, d.height) << file;
    }
    EXPECT_EQ(d.nodes.size(), l.spec.services.size() + l.spec.brokers.size() + l.spec.stores.size())
        << file;
    EXPECT_FALSE(boxes_overlap(layout, boxes)) << file;
  }
}

TEST(ReportLayout, DenseGraphWithCyclesAndLongEdgesHasNoOverlap) {
  std::vector<LayoutNode> nodes;
  for (int i = 0; i < 150; ++i) nodes.push_back({80.0 + (i % 7) * 10, 40});
  std::vector<LayoutEdge> edges;
  for (std::size_t i = 0; i < 150; ++i) {
    edges.push_back({i, (i * 7 + 3) % 150, true});
    edges.push_back({i, (i * 13 + 1) % 150, i % 3 != 0});
  }
  const Layout layout = layout_layered(nodes, edges);
  EXPECT_FALSE(boxes_overlap(layout, nodes));
  ASSERT_EQ(layout.edges.size(), edges.size());
  for (const auto& line : layout.edges) EXPECT_GE(line.size(), 2u);
}

TEST(ReportLayout, ForwardEdgesGoToALaterColumn) {
  const std::vector<LayoutNode> nodes(3, LayoutNode{100, 40});
  const Layout layout = layout_layered(nodes, {{0, 1, true}, {1, 2, true}, {0, 2, true}});
  EXPECT_EQ(layout.layers, (std::vector<int>{0, 1, 2}));
  EXPECT_LT(layout.positions[0].x, layout.positions[1].x);
  EXPECT_LT(layout.positions[1].x, layout.positions[2].x);
  // The long edge 0 -> 2 passes column 1 through a waypoint: 2 ends + 2 points at column 1.
  EXPECT_EQ(layout.edges[2].size(), 4u);
}

TEST(ReportDiagram, CapsHugeSpecsAndSaysSo) {
  std::string yaml = "ripple: 1\nname: big\nservices:\n";
  for (int i = 0; i < 300; ++i)
    yaml += "  s" + std::to_string(i) + ": {operations: {x: {calls: [s" +
            std::to_string((i + 1) % 300) + ".x]}}}\n";
  yaml += "workload: {sources: [{to: s0.x, rate: 1/s}]}\n";
  const Loaded l = load(yaml, "big.yaml");
  const Diagram d = build_diagram(l.spec, build_component_graph(l.spec, l.analysis));
  EXPECT_EQ(d.nodes.size(), kMaxDiagramNodes);
  EXPECT_EQ(d.total_components, 300u);
  EXPECT_TRUE(contains(d.cap_note, "shows 60 of 300 components")) << d.cap_note;
}

TEST(ReportChart, TicksAreRoundAndCoverTheMaximum) {
  EXPECT_EQ(nice_ticks(3400), (std::vector<double>{0, 1000, 2000, 3000, 4000}));
  EXPECT_EQ(nice_ticks(600), (std::vector<double>{0, 200, 400, 600}));
  EXPECT_EQ(nice_ticks(0), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
}

TEST(Report, SameSpecAndSeedGiveIdenticalDocuments) {
  const Loaded l = load(kSmall);
  sim::SimulationOptions options;
  const sim::SimulationResult first = sim::simulate(l.spec, options);
  const sim::SimulationResult second = sim::simulate(l.spec, options);
  const Report a = report_of(l, &first);
  const Report b = report_of(l, &second);
  EXPECT_EQ(render_report_html(a), render_report_html(b));
  EXPECT_EQ(render_report_markdown(a), render_report_markdown(b));
  EXPECT_FALSE(a.charts.empty());
}

TEST(Report, DateAppearsOnlyWhenGiven) {
  const Loaded l = load(kSmall);
  const std::string without = render_report_markdown(report_of(l));
  const std::string with = render_report_markdown(report_of(l, nullptr, "2024-05-01"));
  EXPECT_TRUE(contains(without, "Ripple design-review report.\n"));
  EXPECT_TRUE(contains(with, "Ripple design-review report, 2024-05-01.\n"));
}

}  // namespace
}  // namespace ripple::cli
