// ripple import asyncapi FILE... [-o OUT.yaml] [--name NAME] [--strict] [--merge EXISTING.yaml]
// AsyncAPI documents (2.0-2.6, 3.0-3.1) to one Ripple spec, written to stdout or OUT.yaml. The
// defaulted figures are listed in the spec and summarised on stderr. Exit 0 when the spec was
// written, 2 on any error (or, with --strict, any default), 3 on an internal error.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/import/importer.h"
#include "cli/output_file.h"
#include "cli/render/render_diagnostics.h"
#include "cli/render/terminal.h"

namespace ripple::cli {
namespace {

struct ImportCommandOptions {
  std::vector<std::string> files;
  std::string output;
  std::string name;
  bool strict = false;
  std::string merge;
};

// "9 times", "1 replica count": a count of defaulted figures of one kind.
std::string count_of(int n, const std::string& kind) {
  static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
      {"time", {"time", "times"}},
      {"rate", {"rate", "rates"}},
      {"size", {"size", "sizes"}},
      {"replicas", {"replica count", "replica counts"}},
      {"workers", {"worker count", "worker counts"}},
      {"concurrency", {"concurrency", "concurrencies"}},
      {"latency", {"latency", "latencies"}},
      {"partitions", {"partition count", "partition counts"}},
      {"visibility timeout", {"visibility timeout", "visibility timeouts"}},
      {"timeout", {"timeout", "timeouts"}},
      {"broker type", {"broker type", "broker types"}}};
  const auto it = kWords.find(kind);
  if (it == kWords.end()) return fmt::format("{} {}", n, kind);
  return fmt::format("{} {}", n, n == 1 ? it->second.first : it->second.second);
}

// "27 values defaulted; set them to make the simulation meaningful" and what they are.
void write_summary(const importer::ImportResult& r, const ImportCommandOptions& options,
                   std::ostream& err) {
  const std::string where = options.output.empty() ? "stdout" : options.output;
  const auto counted = [](int count, const char* word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
  };
  err << fmt::format("ripple import: {}: {}, {}, {}, {}\n", where, counted(r.services, "service"),
                     counted(r.events, "event"), counted(r.consumers, "consumer"),
                     counted(r.brokers, "broker"));
  if (!options.merge.empty())
    err << fmt::format(
        "ripple import: --merge kept {} {} set by hand and {} {} the documents do "
        "not define\n",
        r.kept_figures, r.kept_figures == 1 ? "figure" : "figures", r.kept_elements.size(),
        r.kept_elements.size() == 1 ? "element" : "elements");
  if (r.defaulted == 0) return;
  std::string kinds;
  for (const auto& [kind, n] : r.by_kind) kinds += (kinds.empty() ? "" : ", ") + count_of(n, kind);
  err << fmt::format("{} {} defaulted; set them to make the simulation meaningful\n", r.defaulted,
                     r.defaulted == 1 ? "value" : "values")
      << fmt::format(
             "  ({}; each is marked `# default` in the spec, --strict lists them as "
             "errors, docs/import.md says how to set them)\n",
             kinds);
}

int run_import(const ImportCommandOptions& options, Io& io) {
  importer::ImportOptions request;
  request.files = options.files;
  request.name = options.name;
  request.defaults = options.strict ? importer::Defaults::AreErrors : importer::Defaults::Accept;
  request.merge = options.merge;
  request.output_name = options.output.empty() ? "stdout" : options.output;
  const importer::Limits limits;
  const importer::ImportResult result =
      importer::import_asyncapi(request, importer::disk_reader(limits.max_bytes), limits);
  io.err << render_diagnostics_text(result.diagnostics, io.err_color);
  if (!result.spec) {
    if (!result.diagnostics.empty())
      io.err << "ripple import: " << count_summary(result.diagnostics) << "; nothing written\n";
    return result.internal_error ? kExitInternal : kExitBadInput;
  }
  if (options.output.empty()) {
    io.out << *result.spec;
  } else {
    if (const auto problem = replace_file(options.output, *result.spec)) {
      io.err << Style(io.err_color).error("error: ") << "cannot write " << options.output << ": "
             << *problem << "\n";
      return kExitBadInput;
    }
  }
  write_summary(result, options, io.err);
  return kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, Action& action) {
  CLI::App* import =
      app.add_subcommand("import", "Make a spec from descriptions a team already has");
  import->require_subcommand(1);
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* sub = import->add_subcommand(
      "asyncapi", "AsyncAPI 2.x/3.x documents (one per application) to one spec of the system");
  sub->add_option("FILE", options->files, "AsyncAPI documents (YAML or JSON)")->required();
  sub->add_option("-o,--output", options->output, "Write the spec here instead of stdout");
  sub->add_option("--name", options->name, "The spec's name (default: from the documents)");
  sub->add_flag("--strict", options->strict,
                "Every defaulted figure is an error (for CI: the documents must give them all)");
  sub->add_option("--merge", options->merge,
                  "An earlier import, edited by hand: keep its hand-set figures and additions");
  sub->footer(
      "Figures AsyncAPI lacks come from x-ripple-rate, -time, -replicas, -concurrency, -latency "
      "and -timeout extensions, or are defaulted and marked in the spec. See docs/import.md.");
  sub->callback(
      [options, &action] { action = [options](Io& io) { return run_import(*options, io); }; });
}

}  // namespace ripple::cli
