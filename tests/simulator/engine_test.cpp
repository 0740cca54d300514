#include "simulator/engine.h"

#include <gtest/gtest.h>

#include <vector>

namespace ripple::sim {
namespace {

struct Recorder {
  Engine* engine = nullptr;
  std::vector<std::pair<TimeNs, std::uint64_t>> seen;
  void on_event(std::uint64_t arg) { seen.emplace_back(engine->now(), arg); }
  void on_chain(std::uint64_t arg) {
    seen.emplace_back(engine->now(), arg);
    if (arg > 0) engine->schedule_in<&Recorder::on_chain>(10, this, arg - 1);
  }
};

TEST(Engine, RunsEventsInTimeOrder) {
  Engine engine;
  Recorder recorder{&engine, {}};
  engine.schedule_at<&Recorder::on_event>(30, &recorder, 3);
  engine.schedule_at<&Recorder::on_event>(10, &recorder, 1);
  engine.schedule_at<&Recorder::on_event>(20, &recorder, 2);
  engine.run();
  const std::vector<std::pair<TimeNs, std::uint64_t>> expected = {{10, 1}, {20, 2}, {30, 3}};
  EXPECT_EQ(recorder.seen, expected);
  EXPECT_EQ(engine.events_processed(), 3u);
}

TEST(Engine, RunsSimultaneousEventsInSchedulingOrder) {
  Engine engine;
  Recorder recorder{&engine, {}};
  for (std::uint64_t i = 0; i < 100; ++i) engine.schedule_at<&Recorder::on_event>(5, &recorder, i);
  engine.run();
  ASSERT_EQ(recorder.seen.size(), 100u);
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_EQ(recorder.seen[i].second, i);
}

TEST(Engine, RunUntilStopsAtTheLimitAndSetsTheClock) {
  Engine engine;
  Recorder recorder{&engine, {}};
  engine.schedule_at<&Recorder::on_chain>(0, &recorder, 5);  // events at 0, 10, ..., 50
  engine.run_until(25);
  EXPECT_EQ(recorder.seen.size(), 3u);
  EXPECT_EQ(engine.now(), 25);
  EXPECT_EQ(engine.pending(), 1u);
  engine.run_until(30);  // the event at exactly 30 runs
  EXPECT_EQ(recorder.seen.size(), 4u);
  EXPECT_TRUE(engine.step());
  EXPECT_EQ(engine.now(), 40);
}

}  // namespace
}  // namespace ripple::sim
