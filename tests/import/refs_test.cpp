#include "cli/import/refs.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace ripple::importer {
namespace {

using testing::MemoryFiles;

// Documents and a resolver over in-memory files.
struct Refs {
  explicit Refs(const MemoryFiles& files) : documents(files.reader(), Limits{}) {}

  // The node that `pointer` (within the document's root, by keys) leads to after following.
  std::optional<Place> follow(const std::string& path, std::vector<std::string> keys,
                              RemoteRef remote = RemoteRef::Error) {
    const Document* doc = documents.load(path).doc;
    EXPECT_NE(doc, nullptr);
    const YamlNode* node = &doc->root;
    for (const std::string& key : keys) node = node->find(key);
    return resolver.follow({doc, node}, remote);
  }
  std::string messages() const {
    std::string out;
    for (const model::Diagnostic& d : problems.sorted())
      out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
             (d.severity == model::Severity::Error ? "error: " : "warning: ") + d.message + " | " +
             d.hint + "\n";
    return out;
  }

  Documents documents;
  Problems problems;
  RefResolver resolver{documents, problems};
};

TEST(Refs, FollowsALocalReference) {
  MemoryFiles files;
  files.add("a.yaml",
            "x: {$ref: '#/components/messages/M'}\ncomponents: {messages: {M: {name: m}}}\n");
  Refs refs(files);
  const auto place = refs.follow("a.yaml", {"x"});
  ASSERT_TRUE(place);
  EXPECT_EQ(place->node->find("name")->value, "m");
  EXPECT_EQ(refs.messages(), "");
}

TEST(Refs, FollowsARelativeFileAndTheReferencesInIt) {
  MemoryFiles files;
  files.add("app/backend/asyncapi.yaml", "x: {$ref: '../common/messages.yaml#/liked'}\n");
  files.add("app/common/messages.yaml", "liked: {payload: {$ref: './schemas.yaml#/p'}}\n");
  files.add("app/common/schemas.yaml", "p: {type: string}\n");
  Refs refs(files);
  const auto message = refs.follow("app/backend/asyncapi.yaml", {"x"});
  ASSERT_TRUE(message);
  EXPECT_EQ(message->doc->path, "app/common/messages.yaml");
  const auto payload = refs.resolver.follow({message->doc, message->node->find("payload")});
  ASSERT_TRUE(payload);
  EXPECT_EQ(payload->doc->path, "app/common/schemas.yaml");
  EXPECT_EQ(payload->node->find("type")->value, "string");
}

TEST(Refs, DecodesJsonPointerEscapes) {
  MemoryFiles files;
  files.add("a.yaml",
            "x: {$ref: '#/channels/user~1signed%7Bup%7D/a~0b'}\n"
            "channels: {'user/signed{up}': {'a~b': 7}}\n");
  Refs refs(files);
  const auto place = refs.follow("a.yaml", {"x"});
  ASSERT_TRUE(place);
  EXPECT_EQ(place->node->value, "7");
}

TEST(Refs, ReportsAMissingTargetWithTheClosestKey) {
  MemoryFiles files;
  files.add("a.yaml",
            "x: {$ref: '#/components/messages/UserSignedUpp'}\n"
            "components: {messages: {UserSignedUp: {}}}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_EQ(refs.messages(),
            "a.yaml:1:12: error: `$ref` target `#/components/messages/UserSignedUpp` does not "
            "exist | `#/components/messages` has no `UserSignedUpp`; did you mean "
            "`UserSignedUp`?\n");
}

TEST(Refs, ReportsAMissingFileAtTheReference) {
  MemoryFiles files;
  files.add("dir/a.yaml", "x: {$ref: 'common.yaml#/m'}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("dir/a.yaml", {"x"}));
  EXPECT_EQ(refs.messages(),
            "dir/a.yaml:1:12: error: `$ref` names the file `dir/common.yaml`: no such file | "
            "a `$ref` path is relative to the document that holds it (dir/)\n");
}

TEST(Refs, ReportsACycleOnceWhereItCloses) {
  MemoryFiles files;
  files.add("a.yaml",
            "x: {$ref: '#/c/A'}\n"
            "y: {$ref: '#/c/B'}\n"
            "c:\n"
            "  A: {$ref: '#/c/B'}\n"
            "  B: {$ref: '#/c/A'}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_FALSE(refs.follow("a.yaml", {"y"}));
  EXPECT_EQ(refs.messages(),
            "a.yaml:4:14: error: `$ref` cycle: `#/c/B` -> `#/c/A` -> back to `#/c/B` | a "
            "reference must end at a definition; break the loop of references\n");
}

TEST(Refs, ReportsAReferenceToItself) {
  MemoryFiles files;
  files.add("a.yaml", "x: {$ref: '#/x'}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_EQ(refs.messages(),
            "a.yaml:1:12: error: `$ref` cycle: `#/x` refers to itself | a reference must end at "
            "a definition; break the loop of references\n");
}

TEST(Refs, NeverFetchesARemoteReference) {
  MemoryFiles files;
  files.add("a.yaml", "x: {$ref: 'https://example.com/s.json#/S'}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}, RemoteRef::Warning));
  EXPECT_EQ(refs.messages(),
            "a.yaml:1:12: error: remote `$ref` `https://example.com/s.json#/S` is not fetched | "
            "ripple import reads local files only; download the file and point the `$ref` at the "
            "copy\n");
}

TEST(Refs, ReportsARemoteSchemaReferenceAsAWarning) {
  MemoryFiles files;
  files.add("a.yaml", "x: {$ref: 'http://example.com/s.avsc'}\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}, RemoteRef::Warning));
  EXPECT_EQ(refs.messages(),
            "a.yaml:1:12: warning: remote `$ref` `http://example.com/s.avsc` is not fetched | "
            "what it describes is defaulted; download the file and point the `$ref` at the "
            "copy\n");
}

TEST(Refs, StopsALongChain) {
  std::string text = "x: {$ref: '#/r0'}\n";
  for (int i = 0; i < 100; ++i)
    text += "r" + std::to_string(i) + ": {$ref: '#/r" + std::to_string(i + 1) + "'}\n";
  MemoryFiles files;
  files.add("a.yaml", text);
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_EQ(refs.messages().substr(0, 62),
            "a.yaml:65:6: error: `$ref` chain longer than 64 references | a");
}

TEST(Refs, ReportsABrokenReferencedFileInItself) {
  MemoryFiles files;
  files.add("a.yaml", "x: {$ref: 'b.yaml#/m'}\n");
  files.add("b.yaml", "m: [unclosed\n");
  Refs refs(files);
  EXPECT_FALSE(refs.follow("a.yaml", {"x"}));
  EXPECT_EQ(refs.problems.sorted().size(), 1u);
  EXPECT_EQ(refs.problems.sorted().front().file, "b.yaml");
}

TEST(Refs, KnowsTheLastSegmentOfAReference) {
  EXPECT_EQ(RefResolver::last_segment("#/components/messages/A"), "A");
  EXPECT_EQ(RefResolver::last_segment("../common/messages.yaml#/commentLiked"), "commentLiked");
  EXPECT_EQ(RefResolver::last_segment("#/channels/user~1signedup"), "user/signedup");
  EXPECT_EQ(RefResolver::last_segment("schemas.yaml"), "");
}

}  // namespace
}  // namespace ripple::importer
