#include "cli/review/sweep.h"

#include <gtest/gtest.h>

#include "cli/review/sweep_json.h"

namespace ripple::cli {
namespace {

TEST(Vary, RangesAreLinearOrLogWithTheirUnit) {
  const VaryParse linear = parse_vary("workload.sources[0].rate=100/s..400/s", {4, false});
  ASSERT_TRUE(linear.axis) << linear.error;
  EXPECT_EQ(linear.axis->path, "workload.sources[0].rate");
  EXPECT_EQ(linear.axis->values, (std::vector<std::string>{"100/s", "200/s", "300/s", "400/s"}));
  EXPECT_EQ(linear.axis->unit, "/s");
  EXPECT_FALSE(linear.axis->integer);
  const VaryParse log = parse_vary("defaults.timeout=10ms..1000ms", {3, true});
  ASSERT_TRUE(log.axis);
  EXPECT_EQ(log.axis->values, (std::vector<std::string>{"10ms", "100ms", "1000ms"}));
}

TEST(Vary, WholeNumbersWithoutAUnitStayWholeAndDistinct) {
  const VaryParse r = parse_vary("services.api.replicas=1..3", {5, false});
  ASSERT_TRUE(r.axis);
  EXPECT_TRUE(r.axis->integer);
  EXPECT_EQ(r.axis->values, (std::vector<std::string>{"1", "2", "3"}));
}

TEST(Vary, ListsKeepTheirValues) {
  const VaryParse r = parse_vary("brokers.bus.type=kafka,sqs", {});
  ASSERT_TRUE(r.axis);
  EXPECT_EQ(r.axis->values, (std::vector<std::string>{"kafka", "sqs"}));
}

TEST(Vary, BadTextSaysWhatIsWrong) {
  EXPECT_NE(parse_vary("nothing", {}).error.find("PATH=VALUES"), std::string::npos);
  EXPECT_NE(parse_vary("a=1/s..2ms", {}).error.find("different units"), std::string::npos);
  EXPECT_NE(parse_vary("a=x..y", {}).error.find("a number at each end"), std::string::npos);
  EXPECT_NE(parse_vary("a=0..10", {3, true}).error.find("above 0"), std::string::npos);
  EXPECT_NE(parse_vary("a=1,,2", {}).error.find("empty value"), std::string::npos);
}

TEST(Sweep, GridIsRowMajorAndShardsPartitionIt) {
  const std::vector<Axis> axes = {*parse_vary("a=1,2", {}).axis, *parse_vary("b=x,y,z", {}).axis};
  const auto grid = sweep_grid(axes);
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[1][0].value, "1");
  EXPECT_EQ(grid[1][1].value, "y");
  EXPECT_EQ(grid[3][0].value, "2");
  for (int i = 0; i < 6; ++i) {
    int owners = 0;
    for (int k = 1; k <= 4; ++k) owners += in_shard(i, k, 4) ? 1 : 0;
    EXPECT_EQ(owners, 1) << i;
  }
}

TEST(Sweep, PlainNumbersHaveNoExponentNorTrailingZeros) {
  EXPECT_EQ(plain_number(53.75), "53.75");
  EXPECT_EQ(plain_number(100), "100");
  EXPECT_EQ(plain_number(0.000125), "0.000125");
  EXPECT_EQ(plain_number(1234567), "1234567");
  EXPECT_EQ(plain_number(1.0 / 3), "0.333333");
}

TEST(SweepJson, ParsesBackWhatItWrites) {
  SweepDocument doc;
  doc.digest = digest_of("spec");
  doc.result.spec_name = "s";
  doc.result.seed = 3;
  doc.result.replications = 5;
  doc.result.simulated_ms = 60000;
  doc.result.axes = {*parse_vary("a=1,2", {}).axis};
  doc.result.gate_texts = {"p99(x.y) < 1s"};
  doc.result.total_points = 2;
  SweepPoint p;
  p.index = 1;
  p.values = {"2"};
  p.gates = {{"p99(x.y) < 1s", "ms", 12.5, Bounds{11, 14}, "pass", true}};
  p.figures = {{"p99(x.y)", "ms", 12.5, Bounds{11, 14}, "", false}};
  p.passed = true;
  doc.result.points = {p};
  doc.shard = 2;
  doc.shards = 2;
  const std::string text = render_sweep_json(doc);
  const SweepParse back = parse_sweep_json(text);
  ASSERT_TRUE(back.doc) << back.error;
  EXPECT_EQ(render_sweep_json(*back.doc), text);
  EXPECT_NE(parse_sweep_json("[]").error.find("not"), std::string::npos);
}

}  // namespace
}  // namespace ripple::cli
