#pragma once

// The JSON of `ripple sweep` (`ripple schema sweep`), written by the sweep and read back by
// `ripple merge`: a shard's document is the whole run's plus `shard`, and merging the documents
// of every shard gives the text of the unsharded run, byte for byte.

#include <optional>
#include <string>
#include <vector>

#include "cli/review/sweep.h"

namespace ripple::cli {

struct SweepDocument {
  SweepResult result;
  std::string digest;  // of the spec, the scenario and the options that decide the results
  std::optional<FindResult> find;  // --find: result.points are its probes, in the order run
  double precision = 0;            // --find's
  int shard = 0;                   // 1-based; 0: the whole run
  int shards = 0;
};

[[nodiscard]] std::string render_sweep_json(const SweepDocument& doc);

struct SweepParse {
  std::optional<SweepDocument> doc;
  std::string error;
};
[[nodiscard]] SweepParse parse_sweep_json(const std::string& text);

// The documents of shards 1..N of one run as one unsharded document; `error` says what is
// missing, repeated or does not match ("shard 2 of 3 is missing", "shard.json ran a different
// spec or other options (digest ...)", "written by ripple 0.0.9, this is 0.1.0").
struct MergeResult {
  std::optional<SweepDocument> doc;
  std::string error;
};
[[nodiscard]] MergeResult merge_shards(
    const std::vector<std::pair<std::string, SweepDocument>>& shards);  // (file name, document)

}  // namespace ripple::cli
