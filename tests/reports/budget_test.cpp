// Budget files and verdicts (reports/budget.cpp, DESIGN.md "Budgets").
#include "reports/budget.hpp"

#include "sim/error.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mcusim {
namespace {

TEST(Budget, ReadsTheKeysInCanonicalOrder) {
  const Budget budget = parse_budget("ram_bytes = 16_384\nlatency_us = 99.5\nflash_bytes = 102400\n", "b.toml");
  ASSERT_EQ(budget.limits.size(), 3u);
  EXPECT_EQ(budget.limits[0].name, "latency_us");
  EXPECT_DOUBLE_EQ(budget.limits[0].limit, 99.5);
  EXPECT_EQ(budget.limits[1].name, "ram_bytes");
  EXPECT_DOUBLE_EQ(budget.limits[1].limit, 16384);
  EXPECT_EQ(budget.limits[2].name, "flash_bytes");
}

std::string error_of(std::string_view text) {
  try {
    parse_budget(text, "workloads/x/budget.toml");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    return std::string(error.what()) + " | " + error.advice();
  }
  return "accepted";
}

TEST(Budget, AMisspeltKeyNamesTheFileLineAndTheKeyMeant) {
  const std::string error = error_of("latency_us = 100\nflash_byte = 1000\n");
  EXPECT_NE(error.find("workloads/x/budget.toml:2:1"), std::string::npos) << error;
  EXPECT_NE(error.find("flash_bytes"), std::string::npos) << error;
}

TEST(Budget, ANegativeOrNonNumericLimitIsRefused) {
  EXPECT_NE(error_of("cycles = -5\n").find("non-negative number"), std::string::npos);
  EXPECT_NE(error_of("cycles = \"fast\"\n").find("non-negative number"), std::string::npos);
}

TEST(Budget, BadTomlPointsAtTheSpot) {
  EXPECT_NE(error_of("latency_us = = 3\n").find("budget.toml:1"), std::string::npos);
}

TEST(Budget, JudgesValueAgainstLimitWithMargin) {
  const Budget budget = parse_budget("latency_us = 100\nram_bytes = 1000\nenergy_uj = 2\n", "b.toml");
  const std::map<std::string, double> measured = {{"latency_us", 100.0}, {"ram_bytes", 1200.0}};
  const auto verdicts = judge(budget, [&](const std::string& name) -> std::optional<double> {
    const auto it = measured.find(name);
    return it == measured.end() ? std::nullopt : std::optional<double>(it->second);
  });
  ASSERT_EQ(verdicts.size(), 3u);
  EXPECT_TRUE(verdicts[0].pass);  // exactly at the limit meets it
  EXPECT_DOUBLE_EQ(*verdicts[0].margin(), 0.0);
  EXPECT_FALSE(verdicts[1].pass);
  EXPECT_DOUBLE_EQ(*verdicts[1].margin(), -200.0);
  EXPECT_FALSE(verdicts[2].pass);  // energy not measured: never a pass
  EXPECT_FALSE(verdicts[2].value);
}

}  // namespace
}  // namespace mcusim
