#include "cli/terminal_guard.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace ripple::cli {
namespace {

// What reaches the terminal when `text` is written through a guard, in `pieces`-byte writes.
std::string guarded(const std::string& text, WorkflowCommands commands = WorkflowCommands::Refuse,
                    std::size_t pieces = 1, bool terminal = true) {
  std::ostringstream target;
  {
    TerminalGuard guard(target, {commands, terminal, terminal});
    std::ostream out(&guard);
    for (std::size_t i = 0; i < text.size(); i += pieces) out << text.substr(i, pieces);
  }
  return target.str();
}

TEST(TerminalGuard, PassesTextColoursAndTheProgressBarsErase) {
  EXPECT_EQ(guarded("plain: text\n\tok\n"), "plain: text\n\tok\n");
  EXPECT_EQ(guarded("\x1b[1;31merror:\x1b[0m x"), "\x1b[1;31merror:\x1b[0m x");
  EXPECT_EQ(guarded("\r\x1b[Ksimulating 50%"), "\r\x1b[Ksimulating 50%");
}

TEST(TerminalGuard, PassesNoEscapeAtAllToAStreamWithoutColour) {
  EXPECT_EQ(guarded("\x1b[31mred\r\x1b[K", WorkflowCommands::Refuse, 1, false),
            "\\x1b[31mred\\r\\x1b[K");
}

TEST(TerminalGuard, ShowsOtherControlsInsteadOfObeyingThem) {
  EXPECT_EQ(guarded("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
  EXPECT_EQ(guarded("a\rb\x1b[2J"), "a\\rb\\x1b[2J");
  EXPECT_EQ(guarded("x\xc2\x9b"
                    "1m"),
            "x\\u009b1m");
}

TEST(TerminalGuard, ShowsBytesThatAreNotUtf8) {
  EXPECT_EQ(guarded("caf\xe9!"), "caf\\xe9!");
  EXPECT_EQ(guarded("\xe2\x86\x92 ok", WorkflowCommands::Refuse, 1), "\xe2\x86\x92 ok");
  EXPECT_EQ(guarded("cut \xe2\x86"), "cut \\xe2\\x86");
}

TEST(TerminalGuard, NoLineStartsAWorkflowCommand) {
  EXPECT_EQ(guarded("::error file=a::b\n  ::warning::c\nx ::d\n"),
            "\\::error file=a::b\n  \\::warning::c\nx ::d\n");
  EXPECT_EQ(guarded("\x1b[1m::error::x"), "\x1b[1m\\::error::x");
  EXPECT_EQ(guarded(":a\n:"), ":a\n:");
}

TEST(TerminalGuard, LetsWorkflowCommandsThroughWhereTheyAreTheOutput) {
  EXPECT_EQ(guarded("::error file=a::b%0A\n", WorkflowCommands::Allow), "::error file=a::b%0A\n");
}

TEST(TerminalGuard, DecidesTheSameWhateverTheWriteSizes) {
  const std::string text = "::x\n\x1b[31mr\x1b[0m\r\x1b[K\xe2\x86\x92\x1b]0;\x07\xff\n";
  for (std::size_t pieces : {1, 2, 3, 5, 64})
    EXPECT_EQ(guarded(text, WorkflowCommands::Refuse, pieces), guarded(text)) << pieces;
}

}  // namespace
}  // namespace ripple::cli
