#pragma once

// Performance figures AsyncAPI lacks: each comes from an `x-ripple-*` extension when the
// documents give one, looked up from the most specific object to the least (the operation, its
// channel, the document's `info`), and otherwise from a stated default. docs/import.md lists
// the defaults and the reasons for them.

#include <optional>
#include <string>
#include <vector>

#include "cli/import/application.h"
#include "cli/import/spec_model.h"

namespace ripple::importer {

// Defaults, as spec text. Ripple's own built-in defaults where it has a sensible one (replicas,
// workers, concurrency, partitions, visibility timeout, timeout, latency); a small non-zero
// time where its built-in 0ms would make the simulation free of queueing; a modest rate where
// the spec needs one.
inline constexpr const char* kDefaultRate = "10/s";
inline constexpr const char* kDefaultSendTime = "exp(1ms)";
inline constexpr const char* kDefaultHandlingTime = "exp(5ms)";
inline constexpr const char* kDefaultReplicas = "1";
inline constexpr const char* kDefaultWorkers = "16";
inline constexpr const char* kDefaultConcurrency = "1";
inline constexpr const char* kDefaultLatency = "0ms";
inline constexpr const char* kDefaultPartitions = "1";
inline constexpr const char* kDefaultVisibilityTimeout = "30s";
inline constexpr const char* kDefaultTimeout = "30s";

// One object an extension may be set on.
struct Level {
  const Extensions* extensions = nullptr;
  const char* name = "";  // "operation", "channel", "info", "server"
};

// What to write when no level sets the figure.
struct Fallback {
  std::string value;    // kDefault...
  std::string kind;     // "rate", "time", ... for the summary
  std::string subject;  // "the rate of `backend.sendCommentLiked`", for --strict
  std::string where;    // "this operation, its channel or `info`", for --strict's hint
  Place at;             // where --strict reports it
};

// The figure `field` names: from the first level that sets it, else the fallback.
[[nodiscard]] Figure figure_from(const std::vector<Level>& levels,
                                 std::optional<GivenFigure> Extensions::*field,
                                 const char* extension, const Fallback& fallback);

// A defaulted figure that `setting` (an extension, a binding) would set in the documents.
[[nodiscard]] Figure default_figure(const Fallback& fallback, const std::string& setting);

// A figure the documents give through something other than an extension (a binding).
[[nodiscard]] Figure given_figure(std::string value, std::string note, Place at);

// The size of a field as a figure: an estimate is Document (its note says how), a size no schema
// keyword bounds is Default.
[[nodiscard]] Figure size_figure(const SizeEstimate& size);

// "10/s" split in `parts`: "2.5/s". REQUIRES: rate parses, parts >= 1.
[[nodiscard]] std::string split_rate(const std::string& rate, int parts);

}  // namespace ripple::importer
