#include "simulator/pool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ripple::sim {
namespace {

struct Record {
  int id = 0;
  std::string name;
};

TEST(Pool, AllocatedValueIsReachableThroughItsHandle) {
  Pool<Record> pool;
  const auto handle = pool.allocate(Record{7, "seven"});
  ASSERT_TRUE(pool.alive(handle));
  EXPECT_EQ(pool[handle].id, 7);
  ASSERT_NE(pool.get(handle), nullptr);
  EXPECT_EQ(pool.get(handle)->name, "seven");
}

TEST(Pool, FreedHandleGoesStale) {
  Pool<Record> pool;
  const auto handle = pool.allocate(Record{1, "one"});
  pool.free(handle);
  EXPECT_FALSE(pool.alive(handle));
  EXPECT_EQ(pool.get(handle), nullptr);
  EXPECT_EQ(pool.live(), 0u);
}

TEST(Pool, ReusesTheMostRecentlyFreedSlotUnderANewGeneration) {
  Pool<Record> pool;
  const auto a = pool.allocate(Record{1, "a"});
  const auto b = pool.allocate(Record{2, "b"});
  pool.free(a);
  pool.free(b);
  const auto c = pool.allocate(Record{3, "c"});
  EXPECT_EQ(c.index, b.index);
  EXPECT_NE(c.generation, b.generation);
  EXPECT_FALSE(pool.alive(b));
  EXPECT_EQ(pool.get(b), nullptr);
  EXPECT_EQ(pool[c].name, "c");
  const auto d = pool.allocate(Record{4, "d"});
  EXPECT_EQ(d.index, a.index);
  const auto e = pool.allocate(Record{5, "e"});
  EXPECT_EQ(e.index, 2u);  // no free slot left: a new one at the end
  EXPECT_EQ(pool.capacity(), 3u);
  EXPECT_EQ(pool.live(), 3u);
}

TEST(Pool, AllocationReplacesTheWholePreviousValue) {
  Pool<Record> pool;
  const auto a = pool.allocate(Record{1, "old"});
  pool.free(a);
  const auto b = pool.allocate(Record{});
  EXPECT_EQ(pool[b].id, 0);
  EXPECT_EQ(pool[b].name, "");
}

TEST(Pool, RenewMakesEarlierHandlesStaleAndKeepsTheValue) {
  Pool<Record> pool;
  const auto first = pool.allocate(Record{9, "call"});
  const auto second = pool.renew(first);
  EXPECT_EQ(second.index, first.index);
  EXPECT_FALSE(pool.alive(first));
  EXPECT_EQ(pool.get(first), nullptr);
  ASSERT_TRUE(pool.alive(second));
  EXPECT_EQ(pool[second].id, 9);
  EXPECT_EQ(pool.live(), 1u);
  pool.free(second);
  EXPECT_FALSE(pool.alive(second));
}

TEST(Pool, DefaultHandleNamesNothing) {
  Pool<Record> pool;
  const Handle<Record> none;
  EXPECT_FALSE(none.valid());
  EXPECT_FALSE(pool.alive(none));
  EXPECT_EQ(pool.get(none), nullptr);
  (void)pool.allocate(Record{});
  EXPECT_FALSE(pool.alive(none));
}

TEST(Pool, HandlePacksIntoOneWordAndBack) {
  const Handle<Record> handle{123456, 0xDEADBEEFu};
  EXPECT_EQ(Handle<Record>::unpack(handle.pack()), handle);
  EXPECT_EQ(handle.pack(), (std::uint64_t{123456} << 32) | 0xDEADBEEFu);
}

TEST(Pool, ReferencesStayValidWhileThePoolGrows) {
  Pool<Record> pool;
  const auto first = pool.allocate(Record{1, "first"});
  Record* address = &pool[first];
  for (int i = 0; i < 10000; ++i) (void)pool.allocate(Record{i, "more"});
  EXPECT_EQ(&pool[first], address);
  EXPECT_EQ(address->name, "first");
  EXPECT_EQ(pool.capacity(), 10001u);
}

TEST(Pool, ForEachVisitsLiveValuesInIndexOrder) {
  Pool<Record> pool;
  std::vector<Handle<Record>> handles;
  for (int i = 0; i < 600; ++i) handles.push_back(pool.allocate(Record{i, ""}));
  for (int i = 0; i < 600; i += 3) pool.free(handles[static_cast<std::size_t>(i)]);
  std::vector<int> seen;
  pool.for_each([&](Handle<Record> handle, Record& record) {
    EXPECT_TRUE(pool.alive(handle));
    seen.push_back(record.id);
  });
  ASSERT_EQ(seen.size(), 400u);
  for (std::size_t k = 1; k < seen.size(); ++k) EXPECT_LT(seen[k - 1], seen[k]);
  EXPECT_EQ(seen.front(), 1);
  EXPECT_EQ(seen.back(), 599);
}

#ifndef NDEBUG
TEST(PoolDeathTest, FreeingAStaleHandleAsserts) {
  Pool<Record> pool;
  const auto handle = pool.allocate(Record{});
  pool.free(handle);
  EXPECT_DEATH(pool.free(handle), "alive");
}

TEST(PoolDeathTest, DereferencingAStaleHandleAsserts) {
  Pool<Record> pool;
  const auto handle = pool.allocate(Record{});
  const auto renewed = pool.renew(handle);
  EXPECT_DEATH((void)pool[handle].id, "alive");
  EXPECT_DEATH((void)pool.renew(handle), "alive");
  EXPECT_DEATH((void)pool[Handle<Record>{}], "alive");
  pool.free(renewed);
}
#else
TEST(PoolDeathTest, AssertionsNeedADebugBuild) {
  GTEST_SKIP() << "built with NDEBUG: misuse is asserted only in debug builds";
}
#endif

}  // namespace
}  // namespace ripple::sim
