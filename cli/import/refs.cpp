#include "cli/import/refs.h"

#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>
#include <vector>

#include "model/spellcheck.h"

namespace ripple::importer {
namespace {

bool is_remote(const std::string& ref) {
  return ref.find("://") != std::string::npos || ref.rfind("//", 0) == 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// One pointer token: `~1` is `/`, `~0` is `~` (RFC 6901), after percent-decoding (RFC 3986).
std::string decode_token(const std::string& token) {
  const std::string text = percent_decode(token);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~' && i + 1 < text.size() && (text[i + 1] == '0' || text[i + 1] == '1')) {
      out += text[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> split_pointer(const std::string& pointer) {
  std::vector<std::string> tokens;
  std::size_t start = 1;  // after the leading '/'
  while (start <= pointer.size()) {
    std::size_t end = pointer.find('/', start);
    if (end == std::string::npos) end = pointer.size();
    tokens.push_back(decode_token(pointer.substr(start, end - start)));
    start = end + 1;
  }
  return tokens;
}

std::string keys_hint(const YamlNode& map, const std::string& where, const std::string& missing) {
  std::vector<std::string> keys;
  for (const auto& entry : map.entries)
    if (entry.first.is_scalar()) keys.push_back(entry.first.value);
  std::string hint = "`" + where + "` has no `" + missing + "`";
  if (auto guess = model::closest_match(missing, keys))
    return hint + "; did you mean `" + *guess + "`?";
  if (keys.empty()) return hint + "; it is empty";
  if (keys.size() <= 6) {
    hint += "; it has ";
    for (std::size_t i = 0; i < keys.size(); ++i)
      hint += (i == 0 ? "`" : i + 1 == keys.size() ? " and `" : ", `") + keys[i] + "`";
    return hint;
  }
  return hint;
}

std::string relative_hint(const std::string& holder) {
  const std::string dir = std::filesystem::path(holder).parent_path().generic_string();
  return "a `$ref` path is relative to the document that holds it" +
         (dir.empty() ? std::string() : " (" + dir + "/)");
}

}  // namespace

const YamlNode* RefResolver::ref_of(const YamlNode& node) {
  if (!node.is_map()) return nullptr;
  const YamlNode* ref = node.find("$ref");
  return ref != nullptr && ref->is_scalar() ? ref : nullptr;
}

std::string RefResolver::last_segment(const std::string& ref) {
  const std::size_t hash = ref.find('#');
  if (hash == std::string::npos) return "";
  const std::string pointer = ref.substr(hash + 1);
  const std::size_t slash = pointer.rfind('/');
  if (slash == std::string::npos) return "";
  return decode_token(pointer.substr(slash + 1));
}

std::optional<Place> RefResolver::step(Place at, RemoteRef remote) {
  const YamlNode* ref = ref_of(*at.node);
  if (ref == nullptr) return at;
  return target(at, *ref, remote);
}

std::optional<Place> RefResolver::follow(Place at, RemoteRef remote) {
  std::vector<Place> chain{at};  // the nodes passed, each a reference but the last
  for (int hops = 0; hops < kMaxChain; ++hops) {
    const YamlNode* ref = ref_of(*at.node);
    if (ref == nullptr) return at;
    const auto next = target(at, *ref, remote);
    if (!next) return std::nullopt;
    for (std::size_t start = 0; start < chain.size(); ++start)
      if (chain[start].node == next->node) {
        report_cycle({chain.begin() + static_cast<std::ptrdiff_t>(start), chain.end()});
        return std::nullopt;
      }
    chain.push_back(*next);
    at = *next;
  }
  problems_.error(at, "`$ref` chain longer than " + std::to_string(kMaxChain) + " references",
                  "a reference should lead to its definition in a few steps");
  return std::nullopt;
}

// A cycle is one problem, whichever reference led into it: it is reported once, at the member
// written first (by file, line and column).
void RefResolver::report_cycle(const std::vector<Place>& cycle) {
  const auto key = [](const Place& p) {
    const YamlNode* ref = ref_of(*p.node);
    return std::make_tuple(p.doc->path, ref->line, ref->column);
  };
  std::size_t first = 0;
  for (std::size_t i = 1; i < cycle.size(); ++i)
    if (key(cycle[i]) < key(cycle[first])) first = i;
  std::string path;
  for (std::size_t i = 0; i < cycle.size(); ++i)
    path += "`" + ref_of(*cycle[(first + i) % cycle.size()].node)->value + "` -> ";
  const YamlNode* ref = ref_of(*cycle[first].node);
  problems_.error({cycle[first].doc, ref},
                  cycle.size() == 1 ? "`$ref` cycle: `" + ref->value + "` refers to itself"
                                    : "`$ref` cycle: " + path + "back to `" + ref->value + "`",
                  "a reference must end at a definition; break the loop of references");
}

std::optional<Place> RefResolver::target(Place at, const YamlNode& ref, RemoteRef remote) {
  const Place ref_at{at.doc, &ref};
  const std::string& text = ref.value;
  if (is_remote(text)) {
    if (remote == RemoteRef::Error)
      problems_.error(ref_at, "remote `$ref` `" + text + "` is not fetched",
                      "ripple import reads local files only; download the file and point the "
                      "`$ref` at the copy");
    else
      problems_.warning(ref_at, "remote `$ref` `" + text + "` is not fetched",
                        "what it describes is defaulted; download the file and point the `$ref` "
                        "at the copy");
    return std::nullopt;
  }
  const std::size_t hash = text.find('#');
  const std::string file = percent_decode(text.substr(0, hash));
  const std::string pointer = hash == std::string::npos ? "" : text.substr(hash + 1);
  const Document* doc = at.doc;
  if (!file.empty()) {
    const std::string path = relative_to(at.doc->path, file);
    Loaded loaded = documents_.load(path);
    if (loaded.failure == LoadFailure::Unreadable && !loaded.problems.empty()) {
      const model::Diagnostic& why = loaded.problems.front();
      problems_.error(ref_at, "`$ref` names the file `" + path + "`: " + why.message,
                      why.message == "no such file" ? relative_hint(at.doc->path) : why.hint);
    } else {
      problems_.add_all(loaded.problems);
    }
    if (loaded.doc == nullptr) return std::nullopt;
    doc = loaded.doc;
  }
  if (!pointer.empty() && pointer[0] != '/') {
    problems_.error(ref_at, "`$ref` `" + text + "` has no JSON pointer after `#`",
                    "write `#/components/messages/Name`: a `/` follows the `#`");
    return std::nullopt;
  }
  return walk(ref_at, *doc, pointer, text);
}

const YamlNode* RefResolver::lookup(const YamlNode& map, const std::string& key) {
  constexpr std::size_t kIndexFrom = 32;  // entries; smaller mappings are searched in order
  if (map.entries.size() < kIndexFrom) return map.find(key);
  auto [it, inserted] = index_.try_emplace(&map);
  if (inserted)
    for (const auto& [k, v] : map.entries)
      if (k.is_scalar()) it->second.emplace(k.value, &v);  // the first of duplicates, as find()
  const auto found = it->second.find(key);
  return found == it->second.end() ? nullptr : found->second;
}

std::optional<Place> RefResolver::walk(Place ref_at, const Document& doc,
                                       const std::string& pointer, const std::string& ref) {
  const YamlNode* node = &doc.root;
  if (pointer.empty()) return Place{&doc, node};
  std::string where = "#";
  for (const std::string& token : split_pointer(pointer)) {
    const YamlNode* next = nullptr;
    if (node->is_map()) {
      next = lookup(*node, token);
      if (next == nullptr) {
        problems_.error(ref_at, "`$ref` target `" + ref + "` does not exist",
                        keys_hint(*node, where, token));
        return std::nullopt;
      }
    } else if (node->is_sequence()) {
      char* end = nullptr;
      const unsigned long index = std::strtoul(token.c_str(), &end, 10);
      if (token.empty() || *end != '\0' || index >= node->items.size()) {
        problems_.error(ref_at, "`$ref` target `" + ref + "` does not exist",
                        "`" + where + "` is a list of " + std::to_string(node->items.size()) +
                            " items; `" + token + "` is not one of its indexes");
        return std::nullopt;
      }
      next = &node->items[index];
    } else {
      problems_.error(ref_at, "`$ref` target `" + ref + "` does not exist",
                      "`" + where + "` is a single value, not a mapping");
      return std::nullopt;
    }
    where += "/" + token;
    node = next;
  }
  return Place{&doc, node};
}

}  // namespace ripple::importer
