// `extends: base.yaml`: a variant of a spec, merged over its base (maps merge, lists replace,
// `null` deletes), every diagnostic in the file that wrote the value. Bases are read through an
// injected reader, so no test touches the disk.

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>

#include "model/loader.h"
#include "tests/model/helpers.h"

namespace ripple::model::testing {
namespace {

constexpr const char* kBase = R"(ripple: 1
name: shop
defaults: {replicas: 2}
services:
  gateway:
    operations:
      checkout: {time: 1ms, calls: [order.place, payment.charge]}
  order:
    replicas: 3
    operations: {place: {time: 5ms}}
  payment:
    operations: {charge: {time: 2ms}}
workload:
  duration: 1m
  sources: [{to: gateway.checkout, rate: 10/s}]
)";

// Files by path, as a FileReader sees them; a path not in the map is missing.
class Files {
 public:
  Files(std::initializer_list<std::pair<const std::string, std::string>> files) : files_(files) {}

  [[nodiscard]] FileReader reader() const {
    return [this](const std::string& path) {
      ReadResult read;
      const auto it = files_.find(path);
      if (it == files_.end())
        read.error =
            Diagnostic{Severity::Error, path, 0, 0, 1, "no such file", "check the path", ""};
      else
        read.file = SourceFile{path, it->second};
      return read;
    };
  }

  [[nodiscard]] LoadResult load(const std::string& path) const {
    return load_spec(SourceFile{path, files_.at(path)}, std::nullopt, {}, reader());
  }

 private:
  std::map<std::string, std::string> files_;
};

Spec load_ok(const Files& files, const std::string& path) {
  LoadResult result = files.load(path);
  if (!result.spec) {
    ADD_FAILURE() << render_all(result.diagnostics);
    return {};
  }
  return *std::move(result.spec);
}

const Service& service(const Spec& spec, const std::string& name) {
  for (const Service& s : spec.services)
    if (s.name == name) return s;
  ADD_FAILURE() << "no service " << name;
  return spec.services.front();
}

TEST(Extends, AVariantChangesOneValueAndKeepsTheRest) {
  const Files files(
      {{"arch/base.yaml", kBase},
       {"arch/more.yaml", "extends: base.yaml\nservices:\n  order: {replicas: 6}\n"}});
  const Spec spec = load_ok(files, "arch/more.yaml");
  EXPECT_EQ(service(spec, "order").replicas, 6);
  EXPECT_EQ(service(spec, "payment").replicas, 2);
  EXPECT_EQ(spec.operations.size(), 3u);
  EXPECT_EQ(spec.name, "shop");
  ASSERT_EQ(spec.files.size(), 2u);
  EXPECT_EQ(spec.files[1], "arch/base.yaml");
}

TEST(Extends, ListsReplaceTheBasesList) {
  const Files files({{"base.yaml", kBase},
                     {"v.yaml",
                      "extends: base.yaml\nservices:\n  gateway:\n    operations:\n"
                      "      checkout: {calls: [order.place]}\n"}});
  const Spec spec = load_ok(files, "v.yaml");
  ASSERT_FALSE(spec.operations.empty());
  EXPECT_EQ(spec.operations[0].full_name, "gateway.checkout");
  EXPECT_EQ(spec.operations[0].work.calls.size(), 1u);
}

TEST(Extends, NullDeletesTheBasesKey) {
  const Files files({{"base.yaml", kBase},
                     {"v.yaml",
                      "extends: base.yaml\nservices:\n  order: {replicas: null}\n"
                      "  gateway:\n    operations:\n      checkout: {calls: null}\n"}});
  const Spec spec = load_ok(files, "v.yaml");
  EXPECT_EQ(service(spec, "order").replicas, 2) << "the default, once the base's 3 is deleted";
  EXPECT_TRUE(spec.operations[0].work.calls.empty());
}

TEST(Extends, BasesChainAndTheNearestFileWins) {
  const Files files({{"base.yaml", kBase},
                     {"mid.yaml", "extends: base.yaml\nservices: {order: {replicas: 4}}\n"},
                     {"top.yaml", "extends: mid.yaml\nname: top\n"}});
  const Spec spec = load_ok(files, "top.yaml");
  EXPECT_EQ(service(spec, "order").replicas, 4);
  EXPECT_EQ(spec.name, "top");
  ASSERT_EQ(spec.files.size(), 3u);
  EXPECT_EQ(spec.files[2], "base.yaml");
}

TEST(Extends, AnErrorInAValueTheBaseSetPointsIntoTheBase) {
  std::string base = kBase;
  base.replace(base.find("replicas: 3"), 11, "replicas: x");
  const Files files({{"base.yaml", base}, {"v.yaml", "extends: base.yaml\nname: v\n"}});
  const LoadResult result = files.load("v.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.file, "base.yaml");
  EXPECT_EQ(render(d),
            render(under(9, "    replicas: x", "x", "`replicas` must be a whole number, not `x`")));
}

TEST(Extends, AnErrorInAValueTheVariantSetPointsIntoTheVariant) {
  const Files files({{"base.yaml", kBase},
                     {"v.yaml", "extends: base.yaml\nservices:\n  order: {replicaz: 4}\n"}});
  const LoadResult result = files.load("v.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].file, "v.yaml");
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(3, "  order: {replicaz: 4}", "replicaz",
                         "unknown key `replicaz` in service `order`", "did you mean `replicas`?")));
}

TEST(Extends, AMissingBaseIsOneErrorAtTheExtendsLine) {
  const Files files({{"arch/v.yaml", "ripple: 1\nextends: bsae.yaml\n"}});
  const LoadResult result = files.load("arch/v.yaml");
  EXPECT_FALSE(result.spec);
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(render(result.diagnostics[0]),
            render(under(2, "extends: bsae.yaml", "bsae.yaml",
                         "cannot read the base `arch/bsae.yaml`: no such file", "check the path")));
}

TEST(Extends, ACycleIsOneErrorAtTheExtendsThatClosesIt) {
  const Files files(
      {{"a.yaml", "ripple: 1\nextends: b.yaml\n"}, {"b.yaml", "ripple: 1\nextends: a.yaml\n"}});
  const LoadResult result = files.load("a.yaml");
  EXPECT_FALSE(result.spec);
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.file, "b.yaml");
  EXPECT_EQ(render(d), render(under(2, "extends: a.yaml", "a.yaml",
                                    "`extends` makes a cycle: `a.yaml` -> `b.yaml` -> `a.yaml`",
                                    "a spec cannot extend itself or a spec that extends it")));
}

TEST(Extends, ASpecThatExtendsItselfIsACycle) {
  const Files files({{"a.yaml", "ripple: 1\nextends: ./a.yaml\n"}});
  const LoadResult result = files.load("a.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_NE(result.diagnostics[0].message.find("cycle"), std::string::npos);
}

TEST(Extends, ABaseThatIsNotAMappingIsRefused) {
  const Files files({{"base.yaml", "- a\n- b\n"}, {"v.yaml", "extends: base.yaml\n"}});
  const LoadResult result = files.load("v.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].file, "base.yaml");
  EXPECT_EQ(result.diagnostics[0].message, "a base spec must be a mapping, not a list");
}

TEST(Extends, ExtendsMustNameAFile) {
  const Files files({{"v.yaml", "ripple: 1\nextends: [a.yaml]\n"}});
  const LoadResult result = files.load("v.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u) << render_all(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].message, "`extends` must be a single value, not a list");
}

TEST(Extends, AFindingsLocationNamesTheBaseFile) {
  const Files files({{"base.yaml", kBase}, {"v.yaml", "extends: base.yaml\n"}});
  const Spec spec = load_ok(files, "v.yaml");
  EXPECT_EQ(spec.where(service(spec, "order").loc), "base.yaml:8:3");
}

}  // namespace
}  // namespace ripple::model::testing
