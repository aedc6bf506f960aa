// tests/tools/determinism_test.cpp — issue #11 part 4, determinism
// (DESIGN.md: "the same binary, inputs and target give the same numbers,
// byte-identical JSON"): the same command twice prints the same bytes, with
// nothing excluded — the report JSON holds no host time, date, PID or
// temporary path (docs/robustness.md, "Determinism and atomicity").
// Across builds: with MCUSIM_OTHER_BINARY set to another build's mcusim
// (tools/test.sh sets it to the Release binary while it runs the
// Debug+sanitizer suite), both binaries must print the same JSON.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

// The commands whose JSON must not change between runs: a model run with
// the default (touch) workload, one with the profiler, a faulted exec and a
// limit, each as a user would type it (few and small: the sanitizer build
// runs them too).
std::vector<std::vector<std::string>> commands() {
  return {
      {"run", "--json"},
      {"run", "--workload", "sine", "--inferences", "2", "--profile", "--json"},
      {"exec", "--target", "generic-m0", "--json", guest_elf("fault_unmapped_read").string()},
      {"exec", "--target", "generic-m0", "--json", "--max-cycles", "100000", guest_elf("fault_infinite_loop").string()},
  };
}

std::string joined(const std::vector<std::string>& args) {
  std::string text = "mcusim";
  for (const auto& arg : args) text += " " + arg;
  return text;
}

TEST(Determinism, TheSameCommandTwicePrintsByteIdenticalJson) {
  for (const auto& args : commands()) {
    const CommandResult first = run_mcusim(args);
    const CommandResult second = run_mcusim(args);
    ASSERT_LE(first.exit_code, 3) << joined(args) << "\n" << first.err;
    ASSERT_FALSE(first.out.empty()) << joined(args);
    ASSERT_TRUE(nlohmann::json::accept(first.out)) << joined(args);
    EXPECT_EQ(first.exit_code, second.exit_code) << joined(args);
    EXPECT_TRUE(first.out == second.out) << joined(args) << ": the two runs' JSON differ";
  }
}

TEST(Determinism, TheReportHoldsNoHostTimeDateOrTemporaryPath) {
  const CommandResult run = run_mcusim({"run", "--workload", "sine", "--inferences", "1", "--profile", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string tmp = fs::temp_directory_path().string();
  EXPECT_EQ(run.out.find(tmp), std::string::npos) << "a temporary path in the report";
  for (const char* word : {"host_seconds", "host_time", "timestamp", "\"date\"", "wall", "mips"}) {
    EXPECT_EQ(run.out.find(word), std::string::npos) << word;
  }
}

// Runs only when another build's binary is known: tools/test.sh runs the
// sanitizer suite with MCUSIM_OTHER_BINARY=build/mcusim (Release).
TEST(Determinism, AnotherBuildOfMcusimPrintsTheSameJson) {
  const char* other = std::getenv("MCUSIM_OTHER_BINARY");
  if (other == nullptr || *other == '\0') {
    GTEST_SKIP() << "set MCUSIM_OTHER_BINARY to another build's mcusim (tools/test.sh does) to compare builds";
  }
  ASSERT_TRUE(fs::exists(other)) << "MCUSIM_OTHER_BINARY=" << other << " does not exist";
  ASSERT_NE(fs::weakly_canonical(other), fs::weakly_canonical(MCUSIM_BINARY)) << "the same binary twice";
  for (const auto& args : commands()) {
    const CommandResult mine = run_mcusim(args);
    const CommandResult theirs = run_program(other, args);
    EXPECT_EQ(mine.exit_code, theirs.exit_code) << joined(args) << "\n" << mine.err << "\n" << theirs.err;
    EXPECT_TRUE(mine.out == theirs.out) << joined(args) << ": " << MCUSIM_BINARY << " and " << other
                                        << " print different JSON";
  }
}

}  // namespace
}  // namespace mcusim::test
