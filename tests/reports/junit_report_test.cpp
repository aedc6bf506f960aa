// JUnit XML (reports/junit_report.cpp), read back with libxml2: the document
// parses, has one <testcase> per check and a <failure> with value, limit and
// margin for each failed one.
#include "reports/junit_report.hpp"

#include "tests/reports/report_fixture.hpp"
#include "tests/reports/xml_doc.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcusim {
namespace {

using test::XmlDoc;

TEST(JunitReport, OneTestCasePerBudgetAndAFailureWithValueLimitAndMargin) {
  const XmlDoc xml(junit_report(test::hand_report()));
  ASSERT_TRUE(xml.doc) << "junit.xml does not parse";
  EXPECT_EQ(xml.select("/testsuites/testsuite/testcase", "name"), (std::vector<std::string>{"latency_us", "flash_bytes"}));
  EXPECT_EQ(xml.select("/testsuites", "tests"), std::vector<std::string>{"2"});
  EXPECT_EQ(xml.select("/testsuites/testsuite", "failures"), std::vector<std::string>{"1"});
  const auto failures = xml.select("//testcase[@name='latency_us']/failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0], "value: 200\nlimit: 100\nmargin: -100");
  EXPECT_EQ(xml.select("//testcase[@name='latency_us']/failure", "message"),
            std::vector<std::string>{"latency_us = 200 exceeds the limit 100 by 100"});
  EXPECT_TRUE(xml.select("//testcase[@name='flash_bytes']/failure").empty());
}

TEST(JunitReport, BaselineComparisonsAreTestCasesToo) {
  Report report = test::hand_report();
  report["baseline"] = Report::parse(R"({"file": "old.json", "tolerance_percent": 2, "comparisons": [
      {"name": "cycles", "baseline": 9000, "value": 9600, "limit": 9180, "margin": -420, "change_percent": 6.667,
       "pass": false}]})");
  const XmlDoc xml(junit_report(report));
  ASSERT_TRUE(xml.doc);
  EXPECT_EQ(xml.select("//testcase[@name='cycles vs baseline']/failure"),
            std::vector<std::string>{"value: 9,600\nlimit: 9,180\nmargin: -420"});
  EXPECT_EQ(xml.select("/testsuites/testsuite", "failures"), std::vector<std::string>{"2"});
}

TEST(JunitReport, AFaultIsAnErrorAndNamesAreEscaped) {
  Report report = test::hand_report();
  report["budgets"] = Report::array();
  report["workload"] = "a<b>&\"c\"";
  report["fault"] = Report{{"kind", "hard fault"}, {"detail", "pc <0x10> & \"more\""}, {"is_limit", false}};
  const XmlDoc xml(junit_report(report));
  ASSERT_TRUE(xml.doc);
  EXPECT_EQ(xml.select("//testcase/error", "message"),
            std::vector<std::string>{"FAULTED: hard fault: pc <0x10> & \"more\""});
  EXPECT_EQ(xml.select("/testsuites", "errors"), std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace mcusim
