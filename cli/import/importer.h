#pragma once

// `ripple import asyncapi`: AsyncAPI documents (2.0 to 2.6 and 3.0 to 3.1, in any mix, YAML or
// JSON) to one Ripple spec that `ripple validate` accepts and `ripple analyze` runs on at once.
// docs/import.md states every mapping rule and every default.
//
//   ImportResult r = import_asyncapi({.files = {"orders.yaml", "billing.yaml"}}, disk_reader(...));
//   if (r.spec) write(*r.spec);  // r.diagnostics holds the warnings
//
// Never throws for anything a document can hold: every problem is a diagnostic, located at the
// place in the document (or the `$ref`) it concerns, and all of them are reported at once.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/import/documents.h"
#include "model/diagnostic.h"

namespace ripple::importer {

enum class Defaults { Accept, AreErrors };  // --strict: every defaulted figure is an error

struct ImportOptions {
  std::vector<std::string> files;  // AsyncAPI documents, as the user named them
  std::string name;                // the spec's `name`; "" derives it (see docs/import.md)
  Defaults defaults = Defaults::Accept;
  std::string merge;        // an earlier import, edited by hand, to update; "" for none
  std::string output_name;  // what the output is called in diagnostics ("shop.yaml", "stdout")
};

struct ImportResult {
  std::optional<std::string> spec;  // the spec's text; present iff no error
  model::Diagnostics diagnostics;   // errors and warnings, sorted by file and position
  bool internal_error = false;      // the output failed validation: a bug in the importer

  int defaulted = 0;                                 // figures left at their defaults
  std::vector<std::pair<std::string, int>> by_kind;  // ("time", 9), ... most first
  int kept_figures = 0;                              // --merge: hand-set figures kept
  std::vector<std::string> kept_elements;            // --merge: "services.payment", ...
  int services = 0, events = 0, consumers = 0, brokers = 0;
};

[[nodiscard]] ImportResult import_asyncapi(const ImportOptions& options, const FileReader& reader,
                                           const Limits& limits = {});

}  // namespace ripple::importer
