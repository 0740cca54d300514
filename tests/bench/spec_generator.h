#pragma once

// Generated specs for the analyzer benchmarks, as YAML text, deterministic for a seed (their own
// splitmix64 stream, so the text is the same on every platform and standard library).
//
//   Shape::CallGraph  shaped like a production microservice call graph as the published Alibaba
//                     traces describe it (see the .cpp): 13% entry, 48% middle, 39% leaf
//                     services a few layers deep, heavy-tailed fan-out, a few hubs, mostly
//                     stateless services, some asynchronous events. 70,000 services is the size
//                     of Alibaba's 2022 trace.
//   Shape::Layered    the design of gen_spec.py and of issue 19's first measurements: calls go
//                     "down" to one of the next 200 services, so chains are long and one
//                     service's failure reaches a large share of the services above it;
//                     2 events and 8 edges per 5 services.

#include <cstdint>
#include <string>

namespace ripple::bench {

enum class Shape { CallGraph, Layered };

struct GeneratorOptions {
  Shape shape = Shape::CallGraph;
  int services = 1000;  // at least 20
  std::uint64_t seed = 1;
};

// The spec's YAML text; it loads without errors.
[[nodiscard]] std::string generate_spec(const GeneratorOptions& options);

[[nodiscard]] const char* to_string(Shape shape);

}  // namespace ripple::bench
