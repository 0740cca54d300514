#pragma once

// Usage mistakes that CLI11 would report in misleading words (`ripple bogus`: "A subcommand is
// required"; `ripple analyze spec.yaml --fromat json`: the spec file blamed), found in the
// arguments before CLI11 parses them and said plainly, with a did-you-mean:
//   unknown command `bogus`
//   unknown option `--fromat` for `ripple analyze`; did you mean `--format`?

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ripple::cli {

struct UsageProblem {
  std::string message;  // one line, without "error: "
  std::string hint;     // a second line ("commands: validate, analyze, ..."), or empty
};

// The first unknown command or option in `args` (argv without the program name) for `app` and
// its commands, or nullopt. Options of a command's parents count as known (they fall through).
[[nodiscard]] std::optional<UsageProblem> check_usage(const CLI::App& app,
                                                      const std::vector<std::string>& args);

}  // namespace ripple::cli
