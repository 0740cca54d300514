// The id types are distinct: one kind of id never stands in for another, and an index becomes an
// id only when written so. These are compile-time facts, checked here with static_assert and
// type traits; the runtime tests check what the ids do.

#include "model/ids.h"

#include <gtest/gtest.h>

#include <concepts>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace ripple::model::testing {
namespace {

static_assert(!std::is_convertible_v<BrokerId, ServiceId>, "a broker id is not a service id");
static_assert(!std::is_convertible_v<ServiceId, BrokerId>, "a service id is not a broker id");
static_assert(!std::is_convertible_v<OperationId, ConsumerId>);
static_assert(!std::is_convertible_v<EventId, EntityId>);
static_assert(!std::is_convertible_v<StoreId, BrokerId>);
static_assert(!std::is_convertible_v<int, ServiceId>, "an index becomes an id only explicitly");
static_assert(std::is_constructible_v<ServiceId, int>);
static_assert(std::is_convertible_v<ServiceId, int>, "an id indexes its vector");
static_assert(!std::equality_comparable_with<ServiceId, BrokerId>,
              "ids of two kinds never compare");
static_assert(std::totally_ordered<ServiceId>);
static_assert(sizeof(ServiceId) == sizeof(int));

[[maybe_unused]] void takes_a_service(ServiceId) {}
template <typename T>
concept PassableAsService = requires(T id) {
  takes_a_service(id);
};
static_assert(PassableAsService<ServiceId>);
static_assert(!PassableAsService<BrokerId>,
              "a broker id cannot be passed where a service id belongs");
static_assert(!PassableAsService<int>);

TEST(Ids, DefaultIsNone) {
  EXPECT_FALSE(ServiceId{}.has_value());
  EXPECT_EQ(ServiceId{}.index(), -1);
  EXPECT_TRUE(ServiceId{0}.has_value());
}

TEST(Ids, IndexTheirVector) {
  const std::vector<int> v{10, 20, 30};
  EXPECT_EQ(v[ServiceId{2}], 30);
  EXPECT_LT(ServiceId{1}, ServiceId{2});
  EXPECT_EQ(ServiceId{1}, ServiceId{1});
}

TEST(Ids, RangeYieldsEveryIdInOrder) {
  std::vector<EventId> seen;
  for (EventId e : IdRange<EventId>(3)) seen.push_back(e);
  EXPECT_EQ(seen, (std::vector<EventId>{EventId{0}, EventId{1}, EventId{2}}));
  int count = 0;
  for ([[maybe_unused]] EventId e : IdRange<EventId>(0)) ++count;
  EXPECT_EQ(count, 0);
}

TEST(Ids, HashLikeTheirIndex) {
  std::unordered_set<BrokerId> set{BrokerId{1}, BrokerId{1}, BrokerId{4}};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(set.count(BrokerId{4}), 1u);
}

}  // namespace
}  // namespace ripple::model::testing
