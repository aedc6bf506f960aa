// The HTML report in a real browser (Debian's chromium, headless): the page
// of a real `mcusim run --report DIR` loads without a console message, its
// DOM holds the verdict and one bar per layers[] entry, and a screenshot is
// taken (left in the build folder for a person to look at). Skips with a
// message where chromium is not installed (tools/deps.txt installs it).
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";

// Headless, no network (every host resolves to nothing), logs on stderr so
// the page's console messages show as ":CONSOLE" lines.
CommandResult chromium(const std::vector<std::string>& extra, const fs::path& page) {
  std::vector<std::string> args = {"--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                   "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=900,1600"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("file://" + fs::absolute(page).string());
  return run_program(kChromium, args);
}

std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class HtmlInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " not installed (tools/deps.txt lists chromium)";
    dir_ = fs::temp_directory_path() / ("mcusim_html_chromium_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(HtmlInChromium, TheConsoleCheckSeesAPageThatLogs) {
  // The negative control: the detector below would catch a broken page.
  std::ofstream(dir_ / "logs.html") << "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head>"
                                       "<body><script>console.error('boom')</script></body></html>";
  const CommandResult result = chromium({"--dump-dom"}, dir_ / "logs.html");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(console_lines(result.err).empty()) << result.err;
}

TEST_F(HtmlInChromium, ARealRunsPageLoadsCleanWithTheVerdictAndOneBarPerLayer) {
  const CommandResult run = run_mcusim({"run", "--workload", "touch", "--inferences", "1", "--report", (dir_ / "report").string()});
  ASSERT_LE(run.exit_code, 1) << run.err;
  std::ifstream json_file(dir_ / "report" / "report.json");
  const auto report = nlohmann::json::parse(json_file);
  const std::size_t layers = report["layers"].size();
  ASSERT_GT(layers, 0u);

  const CommandResult dom = chromium({"--dump-dom"}, dir_ / "report" / "report.html");
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_TRUE(console_lines(dom.err).empty()) << dom.err;
  const std::string verdict = run.exit_code == 0 ? "PASS: all " : "FAIL: ";
  EXPECT_NE(dom.out.find("id=\"verdict\""), std::string::npos) << dom.out;
  EXPECT_NE(dom.out.find(verdict), std::string::npos) << dom.out;
  EXPECT_EQ(count(dom.out, "class=\"layer-bar\""), layers) << dom.out;

  // The screenshot: kept in the build folder (a test's temporary would be gone).
  const fs::path shot = fs::absolute("html_report_touch.png");
  fs::remove(shot);
  const CommandResult screenshot = chromium({"--screenshot=" + shot.string()}, dir_ / "report" / "report.html");
  ASSERT_EQ(screenshot.exit_code, 0) << screenshot.err;
  EXPECT_TRUE(console_lines(screenshot.err).empty()) << screenshot.err;
  ASSERT_TRUE(fs::exists(shot));
  std::ifstream png(shot, std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
  EXPECT_GT(fs::file_size(shot), 10'000u);  // a page, not a blank
}

}  // namespace
}  // namespace mcusim::test
