// `mcusim check` end to end (tools/mcusim/check_command.cpp): within budget 0,
// each kind of budget exceeded 1 with its row, a regression beyond the
// tolerance 1, a malformed budget or baseline 2 with file and line; and
// `--report DIR` all or nothing: a run refused as bad input (exit 2) leaves
// an existing DIR as it was, a run stopped by a fault or limit (exit 3)
// replaces it with its "limit"/"faulted" report, and no partial folder is
// left beside it.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The line of the check table that names `row` first.
std::string row_of(const std::string& out, const std::string& row) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  " + row + " ", 0) == 0) return line;
  }
  return "";
}

class CheckCommand : public ::testing::Test {
 protected:
  // One real touch run, judged by every test from its report (fast).
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("mcusim_check_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const CommandResult run = run_mcusim({"run", "--json", "--inferences", "1"});
    ASSERT_LE(run.exit_code, 1) << run.err;
    std::ofstream(report_file()) << run.out;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static fs::path report_file() { return *dir_ / "touch.json"; }
  static json report() { return json::parse(read(report_file())); }
  static fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(*dir_ / name) << text;
    return *dir_ / name;
  }
  static CommandResult check(std::vector<std::string> args) {
    args.insert(args.begin(), {"check", "--from-report", report_file().string()});
    return run_mcusim(args);
  }
  static fs::path* dir_;
};
fs::path* CheckCommand::dir_ = nullptr;

TEST_F(CheckCommand, WithinEveryBudgetExitsZero) {
  const CommandResult result = check({"--latency-us", "1e6", "--cycles", "1e9", "--arena-bytes", "1e6",
                                      "--stack-peak-bytes", "1e6", "--ram-bytes", "1e6", "--flash-bytes", "1e7"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("PASS: all 6 checks met"), std::string::npos) << result.out;
}

TEST_F(CheckCommand, EachKindOfBudgetExceededFailsWithItsRowAndMargin) {
  const json r = report();
  const std::vector<std::tuple<std::string, std::string, double>> budgets = {
      {"--latency-us", "latency_us", r["inferences"]["worst_latency_us"].get<double>()},
      {"--cycles", "cycles", r["inferences"]["worst_cycles"].get<double>()},
      {"--arena-bytes", "arena_bytes", r["arena_bytes"].get<double>()},
      {"--stack-peak-bytes", "stack_bytes", r["stack_peak_bytes"].get<double>()},
      {"--ram-bytes", "ram_bytes", r["ram_bytes"].get<double>()},
      {"--flash-bytes", "flash_bytes", r["flash_bytes"]["total"].get<double>()},
  };
  for (const auto& [flag, key, value] : budgets) {
    // A limit of 10 is below every measured value here: fails by value - 10.
    const CommandResult result = check({flag, "10"});
    EXPECT_EQ(result.exit_code, 1) << flag << "\n" << result.out << result.err;
    const std::string row = row_of(result.out, key);
    EXPECT_NE(row.find("FAIL"), std::string::npos) << flag << "\n" << result.out;
    // The margin, 10 - value, grouped as the table prints it (integers here but latency).
    const double margin = 10 - value;
    const std::string digits = std::to_string(static_cast<long long>(std::llround(-margin)));
    EXPECT_NE(row.find("-"), std::string::npos) << row;
    if (std::floor(value) == value) {
      std::string grouped = digits;
      for (int at = static_cast<int>(grouped.size()) - 3; at > 0; at -= 3) grouped.insert(static_cast<std::size_t>(at), ",");
      EXPECT_NE(row.find("-" + grouped), std::string::npos) << row;
    }
    EXPECT_NE(result.out.find("FAIL: 1 of 1 checks failed (" + key + ")"), std::string::npos) << result.out;
  }
}

TEST_F(CheckCommand, AnEnergyBudgetFailsWhereEnergyIsNotMeasuredOrOver) {
  const CommandResult result = check({"--energy-uj", "0"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(row_of(result.out, "energy_uj").find("FAIL"), std::string::npos) << result.out;
}

TEST_F(CheckCommand, ARegressionBeyondTheToleranceFails) {
  json baseline = report();
  const double cycles = baseline["inferences"]["worst_cycles"].get<double>();
  // The baseline was 5 % faster: a 2 % tolerance fails, a 10 % one passes.
  baseline["inferences"]["worst_cycles"] = std::llround(cycles / 1.05);
  const fs::path file = write("baseline.json", baseline.dump(2));
  const CommandResult tight = check({"--baseline", file.string(), "--tolerance", "2%"});
  EXPECT_EQ(tight.exit_code, 1) << tight.out << tight.err;
  EXPECT_NE(row_of(tight.out, "cycles vs baseline").find("FAIL"), std::string::npos) << tight.out;
  EXPECT_NE(tight.out.find("FAIL: 1 of"), std::string::npos) << tight.out;
  const CommandResult loose = check({"--baseline", file.string(), "--tolerance", "10%"});
  EXPECT_EQ(loose.exit_code, 0) << loose.out << loose.err;
}

TEST_F(CheckCommand, ItsOwnReportAsBaselineWithNoToleranceIsNoRegression) {
  const CommandResult result = check({"--baseline", report_file().string()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST_F(CheckCommand, AMalformedBudgetIsExitTwoWithFileAndLine) {
  const fs::path budget = write("bad_budget.toml", "latency_us = 100\nflash_byte = 5\n");
  const CommandResult result = check({"--budget", budget.string()});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("bad_budget.toml:2:1"), std::string::npos) << result.err;
}

TEST_F(CheckCommand, AMalformedBaselineIsExitTwoWithFileAndLine) {
  const fs::path baseline = write("bad_baseline.json", "{\n  \"schema\": \"mcusim.report/1\",\n  \"cycles\": ]\n}\n");
  const CommandResult result = check({"--baseline", baseline.string(), "--latency-us", "1e6"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("bad_baseline.json:3:"), std::string::npos) << result.err;
}

TEST_F(CheckCommand, NothingToCheckIsBadUsage) {
  const CommandResult result = check({});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("nothing to check"), std::string::npos) << result.err;
}

TEST_F(CheckCommand, RunsAWorkloadAndWritesTheReportFolder) {
  const fs::path out = *dir_ / "report";
  const CommandResult result = run_mcusim({"check", "--workload", "sine", "--inferences", "0", "--cycles", "1e9",
                                           "--report", out.string()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  for (const char* file : {"report.json", "summary.md", "junit.xml", "trace.json", "report.html"}) {
    EXPECT_TRUE(fs::exists(out / file)) << file;
  }
  const json written = json::parse(read(out / "report.json"));
  EXPECT_EQ(written["command"], "check");
  EXPECT_EQ(written["budgets"][0]["name"], "cycles");
  EXPECT_NE(read(out / "junit.xml").find("<testcase classname=\"mcusim.sine.generic-m0.budgets\" name=\"cycles\">"),
            std::string::npos);
}

// The folder beside `dir` holds nothing but `dir` itself (no .DIR.partial-*).
std::set<std::string> siblings_of(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.parent_path())) names.insert(entry.path().filename().string());
  return names;
}

TEST_F(CheckCommand, BadInputLeavesTheReportFolderAndALimitReplacesItWithALimitReport) {
  const fs::path parent = *dir_ / "atomic";
  const fs::path out = parent / "report";
  fs::create_directories(parent);
  const CommandResult first = run_mcusim({"run", "--workload", "sine", "--inferences", "0", "--report", out.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string before = read(out / "report.json");

  // Exit 2: a model file that does not exist.
  const CommandResult bad = run_mcusim({"run", "--model", (*dir_ / "missing.tflite").string(), "--report", out.string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_EQ(read(out / "report.json"), before);
  // Exit 3: the cycle limit hit in the middle of the run; the report says so
  // (docs/robustness.md) instead of leaving the last good numbers in DIR.
  const CommandResult limit = run_mcusim({"run", "--workload", "sine", "--max-cycles", "2000", "--report", out.string()});
  EXPECT_EQ(limit.exit_code, 3) << limit.err;
  EXPECT_EQ(json::parse(read(out / "report.json"))["status"], "limit");
  const CommandResult check_limit =
      run_mcusim({"check", "--workload", "sine", "--max-cycles", "2000", "--cycles", "1", "--report", out.string()});
  EXPECT_EQ(check_limit.exit_code, 3) << check_limit.err;
  EXPECT_EQ(json::parse(read(out / "report.json"))["command"], "check");
  EXPECT_EQ(json::parse(read(out / "report.json"))["status"], "limit");
  EXPECT_EQ(siblings_of(out), std::set<std::string>{"report"});
}

}  // namespace
}  // namespace mcusim::test
