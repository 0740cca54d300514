// Markdown of the design-review report, for a pull request or a wiki page on GitHub.

#include "cli/render/render_report_markdown.h"

#include <fmt/format.h>

#include "cli/render/escape.h"

namespace ripple::cli {
namespace {

const char* kind_prefix(NodeKind kind) {
  switch (kind) {
    case NodeKind::Service:
      return "svc_";
    case NodeKind::Broker:
      return "brk_";
    case NodeKind::Store:
      return "sto_";
  }
  return "svc_";
}

std::string node_line(const DiagramNode& n) {
  const std::string id = mermaid_id(n.kind, n.name);
  const std::string label = mermaid_label(n.name);
  switch (n.kind) {
    case NodeKind::Service:
      return fmt::format("  {}[\"{}\"]\n", id, label);
    case NodeKind::Broker:
      return fmt::format("  {}{{{{\"{}\"}}}}\n", id, label);
    case NodeKind::Store:
      break;
  }
  return fmt::format("  {}[(\"{}\")]\n", id, label);
}

std::string arrow(EdgeKind kind) {
  return kind == EdgeKind::Publish || kind == EdgeKind::Consume ? "-.->" : "-->";
}

std::string link_style(const std::vector<std::size_t>& links, const char* style) {
  if (links.empty()) return "";
  return fmt::format("  linkStyle {} {}\n", fmt::join(links, ","), style);
}

std::string class_line(const std::vector<std::string>& ids, const char* name) {
  if (ids.empty()) return "";
  return fmt::format("  class {} {}\n", fmt::join(ids, ","), name);
}

std::string mermaid(const Diagram& d) {
  std::string out = "```mermaid\nflowchart LR\n";
  std::vector<std::string> brokers, stores, cascade, hot;
  for (const DiagramNode& n : d.nodes) {
    out += node_line(n);
    const std::string id = mermaid_id(n.kind, n.name);
    if (n.kind == NodeKind::Broker) brokers.push_back(id);
    if (n.kind == NodeKind::Store) stores.push_back(id);
    if (n.cascade)
      cascade.push_back(id);
    else if (n.hot)
      hot.push_back(id);
  }
  std::vector<std::size_t> callbacks, cascade_links, hot_links;
  for (std::size_t i = 0; i < d.edges.size(); ++i) {
    const DiagramEdge& e = d.edges[i];
    const DiagramNode& from = d.nodes[e.from];
    const DiagramNode& to = d.nodes[e.to];
    out += fmt::format("  {} {}|\"{}\"| {}\n", mermaid_id(from.kind, from.name), arrow(e.kind),
                       mermaid_label(e.label), mermaid_id(to.kind, to.name));
    if (e.cascade)
      cascade_links.push_back(i);
    else if (e.kind == EdgeKind::Callback)
      callbacks.push_back(i);
    else if (e.hot)
      hot_links.push_back(i);
  }
  out += "  classDef broker fill:#eff6ff,stroke:#2563eb\n";
  out += "  classDef store fill:#f5f3ff,stroke:#7c3aed\n";
  out += "  classDef hot stroke:#111827,stroke-width:3px\n";
  out += "  classDef cascade fill:#fdecec,stroke:#c81e1e,stroke-width:3px\n";
  out += class_line(brokers, "broker") + class_line(stores, "store");
  out += class_line(hot, "hot") + class_line(cascade, "cascade");
  out += link_style(callbacks, "stroke:#d97706,stroke-width:2px");
  out += link_style(hot_links, "stroke-width:4px");
  out += link_style(cascade_links, "stroke:#c81e1e,stroke-width:3px");
  return out + "```\n";
}

std::string text(std::string_view s) { return markdown_prose(s); }

std::string architecture(const Diagram& d) {
  std::string out = "## Architecture\n\n";
  out +=
      "Solid arrows: sync calls and store access; dashed: publish and consume (async); "
      "arrows labelled `callback`: a consumer calling back an owner for fields the event does "
      "not carry (hidden coupling). Thick: the hottest path by rate; red: the worst cascade "
      "chain.\n\n";
  if (!d.hot_path.empty()) out += "- Hottest path: " + text(d.hot_path) + "\n";
  if (!d.worst_cascade.empty()) out += "- Worst cascade: " + text(d.worst_cascade) + "\n";
  if (!d.cap_note.empty()) out += "- " + text(d.cap_note) + "\n";
  if (!d.hot_path.empty() || !d.worst_cascade.empty() || !d.cap_note.empty()) out += "\n";
  return out + mermaid(d) + "\n";
}

std::string table_markdown(const ReportTable& t) {
  std::string out = "## " + text(t.title) + "\n\n" + text(t.note) + "\n\n";
  if (t.rows.empty()) return out + text(t.empty_text) + "\n\n";
  if (t.total_rows > t.rows.size())
    out += fmt::format("Showing the first {} of {} rows.\n\n", t.rows.size(), t.total_rows);
  out += "|";
  for (const std::string& h : t.header) out += " " + text(h) + " |";
  out += "\n|";
  for (char numeric : t.numeric) out += numeric ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + text(cell) + " |";
    out += "\n";
  }
  return out + "\n";
}

}  // namespace

std::string mermaid_id(NodeKind kind, std::string_view name) {
  std::string out = kind_prefix(kind);
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
      out += c;
    else if (c == '_')
      out += "__";
    else if (c == '-')
      out += "_h";
    else
      out += fmt::format("_x{:02X}", u);
  }
  return out;
}

std::string mermaid_label(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '|':
        out += "#124;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_report_markdown(const Report& r) {
  std::string out = "# " + text(r.title) + "\n\n";
  if (!r.description.empty()) out += text(r.description) + "\n\n";
  out += "Ripple design-review report";
  if (!r.date.empty()) out += ", " + text(r.date);
  out += ".\n\n## Needs attention\n\n";
  if (r.attention.empty())
    out += "Nothing: every gate passes, no error or warning finding, no event lost.\n\n";
  for (const SummaryItem& item : r.attention)
    out += "- **" + text(item.label) + "**: " + text(item.value) + "\n";
  if (!r.attention.empty()) out += "\n";
  out += "## Summary\n\n**" + text(r.verdict) + "**\n\n";
  for (const SummaryItem& item : r.summary)
    out += "- **" + text(item.label) + "**: " + text(item.value) + "\n";
  out += "\n" + architecture(r.diagram);
  if (!r.charts.empty())
    out += "Charts of latency, errors, throughput and queues over time are in report.html.\n\n";
  if (r.sweep_table) {
    out += table_markdown(*r.sweep_table);
    if (!r.sweep_charts.empty()) out += "Charts of the sweep are in report.html.\n\n";
  }
  for (const ReportTable& t : r.tables) out += table_markdown(t);
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace ripple::cli
