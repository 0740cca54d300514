// ripple schema KIND
// Prints the JSON Schema (draft 2020-12) of the spec (`spec`: editors complete and check specs
// with it) or of a JSON output (`analyze`, `simulate`, `gate`, `diff`, `baseline`, `validate`).
// Exit 0; 2 for an unknown kind.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/schemas.h"

namespace ripple::cli {

std::optional<std::string_view> find_schema(std::string_view kind) {
  for (const SchemaText& schema : schema_texts())
    if (schema.kind == kind) return schema.text;
  return std::nullopt;
}

namespace {

struct SchemaOptions {
  std::string kind;
};

int run_schema(const SchemaOptions& options, Io& io) {
  const std::optional<std::string_view> text = find_schema(options.kind);
  if (!text) return usage_error(io, "no schema `" + options.kind + "`");
  io.out << *text;
  return kExitOk;
}

}  // namespace

void add_schema_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SchemaOptions>();
  CLI::App* sub = app.add_subcommand(
      "schema", "Print the JSON Schema of the spec or of a JSON output (draft 2020-12)");
  std::vector<std::string> kinds;
  for (const SchemaText& schema : schema_texts()) kinds.emplace_back(schema.kind);
  sub->add_option("KIND", options->kind,
                  "spec, analyze, simulate, gate, diff, baseline, validate, sweep")
      ->required()
      ->check(CLI::IsMember(kinds));
  run_when_chosen(*sub, action, options, run_schema);
}

}  // namespace ripple::cli
