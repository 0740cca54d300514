#pragma once

// What the 2.x and 3.x readers share: servers, messages (payload sizes, keys), channel and
// operation bindings, `x-ripple-*` extensions, traits. Internal to the importer.

#include <optional>
#include <string>
#include <vector>

#include "cli/import/application.h"
#include "cli/import/problems.h"
#include "cli/import/refs.h"
#include "cli/import/schema_size.h"

namespace ripple::importer::detail {

// The context of reading one document.
struct Reading {
  const Document& doc;
  RefResolver& refs;
  SchemaSizer& sizer;
  Problems& problems;
  int major = 3;  // AsyncAPI major version

  [[nodiscard]] Place at(const YamlNode& node) const { return {&doc, &node}; }
};

// The mapping `at` stands for (references followed), or nullopt after reporting that it is
// something else or that a reference is broken. `what` names it in messages: "channel `x`".
[[nodiscard]] std::optional<Place> mapping(Reading& r, Place at, const std::string& what);

// A whole number from 1 to 999,999,999 written in digits.
[[nodiscard]] bool is_count(const std::string& text);

// `text` without leading and trailing blanks (spaces, tabs, line ends).
[[nodiscard]] std::string trim(const std::string& text);

// The text of a scalar (trimmed), or "" when the node is absent or not a scalar.
[[nodiscard]] std::string text_of(const YamlNode* node);

// `key` of `object` or, when absent there, of the first of its `traits` that has it.
[[nodiscard]] std::optional<Place> find_with_traits(Reading& r, Place object,
                                                    const std::string& key);

// The `x-ripple-*` keys of `object` (read_extensions.cpp).
[[nodiscard]] Extensions read_extensions(Reading& r, Place object);

// A server of `servers` (2.x `url`, 3.x `host` + `pathname`).
[[nodiscard]] Server read_server(Reading& r, const YamlNode& key, Place value);

// A message; `names` are its identifiers known from where it is referenced (its `name` is
// added after the first of them for 3.x, first for 2.x).
[[nodiscard]] Message read_message(Reading& r, Place at, std::vector<std::string> names);

// The last segments of the chain of `$ref`s that starts at `at`: ["commentLiked"].
[[nodiscard]] std::vector<std::string> ref_segments(Reading& r, Place at);

// Bindings (read_bindings.cpp).
[[nodiscard]] ChannelBindings read_channel_bindings(Reading& r, Place channel);
void read_operation_bindings(Reading& r, Place operation, Operation& out);

// "comment/{commentId}/changed" -> "comment/{}/changed".
[[nodiscard]] std::string join_address(const std::string& address);

}  // namespace ripple::importer::detail
