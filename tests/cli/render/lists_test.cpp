#include "cli/render/lists.h"

#include <gtest/gtest.h>

namespace ripple::cli {
namespace {

TEST(Lists, ShortListIsJoinedWhole) {
  EXPECT_EQ(list_text({"a", "b"}, 3), "a, b");
  EXPECT_EQ(list_text({}, 3), "");
}

TEST(Lists, CutListSaysHowManyWereLeftOut) {
  EXPECT_EQ(list_text({"a", "b", "c", "d"}, 2), "a, b and 2 more");
}

TEST(Lists, BoundedPrefixCountsTheWholeList) {
  // The analyzers keep 3 names of a list of 10.
  EXPECT_EQ(list_first({"a", "b", "c"}, 10, 2), "a, b and 8 more");
  EXPECT_EQ(list_first({"a", "b", "c"}, 10, 5), "a, b, c and 7 more");
  EXPECT_EQ(list_first({"a"}, 1, 5), "a");
}

}  // namespace
}  // namespace ripple::cli
