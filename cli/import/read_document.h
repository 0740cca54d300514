#pragma once

// Reading one AsyncAPI document, 2.0 to 2.6 or 3.0 to 3.1, into an Application.
//
// 2.x: each channel's `subscribe` operation is the application *sending* on the channel and its
// `publish` operation the application *receiving* (the inverted meaning of 2.x); 3.x operations
// say `action: send|receive` as written. Messages get identifiers, the preferred first: 3.x the
// message's key in its channel, then its `name`, then the last segments of the `$ref`s that lead
// to it; 2.x its `name`, then those `$ref` segments, then the operationId, then the channel
// address.
//
// Problems are reported to `problems`; the document is read as far as it can be, so that every
// problem is reported at once. A file that is not AsyncAPI, or of an unsupported version (1.x),
// gives one error and nullopt.

#include <optional>

#include "cli/import/application.h"
#include "cli/import/problems.h"
#include "cli/import/refs.h"
#include "cli/import/schema_size.h"

namespace ripple::importer {

[[nodiscard]] std::optional<Application> read_application(const Document& doc, RefResolver& refs,
                                                          SchemaSizer& sizer, Problems& problems);

}  // namespace ripple::importer
