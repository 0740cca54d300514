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

// Events scheduled through lanes (fixed delays, FIFO) and through the heap, from handlers that
// schedule more, run in exactly (time, scheduling order), and pending() counts both.
struct Mixer {
  Engine* engine = nullptr;
  std::vector<Engine::Lane> lanes;
  std::uint64_t scheduled = 0;
  std::uint64_t state = 12345;
  std::vector<std::pair<TimeNs, std::uint64_t>> seen;
  std::uint64_t next_random() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
  void schedule_some() {
    const int count = static_cast<int>(next_random() % 3);
    for (int i = 0; i < count && scheduled < 20000; ++i) {
      const std::uint64_t id = scheduled++;
      const std::uint64_t how = next_random() % 5;
      if (how < lanes.size()) {
        engine->schedule_in_lane<&Mixer::on_event>(lanes[how], this, id);
      } else {
        engine->schedule_in<&Mixer::on_event>(static_cast<TimeNs>(next_random() % 120), this, id);
      }
    }
  }
  void on_event(std::uint64_t id) {
    seen.emplace_back(engine->now(), id);
    schedule_some();
    if (engine->pending() == 0) schedule_some();
  }
};

TEST(Engine, LanesAndHeapRunInTimeThenSchedulingOrder) {
  Engine engine;
  Mixer mixer;
  mixer.engine = &engine;
  mixer.lanes = {engine.lane(7), engine.lane(0), engine.lane(100)};
  EXPECT_EQ(engine.lane(7), mixer.lanes[0]);  // one lane per delay
  for (int i = 0; i < 50; ++i) mixer.schedule_some();
  EXPECT_EQ(engine.pending(), mixer.scheduled);
  engine.run_until(500);
  EXPECT_EQ(engine.pending(), mixer.scheduled - mixer.seen.size());
  engine.run();
  EXPECT_EQ(engine.pending(), 0u);
  ASSERT_EQ(mixer.seen.size(), mixer.scheduled);
  EXPECT_GT(mixer.scheduled, 1000u);
  for (std::size_t i = 1; i < mixer.seen.size(); ++i)
    ASSERT_LT(mixer.seen[i - 1], mixer.seen[i]) << i;
}

}  // namespace
}  // namespace ripple::sim
