#include "analyzers/cascade.h"

#include <algorithm>

#include "analyzers/cascade_bounded.h"
#include "analyzers/cascade_explorer.h"
#include "analyzers/failure_index.h"

namespace ripple::analyzers::detail {

std::vector<Cascade> compute_cascades(const model::Spec& spec, const AnalyzeOptions& options) {
  std::vector<Cascade> cascades;
  if (options.cascade_lists == CascadeLists::Full) {
    CascadeExplorer explorer(spec);
    for (const Component& component : components_of(spec))
      cascades.push_back(explorer.expand(component.kind, component.id));
    return cascades;
  }
  const FailureIndex index(spec);
  for (const Component& component : components_of(spec)) {
    Cascade& c = cascades.emplace_back();
    c.kind = component.kind;
    c.component_id = component.id;
    c.component = component_name(spec, component);
  }
  const int limit = std::max(0, options.cascade_list_limit);
  add_failed_entries(index, limit, cascades);
  add_counts(index, limit, cascades);
  return cascades;
}

}  // namespace ripple::analyzers::detail
