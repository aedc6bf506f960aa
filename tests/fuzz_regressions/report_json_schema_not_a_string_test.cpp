// tests/fuzz_regressions/report_json_schema_not_a_string_test.cpp — found
// with fuzz/fuzz_baseline_json.cpp: a report JSON whose "schema" is not a
// string ({"schema": 1}). load_report read it with
// value("schema", std::string()), which throws nlohmann's type_error for a
// number, so `mcusim check --baseline` ended in std::terminate. Now the same
// "not an mcusim report" bad input as a wrong schema string.
#include <gtest/gtest.h>

#include <string>

#include "reports/report_checks.hpp"
#include "sim/error.hpp"

namespace mcusim {
namespace {

void expect_not_a_report(const std::string& text) {
  try {
    (void)parse_report(text, "old.json");
    ADD_FAILURE() << "accepted as a report: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find("old.json:1:1: not an mcusim report"), std::string::npos) << e.what();
  }
}

TEST(FuzzRegressionReportJson, SchemaThatIsNotAStringIsNotAReport) {
  expect_not_a_report(R"({"schema": 1})");
  expect_not_a_report(R"({"schema": null, "cycles": 5})");
  expect_not_a_report(R"({"schema": ["mcusim.report/1"]})");
}

TEST(FuzzRegressionReportJson, MissingSchemaAndNonObjectsAreNotReports) {
  expect_not_a_report(R"({"cycles": 5})");
  expect_not_a_report(R"([1, 2])");
  expect_not_a_report(R"("mcusim.report/1")");
}

}  // namespace
}  // namespace mcusim
