// The gate's judgement on a report (reports/report_checks.cpp): budget
// quantities read off the JSON, baseline limits with a tolerance, and bad
// baselines refused with file, line and column.
#include "reports/report_checks.hpp"

#include "sim/error.hpp"
#include "tests/reports/report_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace mcusim {
namespace {

TEST(ReportChecks, BudgetQuantitiesComeFromTheWorstInferenceAndTheMemoryFields) {
  const Report report = test::hand_report();
  EXPECT_EQ(report_quantity(report, "latency_us"), 200.0);  // inferences.worst_latency_us, not the whole run
  EXPECT_EQ(report_quantity(report, "cycles"), 9600.0);
  EXPECT_EQ(report_quantity(report, "arena_bytes"), 64.0);
  EXPECT_EQ(report_quantity(report, "stack_bytes"), 456.0);
  EXPECT_EQ(report_quantity(report, "ram_bytes"), 2160.0);
  EXPECT_EQ(report_quantity(report, "flash_bytes"), 10000.0);
  EXPECT_EQ(report_quantity(report, "energy_uj"), std::nullopt);  // null: not measured
}

TEST(ReportChecks, JudgesEachBudgetKeyOnTheReport) {
  const Budget budget = parse_budget("cycles = 9600\nstack_bytes = 400\nenergy_uj = 5\n", "b.toml");
  const Report budgets = judge_report(test::hand_report(), budget);
  ASSERT_EQ(budgets.size(), 3u);
  EXPECT_TRUE(budgets[0]["pass"]);  // exactly at the limit meets it
  EXPECT_FALSE(budgets[1]["pass"]);
  EXPECT_EQ(budgets[1]["margin"], -56.0);  // 400 - 456
  EXPECT_FALSE(budgets[2]["pass"]);        // energy not measured never passes
  EXPECT_TRUE(budgets[2]["value"].is_null());
}

TEST(ReportChecks, ABaselineFailsWhatGrewBeyondTheTolerance) {
  Report old_report = test::hand_report();
  old_report["inferences"]["worst_cycles"] = 9000;    // now 9,600: +6.667 %
  old_report["flash_bytes"]["total"] = 9900;          // now 10,000: +1.010 %
  old_report["stack_peak_bytes"] = 500;               // now 456: smaller
  old_report.erase("arena_peak_bytes");               // not in the baseline: not compared
  const Report baseline = compare_with_baseline(test::hand_report(), old_report, 2.0, "old.json");
  EXPECT_EQ(baseline["file"], "old.json");
  std::map<std::string, Report> by_name;
  for (const auto& c : baseline["comparisons"]) by_name[c["name"].get<std::string>()] = c;
  EXPECT_EQ(by_name.count("arena_peak_bytes"), 0u);
  ASSERT_EQ(by_name.count("cycles"), 1u);
  EXPECT_FALSE(by_name["cycles"]["pass"]);
  EXPECT_EQ(by_name["cycles"]["limit"], 9180.0);  // 9,000 x 1.02
  EXPECT_EQ(by_name["cycles"]["margin"], -420.0);
  EXPECT_EQ(by_name["cycles"]["change_percent"], 6.667);
  EXPECT_TRUE(by_name["flash_bytes"]["pass"]);  // 10,000 <= 9,900 x 1.02 = 10,098
  EXPECT_TRUE(by_name["stack_bytes"]["pass"]);
  EXPECT_EQ(by_name.count("energy_uj"), 0u);  // null in the baseline: not compared
}

TEST(ReportChecks, AnUnchangedReportPassesItsOwnBaselineAtZeroTolerance) {
  // Energy on the µJ grid of a millionth: a limit rounded to a thousandth
  // (6.243) would still pass, one rounded down would not. Regression test.
  Report report = test::hand_report();
  report["energy_uj"] = 6.242734;
  const Report baseline = compare_with_baseline(report, report, 0.0, "same.json");
  for (const auto& c : baseline["comparisons"]) EXPECT_TRUE(c["pass"]) << c.dump();
}

TEST(ReportChecks, AQuantityTheNewReportLostFailsTheBaseline) {
  Report old_report = test::hand_report();
  old_report["energy_uj"] = 1.5;
  const Report baseline = compare_with_baseline(test::hand_report(), old_report, 0.0, "old.json");
  bool found = false;
  for (const auto& c : baseline["comparisons"]) {
    if (c["name"] != "energy_uj") continue;
    found = true;
    EXPECT_FALSE(c["pass"]);
    EXPECT_TRUE(c["value"].is_null());
  }
  EXPECT_TRUE(found);
}

std::string load_error(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / "mcusim_report_checks_test_baseline.json";
  std::ofstream(path) << text;
  try {
    load_report(path);
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    return error.what();
  }
  return "accepted";
}

TEST(ReportChecks, AMalformedBaselineNamesTheFileLineAndColumn) {
  const std::string error = load_error("{\n  \"schema\": \"mcusim.report/1\",\n  \"cycles\": 12,,\n}\n");
  EXPECT_NE(error.find("mcusim_report_checks_test_baseline.json:3:16"), std::string::npos) << error;
  EXPECT_NE(load_error("{\"schema\": \"other/2\"}").find("not an mcusim report"), std::string::npos);
}

TEST(ReportChecks, ToleranceIsAPercentage) {
  EXPECT_DOUBLE_EQ(parse_tolerance("2%"), 2.0);
  EXPECT_DOUBLE_EQ(parse_tolerance("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(parse_tolerance("10 %"), 10.0);
  EXPECT_THROW(parse_tolerance("two"), Error);
  EXPECT_THROW(parse_tolerance("-1%"), Error);
}

}  // namespace
}  // namespace mcusim
