#pragma once

// Problems found in a spec, as data. The cli renders them compiler-style:
//   shop.yaml:12:14: error: unknown operation `payment.charg`
//      12 |         calls: [payment.charg]
//         |                 ^~~~~~~~~~~~~
//   hint: did you mean `payment.charge`?

#include <string>
#include <vector>

namespace ripple::model {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  int line = 0;    // 1-based; 0 = the problem concerns the whole file
  int column = 0;  // 1-based
  int length = 1;  // characters to underline from column
  std::string message;
  std::string hint;         // may be empty
  std::string source_line;  // the text of `line`, without its newline; may be empty
};

using Diagnostics = std::vector<Diagnostic>;

[[nodiscard]] inline bool has_errors(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::Error) return true;
  }
  return false;
}

[[nodiscard]] const char* to_string(Severity severity);

}  // namespace ripple::model
