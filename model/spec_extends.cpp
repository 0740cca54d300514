#include "model/spec_extends.h"

#include <filesystem>
#include <unordered_map>
#include <utility>

#include "model/reader.h"

// The chain is read from the spec down to its last base, then merged from the last base up, so
// the file nearest the spec has the last word. Cycles are found on the files' canonical paths, so
// `./base.yaml` and `base.yaml` are one file.

namespace ripple::model::detail {
namespace {

void stamp_origin(YamlNode& node, int origin) {
  node.origin = origin;
  for (YamlNode& item : node.items) stamp_origin(item, origin);
  for (YamlEntry& entry : node.entries) {
    stamp_origin(entry.first, origin);
    stamp_origin(entry.second, origin);
  }
}

// The path a base names, relative to the directory of the file that names it; `dir/../` is
// folded so diagnostics name the file as a user would.
std::string base_path(const std::string& from, const std::string& value) {
  if (!value.empty() && value.front() == '/') return value;
  const std::size_t slash = from.find_last_of('/');
  const std::string joined = slash == std::string::npos ? value : from.substr(0, slash + 1) + value;
  return std::filesystem::path(joined).lexically_normal().string();
}

std::string identity_of(const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) absolute = path;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, error);
  if (error) canonical = absolute.lexically_normal();
  return canonical.string();
}

// Takes `extends:` out of a root map; returns its value, if any.
std::optional<YamlNode> take_extends(YamlNode& root) {
  if (!root.is_map()) return std::nullopt;
  for (auto it = root.entries.begin(); it != root.entries.end(); ++it) {
    if (it->first.is_scalar() && it->first.value == "extends") {
      YamlNode value = std::move(it->second);
      root.entries.erase(it);
      return value;
    }
  }
  return std::nullopt;
}

std::string chain_text(const std::vector<SourceFile>& files, const std::string& last) {
  std::string out;
  for (const SourceFile& f : files) out += "`" + f.path + "` -> ";
  return out + "`" + last + "`";
}

class ChainReader {
 public:
  ChainReader(const FileReader& read, const TreeLimits& limits, ExtendsResult& result)
      : read_(read), limits_(limits), result_(result) {}

  // Reads the base that files[from]'s `extends:` (`at`) names; returns its tree, or nothing
  // after recording why.
  std::optional<YamlNode> read_base(std::size_t from, const YamlNode& at) {
    const SourceFile& file = result_.files[from];
    Reader r(file.path, file.text, static_cast<int>(from), result_.diagnostics);
    const auto value = r.text(at, "`extends`");
    if (!value) return std::nullopt;
    if (value->empty()) {
      r.error(at, "`extends` names no file", "write `extends: base.yaml` (relative to this file)");
      return std::nullopt;
    }
    const std::string path = base_path(file.path, *value);
    const std::string identity = identity_of(path);
    for (const SourceFile& earlier : result_.files) {
      if (identity_of(earlier.path) != identity) continue;
      r.error(at, "`extends` makes a cycle: " + chain_text(result_.files, path),
              "a spec cannot extend itself or a spec that extends it");
      return std::nullopt;
    }
    if (result_.files.size() > static_cast<std::size_t>(kMaxExtendsDepth)) {
      r.error(at, "more than " + std::to_string(kMaxExtendsDepth) + " specs extend one another",
              "merge some of the bases into one");
      return std::nullopt;
    }
    ReadResult read = read_(path);
    if (read.error) {
      r.error(at, "cannot read the base `" + path + "`: " + read.error->message, read.error->hint);
      return std::nullopt;
    }
    TreeResult tree = parse_yaml_tree(read.file->path, read.file->text, limits_);
    result_.diagnostics.insert(result_.diagnostics.end(), tree.diagnostics.begin(),
                               tree.diagnostics.end());
    if (!tree.ok) return std::nullopt;
    result_.files.push_back(std::move(*read.file));
    const int index = static_cast<int>(result_.files.size() - 1);
    if (!tree.root.is_map()) {
      const SourceFile& base = result_.files.back();
      Reader(base.path, base.text, index, result_.diagnostics)
          .error(tree.root,
                 "a base spec must be a mapping, not " + std::string(describe_kind(tree.root)));
      return std::nullopt;
    }
    stamp_origin(tree.root, index);
    return std::move(tree.root);
  }

 private:
  const FileReader& read_;
  const TreeLimits& limits_;
  ExtendsResult& result_;
};

}  // namespace

YamlNode merge_yaml(YamlNode base, const YamlNode& over) {
  if (!base.is_map() || !over.is_map()) return over;
  YamlNode out = std::move(base);
  out.line = over.line;
  out.column = over.column;
  out.origin = over.origin;
  // Large maps (thousands of services) are merged through an index of the base's keys.
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < out.entries.size(); ++i)
    if (out.entries[i].first.is_scalar()) position.emplace(out.entries[i].first.value, i);
  std::vector<bool> deleted(out.entries.size(), false);
  for (const YamlEntry& entry : over.entries) {
    const auto it = entry.first.is_scalar() ? position.find(entry.first.value) : position.end();
    if (entry.second.is_null()) {
      if (it != position.end()) deleted[it->second] = true;
      continue;
    }
    if (it == position.end()) {
      out.entries.push_back(entry);
      deleted.push_back(false);
      continue;
    }
    YamlEntry& kept = out.entries[it->second];
    kept.first = entry.first;
    kept.second = merge_yaml(std::move(kept.second), entry.second);
    deleted[it->second] = false;
  }
  std::vector<YamlEntry> entries;
  entries.reserve(out.entries.size());
  for (std::size_t i = 0; i < out.entries.size(); ++i)
    if (!deleted[i]) entries.push_back(std::move(out.entries[i]));
  out.entries = std::move(entries);
  return out;
}

ExtendsResult resolve_extends(const SourceFile& spec, YamlNode root, const FileReader& read,
                              const TreeLimits& limits) {
  ExtendsResult result;
  result.files.push_back(spec);
  stamp_origin(root, 0);
  std::vector<YamlNode> trees;
  trees.push_back(std::move(root));
  ChainReader chain(read, limits, result);
  while (true) {
    std::optional<YamlNode> extends = take_extends(trees.back());
    if (!extends) break;
    std::optional<YamlNode> base = chain.read_base(result.files.size() - 1, *extends);
    if (!base) return result;
    trees.push_back(std::move(*base));
  }
  YamlNode merged = std::move(trees.back());
  for (std::size_t i = trees.size() - 1; i-- > 0;) merged = merge_yaml(std::move(merged), trees[i]);
  result.root = std::move(merged);
  result.ok = true;
  return result;
}

}  // namespace ripple::model::detail
