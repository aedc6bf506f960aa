// callgrind output (reports/callgrind_report.cpp) opened by valgrind's own
// callgrind_annotate: the program totals and the per-function totals it
// prints are the profile's; folded stacks (reports/folded_stacks.cpp) sum to
// the run. Skips with a message where valgrind is not installed.
#include "reports/callgrind_report.hpp"
#include "reports/folded_stacks.hpp"

#include "tests/reports/profile_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace mcusim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAnnotate = "/usr/bin/callgrind_annotate";

std::uint64_t number(std::string text) {
  std::erase(text, ',');
  return std::stoull(text);
}

struct Annotated {
  std::pair<std::uint64_t, std::uint64_t> totals;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> functions;  // summed over files
};

// callgrind_annotate's "PROGRAM TOTALS" and "file:function" rows of a file.
Annotated annotate_file(const fs::path& file) {
  const test::CommandResult result = test::run_program(kAnnotate, {"--threshold=100", "--auto=no", file.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  Annotated annotated;
  const std::regex row(R"(^\s*([0-9,]+) \([^)]*\)\s+([0-9,]+) \([^)]*\)\s+(.+)$)");
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    const auto costs = std::make_pair(number(m[1]), number(m[2]));
    const std::string what = m[3];
    if (what == "PROGRAM TOTALS") {
      annotated.totals = costs;
      continue;
    }
    const std::string function = what.substr(what.rfind(':') + 1);
    annotated.functions[function].first += costs.first;
    annotated.functions[function].second += costs.second;
  }
  return annotated;
}

Annotated annotate(const profiler::ExecutionProfile& profile) {
  const fs::path file = fs::temp_directory_path() / ("mcusim_callgrind_test_" + std::to_string(::getpid()) + ".out");
  std::ofstream(file) << callgrind_report(profile, "mcusim run --workload test");
  Annotated annotated = annotate_file(file);
  fs::remove(file);
  return annotated;
}

TEST(CallgrindReport, CallgrindAnnotateReadsTheProfilesTotals) {
  if (!fs::exists(kAnnotate)) GTEST_SKIP() << kAnnotate << " not installed (tools/deps.txt lists valgrind)";
  const profiler::ExecutionProfile profile = test::hand_profile();
  const Annotated annotated = annotate(profile);
  EXPECT_EQ(annotated.totals, std::make_pair(std::uint64_t{160}, std::uint64_t{100}));
  ASSERT_EQ(annotated.functions.size(), profile.functions.size());
  for (const auto& function : profile.functions) {
    EXPECT_EQ(annotated.functions.at(function.name),
              std::make_pair(function.exclusive.cycles, function.exclusive.instructions))
        << function.name;
  }
}

TEST(CallgrindReport, ARealProfiledRunsFunctionTotalsEqualItsReportJson) {
  if (!fs::exists(kAnnotate)) GTEST_SKIP() << kAnnotate << " not installed (tools/deps.txt lists valgrind)";
  const fs::path dir = fs::temp_directory_path() / ("mcusim_callgrind_run_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const test::CommandResult run = test::run_mcusim(
      {"run", "--workload", "sine", "--inferences", "0", "--profile", "--report", (dir / "report").string()});
  ASSERT_LE(run.exit_code, 1) << run.err;
  std::ifstream json_file(dir / "report" / "report.json");
  const auto report = nlohmann::json::parse(json_file);
  const Annotated annotated = annotate_file(dir / "report" / "callgrind.out");
  EXPECT_EQ(annotated.totals.first, report["cycles"].get<std::uint64_t>());
  EXPECT_EQ(annotated.totals.second, report["instructions"].get<std::uint64_t>());
  std::size_t with_cycles = 0;
  for (const auto& function : report["functions"]) {
    const auto cycles = function["cycles"].get<std::uint64_t>();
    if (cycles == 0) continue;
    ++with_cycles;
    const auto it = annotated.functions.find(function["name"].get<std::string>());
    ASSERT_NE(it, annotated.functions.end()) << function["name"];
    EXPECT_EQ(it->second.first, cycles) << function["name"];
    EXPECT_EQ(it->second.second, function["instructions"].get<std::uint64_t>()) << function["name"];
  }
  EXPECT_EQ(annotated.functions.size(), with_cycles);
  // The folded stacks sum to the run.
  std::ifstream folded(dir / "report" / "stacks.folded");
  std::uint64_t sum = 0;
  for (std::string line; std::getline(folded, line);) sum += std::stoull(line.substr(line.rfind(' ') + 1));
  EXPECT_EQ(sum, report["cycles"].get<std::uint64_t>());
  fs::remove_all(dir);
}

TEST(CallgrindReport, CostLinesCarryAddressAndSourceLine) {
  const std::string text = callgrind_report(test::hand_profile(), "cmd");
  EXPECT_NE(text.find("events: Cycles Instructions\n"), std::string::npos);
  EXPECT_NE(text.find("positions: instr line\n"), std::string::npos);
  EXPECT_NE(text.find("fl=work.c\nfn=work\n0x200 10 100 60\nfi=inl.h\n0x204 2 30 25\n"), std::string::npos) << text;
  // main calls work twice; the calls cost 130 cycles inclusive.
  EXPECT_NE(text.find("cfn=work\ncalls=2 0x200 0\n0x100 0 130 85\n"), std::string::npos) << text;
}

TEST(FoldedStacks, OneLinePerContextSummingToTheRun) {
  EXPECT_EQ(folded_stacks(test::hand_profile()), "main 30\nmain;work 130\n");
}

}  // namespace
}  // namespace mcusim
