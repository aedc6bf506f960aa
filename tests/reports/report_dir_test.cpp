// `--report DIR` (reports/report_dir.cpp): every format at once, all or
// nothing; a folder that is not a report folder is never replaced.
#include "reports/report_dir.hpp"

#include "sim/error.hpp"
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

class ReportDir : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / fmt::format("mcusim_report_dir_test_{}", ::getpid());
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

TEST_F(ReportDir, WritesEveryFormatAndNothingElse) {
  write_report_dir(root_ / "out", test::hand_report());
  EXPECT_EQ(entries(root_ / "out"),
            (std::set<std::string>{"report.json", "summary.md", "junit.xml", "trace.json", "report.html"}));
  EXPECT_EQ(entries(root_), std::set<std::string>{"out"});  // no temporary left beside it
  const Report json = Report::parse(read(root_ / "out" / "report.json"));
  EXPECT_EQ(json["workload"], "touch");
}

TEST_F(ReportDir, ReplacesAnEarlierReportFolderWhole) {
  write_report_dir(root_ / "out", test::hand_report());
  Report second = test::hand_report();
  second["workload"] = "sine";
  write_report_dir(root_ / "out", second);
  EXPECT_EQ(Report::parse(read(root_ / "out" / "report.json"))["workload"], "sine");
  EXPECT_EQ(entries(root_), std::set<std::string>{"out"});
}

TEST_F(ReportDir, RefusesToReplaceAFolderMcusimDidNotWrite) {
  fs::create_directories(root_ / "src");
  std::ofstream(root_ / "src" / "main.c") << "int main(void) { return 0; }\n";
  try {
    write_report_dir(root_ / "src", test::hand_report());
    FAIL() << "a foreign folder was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    EXPECT_NE(std::string(error.what()).find("src"), std::string::npos) << error.what();
  }
  EXPECT_EQ(entries(root_ / "src"), std::set<std::string>{"main.c"});
  EXPECT_EQ(entries(root_), std::set<std::string>{"src"});
}

TEST_F(ReportDir, RemovesTheLeftoversOfAnInterruptedRun) {
  // A run killed between building and renaming leaves .NAME.partial-PID; no
  // process has the largest pid, so the next run clears it.
  fs::create_directories(root_ / ".out.partial-2147483647");
  std::ofstream(root_ / ".out.partial-2147483647" / "report.json") << "{";
  write_report_dir(root_ / "out", test::hand_report());
  EXPECT_EQ(entries(root_), std::set<std::string>{"out"});
}

TEST_F(ReportDir, AFileInTheWayIsBadInput) {
  std::ofstream(root_ / "out") << "not a folder";
  EXPECT_THROW(write_report_dir(root_ / "out", test::hand_report()), Error);
  EXPECT_EQ(read(root_ / "out"), "not a folder");
}

}  // namespace
}  // namespace mcusim
