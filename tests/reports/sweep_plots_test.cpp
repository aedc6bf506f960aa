// The sweep's charts and page (reports/sweep_plots.cpp, sweep_html.cpp) from
// a sweep.json written by hand (docs/sweep.md's shape): 2 variants x 2
// clocks, a 300 µs budget that the m0 points meet, m0 at 48 MHz the cheapest.
// The SVGs parse as XML with one line per variant and a point per clock; the
// page has the table with the marked rows, and loads in headless Chromium
// without a console message (skipped where chromium is not installed).
#include "reports/sweep_html.hpp"
#include "reports/sweep_plots.hpp"

#include "tests/reports/xml_doc.hpp"
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace mcusim {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

json hand_sweep() {
  auto point = [](int index, const char* variant, int clock, double latency, json energy, bool meets) {
    const double cycles = latency * clock;
    return json{{"index", index}, {"status", "ok"}, {"message", nullptr}, {"cycles", cycles}, {"latency_us", latency},
                {"energy_uj", energy}, {"flash_bytes", 3716}, {"ram_bytes", 5000}, {"arena_bytes", 96},
                {"stack_bytes", 300}, {"meets_budget", meets},
                {"layers", {{{"name", "fc1"}, {"op", "FULLY_CONNECTED"}, {"cycles", cycles * 0.5}},
                            {{"name", "fc2"}, {"op", "FULLY_CONNECTED"}, {"cycles", cycles * 0.3}},
                            {{"name", "logits"}, {"op", "FULLY_CONNECTED"}, {"cycles", cycles * 0.1}}}},
                {"params", {{"target", "touch-m0"}, {"model", "touch"}, {"variant", variant}, {"clock_mhz", clock},
                            {"wait_states", 0}, {"prefetch", true}, {"cache", false}}}};
  };
  return json{{"schema", "mcusim.sweep/1"},
              {"axes", {{{"name", "variant"}, {"values", {"ref", "m0"}}}, {{"name", "clock_mhz"}, {"values", {24, 48}}}}},
              {"budget", {{"latency_us", 300}}},
              {"cheapest", 3},
              {"point_count", 4},
              {"points", {point(0, "ref", 24, 1100, 4.0, false), point(1, "ref", 48, 550, nullptr, false),
                          point(2, "m0", 24, 266.75, 1.5, true), point(3, "m0", 48, 133.375, 1.2, true)}},
              {"shard", nullptr}};
}

TEST(SweepPlots, LatencyHasALinePerVariantAPointPerClockAndTheBudget) {
  const test::XmlDoc svg(latency_vs_clock_svg(hand_sweep()));
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='g' and @class='mc-series']", "data-series"),
            (Strings{"variant=ref", "variant=m0"}));
  EXPECT_EQ(svg.select("//*[@data-series='variant=m0']/*[local-name()='circle']").size(), 2u);
  EXPECT_EQ(svg.select("//*[local-name()='line' and @class='mc-reference']", "data-label"), Strings{"budget 300 µs"});
}

TEST(SweepPlots, EnergyLeavesOutPointsWithoutEnergyAndSaysSo) {
  const std::string text = energy_vs_clock_svg(hand_sweep());
  const test::XmlDoc svg(text);
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='circle']").size(), 3u);
  EXPECT_NE(text.find("1 point(s) without energy"), std::string::npos);
}

TEST(SweepPlots, CyclesByLayerStacksEveryLayerOfEachVariant) {
  const test::XmlDoc svg(cycles_by_layer_svg(hand_sweep()));
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @class='mc-bar']").size(), 6u);  // 2 variants x 3 layers
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @data-category='variant=m0']", "data-series"),
            (Strings{"fc1", "fc2", "logits"}));
}

TEST(SweepPlots, FailedPointsAreNotDrawn) {
  json sweep = hand_sweep();
  sweep["points"][0]["status"] = "faulted";
  const test::XmlDoc svg(latency_vs_clock_svg(sweep));
  EXPECT_EQ(svg.select("//*[@data-series='variant=ref']/*[local-name()='circle']").size(), 1u);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SweepHtml, TableMarksTheBudgetMeetingAndTheCheapestPoint) {
  const std::string html = sweep_html(hand_sweep());
  EXPECT_NE(html.find("<table id=\"points\">"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"meets\">"), 1u);     // point 2
  EXPECT_EQ(count(html, "<tr class=\"cheapest\">"), 1u);  // point 3
  EXPECT_NE(html.find("<p id=\"cheapest\">Cheapest point meeting the budget: #3 ("), std::string::npos) << html;
  EXPECT_EQ(count(html, "<svg"), 3u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const auto files = sweep_plot_files(hand_sweep());
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[3].first, "sweep.html");
}

TEST(SweepHtml, LoadsCleanInChromium) {
  constexpr const char* kChromium = "/usr/bin/chromium";
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " not installed (tools/deps.txt lists chromium)";
  const fs::path page = fs::temp_directory_path() / ("mcusim_sweep_html_" + std::to_string(::getpid()) + ".html");
  std::ofstream(page) << sweep_html(hand_sweep());
  const test::CommandResult dom = test::run_program(
      kChromium, {"--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", "file://" + page.string()});
  fs::remove(page);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_EQ(dom.err.find(":CONSOLE"), std::string::npos) << dom.err;
  EXPECT_NE(dom.out.find("<table id=\"points\">"), std::string::npos);
  EXPECT_EQ(count(dom.out, "class=\"mc-series\""), 2u + 2u);  // latency and energy: 2 lines each
}

}  // namespace
}  // namespace mcusim
