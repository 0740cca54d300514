// ripple completions bash|zsh|fish
// ripple man
// Print a shell completion script or the ripple(1) man page, both generated from this very
// command line (cli/command_tree.h). Exit 0.

#include "cli/render/completions.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

#include "cli/command_tree.h"
#include "cli/commands/commands.h"
#include "cli/commands/shared_options.h"
#include "cli/output_file.h"
#include "cli/render/man_page.h"
#include "cli/version.h"

namespace ripple::cli {

namespace {

struct GeneratedOptions {
  std::string shell;   // completions only
  std::string output;  // -o FILE; empty: stdout
};

}  // namespace

void add_completions_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GeneratedOptions>();
  CLI::App* sub = app.add_subcommand(
      "completions", "Print a shell completion script: ripple completions bash > FILE");
  sub->add_option("SHELL", options->shell, "The shell")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options,
                  to_output_file<GeneratedOptions>([&app](const GeneratedOptions& given, Io& io) {
                    io.out << *completion_script(command_tree(app), given.shell);
                    return kExitOk;
                  }));
}

void add_man_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GeneratedOptions>();
  CLI::App* sub = app.add_subcommand("man", "Print the ripple(1) man page (roff)");
  add_output_option(*sub, options->output);
  run_when_chosen(*sub, action, options,
                  to_output_file<GeneratedOptions>([&app](const GeneratedOptions&, Io& io) {
                    const std::string footer = app.get_footer();  // its first line: exit codes
                    io.out << man_page(command_tree(app),
                                       {kRippleVersion, footer.substr(0, footer.find('\n'))});
                    return kExitOk;
                  }));
}

}  // namespace ripple::cli
