// `mcusim compare --report DIR` (reports/compare_report_dir.cpp): the four
// formats at once, replacing only a folder a comparison wrote; a run's
// report folder or someone's folder is refused.
#include "reports/compare_report_dir.hpp"

#include "reports/report_dir.hpp"
#include "sim/error.hpp"
#include "tests/reports/compare_fixture.hpp"
#include "tests/reports/report_fixture.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace mcusim {
namespace {

namespace fs = std::filesystem;

class CompareReportDir : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / fmt::format("mcusim_compare_report_dir_test_{}", ::getpid());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::set<std::string> entries(const fs::path& dir) const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
    return names;
  }
  static std::string read(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  fs::path root_;
};

TEST_F(CompareReportDir, WritesTheFourFormatsAndNothingElse) {
  write_compare_report_dir(root_ / "cmp", test::hand_comparison());
  EXPECT_EQ(entries(root_ / "cmp"), (std::set<std::string>{"compare.json", "compare.md", "compare.xml", "compare.html"}));
  EXPECT_EQ(entries(root_), std::set<std::string>{"cmp"});
  EXPECT_EQ(Report::parse(read(root_ / "cmp" / "compare.json")), test::hand_comparison());
}

TEST_F(CompareReportDir, ReplacesAnEarlierComparisonWhole) {
  write_compare_report_dir(root_ / "cmp", test::hand_comparison());
  write_compare_report_dir(root_ / "cmp", test::hand_comparison_differing());
  EXPECT_EQ(Report::parse(read(root_ / "cmp" / "compare.json"))["mismatch_layer"], 1);
  EXPECT_EQ(entries(root_), std::set<std::string>{"cmp"});
}

TEST_F(CompareReportDir, RefusesARunReportFolderAndAForeignOne) {
  write_report_dir(root_ / "run", test::hand_report());
  EXPECT_THROW(write_compare_report_dir(root_ / "run", test::hand_comparison()), Error);
  EXPECT_TRUE(fs::exists(root_ / "run" / "report.json"));  // untouched
  fs::create_directories(root_ / "mine");
  std::ofstream(root_ / "mine" / "notes.txt") << "keep";
  EXPECT_THROW(write_compare_report_dir(root_ / "mine", test::hand_comparison()), Error);
  EXPECT_EQ(read(root_ / "mine" / "notes.txt"), "keep");
}

TEST_F(CompareReportDir, NotAComparisonIsBadInputAndLeavesNothing) {
  EXPECT_THROW(write_compare_report_dir(root_ / "cmp", test::hand_report()), Error);
  EXPECT_TRUE(entries(root_).empty());
}

}  // namespace
}  // namespace mcusim
