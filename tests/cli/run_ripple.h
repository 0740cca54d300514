#pragma once

// Runs the ripple application in-process, as `ripple ARGS...` would, capturing its output.

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace ripple::cli::testing {

struct Ran {
  int code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline Ran ripple(std::vector<std::string> args) {
  args.insert(args.begin(), "ripple");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  Io io{out, err};
  Ran r;
  r.code = run(static_cast<int>(argv.size()), argv.data(), io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace ripple::cli::testing
