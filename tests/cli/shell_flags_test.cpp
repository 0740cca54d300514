// The shell's own flags and commands: --color, did-you-mean for unknown commands and options,
// version, -o FILE, completions and the man page.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/global_flags.h"
#include "tests/cli/run_ripple.h"

namespace ripple::cli {
namespace {

using testing::ripple;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kExamples = std::string(RIPPLE_SOURCE_DIR) + "/examples/";
const std::string kHelpLine = "run `ripple --help` or `ripple COMMAND --help` for usage\n";

TEST(ColorDecision, AlwaysAndNeverWinOverEverything) {
  EXPECT_EQ(decide_color(ColorMode::Always, IsTerminal::No, {true, false}), Color::On);
  EXPECT_EQ(decide_color(ColorMode::Never, IsTerminal::Yes, {false, true}), Color::Off);
}

TEST(ColorDecision, AutoFollowsNoColorThenForceColorThenTheTerminal) {
  EXPECT_EQ(decide_color(ColorMode::Auto, IsTerminal::Yes, {true, true}), Color::Off);
  EXPECT_EQ(decide_color(ColorMode::Auto, IsTerminal::No, {false, true}), Color::On);
  EXPECT_EQ(decide_color(ColorMode::Auto, IsTerminal::Yes, {false, false}), Color::On);
  EXPECT_EQ(decide_color(ColorMode::Auto, IsTerminal::No, {false, false}), Color::Off);
}

TEST(ColorFlag, AlwaysColoursTextOutputThatIsNotATerminal) {
  const auto r = ripple({"validate", kExamples + "marketplace.yaml", "--color", "always"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(contains(r.out, "\x1b[1;32mvalid\x1b[0m")) << r.out;
  const auto before = ripple({"--color=always", "validate", kExamples + "marketplace.yaml"});
  EXPECT_EQ(before.out, r.out);
}

TEST(ColorFlag, NeverAndAutoOffATerminalGivePlainText) {
  const auto r = ripple({"validate", kExamples + "marketplace.yaml", "--color", "never"});
  EXPECT_FALSE(contains(r.out, "\x1b[")) << r.out;
  EXPECT_EQ(r.out, ripple({"validate", kExamples + "marketplace.yaml"}).out);
}

TEST(ColorFlag, RefusesAnUnknownMode) {
  const auto r = ripple({"--color", "sometimes", "validate", kExamples + "marketplace.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "--color: sometimes not in {auto,always,never}")) << r.err;
}

TEST(UnknownCommand, IsNamedWithTheClosestCommandAndTheList) {
  const auto r = ripple({"analyse", "spec.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err,
      "error: unknown command `analyse`; did you mean `analyze`?\n"
      "commands: validate, analyze, simulate, gate, diff, report, sweep, merge, import, schema, "
      "version, completions, man\n" +
          kHelpLine);
}

TEST(UnknownCommand, FarFromEveryCommandHasNoGuess) {
  const auto r = ripple({"bogus"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.err.starts_with("error: unknown command `bogus`\ncommands: validate,")) << r.err;
  EXPECT_FALSE(contains(r.err, "subcommand")) << r.err;
}

TEST(UnknownCommand, OfACommandWithCommandsNamesThatCommand) {
  const auto r = ripple({"import", "asyncap", "x.yaml"});
  EXPECT_TRUE(r.err.starts_with(
      "error: unknown command `asyncap` of `ripple import`; did you mean `asyncapi`?\n"))
      << r.err;
}

TEST(UnknownCommand, NoneAtAllSaysSo) {
  const auto r = ripple({});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.err.starts_with("error: no command given to `ripple`\ncommands: ")) << r.err;
}

TEST(UnknownOption, IsBlamedNotTheSpec) {
  const auto r = ripple({"analyze", kExamples + "marketplace.yaml", "--fromat", "json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: unknown option `--fromat` for `ripple analyze`; did you mean `--format`?\n" +
                kHelpLine);
}

TEST(UnknownOption, WithAValueAfterAnEqualsSign) {
  const auto r = ripple({"simulate", "--sed=3", kExamples + "marketplace.yaml"});
  EXPECT_TRUE(r.err.starts_with(
      "error: unknown option `--sed` for `ripple simulate`; did you mean `--seed`?\n"))
      << r.err;
}

TEST(UnknownOption, ValuesOfKnownOptionsAreNotOptions) {
  const auto r = ripple({"--color", "never", "validate", "--scenario",
                         kExamples + "scenarios/black-friday.yaml", "--format", "text",
                         kExamples + "marketplace.yaml"});
  EXPECT_FALSE(contains(r.err, "unknown")) << r.err;
}

TEST(Version, IsOneLineForEveryWayOfAsking) {
  for (const char* ask : {"version", "-V", "--version"}) {
    const auto r = ripple({ask});
    EXPECT_EQ(r.code, 0) << ask;
    EXPECT_EQ(r.out, std::string("ripple ") + RIPPLE_PROJECT_VERSION + "\n") << ask;
  }
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OutputFile, HoldsWhatStdoutWouldAndStdoutStaysEmpty) {
  const std::string path = ::testing::TempDir() + "ripple-analyze.json";
  const auto r =
      ripple({"analyze", kExamples + "marketplace.yaml", "--format", "json", "-o", path});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read(path),
            ripple({"analyze", kExamples + "marketplace.yaml", "--format", "json"}).out);
  std::remove(path.c_str());
}

TEST(OutputFile, TextInAFileIsNeverColoured) {
  const std::string path = ::testing::TempDir() + "ripple-validate.txt";
  const auto r =
      ripple({"validate", kExamples + "marketplace.yaml", "--color", "always", "--output", path});
  EXPECT_EQ(r.code, 0);
  EXPECT_FALSE(contains(read(path), "\x1b[")) << read(path);
  EXPECT_TRUE(contains(read(path), "valid (")) << read(path);
  std::remove(path.c_str());
}

TEST(OutputFile, ThatCannotBeWrittenIsAnInternalError) {
  const auto r = ripple({"analyze", kExamples + "marketplace.yaml", "-o", "/no-such-dir/x.json"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "error: cannot write `/no-such-dir/x.json`: No such file or directory\n");
}

TEST(OutputFile, IsOfferedByEveryCommandWithAMachineFormat) {
  for (const char* command : {"validate", "analyze", "simulate", "gate", "diff"}) {
    const auto r = ripple({command, "--help"});
    EXPECT_TRUE(contains(r.out, "-o,--output")) << command;
  }
}

TEST(Completions, BashCompletesCommandsOptionsAndChoices) {
  const auto r = ripple({"completions", "bash"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(contains(r.out,
                       "    \"ripple\") commands=\"validate analyze simulate gate diff "
                       "report sweep merge import schema version completions man\";"))
      << r.out;
  EXPECT_TRUE(contains(r.out,
                       "    \"ripple analyze --format\") COMPREPLY=($(compgen -W \"text "
                       "json markdown sarif junit github codequality\" -- \"$cur\")); return ;;"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "      \"ripple import asyncapi\") path=\"$path $word\" ;;") ||
              contains(r.out, "      \"ripple import asyncapi\") path=\"$path $word\" ;;"))
      << r.out;
  EXPECT_TRUE(r.out.ends_with("complete -o filenames -F _ripple ripple\n"));
}

TEST(Completions, ZshAndFishNameEveryCommand) {
  const std::string zsh = ripple({"completions", "zsh"}).out;
  EXPECT_TRUE(zsh.starts_with("#compdef ripple\n"));
  EXPECT_TRUE(contains(
      zsh, "'--format=[Output format]:TEXT:(text json markdown sarif junit github codequality)'"))
      << zsh;
  const std::string fish = ripple({"completions", "fish"}).out;
  EXPECT_TRUE(contains(
      fish,
      "complete -c ripple -n 'not __fish_seen_subcommand_from validate "
      "analyze simulate gate diff report sweep merge import schema version completions man' "
      "-a gate -d "))
      << fish;
  EXPECT_TRUE(contains(fish,
                       "complete -c ripple -n '__fish_seen_subcommand_from gate' -l format "
                       "-x -a 'text json junit sarif github codequality' -d 'Output format'"))
      << fish;
}

TEST(Completions, RefuseAnotherShell) {
  const auto r = ripple({"completions", "tcsh"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "tcsh not in {bash,zsh,fish}")) << r.err;
}

TEST(ManPage, HasEveryCommandAndOptionFromTheHelp) {
  const auto r = ripple({"man"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(r.out.starts_with(std::string(".TH RIPPLE 1 \"\" \"ripple ") +
                                RIPPLE_PROJECT_VERSION + "\" \"User Commands\"\n"));
  EXPECT_TRUE(contains(r.out,
                       ".SS \"ripple gate\"\n\\fBripple gate\\fR [\\fIOPTIONS\\fR] "
                       "\\fISPEC\\fR\n.PP\nEvaluate the spec's gates"))
      << r.out;
  EXPECT_TRUE(contains(r.out,
                       ".TP\n\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fITEXT\\fR\n"
                       "Write the result to this file instead of stdout\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, ".SS \"ripple import asyncapi\"\n")) << r.out;
  EXPECT_TRUE(contains(r.out, ".SH \"EXIT STATUS\"\nExit codes: 0 ok, 1 a gate or check failed"))
      << r.out;
}

}  // namespace
}  // namespace ripple::cli
