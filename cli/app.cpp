#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <new>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/terminal.h"

namespace ripple::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

int run(int argc, const char* const* argv, Io& io) {
  CLI::App app{"ripple: how an event-driven design will behave, before it is built"};
  app.name("ripple");
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
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
  add_import_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    io.out << "ripple " << kVersion << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    io.err << Style(io.err_color).error("error: ") << e.what() << "\n"
           << "run `ripple --help` or `ripple COMMAND --help` for usage\n";
    return kExitBadInput;
  }
  if (!action) return kExitBadInput;
  try {
    return action(io);
  } catch (const std::bad_alloc&) {
    io.err << "ripple: internal error: out of memory\n";
  } catch (const std::exception& e) {
    io.err << "ripple: internal error: " << e.what() << "\n";
  } catch (...) {
    io.err << "ripple: internal error\n";
  }
  io.err << "please report it with the spec that caused it\n";
  return kExitInternal;
}

}  // namespace ripple::cli
