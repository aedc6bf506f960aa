// The fast path (ARMv6-M: block hook only, peripheral accesses placed by the
// access resolver) and the precise path (an instruction hook everywhere) must
// give the same numbers on every guest: timing must never depend on how it is
// observed. Differential test over every M0/M0+ guest the tests build.
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace mcusim {
namespace {

RunResult run_quietly(const Target& target, const ElfImage& elf, bool precise) {
  RunOptions options;
  options.console = nullptr;
  options.precise = precise;
  options.max_cycles = 50'000'000;
  return simulate(target, elf, options);
}

void expect_same(const RunResult& fast, const RunResult& precise, const std::string& name) {
  EXPECT_EQ(fast.cycles, precise.cycles) << name;
  EXPECT_EQ(fast.instructions, precise.instructions) << name;
  EXPECT_EQ(fast.exit_status, precise.exit_status) << name;
  EXPECT_EQ(fast.console_bytes, precise.console_bytes) << name;
  ASSERT_EQ(fast.fault.has_value(), precise.fault.has_value()) << name;
  if (fast.fault) {
    EXPECT_EQ(fast.fault->kind, precise.fault->kind) << name;
    EXPECT_EQ(fast.fault->pc, precise.fault->pc) << name;
  }
  ASSERT_EQ(fast.markers.size(), precise.markers.size()) << name;
  for (std::size_t i = 0; i < fast.markers.size(); ++i) {
    EXPECT_EQ(fast.markers[i].cycle, precise.markers[i].cycle) << name << " marker " << i;
    EXPECT_EQ(fast.markers[i].pc, precise.markers[i].pc) << name << " marker " << i;
  }
}

TEST(FastAndPreciseModes, GiveIdenticalResultsOnEveryArmv6mGuest) {
  const Target m0 = load_target("generic-m0");
  const Target m0plus = load_target("generic-m0plus");
  // Guests linked for the chip maps (tests/guests/memory.cmake) run on a chip
  // target, memory model on: flash wait states with the prefetch buffer, the
  // XIP cache.
  const Target touch = load_target("touch-m0");
  // RAM enlarged to the 192 KiB those benchmark builds link for (no wait
  // states in RAM: the timing is the part's).
  Target stm32 = load_target("stm32g0b1re");
  for (MemoryRegion& region : stm32.regions) {
    if (region.kind == RegionKind::Ram) region.size = std::max<std::uint32_t>(region.size, 192 * 1024);
  }
  const Target rp2040 = load_target("rp2040");
  int compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::guest_elf("x").parent_path())) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".elf") continue;
    const bool for_m4 = file.find("m4") != std::string::npos || file.find("ldrd") != std::string::npos;
    if (for_m4 || file.rfind("elf_", 0) == 0) continue;
    // Same code as bench_<name>_m0.elf at another link address: nothing new.
    if (file.find("_flash_0000") != std::string::npos) continue;
    const ElfImage elf = load_elf(entry.path());
    const Target* target = file.find("m0plus") != std::string::npos ? &m0plus : &m0;
    if (file.starts_with("memory_")) target = &touch;
    if (file.find("_flash_0800") != std::string::npos) target = &stm32;
    if (file.find("_flash_1000") != std::string::npos) target = &rp2040;
    const RunResult fast = run_quietly(*target, elf, false);
    const RunResult precise = run_quietly(*target, elf, true);
    EXPECT_FALSE(fast.precise && !precise.precise) << file;
    EXPECT_EQ(fast.fetch_stall_cycles, precise.fetch_stall_cycles) << file;
    EXPECT_EQ(fast.data_stall_cycles, precise.data_stall_cycles) << file;
    expect_same(fast, precise, file);
    ++compared;
  }
  EXPECT_GE(compared, 15);  // timing, fault, demo and benchmark guests
}

}  // namespace
}  // namespace mcusim
