#include "cli/review/sweep_json.h"

#include <algorithm>
#include <stdexcept>

#include "cli/json/json.h"
#include "cli/json/versioned.h"
#include "cli/version.h"

namespace ripple::cli {
namespace {

constexpr const char* kKind = "ripple_sweep";

Json ci_json(const std::optional<Bounds>& ci) {
  if (!ci) return nullptr;
  return Json::array({ci->low, ci->high});
}

Json value_json(const PointValue& v, bool gate) {
  Json j = Json::object();
  if (gate) j["expr"] = v.name;
  j["value"] = nullable(v.value);
  j["ci"] = ci_json(v.ci);
  j["unit"] = v.unit;
  if (gate) j["verdict"] = v.verdict;
  return j;
}

Json point_json(const SweepResult& r, const SweepPoint& p) {
  Json j = Json::object();
  j["index"] = p.index;
  Json values = Json::object();
  for (std::size_t a = 0; a < r.axes.size() && a < p.values.size(); ++a)
    values[r.axes[a].path] = p.values[a];
  j["values"] = std::move(values);
  j["passed"] = p.passed;
  if (!p.error.empty()) j["error"] = p.error;
  Json gates = Json::array();
  for (const PointValue& g : p.gates) gates.push_back(value_json(g, true));
  j["gates"] = std::move(gates);
  Json figures = Json::object();
  for (const PointValue& f : p.figures) figures[f.name] = value_json(f, false);
  j["figures"] = std::move(figures);
  return j;
}

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Json& member(const Json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) throw ParseError(std::string("missing `") + key + "`");
  return *it;
}

std::string text(const Json& o, const char* key) {
  const Json& m = member(o, key);
  if (!m.is_string()) throw ParseError(std::string("`") + key + "` must be a string");
  return m.get<std::string>();
}

double number(const Json& o, const char* key) {
  const Json& m = member(o, key);
  if (!m.is_number()) throw ParseError(std::string("`") + key + "` must be a number");
  return m.get<double>();
}

std::optional<double> optional_number(const Json& o, const char* key) {
  const Json& m = member(o, key);
  if (m.is_null()) return std::nullopt;
  if (!m.is_number()) throw ParseError(std::string("`") + key + "` must be a number or null");
  return m.get<double>();
}

std::optional<Bounds> read_ci(const Json& o) {
  const Json& m = member(o, "ci");
  if (m.is_null()) return std::nullopt;
  if (!m.is_array() || m.size() != 2 || !m[0].is_number() || !m[1].is_number())
    throw ParseError("`ci` must be [low, high] or null");
  return Bounds{m[0].get<double>(), m[1].get<double>()};
}

PointValue read_value(const Json& o, const std::string& name, bool gate) {
  if (!o.is_object()) throw ParseError("gates and figures hold objects");
  PointValue v;
  v.name = gate ? text(o, "expr") : name;
  v.value = optional_number(o, "value");
  v.ci = read_ci(o);
  v.unit = text(o, "unit");
  if (gate) v.verdict = text(o, "verdict");
  return v;
}

SweepPoint read_point(const Json& o, const std::vector<Axis>& axes) {
  if (!o.is_object()) throw ParseError("`points` holds objects");
  SweepPoint p;
  p.index = static_cast<int>(number(o, "index"));
  const Json& values = member(o, "values");
  for (const Axis& a : axes) p.values.push_back(text(values, a.path.c_str()));
  const Json& passed = member(o, "passed");
  if (!passed.is_boolean()) throw ParseError("`passed` must be true or false");
  p.passed = passed.get<bool>();
  if (o.contains("error")) p.error = text(o, "error");
  for (const Json& g : member(o, "gates")) p.gates.push_back(read_value(g, "", true));
  for (const auto& [name, f] : member(o, "figures").items())
    p.figures.push_back(read_value(f, name, false));
  return p;
}

SweepDocument read_document(const Json& root) {
  if (!root.is_object()) throw ParseError("not a JSON object");
  if (!root.contains("kind") || !root["kind"].is_string() || root["kind"] != kKind)
    throw ParseError("not the JSON of `ripple sweep` (no \"kind\": \"ripple_sweep\")");
  if (auto unsupported = unsupported_schema_version(root)) throw ParseError(*unsupported);
  SweepDocument doc;
  SweepResult& r = doc.result;
  r.spec_name = text(root, "spec");
  doc.digest = text(root, "digest");
  r.seed = static_cast<std::uint64_t>(number(root, "seed"));
  r.replications = static_cast<int>(number(root, "replications"));
  r.simulated_ms = number(root, "simulated_time");
  for (const Json& a : member(root, "axes")) {
    Axis axis;
    axis.path = text(a, "path");
    axis.unit = text(a, "unit");
    axis.integer = member(a, "integer").get<bool>();
    for (const Json& v : member(a, "values")) axis.values.push_back(v.get<std::string>());
    for (const Json& n : member(a, "numbers"))
      axis.numbers.push_back(n.is_number() ? n.get<double>() : NAN);
    r.axes.push_back(std::move(axis));
  }
  for (const Json& g : member(root, "gates")) r.gate_texts.push_back(g.get<std::string>());
  r.total_points = static_cast<int>(number(root, "total_points"));
  if (root.contains("shard")) {
    doc.shard = static_cast<int>(number(root["shard"], "index"));
    doc.shards = static_cast<int>(number(root["shard"], "count"));
  }
  if (root.contains("find")) {
    const Json& f = root["find"];
    FindResult find;
    find.path = text(f, "path");
    find.gate = text(f, "gate");
    find.value = optional_number(f, "value");
    find.low = number(f, "low");
    find.high = number(f, "high");
    find.runs = static_cast<int>(number(f, "runs"));
    find.direction = text(f, "direction");
    find.note = text(f, "note");
    doc.precision = number(f, "precision");
    doc.find = std::move(find);
  }
  for (const Json& p : member(root, "points")) r.points.push_back(read_point(p, r.axes));
  return doc;
}

}  // namespace

std::string render_sweep_json(const SweepDocument& doc) {
  const SweepResult& r = doc.result;
  Json body = Json::object();
  body["kind"] = kKind;
  body["spec"] = r.spec_name;
  body["digest"] = doc.digest;
  body["seed"] = r.seed;
  body["replications"] = r.replications;
  body["simulated_time"] = r.simulated_ms;
  Json axes = Json::array();
  for (const Axis& a : r.axes) {
    Json numbers = Json::array();
    for (double n : a.numbers) numbers.push_back(std::isnan(n) ? Json(nullptr) : Json(n));
    axes.push_back(Json{{"path", a.path},
                        {"unit", a.unit},
                        {"integer", a.integer},
                        {"values", a.values},
                        {"numbers", std::move(numbers)}});
  }
  body["axes"] = std::move(axes);
  body["gates"] = r.gate_texts;
  body["total_points"] = r.total_points;
  if (doc.shards > 0) body["shard"] = Json{{"index", doc.shard}, {"count", doc.shards}};
  if (doc.find)
    body["find"] = Json{{"path", doc.find->path},
                        {"value", nullable(doc.find->value)},
                        {"low", doc.find->low},
                        {"high", doc.find->high},
                        {"gate", doc.find->gate},
                        {"runs", doc.find->runs},
                        {"direction", doc.find->direction},
                        {"precision", doc.precision},
                        {"note", doc.find->note}};
  Json points = Json::array();
  for (const SweepPoint& p : r.points) points.push_back(point_json(r, p));
  body["points"] = std::move(points);
  return json_text(versioned(std::move(body)));
}

SweepParse parse_sweep_json(const std::string& text) {
  JsonParse parsed = parse_json(text);
  if (!parsed.value) return {std::nullopt, std::move(parsed.error)};
  try {
    SweepDocument doc = read_document(*parsed.value);
    const Json& root = *parsed.value;
    if (!root.contains("ripple_version") || !root["ripple_version"].is_string() ||
        root["ripple_version"] != kRippleVersion)
      return {std::nullopt,
              "written by ripple " +
                  (root.contains("ripple_version") && root["ripple_version"].is_string()
                       ? root["ripple_version"].get<std::string>()
                       : std::string("(unknown)")) +
                  ", this is " + kRippleVersion + ": run every shard with one ripple"};
    return {std::move(doc), ""};
  } catch (const ParseError& e) {
    return {std::nullopt, e.what()};
  } catch (const std::exception& e) {
    return {std::nullopt, std::string("unexpected shape: ") + e.what()};
  }
}

MergeResult merge_shards(const std::vector<std::pair<std::string, SweepDocument>>& shards) {
  if (shards.empty()) return {std::nullopt, "no shard files"};
  const SweepDocument& first = shards.front().second;
  if (first.shards == 0)
    return {std::nullopt, shards.front().first +
                              " is not a shard (it has no `shard`): run the "
                              "sweep with --shard K/N"};
  const int n = first.shards;
  std::vector<const SweepDocument*> by_index(static_cast<std::size_t>(n) + 1, nullptr);
  for (const auto& [file, doc] : shards) {
    if (doc.shards != n)
      return {std::nullopt, file + " is shard " + std::to_string(doc.shard) + " of " +
                                std::to_string(doc.shards) + ", the first file of " +
                                std::to_string(n)};
    if (doc.digest != first.digest || doc.result.seed != first.result.seed ||
        doc.result.replications != first.result.replications)
      return {std::nullopt, file + " ran a different spec or other options than " +
                                shards.front().first + " (digest " + doc.digest + " against " +
                                first.digest + ")"};
    if (doc.shard < 1 || doc.shard > n)
      return {std::nullopt, file + " has shard index " + std::to_string(doc.shard) +
                                " outside 1.." + std::to_string(n)};
    if (by_index[static_cast<std::size_t>(doc.shard)] != nullptr)
      return {std::nullopt, "shard " + std::to_string(doc.shard) + " of " + std::to_string(n) +
                                " is given twice (" + file + ")"};
    by_index[static_cast<std::size_t>(doc.shard)] = &doc;
  }
  for (int k = 1; k <= n; ++k)
    if (by_index[static_cast<std::size_t>(k)] == nullptr)
      return {std::nullopt,
              "shard " + std::to_string(k) + " of " + std::to_string(n) + " is missing"};
  SweepDocument merged = first;
  merged.shard = 0;
  merged.shards = 0;
  merged.result.points.clear();
  for (int k = 1; k <= n; ++k) {
    const SweepDocument& doc = *by_index[static_cast<std::size_t>(k)];
    for (const SweepPoint& p : doc.result.points) {
      if (!in_shard(p.index, k, n))
        return {std::nullopt, "shard " + std::to_string(k) + " holds point " +
                                  std::to_string(p.index) + ", which is not its own"};
      merged.result.points.push_back(p);
    }
    if (merged.result.spec_name.empty()) {
      merged.result.spec_name = doc.result.spec_name;
      merged.result.simulated_ms = doc.result.simulated_ms;
      merged.result.gate_texts = doc.result.gate_texts;
    }
  }
  std::sort(merged.result.points.begin(), merged.result.points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.index < b.index; });
  if (static_cast<int>(merged.result.points.size()) != merged.result.total_points)
    return {std::nullopt, "the shards hold " + std::to_string(merged.result.points.size()) +
                              " points of " + std::to_string(merged.result.total_points)};
  return {std::move(merged), ""};
}

}  // namespace ripple::cli
