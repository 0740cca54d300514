#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <exception>
#include <new>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/global_flags.h"
#include "cli/render/escape.h"
#include "cli/render/terminal.h"
#include "cli/terminal_guard.h"
#include "cli/usage_check.h"
#include "cli/version.h"

namespace ripple::cli {

int usage_error(Io& io, std::string_view message) {
  io.err << Style(io.err_color).error("error: ") << terminal_text(message) << "\n";
  return kExitBadInput;
}

namespace {

// A result that did not reach stdout (a full disk, a closed pipe, /dev/full) must not pass a CI
// job: one line and exit 3, whatever the command decided.
int checked_output(int exit_code, Io& io) {
  errno = 0;
  io.out.flush();
  if (io.out) return exit_code;
  const int error = io.out_error != nullptr && *io.out_error != 0 ? *io.out_error : errno;
  io.err << "ripple: error: cannot write the output to stdout"
         << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
  return kExitInternal;
}

// Whether the chosen command writes GitHub workflow commands to stdout (`--format github`).
WorkflowCommands stdout_commands(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    const CLI::Option* format = sub->get_option_no_throw("--format");
    if (format != nullptr && format->count() > 0 && format->as<std::string>() == "github")
      return WorkflowCommands::Allow;
    if (stdout_commands(*sub) == WorkflowCommands::Allow) return WorkflowCommands::Allow;
  }
  return WorkflowCommands::Refuse;
}

int run_parsed(CLI::App& app, const Action& action, Io& io) {
  TerminalGuard out_guard(io.out, {stdout_commands(app), io.out_color == Color::On, false});
  std::ostream out(&out_guard);
  Io guarded{out, io.err, io.out_color, io.err_color, io.err_is_tty, io.quiet, io.out_error};
  try {
    return checked_output(action(guarded), guarded);
  } catch (const std::bad_alloc&) {
    io.err << "ripple: internal error: out of memory\n";
  } catch (const std::exception& e) {
    io.err << "ripple: internal error: " << terminal_text(e.what()) << "\n";
  } catch (...) {
    io.err << "ripple: internal error\n";
  }
  io.err << "please report it with the spec that caused it\n";
  return kExitInternal;
}

GuardPolicy err_policy(const Io& io) {
  return {WorkflowCommands::Refuse, io.err_color == Color::On, io.err_is_tty};
}

int run_guarded(int argc, const char* const* argv, Io& io, TerminalGuard& err_guard) {
  CLI::App app{"ripple: how an event-driven design will behave, before it is built"};
  app.name("ripple");
  app.require_subcommand(1);
  app.set_version_flag("-V,--version", kRippleVersion);
  GlobalFlags flags;
  add_global_flags(app, flags);
  app.footer(
      "Exit codes: 0 ok, 1 a gate or check failed, 2 bad input or usage, 3 internal error.\n"
      "Docs: docs/spec.md (spec format), docs/lints.md, docs/ci.md.");
  Action action;
  add_validate_command(app, action);
  add_analyze_command(app, action);
  add_simulate_command(app, action);
  add_gate_command(app, action);
  add_diff_command(app, action);
  add_report_command(app, action);
  add_sweep_command(app, action);
  add_merge_command(app, action);
  add_import_command(app, action);
  add_schema_command(app, action);
  add_version_command(app, action);
  add_completions_command(app, action);
  add_man_command(app, action);
  if (const auto problem = check_usage(app, std::vector<std::string>(argv + 1, argv + argc))) {
    usage_error(io, problem->message);
    if (!problem->hint.empty()) io.err << problem->hint << "\n";
    io.err << "run `ripple --help` or `ripple COMMAND --help` for usage\n";
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    io.out << "ripple " << kRippleVersion << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    usage_error(io, e.what());
    io.err << "run `ripple --help` or `ripple COMMAND --help` for usage\n";
    return kExitBadInput;
  }
  apply_global_flags(flags, io);
  err_guard.set_policy(err_policy(io));
  if (!action) return kExitBadInput;
  return run_parsed(app, action, io);
}

}  // namespace

int run(int argc, const char* const* argv, Io& io) {
  TerminalGuard err_guard(io.err, err_policy(io));
  std::ostream err(&err_guard);
  Io guarded{io.out, err, io.out_color, io.err_color, io.err_is_tty, io.quiet, io.out_error};
  return run_guarded(argc, argv, guarded, err_guard);
}

}  // namespace ripple::cli
