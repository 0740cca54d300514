#include "cli/render/escape.h"

#include <gtest/gtest.h>

#include <string>

namespace ripple::cli {
namespace {

TEST(TerminalText, EscapesLineBreaksAndControlCharacters) {
  EXPECT_EQ(terminal_text("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(terminal_text("\x1b]0;title\x07\x1b[2J\x7f"), "\\x1b]0;title\\x07\\x1b[2J\\x7f");
}

TEST(TerminalText, EscapesC1ControlsAndBidiOverridesButKeepsOtherUtf8) {
  EXPECT_EQ(terminal_text("caf\xc3\xa9 \xc2\x9b"
                          "31m"),
            "caf\xc3\xa9 \\u009b31m");
  EXPECT_EQ(terminal_text("a\xe2\x80\xae"
                          "b"),
            "a\\u202eb");
}

TEST(TerminalText, ShowsBytesThatAreNotUtf8InHex) {
  EXPECT_EQ(terminal_text("caf\xe9.yaml"), "caf\\xe9.yaml");
  EXPECT_EQ(terminal_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(terminal_text("\xc0\xaf"), "\\xc0\\xaf");           // overlong `/`
}

TEST(TerminalPath, NeverStartsAWorkflowCommand) {
  EXPECT_EQ(terminal_path("::error file=x::y.yaml"), "./::error file=x::y.yaml");
  EXPECT_EQ(terminal_path("  ::warning::z"), "./  ::warning::z");
  EXPECT_EQ(terminal_path("a::b.yaml"), "a::b.yaml");
  EXPECT_EQ(terminal_path("evil\n::error::x.yaml"), "evil\\n::error::x.yaml");
}

TEST(TerminalText, SourceLinesKeepTheirTabs) {
  EXPECT_EQ(terminal_source_line("\tcalls: [\x1b]"), "\tcalls: [\\x1b]");
}

TEST(MarkdownText, NeutralisesHtmlCommentsImagesLinksAndMentions) {
  EXPECT_EQ(markdown_text("<!-- x -->"), "&lt;!-- x --&gt;");
  EXPECT_EQ(markdown_text("![](https://e.vil/p.png)"), "!\\[\\](https\\://e.vil/p.png)");
  EXPECT_EQ(markdown_text("@octocat"), "@\xe2\x81\xa0octocat");
  EXPECT_EQ(markdown_text("a&amp;b"), "a&amp;amp;b");
}

TEST(MarkdownText, KeepsTableCellsAndLinesWhole) {
  EXPECT_EQ(markdown_text("a|b\r\n# c `d` \\"), "a\\|b  # c \\`d\\` \\\\");
  EXPECT_EQ(markdown_text("x\xff"), "x\xef\xbf\xbd");
}

TEST(MarkdownCode, FenceIsLongerThanAnyBacktickRunInside) {
  EXPECT_EQ(markdown_code("order.place"), "`order.place`");
  EXPECT_EQ(markdown_code("a``b"), "```a``b```");
  EXPECT_EQ(markdown_code("`x"), "`` `x ``");
  EXPECT_EQ(markdown_code("a|b\nc"), "`a\\|b c`");
}

TEST(MarkdownProse, QuotedNamesStayCodeAndNothingLeaksOutOfThem) {
  EXPECT_EQ(markdown_prose("service `a` calls `b.op`"), "service `a` calls `b.op`");
  EXPECT_EQ(markdown_prose("`<!--` @x `y"), "`<!--` @\xe2\x81\xa0x \\`y");
  EXPECT_EQ(markdown_prose("`a|b` | c"), "`a\\|b` \\| c");
}

TEST(Markup, EscapesAndRepairsUtf8) {
  EXPECT_EQ(markup_escape("]]><x a='1'>&\x01"), "]]&gt;&lt;x a=&#39;1&#39;&gt;&amp; ");
  EXPECT_EQ(markup_escape("evil\xff.yaml"), "evil\xef\xbf\xbd.yaml");
}

TEST(GithubCommands, DataCannotEndTheCommandOrStartAnother) {
  EXPECT_EQ(github_data("50%\n::error::x\r"), "50%25%0A::error::x%0D");
  EXPECT_EQ(github_property("a,b:c\n"), "a%2Cb%3Ac%0A");
  EXPECT_EQ(github_data("\x1b[31m\xff"), " [31m\xef\xbf\xbd");
}

}  // namespace
}  // namespace ripple::cli
