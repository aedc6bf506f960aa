// The Markdown summary (reports/markdown_report.cpp): verdict first, then the
// checks with their margins, the layers, memory.
#include "reports/markdown_report.hpp"

#include "tests/reports/report_fixture.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

TEST(MarkdownReport, VerdictComesFirstThenChecksThenLayersThenMemory) {
  const std::string md = markdown_report(test::hand_report());
  const auto verdict = md.find("**FAIL: 1 of 2 checks failed (latency_us)**");
  const auto checks = md.find("| check | limit | value | margin | verdict |");
  const auto layers = md.find("## Layers");
  const auto memory = md.find("## Memory");
  ASSERT_NE(verdict, std::string::npos) << md;
  ASSERT_NE(checks, std::string::npos) << md;
  ASSERT_NE(layers, std::string::npos) << md;
  ASSERT_NE(memory, std::string::npos) << md;
  EXPECT_LT(verdict, checks);
  EXPECT_LT(checks, layers);
  EXPECT_LT(layers, memory);
  EXPECT_EQ(md.rfind("# mcusim: touch on touch-m0 (cortex-m0, 48 MHz, variant m0)", 0), 0u) << md;
}

TEST(MarkdownReport, AFailedBudgetShowsValueLimitAndNegativeMargin) {
  const std::string md = markdown_report(test::hand_report());
  // 200 µs against 100: over by 100.
  EXPECT_NE(md.find("| latency_us | 100 | 200 | -100 | **FAIL** |"), std::string::npos) << md;
  EXPECT_NE(md.find("| flash_bytes | 102,400 | 10,000 | +92,400 | pass |"), std::string::npos) << md;
}

TEST(MarkdownReport, OneRowPerLayerWithItsShareOfTheColdInference) {
  const std::string md = markdown_report(test::hand_report());
  // fc1: 4,800 of 9,600 cold cycles = 50 %; the pipe-free name is kept, < & > too.
  EXPECT_NE(md.find("| 0 | fc1 | FULLY_CONNECTED | 576 | 4,800 | 100 | 8.333 | 50 % |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2 | logits <&> |"), std::string::npos) << md;
  EXPECT_NE(md.find("*between layers* | | | 600 |"), std::string::npos) << md;
}

TEST(MarkdownReport, EnergyOnlyWhenMeasured) {
  Report report = test::hand_report();
  EXPECT_EQ(markdown_report(report).find("## Energy"), std::string::npos);
  report["energy_uj"] = 1.25;
  report["average_power_mw"] = 6.25;
  const std::string md = markdown_report(report);
  EXPECT_NE(md.find("| energy per inference | 1.25 µJ |"), std::string::npos) << md;
  EXPECT_NE(md.find("| average power while running | 6.25 mW |"), std::string::npos) << md;
}

TEST(MarkdownReport, AFaultedRunSaysSoInTheVerdict) {
  Report report = test::hand_report();
  report["fault"] = Report{{"kind", "unmapped read"}, {"detail", "ldr of 4 bytes"}, {"is_limit", false}};
  EXPECT_NE(markdown_report(report).find("**FAULTED: unmapped read: ldr of 4 bytes**"), std::string::npos);
}

}  // namespace
}  // namespace mcusim
