// `mcusim exec` and `mcusim targets` end to end: the real binary, real ELFs.
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace mcusim::test {
namespace {

TEST(ExecCommand, DemoRunsToExitStatusZeroWithASummary) {
  const auto result = run_mcusim({"exec", "--target", "generic-m0", guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("crc32(\"123456789\")=0xcbf43926"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("cycles"), std::string::npos);
  EXPECT_NE(result.out.find("exit status   0"), std::string::npos);
}

TEST(ExecCommand, JsonGoesToStdoutAndGuestOutputToStderr) {
  const auto result =
      run_mcusim({"exec", "--json", "--target", "generic-m4", guest_elf("demo_m4").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["schema"], "mcusim.report/1");
  EXPECT_EQ(json["core"], "cortex-m4");
  EXPECT_EQ(json["exit_status"], 0);
  EXPECT_GT(json["cycles"].get<std::uint64_t>(), 0u);
  EXPECT_NE(result.err.find("0xcbf43926"), std::string::npos);
}

TEST(ExecCommand, SameRunGivesByteIdenticalJson) {
  const std::vector<std::string> args = {"exec", "--json", "--target", "generic-m0",
                                         guest_elf("demo_m0").string()};
  EXPECT_EQ(run_mcusim(args).out, run_mcusim(args).out);
}

TEST(ExecCommand, CortexM4ProgramOnCortexM0StopsAtTheFirstArmv7Instruction) {
  const auto result = run_mcusim({"exec", "--target", "generic-m0", guest_elf("demo_m4").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: undefined instruction"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("  pc 0x"), std::string::npos);
}

TEST(ExecCommand, UnknownTargetIsBadInputListingTheKnownOnes) {
  const auto result = run_mcusim({"exec", "--target", "generic-m7", guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("generic-m7"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("generic-m0"), std::string::npos) << result.err;
}

TEST(ExecCommand, MissingElfIsBadInput) {
  const auto result = run_mcusim({"exec", "/nonexistent/program.elf"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("/nonexistent/program.elf"), std::string::npos) << result.err;
}

TEST(ExecCommand, UnknownOptionIsUsageError) {
  const auto result = run_mcusim({"exec", "--frobnicate", guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 2);
}

TEST(TargetsCommand, ListsTheBundledTargetsWithCoreClockFlashAndRam) {
  const auto result = run_mcusim({"targets"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* name : {"generic-m0", "generic-m0plus", "generic-m4"}) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(result.out.find("1024 KiB"), std::string::npos);
  EXPECT_NE(result.out.find("256 KiB"), std::string::npos);
}

}  // namespace
}  // namespace mcusim::test

namespace mcusim::test {
namespace {

TEST(ExecCommand, OutputCapEndsTheRunWithALimit) {
  const auto result = run_mcusim({"exec", "--max-output", "10", guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: output limit"), std::string::npos) << result.err;
}

TEST(ExecCommand, CycleLimitEndsTheRunWithALimitAndTheCallStack) {
  const auto result = run_mcusim({"exec", "--max-cycles", "1000", guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: cycle limit"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("call stack: "), std::string::npos) << result.err;
}

TEST(ExecCommand, WallClockTimeoutEndsARunThatNeverExits) {
  const auto result = run_mcusim({"exec", "--timeout", "0.2", "--max-cycles", "1000000000000",
                                  guest_elf("fault_infinite_loop").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: timeout"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace mcusim::test
