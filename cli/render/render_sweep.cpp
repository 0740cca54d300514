#include "cli/render/render_sweep.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/format/figures.h"
#include "cli/render/escape.h"
#include "model/units.h"

namespace ripple::cli {
namespace {

// Default figures the text shows per point (the JSON and the CSV have every one).
constexpr std::size_t kFiguresInText = 4;

std::string value_text(const PointValue& v) {
  if (!v.value) return "-";
  const auto shown = [&](double x) {
    if (v.unit == "ratio") return to_string(Figure{x * 100, FigureStyle::Significant}) + "%";
    return to_string(Figure{x, FigureStyle::Significant});
  };
  std::string text = shown(*v.value);
  if (v.ci) text += " [" + shown(v.ci->low) + ", " + shown(v.ci->high) + "]";
  return text;
}

std::string header_of(const PointValue& v) { return v.unit == "ms" ? v.name + " ms" : v.name; }

struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::string text(const Style& style) const {
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
    for (const auto& row : rows)
      for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
        width[c] = std::max(width[c], row[c].size());
    const auto line = [&](const std::vector<std::string>& cells) {
      std::string out;
      for (std::size_t c = 0; c < cells.size(); ++c)
        out += (c ? "  " : "") + fmt::format("{:<{}}", cells[c], width[c]);
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out;
    };
    std::string out = "  " + style.dim(line(header)) + "\n";
    for (const auto& row : rows) out += "  " + line(row) + "\n";
    return out;
  }
};

std::string run_line(const SweepDocument& doc) {
  const SweepResult& r = doc.result;
  return fmt::format("{} replication{} per point, seed {}, {} simulated per replication",
                     r.replications, r.replications == 1 ? "" : "s", r.seed,
                     to_string(Span{r.simulated_ms, SpanStyle::Run}));
}

Grid points_grid(const SweepDocument& doc) {
  const SweepResult& r = doc.result;
  Grid g;
  for (const Axis& a : r.axes) g.header.push_back(terminal_text(a.path));
  g.header.push_back("gates");
  const SweepPoint* sample = nullptr;
  for (const SweepPoint& p : r.points)
    if (p.error.empty()) {
      sample = &p;
      break;
    }
  if (sample != nullptr) {
    for (const PointValue& v : sample->gates) g.header.push_back(terminal_text(header_of(v)));
    for (std::size_t i = 0; i < std::min(kFiguresInText, sample->figures.size()); ++i)
      g.header.push_back(terminal_text(header_of(sample->figures[i])));
  }
  for (const SweepPoint& p : r.points) {
    std::vector<std::string> row;
    for (const std::string& v : p.values) row.push_back(terminal_text(v));
    if (!p.error.empty()) {
      row.push_back("error: " + terminal_text(p.error));
      g.rows.push_back(std::move(row));
      continue;
    }
    row.push_back(p.gates.empty() ? "-" : p.passed ? "pass" : "fail");
    for (const PointValue& v : p.gates) row.push_back(value_text(v) + " " + v.verdict);
    for (std::size_t i = 0; i < std::min(kFiguresInText, p.figures.size()); ++i)
      row.push_back(value_text(p.figures[i]));
    g.rows.push_back(std::move(row));
  }
  return g;
}

std::string find_text(const SweepDocument& doc, const Style& style) {
  const FindResult& f = *doc.find;
  const Axis& axis = doc.result.axes.front();
  const auto shown = [&](double x) { return terminal_text(plain_number(x) + axis.unit); };
  std::string out =
      style.bold(terminal_text(fmt::format(
          "Capacity search of {}: the {} `{}` for which `{}` holds", doc.result.spec_name,
          f.direction.empty() ? "boundary" : f.direction, f.path, f.gate))) +
      "\n";
  if (f.value && f.note.empty())
    out += fmt::format("  {}: {} (the boundary lies in [{}, {}], precision {}%)\n",
                       terminal_text(f.path), style.bold(shown(*f.value)), shown(f.low),
                       shown(f.high), plain_number(doc.precision * 100));
  else if (f.value)
    out += fmt::format("  {}: {} ({})\n", terminal_text(f.path), style.bold(shown(*f.value)),
                       terminal_text(f.note));
  else
    out += "  " + terminal_text(f.note.empty() ? "no value found" : f.note) + "\n";
  out += fmt::format("  {} runs, {}\n\n", f.runs, run_line(doc));
  out += style.bold("Points probed") + ", in the order run\n";
  return out + points_grid(doc).text(style);
}

std::string csv_cell(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() &&
      (cell[0] == '=' || cell[0] == '+' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r' ||
       (cell[0] == '-' && cell.size() > 1 && !std::isdigit(static_cast<unsigned char>(cell[1])))))
    cell = "'" + cell;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_number(const std::optional<double>& x) {
  return x ? to_string(Figure{*x, FigureStyle::Significant}) : "";
}

}  // namespace

std::string render_sweep_text(const SweepDocument& doc, Color color) {
  const Style style(color);
  if (doc.find) return find_text(doc, style);
  const SweepResult& r = doc.result;
  std::string out = style.bold(terminal_text(fmt::format(
                        "Sweep of {}: {} point{}{}", r.spec_name, r.points.size(),
                        r.points.size() == 1 ? "" : "s",
                        doc.shards > 0 ? fmt::format(" (shard {} of {}, of {} in all)", doc.shard,
                                                     doc.shards, r.total_points)
                                       : std::string()))) +
                    "\n";
  out += "  " + run_line(doc) + "; values with their 95% interval\n\n";
  return out + points_grid(doc).text(style);
}

std::string render_sweep_csv(const SweepDocument& doc) {
  const SweepResult& r = doc.result;
  std::vector<std::string> header = {"index"};
  for (const Axis& a : r.axes) header.push_back(a.path);
  header.push_back("passed");
  const SweepPoint* sample = nullptr;
  for (const SweepPoint& p : r.points)
    if (p.error.empty()) {
      sample = &p;
      break;
    }
  if (sample != nullptr) {
    for (const PointValue& v : sample->gates) {
      header.push_back(v.name);
      header.push_back(v.name + " ci_low");
      header.push_back(v.name + " ci_high");
      header.push_back(v.name + " verdict");
    }
    for (const PointValue& v : sample->figures) {
      header.push_back(v.name);
      header.push_back(v.name + " ci_low");
      header.push_back(v.name + " ci_high");
    }
  }
  header.push_back("error");
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + csv_cell(header[i]);
  out += "\n";
  for (const SweepPoint& p : r.points) {
    std::vector<std::string> row = {std::to_string(p.index)};
    for (const std::string& v : p.values) row.push_back(v);
    row.push_back(p.error.empty() ? (p.passed ? "true" : "false") : "");
    const std::size_t gates = sample ? sample->gates.size() : 0;
    const std::size_t figures = sample ? sample->figures.size() : 0;
    for (std::size_t g = 0; g < gates; ++g) {
      const PointValue* v = g < p.gates.size() ? &p.gates[g] : nullptr;
      row.push_back(v ? csv_number(v->value) : "");
      row.push_back(v && v->ci ? csv_number(v->ci->low) : "");
      row.push_back(v && v->ci ? csv_number(v->ci->high) : "");
      row.push_back(v ? v->verdict : "");
    }
    for (std::size_t f = 0; f < figures; ++f) {
      const PointValue* v = f < p.figures.size() ? &p.figures[f] : nullptr;
      row.push_back(v ? csv_number(v->value) : "");
      row.push_back(v && v->ci ? csv_number(v->ci->low) : "");
      row.push_back(v && v->ci ? csv_number(v->ci->high) : "");
    }
    row.push_back(p.error);
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_cell(row[i]);
    out += "\n";
  }
  return out;
}

}  // namespace ripple::cli
