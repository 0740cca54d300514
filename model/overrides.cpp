#include "model/overrides.h"

#include <charconv>

#include "model/reader.h"
#include "model/spellcheck.h"

namespace ripple::model::detail {
namespace {

struct Step {
  std::string key;
  std::vector<long long> indexes;
  int column = 1;  // 1-based, in "PATH=VALUE"
};

Diagnostic problem(const Override& o, int column, int length, std::string message,
                   std::string hint = "") {
  Diagnostic d;
  d.file = override_file(o);
  d.line = 1;
  d.column = column;
  d.length = std::max(1, length);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = o.path + "=" + o.value;
  return d;
}

// "services.payment.replicas", "workload.sources[0].rate"; false after adding the problem.
bool parse_path(const Override& o, std::vector<Step>& steps, Diagnostics& out) {
  const std::string& p = o.path;
  std::size_t i = 0;
  while (i <= p.size()) {
    Step step;
    step.column = static_cast<int>(i) + 1;
    while (i < p.size() && p[i] != '.' && p[i] != '[') step.key += p[i++];
    if (step.key.empty()) {
      out.push_back(problem(o, static_cast<int>(i) + 1, 1, "empty key in the path `" + p + "`",
                            "write keys separated by dots: `services.payment.replicas`"));
      return false;
    }
    while (i < p.size() && p[i] == '[') {
      const std::size_t close = p.find(']', i);
      long long index = -1;
      const char* first = p.data() + i + 1;
      const char* last = close == std::string::npos ? p.data() + p.size() : p.data() + close;
      const auto [ptr, ec] = std::from_chars(first, last, index);
      if (close == std::string::npos || ec != std::errc() || ptr != last || index < 0) {
        out.push_back(problem(o, static_cast<int>(i) + 1, 1,
                              "a list index must be a whole number in brackets, such as `[0]`"));
        return false;
      }
      step.indexes.push_back(index);
      i = close + 1;
    }
    steps.push_back(std::move(step));
    if (i == p.size()) break;
    if (p[i] != '.') {
      out.push_back(problem(o, static_cast<int>(i) + 1, 1,
                            "unexpected `" + std::string(1, p[i]) + "` in the path",
                            "write keys separated by dots, indexes in brackets"));
      return false;
    }
    ++i;
  }
  return true;
}

YamlNode* find_key(YamlNode& map, const std::string& key) {
  for (YamlEntry& entry : map.entries)
    if (entry.first.value == key) return &entry.second;
  return nullptr;
}

// The node the path names in `root`, added when only its last key is missing; null after
// adding the problem.
YamlNode* walk(const Override& o, const std::vector<Step>& steps, YamlNode& root, int line,
               Diagnostics& out) {
  YamlNode* node = &root;
  std::string where;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const Step& step = steps[s];
    const std::string here = where.empty() ? step.key : where + "." + step.key;
    if (!node->is_map()) {
      out.push_back(problem(o, step.column, static_cast<int>(step.key.size()),
                            "`" + (where.empty() ? std::string("the spec") : where) + "` is " +
                                describe_kind(*node) + ", not a mapping with a key `" + step.key +
                                "`"));
      return nullptr;
    }
    YamlNode* next = find_key(*node, step.key);
    if (next == nullptr) {
      std::vector<std::string> keys;
      for (const YamlEntry& entry : node->entries) keys.push_back(entry.first.value);
      const bool last = s + 1 == steps.size() && step.indexes.empty();
      if (!last || node->entries.empty()) {
        std::string hint;
        if (auto match = closest_match(step.key, keys))
          hint = "did you mean `" + (where.empty() ? *match : where + "." + *match) + "`?";
        else if (!keys.empty())
          hint = "`" + (where.empty() ? std::string("the spec") : where) + "` has " + [&] {
            std::string list;
            for (std::size_t k = 0; k < keys.size() && k < 8; ++k)
              list += (k ? ", `" : "`") + keys[k] + "`";
            return list + (keys.size() > 8 ? ", ..." : "");
          }();
        out.push_back(problem(o, step.column, static_cast<int>(step.key.size()),
                              "the spec has no `" + here + "`", hint));
        return nullptr;
      }
      // The last key may be new (a field left at its default); the loader checks its name.
      YamlEntry entry;
      entry.first.kind = YamlNode::Kind::Scalar;
      entry.first.value = step.key;
      entry.first.line = line;
      entry.first.column = step.column;
      node->entries.push_back(std::move(entry));
      next = &node->entries.back().second;
    }
    node = next;
    std::string indexed = here;
    for (long long index : step.indexes) {
      if (!node->is_sequence()) {
        out.push_back(problem(o, step.column, static_cast<int>(step.key.size()),
                              "`" + indexed + "` is " + describe_kind(*node) + ", not a list"));
        return nullptr;
      }
      if (index >= static_cast<long long>(node->items.size())) {
        const std::size_t n = node->items.size();
        out.push_back(problem(o, step.column, static_cast<int>(step.key.size()),
                              "index " + std::to_string(index) + " is out of range: `" + indexed +
                                  "` has " + std::to_string(n) + (n == 1 ? " entry" : " entries"),
                              n == 0 ? std::string("the list is empty")
                                     : "use an index from 0 to " + std::to_string(n - 1)));
        return nullptr;
      }
      node = &node->items[static_cast<std::size_t>(index)];
      indexed += "[" + std::to_string(index) + "]";
    }
    where = indexed;
  }
  if (node->is_map() || node->is_sequence()) {
    out.push_back(
        problem(o, 1, static_cast<int>(o.path.size()),
                "`" + o.path + "` is " + describe_kind(*node) +
                    "; a value can be set only on a single field",
                "name a field inside it, such as `" + o.path + "." +
                    (node->is_map() && !node->entries.empty() ? node->entries.front().first.value
                                                              : std::string("[0]")) +
                    "`"));
    return nullptr;
  }
  return node;
}

bool in_scenario(const std::string& first_key) {
  return first_key == "workload" || first_key == "faults" || first_key == "gates";
}

}  // namespace

std::string override_file(const Override& o) { return "--vary " + o.path + "=" + o.value; }

Diagnostics apply_overrides(YamlNode& spec, YamlNode* scenario,
                            const std::vector<Override>& overrides) {
  Diagnostics problems;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const Override& o = overrides[i];
    std::vector<Step> steps;
    if (!parse_path(o, steps, problems)) continue;
    YamlNode* root = &spec;
    if (scenario != nullptr && scenario->is_map() && in_scenario(steps.front().key) &&
        scenario->find(steps.front().key) != nullptr)
      root = scenario;
    const int line = kOverrideLine + static_cast<int>(i);
    YamlNode* node = walk(o, steps, *root, line, problems);
    if (node == nullptr) continue;
    node->kind = YamlNode::Kind::Scalar;
    node->value = o.value;
    node->plain = true;
    node->line = line;
    node->column = static_cast<int>(o.path.size()) + 2;
  }
  return problems;
}

void locate_override_diagnostics(Diagnostics& diagnostics, const std::vector<Override>& overrides) {
  for (Diagnostic& d : diagnostics) {
    if (d.line < kOverrideLine) continue;
    const auto i = static_cast<std::size_t>(d.line - kOverrideLine);
    if (i >= overrides.size()) continue;
    const Override& o = overrides[i];
    d.file = override_file(o);
    d.line = 1;
    d.source_line = o.path + "=" + o.value;
    if (d.column < 1 || d.column > static_cast<int>(d.source_line.size())) d.column = 1;
    d.length = std::min<int>(d.length, static_cast<int>(d.source_line.size()) - d.column + 1);
  }
}

}  // namespace ripple::model::detail
