#pragma once

// The system the documents describe, as a spec: one service per document, one broker per server
// (and per distinct topic or queue settings on it), one event per message on a joined channel
// (join.h), its sender's operation publishing it and every receiver consuming it, request/reply
// as a synchronous call of the replier, and every figure the documents lack defaulted
// (figures.h). docs/import.md states each rule.

#include <string>
#include <vector>

#include "cli/import/application.h"
#include "cli/import/problems.h"
#include "cli/import/spec_model.h"

namespace ripple::importer {

struct BuildOptions {
  std::string name;  // the spec's `name`; "" to derive it from the documents
};

// REQUIRES: apps sorted by document path, so that names and order do not depend on the order
// of the command line.
[[nodiscard]] OutSpec build_spec(const std::vector<Application>& apps, const BuildOptions& options,
                                 Problems& problems);

}  // namespace ripple::importer
