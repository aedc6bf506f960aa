// The comparison as Markdown (reports/compare_markdown.cpp): the verdict,
// one row per layer with each run's cycles and the speed-up over the first,
// the differing layer marked. Speed-ups are the fixture's cycles divided by
// hand: 15000/3000 = 5.00, 9000/2000 = 4.50, 26550/6350 = 4.18.
#include "reports/compare_markdown.hpp"

#include "sim/error.hpp"
#include "tests/reports/compare_fixture.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(CompareMarkdown, OneRowPerLayerWithCyclesAndSpeedUp) {
  const std::string md = compare_markdown(test::hand_comparison());
  EXPECT_TRUE(has(md, "# mcusim compare: touch on touch-m0 (cortex-m0, 48 MHz)\n")) << md;
  EXPECT_TRUE(has(md, "**IDENTICAL: every compared output is the same bytes in ref, m0**")) << md;
  EXPECT_TRUE(has(md, "| # | layer | op | MACs | ref | m0 | ref/m0 |\n| ---: | --- | --- | ---: | ---: | ---: | ---: |\n")) << md;
  EXPECT_TRUE(has(md, "| 0 | fc1 | FULLY_CONNECTED | 576 | 15,000 | 3,000 | 5.00x |\n")) << md;
  EXPECT_TRUE(has(md, "| 1 | fc2 | FULLY_CONNECTED | 256 | 9,000 | 2,000 | 4.50x |\n")) << md;
  EXPECT_TRUE(has(md, "| | **inference, worst (cycles)** | | | 26,550 | 6,350 | 4.18x |\n")) << md;
  EXPECT_TRUE(has(md, "| | inference, worst (µs) | | | 553.125 | 132.292 | |\n")) << md;
}

TEST(CompareMarkdown, TheDifferingLayerIsMarkedAndTheVerdictNamesIt) {
  const std::string md = compare_markdown(test::hand_comparison_differing());
  EXPECT_TRUE(has(md, "**DIFFERENT: m0 differs from ref in layer 1 'fc2' (FULLY_CONNECTED), tensor 5, element 3: 12 vs 13**"))
      << md;
  EXPECT_TRUE(has(md, "| 1 | **fc2 (differs)** |")) << md;
  EXPECT_FALSE(has(md, "fc1 (differs)")) << md;
}

TEST(CompareMarkdown, PipesInNamesDoNotBreakTheTable) {
  Report comparison = test::hand_comparison();
  comparison["layers"][0]["name"] = "a|b";
  EXPECT_TRUE(has(compare_markdown(comparison), "| 0 | a\\|b |"));
}

TEST(CompareMarkdown, ARunReportIsRefused) {
  EXPECT_THROW(compare_markdown(Report::parse(R"({"schema": "mcusim.report/1", "layers": []})")), Error);
}

}  // namespace
}  // namespace mcusim
