#pragma once

// The JSON Schemas (draft 2020-12) of the spec and of every JSON document ripple writes, as
// `ripple schema KIND` prints them: the files cli/schemas/KIND.schema.json, compiled in.

#include <optional>
#include <string_view>
#include <vector>

namespace ripple::cli {

struct SchemaText {
  std::string_view kind;  // "spec", "analyze", "simulate", "gate", "diff", "baseline", "validate"
  std::string_view text;  // the schema, ending with a newline
};

// Every schema, in file-name order (generated from cli/schemas/ by CMake).
[[nodiscard]] const std::vector<SchemaText>& schema_texts();

// The schema of `kind`, or nullopt when there is none.
[[nodiscard]] std::optional<std::string_view> find_schema(std::string_view kind);

}  // namespace ripple::cli
