#include "cli/import/importer.h"

#include <algorithm>
#include <map>

#include "cli/import/build_spec.h"
#include "cli/import/merge.h"
#include "cli/import/problems.h"
#include "cli/import/read_document.h"
#include "cli/import/refs.h"
#include "cli/import/schema_size.h"
#include "cli/import/spec_writer.h"
#include "model/loader.h"

namespace ripple::importer {
namespace {

// The documents, each once, in path order: the spec does not depend on the command line's order.
std::vector<std::string> unique_sorted(std::vector<std::string> files, Problems& problems) {
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (std::string& file : files) {
    if (out.empty() || out.back() != file) {
      out.push_back(std::move(file));
      continue;
    }
    model::Diagnostic d;
    d.severity = model::Severity::Warning;
    d.file = out.back();
    d.message = "named more than once; it is read once";
    problems.add(std::move(d));
  }
  return out;
}

void apply_strict(OutSpec& spec, Problems& problems) {
  for_each_figure(spec, [&](const Figure& f) {
    if (f.source == FigureSource::Default)
      for (const StrictProblem& p : f.strict) problems.error(p.at, p.message, p.hint);
  });
}

void summarise(const OutSpec& spec, ImportResult& result) {
  std::map<std::string, int> kinds;
  for_each_figure(spec, [&](const Figure& f) {
    if (f.source == FigureSource::Default) ++kinds[f.kind];
  });
  for (const auto& [kind, n] : kinds) {
    result.defaulted += n;
    result.by_kind.emplace_back(kind, n);
  }
  std::stable_sort(result.by_kind.begin(), result.by_kind.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  result.services = static_cast<int>(spec.services.size());
  result.events = static_cast<int>(spec.events.size());
  result.brokers = static_cast<int>(spec.brokers.size());
  for (const OutService& s : spec.services)
    result.consumers += static_cast<int>(s.consumers.size());
}

// The output must be a valid spec. Without --merge a failure is the importer's bug; with it, the
// kept parts of EXISTING may refer to what the documents no longer define.
void validate(const std::string& text, const ImportOptions& options, ImportResult& result,
              Problems& problems) {
  const std::string name = options.output_name.empty() ? "imported spec" : options.output_name;
  const model::LoadResult loaded = model::load_spec({name, text});
  if (!model::has_errors(loaded.diagnostics)) return;
  for (const model::Diagnostic& d : loaded.diagnostics)
    if (d.severity == model::Severity::Error) problems.add(d);
  model::Diagnostic d;
  d.file = name;
  if (options.merge.empty()) {
    d.message = "internal error: the imported spec does not validate";
    d.hint = "please report it with the AsyncAPI documents that caused it";
    result.internal_error = true;
  } else {
    d.message = "the merged spec does not validate: what --merge kept from " + options.merge +
                " refers to what the documents no longer define";
    d.hint = "fix or remove those parts of " + options.merge + ", then import again";
  }
  problems.add(std::move(d));
}

}  // namespace

ImportResult import_asyncapi(const ImportOptions& options, const FileReader& reader,
                             const Limits& limits) {
  ImportResult result;
  Problems problems;
  Documents documents(reader, limits);
  RefResolver refs(documents, problems);
  SchemaSizer sizer(refs);
  std::vector<Application> apps;
  for (const std::string& file : unique_sorted(options.files, problems)) {
    Loaded loaded = documents.load(file);
    problems.add_all(loaded.problems);
    if (loaded.doc == nullptr) continue;
    if (auto app = read_application(*loaded.doc, refs, sizer, problems))
      apps.push_back(std::move(*app));
  }
  if (!problems.has_errors() && apps.empty()) {
    model::Diagnostic d;
    d.file = "ripple import";
    d.message = "no AsyncAPI document to import";
    d.hint = "name one or more AsyncAPI files";
    problems.add(std::move(d));
  }
  if (problems.has_errors()) {
    result.diagnostics = problems.sorted();
    return result;
  }
  OutSpec spec = build_spec(apps, {options.name}, problems);
  if (!options.merge.empty()) {
    Loaded existing = documents.load(options.merge);
    problems.add_all(existing.problems);
    if (existing.doc != nullptr) {
      MergeOutcome merged = merge_existing(
          spec, *existing.doc, options.name.empty() ? NameGiven::No : NameGiven::Yes, problems);
      result.kept_figures = merged.kept_figures;
      result.kept_elements = std::move(merged.kept_elements);
    }
  }
  if (options.defaults == Defaults::AreErrors) apply_strict(spec, problems);
  if (!problems.has_errors()) {
    std::string text = write_spec(spec);
    validate(text, options, result, problems);
    if (!problems.has_errors()) result.spec = std::move(text);
  }
  summarise(spec, result);
  result.diagnostics = problems.sorted();
  return result;
}

}  // namespace ripple::importer
