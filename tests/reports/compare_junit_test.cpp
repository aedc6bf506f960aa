// The comparison as JUnit XML (reports/compare_junit.cpp), read back with
// libxml2: one test case per layer, a failure on the layer whose tensor
// differs and on no other, and an "outputs" case when two reports' outputs
// were compared.
#include "reports/compare_junit.hpp"

#include "tests/reports/compare_fixture.hpp"
#include "tests/reports/xml_doc.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcusim {
namespace {

using Strings = std::vector<std::string>;

TEST(CompareJunit, OneTestCasePerLayerAllPassingWhenIdentical) {
  const test::XmlDoc xml(compare_junit(test::hand_comparison()));
  ASSERT_TRUE(xml.doc) << "compare.xml does not parse";
  EXPECT_EQ(xml.select("/testsuites/testsuite/testcase", "name"),
            (Strings{"layer 0 fc1 (FULLY_CONNECTED)", "layer 1 fc2 (FULLY_CONNECTED)",
                     "layer 2 logits <&> (FULLY_CONNECTED)"}));
  EXPECT_EQ(xml.select("/testsuites", "tests"), Strings{"3"});
  EXPECT_EQ(xml.select("/testsuites/testsuite", "failures"), Strings{"0"});
  EXPECT_TRUE(xml.select("//failure").empty());
  EXPECT_EQ(xml.select("//testcase[@name='layer 0 fc1 (FULLY_CONNECTED)']/system-out"),
            Strings{"ref: 15,000 cycles\nm0: 3,000 cycles (5.00x of ref)\n"});
}

TEST(CompareJunit, TheDifferingLayerAloneFails) {
  const test::XmlDoc xml(compare_junit(test::hand_comparison_differing()));
  ASSERT_TRUE(xml.doc);
  EXPECT_EQ(xml.select("/testsuites/testsuite", "failures"), Strings{"1"});
  EXPECT_EQ(xml.select("//testcase[failure]", "name"), Strings{"layer 1 fc2 (FULLY_CONNECTED)"});
  EXPECT_EQ(xml.select("//failure", "message"),
            Strings{"m0 differs from ref in layer 1 'fc2' (FULLY_CONNECTED), tensor 5, element 3: 12 vs 13"});
  EXPECT_EQ(xml.select("//failure", "type"), Strings{"tensor-mismatch"});
}

TEST(CompareJunit, TwoReportsOutputsAreOneMoreCase) {
  Report comparison = test::hand_comparison();
  comparison["compared"] = "outputs";
  const test::XmlDoc same(compare_junit(comparison));
  EXPECT_EQ(same.select("/testsuites", "tests"), Strings{"4"});
  EXPECT_EQ(same.select("//testcase[@name='outputs']").size(), 1u);
  EXPECT_TRUE(same.select("//failure").empty());

  comparison["identical"] = false;
  comparison["mismatch"] = "the outputs differ: inference 0, output element 2: 5 vs 6";
  const test::XmlDoc differ(compare_junit(comparison));
  EXPECT_EQ(differ.select("//testcase[failure]", "name"), Strings{"outputs"});
  EXPECT_EQ(differ.select("/testsuites/testsuite", "failures"), Strings{"1"});
}

}  // namespace
}  // namespace mcusim
