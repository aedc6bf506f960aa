// Properties of the memory model over the workloads/bench programs (Cortex-M0
// builds at flash 0x0000_0000): more wait states never make a program
// faster, and the prefetch buffer never makes one slower. Where a real cache
// can slow a program (pollution), that is documented in docs/timing.md
// rather than bent into the model; the prefetch buffer has no such case.
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mcusim {
namespace {

Target m0_with(std::uint32_t wait_states, bool prefetch) {
  return parse_target(fmt::format(R"(name = "property"
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
size = 0x4_0000
access = "rwx"
)",
                                  wait_states, prefetch),
                      "property.toml");
}

std::uint64_t cycles(const Target& target, const ElfImage& elf) {
  RunOptions options;
  options.console = nullptr;
  const RunResult run = simulate(target, elf, options);
  EXPECT_EQ(run.exit_status, 0) << target.name;
  return run.cycles;
}

TEST(MemoryProperties, MoreWaitStatesNeverFasterAndPrefetchNeverSlower) {
  const char* kBenchmarks[] = {"memcpy", "crc32", "dot_s8", "sort", "state_machine", "divide"};
  for (const char* name : kBenchmarks) {
    SCOPED_TRACE(name);
    const ElfImage elf = load_elf(test::guest_elf(fmt::format("bench_{}_m0_flash_0000", name)));
    std::uint64_t previous_off = 0, previous_on = 0;
    for (std::uint32_t w = 0; w <= 2; ++w) {
      const std::uint64_t off = cycles(m0_with(w, false), elf);
      const std::uint64_t on = cycles(m0_with(w, true), elf);
      EXPECT_LE(on, off) << "W = " << w;
      EXPECT_GE(off, previous_off) << "W = " << w;
      EXPECT_GE(on, previous_on) << "W = " << w;
      if (w > 0) {
        EXPECT_GT(off, previous_off) << "a wait state must cost something";
      }
      previous_off = off;
      previous_on = on;
    }
  }
}

}  // namespace
}  // namespace mcusim
