// tests/fuzz_regressions/report_json_number_overflow_test.cpp — found by
// fuzz/fuzz_baseline_json.cpp: a report JSON holding a number beyond double
// ("average_power_mw": 41e308). nlohmann's parser throws out_of_range (406),
// not parse_error, for it; load_report caught only parse_error, so
// `mcusim check --baseline` ended in std::terminate. Now a bad input (exit 2)
// naming the file and the number.
#include <gtest/gtest.h>

#include <string>

#include "reports/report_checks.hpp"
#include "sim/error.hpp"

namespace mcusim {
namespace {

std::string bad_report_message(const std::string& text) {
  try {
    (void)parse_report(text, "old.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_FALSE(e.advice().empty());
    return e.what();
  }
  ADD_FAILURE() << "no mcusim::Error for " << text;
  return {};
}

TEST(FuzzRegressionReportJson, NumberBeyondDoubleIsABadReport) {
  const std::string message =
      bad_report_message(R"({"schema": "mcusim.report/1", "command": "exec", "average_power_mw": 41e308})");
  EXPECT_NE(message.find("old.json: not a report JSON"), std::string::npos) << message;
  EXPECT_NE(message.find("41e308"), std::string::npos) << message;
}

TEST(FuzzRegressionReportJson, NegativeNumberBeyondDoubleIsABadReport) {
  EXPECT_NE(bad_report_message(R"({"cycles": -1e400})").find("not a report JSON"), std::string::npos);
}

}  // namespace
}  // namespace mcusim
