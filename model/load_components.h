#pragma once

// Pass 2 of loading for the elements that do no work: brokers, stores, entities and events.
// Internal to the model library.

#include <vector>

#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Each reads the bodies of the declared elements of its kind (bodies[i] is the body of element i,
// see DeclaredBodies) into `spec`.
void read_brokers(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies);
void read_stores(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies,
                 double max_utilization);
// REQUIRES: services and operations declared (owners and `read` operations are resolved).
void read_entities(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies);
// REQUIRES: brokers and entities declared.
void read_events(Reader& r, Spec& spec, const std::vector<const YamlNode*>& bodies);

}  // namespace ripple::model::detail
