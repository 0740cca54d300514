// The AsyncAPI specification's own examples (tests/asyncapi/): each imports into a valid spec,
// and the five social-media applications come out as one system, the same from 2.6 and 3.0.

#include <gtest/gtest.h>

#include <sstream>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::diagnostics_text;
using testing::import_sources;
using testing::lines_with;

const std::vector<std::string> kApplications = {"backend", "comments-service", "frontend",
                                                "notification-service", "public-api"};

std::vector<std::string> social_media(const std::string& version) {
  std::vector<std::string> paths;
  for (const std::string& app : kApplications)
    paths.push_back("tests/asyncapi/" + version + "/social-media/" + app + "/asyncapi.yaml");
  return paths;
}

std::string without(std::string text, const std::string& prefix) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) != 0) out += line + "\n";
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

TEST(Examples, EachDocumentImportsIntoAValidSpec) {
  for (const char* path :
       {"v2.6.0/simple.yml", "v2.6.0/streetlights-kafka.yml", "v2.6.0/rpc-client.yml",
        "v2.6.0/rpc-server.yml", "v3.0.0/simple-asyncapi.yml",
        "v3.0.0/streetlights-kafka-asyncapi.yml", "v3.0.0/rpc-client-asyncapi.yml",
        "v3.0.0/rpc-server-asyncapi.yml", "v3.0.0/adeo-kafka-request-reply-asyncapi.yml",
        "v3.0.0/slack-rtm-asyncapi.yml"}) {
    SCOPED_TRACE(path);
    testing::expect_valid_spec(import_sources({std::string("tests/asyncapi/") + path}));
  }
}

TEST(Examples, SocialMediaIsOneSystemWithItsSharedChannelsJoined) {
  const ImportResult r = import_sources(social_media("v3.0.0"));
  testing::expect_valid_spec(r);
  EXPECT_EQ(diagnostics_text(r), "");
  EXPECT_EQ(r.services, 5);
  EXPECT_EQ(r.events, 4);
  EXPECT_EQ(r.consumers, 6);
  EXPECT_EQ(r.brokers, 2);
  const std::size_t events = r.spec->find("\nevents:\n");
  const std::size_t services = r.spec->find("\nservices:\n");
  ASSERT_NE(events, std::string::npos);
  EXPECT_EQ(
      r.spec->substr(events + 1, services - events),
      "events:\n"
      "  # channel `comment/{commentId}/changed` on `mosquitto`: sent by comments-service; "
      "received by\n"
      "  # website-backend\n"
      "  commentChanged:\n"
      "    description: Message that is being sent when a comment have been updated.\n"
      "    broker: mosquitto\n"
      "    carries: [commentChanged.*]\n"
      "  # channel `comment/liked` on `mosquitto`: sent by website-backend; received by "
      "comments-service,\n"
      "  # notifications-service, public-api\n"
      "  commentLiked:\n"
      "    description: Message that is being sent when a comment has been liked by someone.\n"
      "    broker: mosquitto\n"
      "    carries: [commentLiked.*]\n"
      "  # channel `like/comment` on `websiteWebSocketServer`: sent by "
      "website-websocket-client; received\n"
      "  # by website-backend\n"
      "  likeComment:\n"
      "    description: Message that is being sent when someone wants to like a comment.\n"
      "    broker: websiteWebSocketServer\n"
      "    carries: [likeComment.*]\n"
      "  # channel `update/comment/likes` on `websiteWebSocketServer`: sent by "
      "website-backend; received by\n"
      "  # website-websocket-client\n"
      "  updateCommentLikes:\n"
      "    description: Message that is being sent when a comment have been updated.\n"
      "    broker: websiteWebSocketServer\n"
      "    carries: [updateCommentLikes.*]\n"
      "\n");
  EXPECT_EQ(
      lines_with(*r.spec, "publishes:"),
      (std::vector<std::string>{"publishes: [commentChanged]", "publishes: [commentLiked]",
                                "publishes: [updateCommentLikes]", "publishes: [likeComment]"}));
  EXPECT_EQ(lines_with(*r.spec, "name:"), std::vector<std::string>{"name: social-media"});
}

// "The same" means: the two specs are identical, line for line, except
//   * the header lines naming the source documents (their paths and AsyncAPI versions), and
//   * the names of the two send operations that the 2.6 documents leave unnamed (no
//     operationId), which the importer derives from the message (`sendCommentChanged`,
//     `sendUpdateCommentLikes`) and the 3.0 documents name (`sendCommentChange`,
//     `sendCommentLikeUpdate`).
// Everything else (services, brokers and their approximations, entities and field sizes, events,
// who publishes and who consumes each, every figure and every comment) is byte-identical.
TEST(Examples, SocialMediaIsTheSameFromItsTwoVersions) {
  const ImportResult v2 = import_sources(social_media("v2.6.0"));
  const ImportResult v3 = import_sources(social_media("v3.0.0"));
  ASSERT_TRUE(v2.spec) << diagnostics_text(v2);
  ASSERT_TRUE(v3.spec) << diagnostics_text(v3);
  EXPECT_EQ(lines_with(*v2.spec, "AsyncAPI 2.6.0").size(), 5u);
  EXPECT_EQ(lines_with(*v3.spec, "AsyncAPI 3.0.0").size(), 5u);
  std::string from_v2 = without(*v2.spec, "#   tests/asyncapi/");
  from_v2 = replace_all(from_v2, "sendCommentChanged", "sendCommentChange");
  from_v2 = replace_all(from_v2, "sendUpdateCommentLikes", "sendCommentLikeUpdate");
  EXPECT_EQ(from_v2, without(*v3.spec, "#   tests/asyncapi/"));
  EXPECT_EQ(v2.defaulted, v3.defaulted);
  EXPECT_NE(*v2.spec, *v3.spec);  // the header differs: the test compares what it says
}

TEST(Examples, AdeoWarnsAboutItsRemoteSchemasAndRepliesSynchronously) {
  const ImportResult r =
      import_sources({"tests/asyncapi/v3.0.0/adeo-kafka-request-reply-asyncapi.yml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(
      diagnostics_text(r),
      "tests/asyncapi/v3.0.0/adeo-kafka-request-reply-asyncapi.yml:245:20: warning: remote "
      "`$ref` `https://deploy-preview-921--asyncapi-website.netlify.app/resources/casestudies/"
      "adeo/CostingResponseKey.avsc` is not fetched\n");
  EXPECT_EQ(lines_with(*r.spec, "requestCosting"),
            (std::vector<std::string>{"requestCosting:",
                                      "- to: adeo-asyncapi-case-study.requestCosting"}));
}

TEST(Examples, SlackIsOneServiceSendingFortySixMessages) {
  const ImportResult r = import_sources({"tests/asyncapi/v3.0.0/slack-rtm-asyncapi.yml"});
  testing::expect_valid_spec(r);
  EXPECT_EQ(r.events, 47);
  EXPECT_EQ(r.consumers, 1);
  EXPECT_EQ(lines_with(*r.spec, "shared by 46 messages").size(), 46u);
}

TEST(Examples, ReimportIsByteForByteTheSame) {
  const ImportResult once = import_sources(social_media("v2.6.0"));
  const ImportResult twice = import_sources(social_media("v2.6.0"));
  ASSERT_TRUE(once.spec);
  EXPECT_EQ(*once.spec, *twice.spec);
}

}  // namespace
}  // namespace ripple::importer
