// `mcusim compare --report DIR` end to end: a real comparison of the touch
// workload's kernel variants writes the four formats, compare.json is what
// --json prints, the JUnit has one case per layer, and the page loads in
// headless Chromium without a console message with one bar per layer per
// variant. A deliberately wrong user kernel (tests/tools/user_kernels) fails
// exactly its layer's test case. The browser part skips where chromium is
// not installed (tools/deps.txt installs it).
#include "tests/reports/xml_doc.hpp"
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

std::string read(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

class CompareReportFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mcusim_compare_report_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CompareReportFolder, TouchVariantsInEveryFormatAndThePageLoadsClean) {
  const fs::path out = dir_ / "cmp";
  const CommandResult r = run_mcusim({"compare", "--json", "--inferences", "0", "--report", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto printed = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(nlohmann::ordered_json::parse(read(out / "compare.json")), printed);
  const std::size_t layers = printed["layers"].size();
  const std::size_t runs = printed["runs"].size();
  ASSERT_EQ(runs, 2u);  // an M0 runs ref and m0
  ASSERT_GT(layers, 0u);

  const XmlDoc junit(read(out / "compare.xml"));
  ASSERT_TRUE(junit.doc);
  EXPECT_EQ(junit.select("//testcase").size(), layers);
  EXPECT_TRUE(junit.select("//failure").empty());
  EXPECT_NE(read(out / "compare.md").find("**IDENTICAL: every compared output is the same bytes in ref, m0**"),
            std::string::npos);

  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " not installed (tools/deps.txt lists chromium)";
  const CommandResult dom = run_program(
      kChromium, {"--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", "file://" + (out / "compare.html").string()});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_TRUE(console_lines(dom.err).empty()) << dom.err;
  EXPECT_NE(dom.out.find("id=\"verdict\" class=\"verdict pass\""), std::string::npos) << dom.out;
  EXPECT_NE(dom.out.find("<table id=\"layers\">"), std::string::npos);
  EXPECT_EQ(count(dom.out, "class=\"mc-bar\""), layers * runs) << dom.out;
}

TEST_F(CompareReportFolder, AWrongUserKernelFailsItsLayersTestCase) {
  const fs::path out = dir_ / "cmp";
  const CommandResult r = run_mcusim({"compare", "--inferences", "0", "--kernel",
                                      "FULLY_CONNECTED=" + source_path("tests/tools/user_kernels/fc_off_by_one.c").string(),
                                      "--report", out.string()});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto comparison = nlohmann::json::parse(read(out / "compare.json"));
  EXPECT_EQ(comparison["mismatch_layer"], 0);  // the first FULLY_CONNECTED layer, fc1 (docs/compare.md)
  const XmlDoc junit(read(out / "compare.xml"));
  ASSERT_TRUE(junit.doc);
  EXPECT_EQ(junit.select("//testcase[failure]", "name"), std::vector<std::string>{"layer 0 fc1 (FULLY_CONNECTED)"});
  EXPECT_EQ(junit.select("//failure", "message"), std::vector<std::string>{comparison["mismatch"].get<std::string>()});
}

}  // namespace
}  // namespace mcusim::test
