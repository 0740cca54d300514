#pragma once

// The version-specific halves of read_application: the channels and operations of a 2.x and of
// a 3.x document. Servers and `info` are read before, by read_application. Internal.

#include "cli/import/read_common.h"

namespace ripple::importer::detail {

void read_channels_v2(Reading& r, Application& app);
void read_channels_v3(Reading& r, Application& app);

// The servers a channel names (2.x by name, 3.x by `$ref`), as indexes into app.servers; every
// server of the document when the channel names none.
[[nodiscard]] std::vector<int> all_servers(const Application& app);

}  // namespace ripple::importer::detail
