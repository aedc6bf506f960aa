// The HTML page (reports/html_report.cpp) without a browser: self-contained
// (no script, no external reference), the verdict in the banner, one bar per
// layer, the memory map with the high-water marks. html_chromium_test.cpp
// opens it in a real browser.
#include "reports/html_report.hpp"

#include "tests/reports/report_fixture.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace mcusim {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, IsSelfContained) {
  const std::string html = html_report(test::hand_report());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("@font-face"), std::string::npos);
  // The only URLs are the SVG namespace (a name, never fetched) and the empty data: icon.
  const std::regex url(R"re((src|href)\s*=\s*"([^"]*)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[2].str().rfind("data:", 0), 0u) << (*it)[0].str();
  }
}

TEST(HtmlReport, BannerBarsAndMemoryMap) {
  const std::string html = html_report(test::hand_report());
  EXPECT_NE(html.find("<div id=\"verdict\" class=\"verdict fail\">FAIL: 1 of 2 checks failed (latency_us)</div>"),
            std::string::npos);
  EXPECT_EQ(count(html, "class=\"layer-bar\""), 3u);
  EXPECT_NE(html.find("data-layer=\"logits &lt;&amp;&gt;\""), std::string::npos);  // escaped, not broken
  EXPECT_NE(html.find("arena peak 60"), std::string::npos);
  EXPECT_NE(html.find("stack peak 456"), std::string::npos);
  EXPECT_EQ(count(html, "class=\"mem-part"), 5u);  // code, weights; data + bss, arena, stack
}

TEST(HtmlReport, BarsAreProportionalToCycles) {
  const std::string html = html_report(test::hand_report());
  const std::regex bar(R"re(class="layer-bar"[^>]* width="([0-9.]+)")re");
  std::vector<double> widths;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator(); ++it) {
    widths.push_back(std::stod((*it)[1].str()));
  }
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_NEAR(widths[1] / widths[0], 3000.0 / 4800.0, 1e-3);
  EXPECT_NEAR(widths[2] / widths[0], 1200.0 / 4800.0, 1e-3);
}

}  // namespace
}  // namespace mcusim
