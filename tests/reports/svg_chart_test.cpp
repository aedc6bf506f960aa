// reports/svg_chart.cpp: the charts parse as XML (libxml2), hold one element
// per series, point and bar, and put them where the layout says. Positions
// are derived by hand from svg_chart.cpp's layout: the plot spans x 84..570
// (760 wide, 84 left margin, 190 legend) and y 58..318 (58 top, 260 high).
#include "reports/svg_chart.hpp"

#include "tests/reports/xml_doc.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcusim::svg {
namespace {

using Strings = std::vector<std::string>;

TEST(NiceTicks, StepsAreOneTwoOrFiveTimesAPowerOfTen) {
  // 0..95 in about 5 steps: 19 -> 20; 0, 20, ..., 100.
  Ticks t = nice_ticks(0, 95);
  EXPECT_DOUBLE_EQ(t.first, 0);
  EXPECT_DOUBLE_EQ(t.step, 20);
  EXPECT_EQ(t.count, 6);
  // 12..48: 7.2 -> 10; 10, 20, ..., 50.
  t = nice_ticks(12, 48);
  EXPECT_DOUBLE_EQ(t.first, 10);
  EXPECT_DOUBLE_EQ(t.step, 10);
  EXPECT_DOUBLE_EQ(t.last(), 50);
  // 0.1..0.9: 0.16 -> 0.2.
  EXPECT_DOUBLE_EQ(nice_ticks(0.1, 0.9).step, 0.2);
  // One value: an axis around it that starts no lower than 0.
  t = nice_ticks(5, 5);
  EXPECT_LE(t.first, 5);
  EXPECT_GE(t.last(), 5);
  EXPECT_GE(t.first, 0);
  EXPECT_LT(t.first, t.last());
}

LineChart two_series() {
  LineChart chart;
  chart.title = "latency vs clock";
  chart.x_label = "clock (MHz)";
  chart.y_label = "latency (µs)";
  chart.note = "wait_states = 0";
  chart.series = {{"ref", {{10, 50}, {30, 100}, {20, 75}}}, {"m0 <&>", {{10, 20}, {30, 40}}}};
  chart.references = {{"budget 90 µs", 90}};
  return chart;
}

TEST(LineChart, OneGroupPerSeriesOneCirclePerPointAndTheBudgetLine) {
  const std::string text = line_chart(two_series());
  const test::XmlDoc svg(text, "chart.svg");
  ASSERT_TRUE(svg.doc) << text;
  EXPECT_EQ(svg.select("//*[local-name()='g' and @class='mc-series']", "data-series"), (Strings{"ref", "m0 <&>"}));
  EXPECT_EQ(svg.select("//*[local-name()='circle' and @class='mc-point']").size(), 5u);
  EXPECT_EQ(svg.select("//*[local-name()='g' and @class='mc-legend-entry']").size(), 2u);
  EXPECT_EQ(svg.select("//*[local-name()='line' and @class='mc-reference']", "data-label"), Strings{"budget 90 µs"});
  // x ticks 10..30 step 5, y ticks 0..100 step 20: x 10 -> 84, 20 -> 327, 30 -> 570;
  // y 50 -> 318 - 260 * 0.5 = 188, 75 -> 123, 100 -> 58; drawn in x order.
  EXPECT_EQ(svg.select("//*[@data-series='ref']/*[local-name()='polyline']", "points"),
            Strings{"84.0,188.0 327.0,123.0 570.0,58.0"});
  // The budget at 90: 318 - 260 * 0.9 = 84.
  EXPECT_EQ(svg.select("//*[local-name()='line' and @class='mc-reference']", "y1"), Strings{"84.0"});
}

TEST(LineChart, TheSameChartIsTheSameBytes) { EXPECT_EQ(line_chart(two_series()), line_chart(two_series())); }

TEST(LineChart, NoPointStillParsesAndSaysSo) {
  LineChart chart;
  chart.title = "energy vs clock";
  chart.series = {{"m0", {}}};
  const test::XmlDoc svg(line_chart(chart));
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='text' and contains(@class, 'mc-empty')]").size(), 1u);
  EXPECT_TRUE(svg.select("//*[local-name()='circle']").empty());
}

TEST(BarChart, GroupedHasOneBarPerSeriesAndCategory) {
  BarChart chart;
  chart.title = "cycles per layer";
  chart.categories = {"fc1", "fc2", "logits"};
  chart.series = {"ref", "m0"};
  chart.values = {{15000, 9000, 1800}, {3000, 2000, 600}};
  const test::XmlDoc svg(bar_chart(chart));
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @class='mc-bar']").size(), 6u);
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @data-series='m0']", "data-category"), (Strings{"fc1", "fc2", "logits"}));
}

TEST(BarChart, StackedPartsSitOnEachOther) {
  BarChart chart;
  chart.layout = BarLayout::Stacked;
  chart.categories = {"p0", "p1"};
  chart.series = {"a", "b"};
  chart.values = {{30, 10}, {10, 40}};
  const test::XmlDoc svg(bar_chart(chart));
  ASSERT_TRUE(svg.doc);
  // Stacks of 40 and 50: y ticks 0..50 step 10, so y(v) = 318 - 5.2 v.
  // p0: a from 0 to 30 -> y 162, height 156; b from 30 to 40 -> y 110, height 52.
  EXPECT_EQ(svg.select("//*[@data-category='p0']", "y"), (Strings{"162.0", "110.0"}));
  EXPECT_EQ(svg.select("//*[@data-category='p0']", "height"), (Strings{"156.0", "52.0"}));
  // p1: a 0..10 (y 266), b 10..50 (y 58, the top of the plot).
  EXPECT_EQ(svg.select("//*[@data-category='p1']", "y"), (Strings{"266.0", "58.0"}));
}

}  // namespace
}  // namespace mcusim::svg
