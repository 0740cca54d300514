// ripple merge SHARD.json... [--format json|text|csv] [-o FILE]
// Combines the JSON of every shard of one `ripple sweep --shard K/N` run into the result of the
// unsharded run: its JSON byte for byte. Exit 0; 2 when a shard is missing, given twice, not a
// sweep's JSON, or ran another spec, seed, options or ripple version.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/render/escape.h"
#include "cli/render/render_sweep.h"
#include "cli/review/sweep_json.h"
#include "cli/spec_input.h"

namespace ripple::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> files;
  std::string format = "json";
  std::string output;
};

int run_merge(const MergeOptions& o, Io& io) {
  std::vector<std::pair<std::string, SweepDocument>> shards;
  for (const std::string& file : o.files) {
    const model::ReadResult read = read_input_file(file);
    if (read.error) return usage_error(io, terminal_path(file) + ": " + read.error->message);
    SweepParse parsed = parse_sweep_json(read.file->text);
    if (!parsed.doc)
      return usage_error(io, terminal_path(file) + ": " + terminal_text(parsed.error));
    shards.emplace_back(file, std::move(*parsed.doc));
  }
  MergeResult merged = merge_shards(shards);
  if (!merged.doc) return usage_error(io, "merge: " + terminal_text(merged.error));
  if (o.format == "csv")
    io.out << render_sweep_csv(*merged.doc);
  else if (o.format == "text")
    io.out << render_sweep_text(*merged.doc, io.out_color);
  else
    io.out << render_sweep_json(*merged.doc);
  return kExitOk;
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<MergeOptions>();
  CLI::App* sub = app.add_subcommand(
      "merge", "Combine the JSON of every shard of a `ripple sweep --shard K/N` run into one");
  sub->add_option("shards", options->files, "Shard JSON files (every K of 1..N once)")->required();
  add_format_option(*sub, options->format, {"json", "text", "csv"});
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options, to_output_file<MergeOptions>(run_merge));
}

}  // namespace ripple::cli
