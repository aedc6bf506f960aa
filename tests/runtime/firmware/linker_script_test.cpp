// tests/runtime/firmware/linker_script_test.cpp — the linker script generated
// from a target's memory map: regions, the stack at the top of RAM, the
// measuring variant, refusals. Addresses derived by hand from the target
// files (generic-m0: flash 1 MiB at 0, SRAM 256 KiB at 0x2000_0000).
#include <gtest/gtest.h>

#include "runtime/firmware/linker_script.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tests/runtime/firmware/firmware_test_support.hpp"

namespace mcusim::firmware {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FirmwareLinkerScript, GenericM0MapsFlashAndRamAndPutsTheStackOnTop) {
  LinkerScriptOptions options;
  options.arena_bytes = 0x800;
  options.stack_bytes = 4096;
  const std::string script = generate_linker_script(load_target("generic-m0"), options);
  EXPECT_TRUE(contains(script, "FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 0x100000")) << script;
  EXPECT_TRUE(contains(script, "RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 0x40000")) << script;
  EXPECT_TRUE(contains(script, "__arena_size = 0x800;")) << script;
  // 0x2004_0000 (end of SRAM) - 0x1000 (stack) = 0x2003_f000.
  EXPECT_TRUE(contains(script, ".stack 0x2003f000 (NOLOAD)")) << script;
  EXPECT_TRUE(contains(script, ".vectors ORIGIN(FLASH)")) << script;
  EXPECT_TRUE(contains(script, "} > RAM AT > FLASH")) << script;
  for (const char* symbol : {"__StackLimit = .", "__stack_top = .", "__arena_start = .", "__arena_end = .",
                             "__data_load = LOADADDR(.data)", "__bss_start = .", "__blobs_start = ."}) {
    EXPECT_TRUE(contains(script, symbol)) << symbol;
  }
}

TEST(FirmwareLinkerScript, OddTargetRoundsTheStackTopDownToEightBytes) {
  LinkerScriptOptions options;
  options.stack_bytes = 1000;
  const std::string script = generate_linker_script(test::odd_target(0x10000, 0x1FFFA004), options);
  EXPECT_TRUE(contains(script, "ORIGIN = 0x08000000, LENGTH = 0x10000")) << script;
  EXPECT_TRUE(contains(script, "ORIGIN = 0x1fffa004, LENGTH = 0x6000")) << script;
  // RAM ends at 0x2000_0004; AAPCS wants an 8-byte aligned SP: top 0x2000_0000,
  // minus 1000 (0x3e8, already a multiple of 8) = 0x1fff_fc18.
  EXPECT_TRUE(contains(script, ".stack 0x1ffffc18 (NOLOAD)")) << script;
  // A stack size that is not a multiple of 8 rounds up: 1001 -> 1008 (0x3f0).
  options.stack_bytes = 1001;
  EXPECT_TRUE(contains(generate_linker_script(test::odd_target(0x10000, 0x1FFFA004), options), "__stack_size = 0x3f0;"));
}

TEST(FirmwareLinkerScript, MeasuringScriptLiftsTheLimits) {
  LinkerScriptOptions options;
  options.enforce_limits = false;
  const std::string script = generate_linker_script(test::odd_target(0x10000, 0x1FFFA004), options);
  // 4 GiB - 0x0800_0000 and 4 GiB - 0x1fff_a004.
  EXPECT_TRUE(contains(script, "ORIGIN = 0x08000000, LENGTH = 0xf8000000")) << script;
  EXPECT_TRUE(contains(script, "ORIGIN = 0x1fffa004, LENGTH = 0xe0005ffc")) << script;
  EXPECT_FALSE(contains(script, "ASSERT")) << script;
}

TEST(FirmwareLinkerScript, RefusesWhatCannotWork) {
  Target no_ram = load_target("generic-m0");
  no_ram.regions.pop_back();
  try {
    generate_linker_script(no_ram, {});
    FAIL() << "no RAM region accepted";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    EXPECT_TRUE(contains(error.what(), "has no RAM region")) << error.what();
  }
  LinkerScriptOptions bad_alignment;
  bad_alignment.arena_alignment = 12;
  EXPECT_THROW(generate_linker_script(load_target("generic-m0"), bad_alignment), Error);
  LinkerScriptOptions huge_stack;
  huge_stack.stack_bytes = 0x6000;  // the odd target's whole RAM, but its top is 4 bytes short
  EXPECT_THROW(generate_linker_script(test::odd_target(0x10000, 0x1FFFA004), huge_stack), Error);
}

}  // namespace
}  // namespace mcusim::firmware
