#pragma once

// Every list of one component's cascade, one component at a time: for a renderer that streams
// complete cascades (`--full`) without holding all of them, whose total size can grow with the
// square of the spec.
//
//   CascadeExplorer explorer(spec);
//   for (const Cascade& c : analysis.cascades) write(explorer.expand(c.kind, c.component_id));
//
// expand() gives what analyze() gives with CascadeLists::Full for that component: every list
// complete, as ids (cascade_names.h names them).

#include <memory>

#include "analyzers/analysis.h"
#include "model/spec.h"

namespace ripple::analyzers {

class CascadeExplorer {
 public:
  // Keeps a reference to `spec`, which must outlive the explorer. Builds reverse indexes once,
  // in time and memory linear in the spec.
  explicit CascadeExplorer(const model::Spec& spec);
  ~CascadeExplorer();
  CascadeExplorer(const CascadeExplorer&) = delete;
  CascadeExplorer& operator=(const CascadeExplorer&) = delete;

  // The cascade of the service, store or broker `component_id` (by `kind`). Costs what fails
  // (operations, consumers and stoppers reached), not the size of the spec. Not thread-safe:
  // one explorer per thread.
  [[nodiscard]] Cascade expand(ComponentKind kind, int component_id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ripple::analyzers
