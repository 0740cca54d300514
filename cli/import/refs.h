#pragma once

// `$ref` resolution over the documents of one import: local references (`#/components/...`),
// relative files (`common/messages.yaml#/commentLiked`, resolved against the directory of the
// document that holds the `$ref`), and references that lead to further references, in the same
// file or another. JSON pointers are decoded (`~1` is `/`, `~0` is `~`, `%7B` is `{`).
//
// A missing file, a missing target and a cycle are errors at the `$ref`, each reported once. A
// remote reference (`https://...`) is never fetched: it is reported at the `$ref`, as an error or
// as a warning as the caller asks (a remote payload schema only costs a size estimate).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/import/documents.h"
#include "cli/import/problems.h"

namespace ripple::importer {

// How a caller treats a `$ref` it cannot follow because it is remote.
enum class RemoteRef { Error, Warning };

class RefResolver {
 public:
  // REQUIRES: documents and problems outlive the resolver.
  RefResolver(Documents& documents, Problems& problems)
      : documents_(documents), problems_(problems) {}

  // The node `at` stands for: `at` itself when it is not a reference, else the end of its chain
  // of references. nullopt when the chain is broken or remote (already reported).
  [[nodiscard]] std::optional<Place> follow(Place at, RemoteRef remote = RemoteRef::Error);

  // One step: the target of `at`'s `$ref` (which may be a reference itself), or `at` when it is
  // not a reference. nullopt when the target cannot be reached (already reported).
  [[nodiscard]] std::optional<Place> step(Place at, RemoteRef remote = RemoteRef::Error);

  // The `$ref` value of a reference node (a mapping with a `$ref` scalar), or nullptr.
  [[nodiscard]] static const YamlNode* ref_of(const YamlNode& node);

  // The last segment of a reference's pointer, decoded: `#/components/messages/A` -> "A",
  // `messages.yaml#/b` -> "b". Empty when the reference names a whole file.
  [[nodiscard]] static std::string last_segment(const std::string& ref);

  static constexpr int kMaxChain = 64;  // references followed in one chain

 private:
  [[nodiscard]] std::optional<Place> target(Place at, const YamlNode& ref, RemoteRef remote);
  void report_cycle(const std::vector<Place>& cycle);
  [[nodiscard]] std::optional<Place> walk(Place ref_at, const Document& doc,
                                          const std::string& pointer, const std::string& ref);

  // The value of `key` in `map`; large mappings are indexed on first use, so that a document of
  // many channels resolves its references in n log n.
  [[nodiscard]] const YamlNode* lookup(const YamlNode& map, const std::string& key);

  Documents& documents_;
  Problems& problems_;
  std::map<const YamlNode*, std::map<std::string, const YamlNode*>> index_;
};

}  // namespace ripple::importer
