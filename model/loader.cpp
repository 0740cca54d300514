#include "model/loader.h"

#include <algorithm>
#include <tuple>

#include "model/gate_parser.h"
#include "model/load_components.h"
#include "model/load_names.h"
#include "model/load_policies.h"
#include "model/load_scenario.h"
#include "model/load_services.h"
#include "model/reader.h"
#include "model/spec_extends.h"
#include "model/yaml_tree.h"

// Loading runs in two passes over the spec's tree: first every name is declared (so references may
// point forward), then every body is read and resolved. Each part of the loader (load_*.h) reads
// its sections into the Spec; what one part produces for another is passed explicitly: the
// declared bodies from the names to the sections, the defaults from the policies to the services.

namespace ripple::model {
namespace {

using detail::Reader;
using detail::YamlNode;

void read_version(Reader& r, const YamlNode& root) {
  const YamlNode* version = root.find("ripple");
  if (version == nullptr) {
    const YamlNode& at = root.entries.empty() ? root : root.entries.front().first;
    r.error(at, "the spec does not say its format version", "add `ripple: 1` as the first line");
    return;
  }
  if (!version->is_scalar() || version->value != "1")
    r.error(
        *version,
        "unsupported spec format version `" + (version->is_scalar() ? version->value : "?") + "`",
        "this Ripple reads `ripple: 1`");
}

void read_header(Reader& r, Spec& spec, const YamlNode& root) {
  read_version(r, root);
  if (const YamlNode* n = root.find("name")) spec.name = r.text(*n, "`name`").value_or("");
  if (const YamlNode* n = root.find("description"))
    spec.description = r.text(*n, "`description`").value_or("");
}

// Reads the spec file into `spec`.
void load_architecture(Reader& r, Spec& spec, const YamlNode& root) {
  if (!r.expect_map(root, "a spec")) return;
  r.check_keys(root,
               {"ripple", "name", "description", "defaults", "brokers", "stores", "entities",
                "events", "services", "workload", "faults", "gates", "suppress"},
               "the spec");
  read_header(r, spec, root);
  detail::Defaults defaults;
  if (const YamlNode* n = root.find("defaults")) defaults = detail::read_defaults(r, *n);
  spec.callback_policy = detail::default_call(defaults, r.loc(root));
  const detail::DeclaredBodies bodies = detail::declare_elements(r, root, spec);
  detail::read_brokers(r, spec, bodies.brokers);
  detail::read_stores(r, spec, bodies.stores, defaults.max_utilization);
  detail::read_entities(r, spec, bodies.entities);
  detail::read_events(r, spec, bodies.events);
  detail::read_services(r, spec, defaults, bodies.services);
  detail::read_operations(r, spec, defaults, bodies.operations);
  detail::read_scenario_sections(r, spec, root);
  if (const YamlNode* n = root.find("suppress")) detail::read_suppressions(r, spec, *n);
}

// The spec file as the scenario sees it: its reader and its own `gates:` (null when it has none).
struct Architecture {
  Reader& reader;
  const YamlNode* gates = nullptr;
};

// Reads the scenario file over the spec it applies to.
void load_scenario(Reader& r, Spec& spec, const YamlNode& root, const Architecture& architecture) {
  if (!r.expect_map(root, "a scenario")) return;
  r.check_keys(root, {"ripple", "name", "description", "workload", "faults", "gates"},
               "a scenario");
  if (const YamlNode* n = root.find("ripple"); n != nullptr && (!n->is_scalar() || n->value != "1"))
    r.error(*n, "unsupported spec format version", "this Ripple reads `ripple: 1`");
  detail::read_scenario_sections(r, spec, root);
  // Gates kept from the spec are checked again: they may name a fault or an entry operation
  // that the scenario took away.
  const bool changed = root.find("workload") != nullptr || root.find("faults") != nullptr;
  if (root.find("gates") == nullptr && changed && architecture.gates != nullptr)
    detail::read_gates(architecture.reader, spec, *architecture.gates);
}

// Sorts the diagnostics by file (the spec's first, then its bases, then the other files), then
// position, so every run prints the same report, and drops repeats.
void order_diagnostics(Diagnostics& diagnostics, const std::vector<std::string>& files) {
  const auto rank = [&](const Diagnostic& d) {
    return static_cast<std::size_t>(std::find(files.begin(), files.end(), d.file) - files.begin());
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return std::make_tuple(rank(a), a.line, a.column) <
                            std::make_tuple(rank(b), b.line, b.column);
                   });
  // An anchored block used several times yields the same problem at the same place each time.
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& a, const Diagnostic& b) {
                                  return a.file == b.file && a.line == b.line &&
                                         a.column == b.column && a.message == b.message;
                                }),
                    diagnostics.end());
}

detail::TreeLimits tree_limits_of(const LoadLimits& limits) {
  return {limits.max_bytes, limits.max_depth, limits.max_nodes, limits.max_alias_nodes};
}

std::string stem_of(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  const std::size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

LoadResult load_spec(const SourceFile& spec_file, const std::optional<SourceFile>& scenario,
                     const LoadLimits& limits, const FileReader& read,
                     const std::vector<Override>& overrides) {
  LoadResult result;
  const detail::TreeLimits tree_limits = tree_limits_of(limits);
  detail::TreeResult tree = detail::parse_yaml_tree(spec_file.path, spec_file.text, tree_limits);
  if (!tree.ok) {
    result.diagnostics = std::move(tree.diagnostics);
    return result;
  }
  std::optional<detail::TreeResult> scenario_tree;
  if (scenario) {
    scenario_tree = detail::parse_yaml_tree(scenario->path, scenario->text, tree_limits);
    if (!scenario_tree->ok) {
      result.diagnostics = std::move(scenario_tree->diagnostics);
      return result;
    }
  }
  Spec spec;
  spec.name = stem_of(spec_file.path);
  Diagnostics& diagnostics = result.diagnostics;
  diagnostics = std::move(tree.diagnostics);
  // Only a spec that extends another pays for the copy of its text and the walk of its tree.
  std::vector<SourceFile> files;
  if (tree.root.is_map() && tree.root.find("extends") != nullptr) {
    const FileReader from_disk = [&](const std::string& path) {
      return read_source_file(path, limits);
    };
    detail::ExtendsResult merged = detail::resolve_extends(spec_file, std::move(tree.root),
                                                           read ? read : from_disk, tree_limits);
    diagnostics.insert(diagnostics.end(), merged.diagnostics.begin(), merged.diagnostics.end());
    if (!merged.ok) {
      std::vector<std::string> paths;
      for (const SourceFile& f : merged.files) paths.push_back(f.path);
      order_diagnostics(diagnostics, paths);
      return result;
    }
    tree.root = std::move(merged.root);
    files = std::move(merged.files);
  }
  if (!overrides.empty()) {
    Diagnostics problems = detail::apply_overrides(
        tree.root, scenario_tree ? &scenario_tree->root : nullptr, overrides);
    if (has_errors(problems)) {
      result.diagnostics = std::move(problems);
      return result;
    }
  }
  spec.files.push_back(spec_file.path);
  for (std::size_t i = 1; i < files.size(); ++i) spec.files.push_back(files[i].path);
  Reader reader(spec_file.path, spec_file.text, 0, diagnostics);
  if (!files.empty()) reader.set_files(&files);
  reader.set_file_reader(&read);
  load_architecture(reader, spec, tree.root);
  if (scenario_tree) {
    const int scenario_index = static_cast<int>(spec.files.size());
    spec.files.push_back(scenario->path);
    diagnostics.insert(diagnostics.end(), scenario_tree->diagnostics.begin(),
                       scenario_tree->diagnostics.end());
    Reader scenario_reader(scenario->path, scenario->text, scenario_index, diagnostics);
    scenario_reader.set_file_reader(&read);
    const Architecture architecture{reader, tree.root.is_map() ? tree.root.find("gates") : nullptr};
    load_scenario(scenario_reader, spec, scenario_tree->root, architecture);
  }
  detail::locate_override_diagnostics(diagnostics, overrides);
  order_diagnostics(diagnostics, spec.files);
  if (!has_errors(diagnostics)) result.spec = std::move(spec);
  return result;
}

Diagnostics add_gates_file(Spec& spec, const SourceFile& file, const LoadLimits& limits) {
  const detail::TreeLimits tree_limits = tree_limits_of(limits);
  detail::TreeResult tree = detail::parse_yaml_tree(file.path, file.text, tree_limits);
  Diagnostics diagnostics = std::move(tree.diagnostics);
  if (!tree.ok) return diagnostics;
  Reader r(file.path, file.text, static_cast<int>(spec.files.size()), diagnostics);
  std::vector<Gate> gates;
  if (r.expect_map(tree.root, "a gates file")) {
    r.check_keys(tree.root, {"ripple", "name", "description", "gates"}, "a gates file");
    const YamlNode* list = tree.root.find("gates");
    if (list == nullptr) {
      r.error(tree.root, "a gates file needs `gates:`",
              "write `gates: [\"p99(gateway.checkout) < 300ms\"]`");
    } else if (r.expect_sequence(*list, "`gates`")) {
      for (const YamlNode& item : list->items)
        if (auto gate = detail::parse_gate(r, item, spec)) gates.push_back(std::move(*gate));
    }
  }
  if (has_errors(diagnostics)) return diagnostics;
  spec.files.push_back(file.path);
  spec.gates.insert(spec.gates.end(), gates.begin(), gates.end());
  return diagnostics;
}

}  // namespace ripple::model
