// The chip targets through the CLI: `mcusim targets` shows each chip's clock,
// memories, wait states and accelerator; a what-if clock above the part's
// table is exit 2; wait states set below the table's need run with a warning.
#include "tests/support/test_support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace mcusim::test {
namespace {

std::filesystem::path write_variant(const std::string& file, const std::string& from,
                                    const std::string& to) {
  std::ifstream in(source_path("targets/touch-m0.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const auto dir = std::filesystem::temp_directory_path() / "mcusim_chip_targets_cli_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / file) << text;
  return dir / file;
}

TEST(ChipTargetsCli, TargetsListsClockMemoriesWaitStatesAndAccelerator) {
  const auto result = run_mcusim({"targets"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto has_row = [&](const std::string& pattern) {
    return std::regex_search(result.out, std::regex(pattern));
  };
  EXPECT_TRUE(has_row(R"(touch-m0 +cortex-m0 +48 MHz +256 KiB +16 KiB +1  prefetch)")) << result.out;
  EXPECT_TRUE(has_row(R"(stm32f405rg +cortex-m4f +168 MHz +1024 KiB +192 KiB +5  ART)")) << result.out;
  EXPECT_TRUE(has_row(R"(rp2040 +cortex-m0plus +125 MHz .* XIP cache 16 KiB)")) << result.out;
}

TEST(ChipTargetsCli, ClockAboveThePartIsExitTwoWithTheReason) {
  const auto file = write_variant("fast.toml", "clock_hz = 48_000_000", "clock_hz = 64_000_000");
  const auto result = run_mcusim({"exec", "--target", file.string(), guest_elf("memory_m0").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("clock_hz = 64000000 is above this part's maximum of 48000000 Hz"),
            std::string::npos)
      << result.err;
}

TEST(ChipTargetsCli, WaitStatesBelowTheTableRunWithAWarning) {
  const auto file = write_variant("zero_ws.toml", "wait_state_max_hz = [24_000_000, 48_000_000]",
                                  "wait_state_max_hz = [24_000_000, 48_000_000]\nwait_states = 0");
  const auto result = run_mcusim({"exec", "--target", file.string(), guest_elf("memory_m0").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("mcusim: warning: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("wait_states = 0 in region 'flash' is below the 1"), std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("nop8=10"), std::string::npos) << result.out;  // 0 WS: the core alone
}

}  // namespace
}  // namespace mcusim::test
