#pragma once

// AsyncAPI server protocols to Ripple broker types. Ripple has four: kafka, sqs, rabbitmq and
// memory. Protocols with the same delivery semantics map exactly; the others go to the closest
// type, with a note saying what differs, which the spec shows as a comment on the broker.

#include <string>

namespace ripple::importer {

struct BrokerMapping {
  std::string type;  // kafka | sqs | rabbitmq
  bool exact = true;
  std::string note;        // what was approximated; "" when exact
  bool defaulted = false;  // no protocol, or one ripple does not know: the type is a default
};

// REQUIRES: protocol is lower case ("" when the server names none or there is no server).
[[nodiscard]] BrokerMapping map_protocol(const std::string& protocol);

}  // namespace ripple::importer
