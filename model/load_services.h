#pragma once

// Pass 2 of loading for the elements that do work: services with their consumers, and operations,
// each with its work (time, calls, store accesses, publishes). Internal to the model library.

#include <vector>

#include "model/load_policies.h"
#include "model/reader.h"
#include "model/spec.h"
#include "model/yaml_tree.h"

namespace ripple::model::detail {

// Reads the bodies of the declared services (bodies[i] is the body of service i): capacity, with
// `defaults` for what a service leaves out, and `consumes:`, which adds the consumers to `spec`.
// REQUIRES: every element declared; entities and events read.
void read_services(Reader& r, Spec& spec, const Defaults& defaults,
                   const std::vector<const YamlNode*>& bodies);

// Reads the bodies of the declared operations (bodies[i] is the body of operation i).
// REQUIRES: every element declared.
void read_operations(Reader& r, Spec& spec, const Defaults& defaults,
                     const std::vector<const YamlNode*>& bodies);

}  // namespace ripple::model::detail
