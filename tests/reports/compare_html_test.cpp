// The comparison page (reports/compare_html.cpp) without a browser:
// self-contained, the verdict in the banner, the table, and per-layer bars
// for each run (layers x runs bars). compare_html_chromium_test.cpp opens a
// real one in a browser.
#include "reports/compare_html.hpp"

#include "tests/reports/compare_fixture.hpp"
#include "tests/reports/xml_doc.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace mcusim {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CompareHtml, IsSelfContained) {
  const std::string html = compare_html(test::hand_comparison());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  const std::regex url(R"re((src|href)\s*=\s*"([^"]*)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[2].str().rfind("data:", 0), 0u) << (*it)[0].str();
  }
}

TEST(CompareHtml, BannerTableAndABarPerLayerPerRun) {
  const std::string html = compare_html(test::hand_comparison());
  EXPECT_NE(html.find("<div id=\"verdict\" class=\"verdict pass\">IDENTICAL: every compared output is the same bytes "
                      "in ref, m0</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<table id=\"layers\">"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"layer\">"), 3u);
  // The chart is well-formed XML with 3 layers x 2 runs bars, one series per run.
  const auto begin = html.find("<svg");
  const auto end = html.find("</svg>");
  ASSERT_NE(begin, std::string::npos);
  const test::XmlDoc svg(html.substr(begin, end + 6 - begin));
  ASSERT_TRUE(svg.doc);
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @class='mc-bar']").size(), 6u);
  EXPECT_EQ(svg.select("//*[local-name()='rect' and @class='mc-bar' and @data-series='m0']", "data-category"),
            (std::vector<std::string>{"0 fc1", "1 fc2", "2 logits <&>"}));
}

TEST(CompareHtml, TheDifferingLayerRowIsMarked) {
  const std::string html = compare_html(test::hand_comparison_differing());
  EXPECT_NE(html.find("class=\"verdict fail\">DIFFERENT: m0 differs from ref in layer 1 &#39;fc2&#39;"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"differs\"><td class=\"num\">1</td>"), 1u);
}

}  // namespace
}  // namespace mcusim
