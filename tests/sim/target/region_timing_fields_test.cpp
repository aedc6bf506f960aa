// The memory-timing keys of a target file: wait states that follow the clock
// through the part's table, explicit overrides, the accelerator section, and
// a clear error for each mistake (file:line:column, advice).
#include <gtest/gtest.h>

#include <string>

#include "sim/error.hpp"
#include "sim/target/target.hpp"

namespace mcusim {
namespace {

// Line numbers matter: they appear in the expected messages.
constexpr std::string_view kPart = R"(name = "part"
core = "cortex-m0"
clock_hz = 48_000_000
max_clock_hz = 48_000_000

[[memory]]
name = "flash"
kind = "flash"
base = 0x0800_0000
size = 0x0001_0000
access = "rx"
wait_state_max_hz = [24_000_000, 48_000_000]

[memory.accelerator]
model = "prefetch-buffer"
prefetch = true

[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x2000
access = "rwx"
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(kPart);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test text has no '" << from << "'";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Error rejected(const std::string& text) {
  try {
    parse_target(text, "p.toml");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_FALSE(error.advice().empty()) << error.what();
    return error;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return Error(ErrorKind::Internal, "no error");
}

#define EXPECT_STARTS_WITH(text, prefix) \
  EXPECT_TRUE(std::string_view(text).starts_with(prefix)) << (text)
#define EXPECT_HAS(text, part) \
  EXPECT_NE(std::string_view(text).find(part), std::string_view::npos) << (text)

TEST(RegionTimingFields, WaitStatesFollowTheTableAtTheClock) {
  // [24 MHz, 48 MHz]: 48 MHz needs 1 WS, 24 MHz none (RM0091 §3.5.1's table).
  const Target at48 = parse_target(kPart, "p.toml");
  EXPECT_EQ(at48.regions[0].wait_states, 1u);
  EXPECT_EQ(at48.regions[0].data_wait_states, 1u);
  EXPECT_TRUE(at48.warnings.empty());
  const Target at24 = parse_target(with("clock_hz = 48_000_000", "clock_hz = 24_000_000"), "p.toml");
  EXPECT_EQ(at24.regions[0].wait_states, 0u);
  ASSERT_TRUE(at48.regions[0].accelerator.has_value());
  EXPECT_EQ(at48.regions[0].accelerator->model, "prefetch-buffer");
  EXPECT_TRUE(at48.regions[0].accelerator->prefetch);
}

TEST(RegionTimingFields, ExplicitWaitStatesBelowTheTableAreKeptWithAWarning) {
  const Target part = parse_target(
      with("wait_state_max_hz = [24_000_000, 48_000_000]",
           "wait_state_max_hz = [24_000_000, 48_000_000]\nwait_states = 0"),
      "p.toml");
  EXPECT_EQ(part.regions[0].wait_states, 0u);
  ASSERT_EQ(part.warnings.size(), 1u);
  EXPECT_STARTS_WITH(part.warnings[0], "p.toml:13:15: wait_states = 0 in region 'flash' is below the 1");
  // Above the table's need: no warning.
  const Target slower = parse_target(
      with("wait_state_max_hz = [24_000_000, 48_000_000]",
           "wait_state_max_hz = [24_000_000, 48_000_000]\nwait_states = 2\ndata_wait_states = 1"),
      "p.toml");
  EXPECT_EQ(slower.regions[0].wait_states, 2u);
  EXPECT_EQ(slower.regions[0].data_wait_states, 1u);
  EXPECT_TRUE(slower.warnings.empty());
}

TEST(RegionTimingFields, ClockAboveThePartMaximumIsAnError) {
  const Error error = rejected(with("clock_hz = 48_000_000", "clock_hz = 64_000_000"));
  EXPECT_STARTS_WITH(error.what(), "p.toml:3:12: clock_hz = 64000000 is above this part's maximum");
  EXPECT_HAS(error.advice(), "max_clock_hz, at p.toml:4:16");
}

TEST(RegionTimingFields, ClockAboveTheLatencyTableIsAnError) {
  const Error error = rejected(with("max_clock_hz = 48_000_000\n", "").replace(
      std::string(kPart).find("clock_hz = 48_000_000"), 21, "clock_hz = 50_000_000"));
  EXPECT_STARTS_WITH(error.what(),
                     "p.toml:3:12: clock_hz = 50000000 is above the flash latency table of "
                     "region 'flash'");
  EXPECT_HAS(error.advice(), "at most 48000000 Hz");
}

TEST(RegionTimingFields, TableMustRise) {
  const Error error = rejected(with("[24_000_000, 48_000_000]", "[48_000_000, 24_000_000]"));
  EXPECT_STARTS_WITH(error.what(), "p.toml:12:34: wait_state_max_hz[1] = 24000000");
}

TEST(RegionTimingFields, UnknownAcceleratorModelSuggestsTheClosest) {
  const Error error = rejected(with("model = \"prefetch-buffer\"", "model = \"prefetch_buffer\""));
  EXPECT_STARTS_WITH(error.what(),
                     "p.toml:15:9: unknown accelerator model \"prefetch_buffer\" in "
                     "[memory.accelerator] of [[memory]] 'flash'");
  EXPECT_HAS(error.advice(), "did you mean \"prefetch-buffer\"?");
  EXPECT_HAS(error.advice(), "art, xip-cache, instruction-cache");
}

TEST(RegionTimingFields, KeysOfAnotherModelAreRejected) {
  const Error error = rejected(with("prefetch = true", "icache_lines = 64"));
  EXPECT_HAS(error.what(), "unknown key 'icache_lines'");
  EXPECT_HAS(error.advice(), "model, source, prefetch");
}

TEST(RegionTimingFields, CacheFiguresAreChecked) {
  const Error error = rejected(with("model = \"prefetch-buffer\"\nprefetch = true",
                                    "model = \"xip-cache\"\nways = 3\nmiss_cycles = 50"));
  EXPECT_HAS(error.what(), "ways = 3 must divide the cache's 2048 lines");
}

TEST(RegionTimingFields, WidthMustBeAWholeBusWidth) {
  const Error error = rejected(with("access = \"rx\"\n", "access = \"rx\"\nwidth_bytes = 12\n"));
  EXPECT_STARTS_WITH(error.what(), "p.toml:12:15: width_bytes = 12 in [[memory]] 'flash'");
}

TEST(TargetBundledChips, EveryChipTargetStatesItsWaitStatesAtItsClock) {
  // Each figure: the part's reference manual table at the file's clock.
  const struct {
    const char* name;
    std::uint32_t flash_wait_states;
  } kChips[] = {{"touch-m0", 1},    {"stm32f072rb", 1}, {"stm32g0b1re", 2}, {"stm32f405rg", 5},
                {"stm32f411re", 3}, {"stm32l4r5zi", 5}, {"nrf52840", 2},    {"rp2040", 0}};
  for (const auto& chip : kChips) {
    const Target target = load_target(chip.name);
    const MemoryRegion* flash = target.first_of(RegionKind::Flash);
    ASSERT_NE(flash, nullptr) << chip.name;
    EXPECT_EQ(flash->wait_states, chip.flash_wait_states) << chip.name;
    EXPECT_TRUE(flash->accelerator.has_value()) << chip.name;
    EXPECT_TRUE(target.warnings.empty()) << chip.name;
    EXPECT_FALSE(target.source.empty()) << chip.name;
    for (const MemoryRegion& region : target.regions) EXPECT_FALSE(region.source.empty());
  }
}

}  // namespace
}  // namespace mcusim
