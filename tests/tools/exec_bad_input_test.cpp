// `mcusim exec` with bad inputs: each is one clear message and exit 2 (bad
// target file or ELF) or 3 (the guest misbehaves), never a crash.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mcusim::test {
namespace {

std::filesystem::path write_target(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / (name + ".toml");
  std::ofstream(path) << text;
  return path;
}

const char* kGenericM0WithRwRam = R"(name = "m0-rw-ram"
core = "cortex-m0"
clock_hz = 48_000_000
multiplier = "fast"
source = "test fixture"

[[memory]]
name = "flash"
kind = "flash"
base = 0x0000_0000
size = 0x0010_0000
access = "rx"
wait_states = 0
source = "test fixture"

[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x0004_0000
access = "rw"
wait_states = 0
source = "test fixture"
)";

TEST(ExecBadInput, TargetFileWithATypoNamesFileLineAndTheRightKey) {
  std::string text = kGenericM0WithRwRam;
  text.replace(text.find("clock_hz"), 8, "clock_hx");
  const auto target = write_target("mcusim-typo-target", text);
  const auto result = run_mcusim({"exec", "--target", target.string(), guest_elf("demo_m0").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(target.string() + ":3:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("clock_hz"), std::string::npos) << result.err;  // the suggestion
}

TEST(ExecBadInput, ElfLinkedForAnotherMemoryMapNamesTheSegmentAndTheMap) {
  const auto result = run_mcusim({"exec", "--target", "generic-m0", guest_elf("elf_at_0800").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("segment"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("0x0800_0000"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("flash"), std::string::npos) << result.err;  // the target's map
}

TEST(ExecBadInput, NotAnElfIsBadInput) {
  const auto path = write_target("mcusim-not-elf", "this is text");
  const auto result = run_mcusim({"exec", path.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(path.string()), std::string::npos) << result.err;
}

TEST(ExecBadInput, FetchFromNonExecutableRamIsAGuestFault) {
  const auto target = write_target("mcusim-rw-ram", kGenericM0WithRwRam);
  const auto result = run_mcusim({"exec", "--target", target.string(),
                                  guest_elf("jump_to_ram_m0").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: fetch from non-executable memory"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("0x20000100"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace mcusim::test
