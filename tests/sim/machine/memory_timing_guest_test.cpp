// Flash wait states, the prefetch buffer and the M4 System bus, end to end:
// tests/guests/memory/memory_v6m.S and memory_m4.S measured with CYCCNT.
// Every expected count is derived by hand below from the core's TRM timing
// (ARM DDI 0432C §3.3 / DDI 0439B §3.3) plus the memory rules of
// docs/timing.md "Memory system":
//   fetch unit = one 32-bit flash word (RM0091 §3.2.1)
//   no prefetch: every word the core fetches waits W
//   prefetch on: a sequential word waits max(0, W + 1 - 2), a word after a
//     flow change waits W
//   data read of flash: W
// A CYCCNT read returns the cycles before it: the opening LDR's 2 core
// cycles, the sequence, and the waits of the words first needed by the
// instructions from the one after the opening LDR up to the closing LDR.
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/timing_guest.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mcusim {
namespace {

// touch-m0 with the wait states and the prefetch buffer set explicitly.
std::filesystem::path touch_variant(std::uint32_t wait_states, bool prefetch) {
  const auto dir = std::filesystem::temp_directory_path() / "mcusim_memory_timing_test";
  std::filesystem::create_directories(dir);
  const auto file = dir / fmt::format("touch_ws{}_{}.toml", wait_states, prefetch ? "pf" : "nopf");
  std::ofstream(file) << fmt::format(R"(name = "touch-variant"
core = "cortex-m0"
clock_hz = 48_000_000
[[memory]]
name = "flash"
kind = "flash"
base = 0
size = 0x4_0000
access = "rx"
wait_states = {}
[memory.accelerator]
model = "prefetch-buffer"
prefetch = {}
[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x4000
access = "rwx"
)",
                                     wait_states, prefetch);
  return file;
}

struct Expected {
  std::uint32_t wait_states;
  bool prefetch;
  std::uint32_t nop8, flash_literals, loop4;
};

// nop8: core 2 + 8 NOPs = 10. The window needs the 4 words of NOPs and the
//   closing LDR's word: 5 words, all sequential.
//   no prefetch: 10 + 5W;  prefetch: 10 + 5 max(0, W - 1).
// flash_literals: core 2 + 4 LDR x 2 = 10; 3 words (8 bytes of LDRs + the
//   closing LDR's word), 4 data reads of the literal pool in flash.
//   no prefetch: 10 + 3W + 4W;  prefetch: 10 + 3 max(0, W - 1) + 4W.
// loop4: core 2 + 4 SUBS + 3 taken BNE x 3 + 1 not taken = 16. Words: the
//   loop's word once sequentially (entered from the set-up), 3 times after
//   the taken BNE, then the closing LDR's word sequentially.
//   no prefetch: 16 + 5W;  prefetch: 16 + 3W + 2 max(0, W - 1).
constexpr Expected kExpected[] = {
    {0, false, 10, 10, 16}, {0, true, 10, 10, 16},
    {1, false, 15, 17, 21}, {1, true, 10, 14, 19},
    {2, false, 20, 24, 26}, {2, true, 15, 21, 24},
};

TEST(MemoryTimingGuest, FlashWaitStatesAndPrefetchFollowTheHandDerivedCounts) {
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(fmt::format("W = {}, prefetch {}", e.wait_states, e.prefetch ? "on" : "off"));
    const test::TimingGuestRun run(touch_variant(e.wait_states, e.prefetch).string(), "memory_m0");
    ASSERT_EQ(run.result().exit_code, 0) << run.result().err;
    EXPECT_EQ(run.cycles("nop8"), e.nop8);
    EXPECT_EQ(run.cycles("flash_literals"), e.flash_literals);
    EXPECT_EQ(run.cycles("loop4"), e.loop4);
  }
}

TEST(MemoryTimingGuest, TouchM0FollowsItsTableToOneWaitStateWithThePrefetchOn) {
  // 48 MHz > 24 MHz: 1 WS (RM0091 §3.5.1); PRFTBE on: the W = 1, prefetch row.
  const test::TimingGuestRun run("touch-m0", "memory_m0");
  ASSERT_EQ(run.result().exit_code, 0) << run.result().err;
  EXPECT_EQ(run.cycles("nop8"), 10u);
  EXPECT_EQ(run.cycles("flash_literals"), 14u);
  EXPECT_EQ(run.cycles("loop4"), 19u);
}

TEST(MemoryTimingGuest, CortexM4CodeRunFromSramPaysTheSystemBus) {
  // loop4 on the M4 (DDI 0439B §3.3): LDR 2 + 4 SUBS + 3 taken BNE x (1 + P=1)
  // + 1 not taken = 13, from flash at 0 WS over I-code.
  // From SRAM (System bus): + 1 for each of the 3 refills after a taken BNE,
  // + 1 for the opening LDR, a load executed from SRAM code: 17.
  const test::TimingGuestRun run("generic-m4", "memory_m4");
  ASSERT_EQ(run.result().exit_code, 0) << run.result().err;
  EXPECT_EQ(run.cycles("loop4_flash"), 13u);
  EXPECT_EQ(run.cycles("loop4_sram"), 17u);
}

TEST(MemoryTimingGuest, StallsAreReportedApartInTheRunResult) {
  const Target target = load_target("touch-m0");
  const ElfImage elf = load_elf(test::guest_elf("memory_m0"));
  RunOptions options;
  options.console = nullptr;
  const RunResult run = simulate(target, elf, options);
  ASSERT_EQ(run.exit_status, 0);
  EXPECT_GT(run.fetch_stall_cycles, 0u);
  EXPECT_GT(run.data_stall_cycles, 0u);
  EXPECT_LT(run.fetch_stall_cycles + run.data_stall_cycles, run.cycles);
}

}  // namespace
}  // namespace mcusim
