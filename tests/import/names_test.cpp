#include "cli/import/names.h"

#include <gtest/gtest.h>

namespace ripple::importer {
namespace {

TEST(Identifier, KeepsAValidName) { EXPECT_EQ(identifier("commentLiked", "m_"), "commentLiked"); }

TEST(Identifier, ReplacesRunsOfOtherCharactersWithOneUnderscore) {
  EXPECT_EQ(identifier("smartylighting.streetlights.1.0.event", "m_"),
            "smartylighting_streetlights_1_0_event");
  EXPECT_EQ(identifier("user/{userId}/signed up", "m_"), "user_userId_signed_up");
}

TEST(Identifier, PrefixesANameThatDoesNotStartWithALetter) {
  EXPECT_EQ(identifier("2fa", "f_"), "f_2fa");
  EXPECT_EQ(identifier("$id", "f_"), "id");
}

TEST(Identifier, NeverStartsWithTheExtensionPrefix) {
  EXPECT_EQ(identifier("x-request-id", "f_"), "x_request-id");
}

TEST(Identifier, IsEmptyWithoutLettersOrDigits) { EXPECT_EQ(identifier("/{}/", "m_"), ""); }

TEST(KebabName, LowerCasesWordsWithOneDashBetween) {
  EXPECT_EQ(kebab_name("Website WebSocket Client"), "website-websocket-client");
  EXPECT_EQ(kebab_name("Public API "), "public-api");
  EXPECT_EQ(kebab_name("RPC_Server (v2)"), "rpc-server-v2");
}

TEST(KebabName, DropsLeadingDigitsAndNonAscii) {
  EXPECT_EQ(kebab_name("3D Printer"), "d-printer");
  EXPECT_EQ(kebab_name("Сервис"), "");
}

TEST(Namer, NumbersTheSecondUseOfAName) {
  Namer names;
  EXPECT_EQ(names.unique("orders"), "orders");
  EXPECT_EQ(names.unique("orders"), "orders-2");
  EXPECT_EQ(names.unique("orders"), "orders-3");
  EXPECT_TRUE(names.taken("orders-2"));
  EXPECT_FALSE(names.taken("billing"));
}

TEST(Namer, NeverHandsOutAnExtensionKey) {
  Namer names;
  EXPECT_EQ(names.unique("x-A"), "x_A");
}

TEST(Namer, SkipsANumberedNameAlreadyTaken) {
  Namer names;
  EXPECT_EQ(names.unique("a-2"), "a-2");
  EXPECT_EQ(names.unique("a"), "a");
  EXPECT_EQ(names.unique("a"), "a-3");
}

TEST(UpperFirst, CapitalisesTheFirstLetter) {
  EXPECT_EQ(upper_first("commentLiked"), "CommentLiked");
}

}  // namespace
}  // namespace ripple::importer
