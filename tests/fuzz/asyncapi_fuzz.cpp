// Fuzz target: any bytes given to the AsyncAPI importer, as a document, as a file a document's
// `$ref`s reach, and as the EXISTING spec of --merge, give a spec or diagnostics, never a crash,
// a hang, a leak or undefined behaviour; a spec is given iff there is no error, and it is valid
// (the importer checks its own output: an invalid one is an internal error, which traps here).

#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/import/importer.h"

namespace {

constexpr char kReferring[] = R"(asyncapi: 3.0.0
info: {title: Referring, version: '1'}
servers: {bus: {host: kafka:9092, protocol: kafka}}
channels:
  c:
    address: a/{id}
    messages:
      m: {$ref: 'fuzz.yaml#/components/messages/m'}
      n: {payload: {$ref: 'fuzz.yaml#/components/schemas/s'}}
operations:
  s: {action: send, channel: {$ref: '#/channels/c'}}
  r: {action: receive, channel: {$ref: '#/channels/c'}, reply: {channel: {$ref: '#/channels/c'}}}
)";

ripple::importer::ImportResult run(const std::string& text, const std::string& file,
                                   const std::string& merge) {
  ripple::importer::ImportOptions options;
  options.files = {file};
  options.merge = merge;
  ripple::importer::Limits limits;
  limits.max_bytes = 1 << 20;
  const ripple::importer::FileReader reader = [&text](const std::string& path) {
    ripple::importer::FileRead r;
    if (path == "fuzz.yaml")
      r.text = text;
    else if (path == "referring.yaml")
      r.text = kReferring;
    else
      r.error = "no such file";
    return r;
  };
  return ripple::importer::import_asyncapi(options, reader, limits);
}

void check(const ripple::importer::ImportResult& r) {
  bool errors = false;
  for (const auto& d : r.diagnostics)
    errors = errors || d.severity == ripple::model::Severity::Error;
  if (r.internal_error || r.spec.has_value() == errors) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto alone = run(text, "fuzz.yaml", "");
  check(alone);
  check(run(text, "referring.yaml", ""));
  check(run(text, "referring.yaml", "fuzz.yaml"));
  // Re-import is byte-stable.
  if (alone.spec && run(text, "fuzz.yaml", "").spec != alone.spec) __builtin_trap();
  return 0;
}
