#include "model/spellcheck.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ripple::model {
namespace {

TEST(Spellcheck, DistanceOfEqualWordsIsZero) {
  EXPECT_EQ(edit_distance("payment", "payment", 3), 0);
}
TEST(Spellcheck, DistanceCountsOneDeletion) { EXPECT_EQ(edit_distance("charge", "charg", 3), 1); }
TEST(Spellcheck, DistanceCountsOneInsertion) { EXPECT_EQ(edit_distance("charg", "charge", 3), 1); }
TEST(Spellcheck, DistanceCountsOneSubstitution) { EXPECT_EQ(edit_distance("bus", "bug", 3), 1); }
TEST(Spellcheck, DistanceCountsATranspositionAsTwo) {
  EXPECT_EQ(edit_distance("paymnet", "payment", 3), 2);
}
TEST(Spellcheck, DistanceOfKittenAndSittingIsThree) {
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3);
}
TEST(Spellcheck, DistanceIgnoresCase) {
  EXPECT_EQ(edit_distance("OrderPlaced", "orderplaced", 3), 0);
}
TEST(Spellcheck, DistanceFromEmptyIsTheLength) { EXPECT_EQ(edit_distance("", "abc", 3), 3); }

TEST(Spellcheck, DistanceIsCappedAtMaxPlusOne) {
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 3), 4);
}

TEST(Spellcheck, DistanceIsCappedWhenLengthsDifferTooMuch) {
  EXPECT_EQ(edit_distance("a", "abcdefg", 3), 4);
}

TEST(Spellcheck, DistanceBelowTheCapIsExact) {
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 10), 6);
}

TEST(Spellcheck, SuggestsTheCandidateOneEditAway) {
  EXPECT_EQ(closest_match("charg", {"refund", "charge"}), std::optional<std::string>("charge"));
}

TEST(Spellcheck, SuggestsTheClosestOfSeveralCandidates) {
  EXPECT_EQ(closest_match("replcas", {"workers", "replicas", "queue"}),
            std::optional<std::string>("replicas"));
}

TEST(Spellcheck, SuggestsATransposedWord) {
  EXPECT_EQ(closest_match("paymnet", {"payment"}), std::optional<std::string>("payment"));
}

TEST(Spellcheck, SuggestsThreeEditsAwayInALongWord) {
  EXPECT_EQ(closest_match("visiblity_tmout", {"visibility_timeout"}),
            std::optional<std::string>("visibility_timeout"));
}

TEST(Spellcheck, SuggestsNothingFourEditsAway) {
  EXPECT_EQ(closest_match("visblity_tmout", {"visibility_timeout"}), std::nullopt);
}

TEST(Spellcheck, SuggestsNothingForAShortWordWithHalfItsLettersWrong) {
  EXPECT_EQ(closest_match("xy", {"ab", "db"}), std::nullopt);
}

TEST(Spellcheck, SuggestsNothingForOneLetterAgainstAnother) {
  EXPECT_EQ(closest_match("a", {"b"}), std::nullopt);
}

TEST(Spellcheck, ReturnsAnExactMatch) {
  EXPECT_EQ(closest_match("db", {"db", "dc"}), std::optional<std::string>("db"));
}

TEST(Spellcheck, PrefersTheFirstOfEquallyCloseCandidates) {
  EXPECT_EQ(closest_match("cat", {"bat", "hat"}), std::optional<std::string>("bat"));
}

TEST(Spellcheck, SuggestsNothingWithoutCandidates) {
  EXPECT_EQ(closest_match("payment", {}), std::nullopt);
}

}  // namespace
}  // namespace ripple::model
