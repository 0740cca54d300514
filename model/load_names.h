#pragma once

// Names and references of a spec being loaded. Internal to the model library.
//
// Pass 1 (declare_elements) declares every named element, so that references may point forward;
// pass 2 resolves references (resolve_*) against the declared names, with a did-you-mean among
// them when a name is unknown.

#include <optional>
#include <string>
#include <vector>

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// The YAML bodies of the declared elements, by id (bodies[i] is the body of element i), to be read
// in pass 2. They point into the YAML tree, which must outlive them.
struct DeclaredBodies {
  std::vector<const YamlNode*> brokers;
  std::vector<const YamlNode*> stores;
  std::vector<const YamlNode*> services;
  std::vector<const YamlNode*> operations;
  std::vector<const YamlNode*> entities;
  std::vector<const YamlNode*> events;
};

// Declares the brokers, stores, services with their operations, entities with their fields, and
// events of `root` (the spec's top-level mapping) in `spec`: names, ids, locations and indexes.
// Services, brokers and stores share one namespace.
[[nodiscard]] DeclaredBodies declare_elements(Reader& r, const YamlNode& root, Spec& spec);

// Keys starting with `x-` are vendor extensions, ignored in every mapping, also in maps whose keys
// are names (services, brokers, fields, ...).
[[nodiscard]] bool is_extension(const YamlNode& key);

// What a plain name refers to; each kind also names it in messages ("unknown broker `bux`").
enum class NameKind { Service, Broker, Store, Event };

// The id of the element named by the scalar `node`, or nullopt after an error with a
// did-you-mean (or the declared names, or "none is declared").
[[nodiscard]] std::optional<ServiceId> resolve_service(Reader& r, const Spec& spec,
                                                       const YamlNode& node);
[[nodiscard]] std::optional<BrokerId> resolve_broker(Reader& r, const Spec& spec,
                                                     const YamlNode& node);
[[nodiscard]] std::optional<StoreId> resolve_store(Reader& r, const Spec& spec,
                                                   const YamlNode& node);
[[nodiscard]] std::optional<EventId> resolve_event(Reader& r, const Spec& spec,
                                                   const YamlNode& node);
// As above for a kind chosen at run time (a fault's target): the element's index.
[[nodiscard]] std::optional<int> resolve(Reader& r, const Spec& spec, const YamlNode& node,
                                         NameKind kind);

// An operation written `service.operation`; `what` names the reference in messages.
[[nodiscard]] std::optional<OperationId> resolve_operation(Reader& r, const Spec& spec,
                                                           const YamlNode& node,
                                                           const std::string& what);

// Whether a field reference may be `entity.*`, every field of the entity.
enum class FieldScope { OneField, OneOrEveryField };

// A field written `entity.field` (or `entity.*` when the scope allows it).
[[nodiscard]] std::optional<FieldRef> resolve_field(Reader& r, const Spec& spec,
                                                    const YamlNode& node, const std::string& what,
                                                    FieldScope scope);

// "did you mean `guess`?" for the closest candidate, or `otherwise` when none is close.
[[nodiscard]] std::string did_you_mean(const std::string& word,
                                       const std::vector<std::string>& candidates,
                                       const std::string& otherwise = {});

// did_you_mean among the `count` names `candidates()` returns, built only while the file's
// spellcheck budget (Reader::spend_spellcheck) covers them; `otherwise` past it.
template <typename Candidates>
[[nodiscard]] std::string did_you_mean(Reader& r, const std::string& word, std::size_t count,
                                       Candidates candidates, const std::string& otherwise = {}) {
  if (!r.spend_spellcheck(count)) return otherwise;
  return did_you_mean(word, candidates(), otherwise);
}

template <typename T>
[[nodiscard]] std::vector<std::string> names_of(const std::vector<T>& elements) {
  std::vector<std::string> out;
  out.reserve(elements.size());
  for (const T& e : elements) out.push_back(e.name);
  return out;
}

// Every operation's `service.operation`, in id order.
[[nodiscard]] std::vector<std::string> operation_names(const Spec& spec);

}  // namespace ripple::model::detail
