// tests/sim/target/target_loader_test.cpp — parse_target(): a valid file reads
// as written, and every mistake in a file is a BadInput error at
// file:line:column with advice.
#include <gtest/gtest.h>

#include <string>

#include "sim/error.hpp"
#include "sim/target/target.hpp"

namespace mcusim {
namespace {

// A valid target; the tests below change one line each. Line numbers matter:
// they appear in the expected messages.
constexpr std::string_view kValid = R"(name = "test-board"
core = "cortex-m0"
clock_hz = 48_000_000

[[memory]]
name = "flash"
kind = "flash"
base = 0x0800_0000
size = 0x0001_0000
access = "rx"
wait_states = 1

[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x2000
access = "rwx"
)";

std::string with(std::string_view from, std::string_view to,
                 std::string text = std::string(kValid)) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test text has no '" << from << "'";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Parses text that must be rejected and returns the error.
Error rejected(const std::string& text) {
  try {
    parse_target(text, "boards/t.toml");
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

TEST(TargetLoader, ParsesAValidFile) {
  const Target target = parse_target(kValid, "boards/t.toml");
  EXPECT_EQ(target.name, "test-board");
  EXPECT_EQ(target.file, "boards/t.toml");
  EXPECT_EQ(target.core, CoreModel::CortexM0);
  EXPECT_EQ(target.clock_hz, 48'000'000u);
  EXPECT_EQ(target.multiplier, Multiplier::Fast);
  ASSERT_EQ(target.regions.size(), 2u);
  const MemoryRegion& flash = target.regions[0];
  EXPECT_EQ(flash.name, "flash");
  EXPECT_EQ(flash.kind, RegionKind::Flash);
  EXPECT_EQ(flash.base, 0x0800'0000u);
  EXPECT_EQ(flash.size, 0x1'0000u);
  EXPECT_TRUE(flash.access.read && !flash.access.write && flash.access.execute);
  EXPECT_EQ(flash.wait_states, 1u);
  const MemoryRegion& sram = target.regions[1];
  EXPECT_EQ(sram.kind, RegionKind::Ram);
  EXPECT_TRUE(sram.access.read && sram.access.write && sram.access.execute);
  EXPECT_EQ(sram.wait_states, 0u);
}

TEST(TargetLoader, SortsRegionsByBase) {
  const Target target = parse_target(with("0x2000_0000", "0x0000_1000"), "t.toml");
  ASSERT_EQ(target.regions.size(), 2u);
  EXPECT_EQ(target.regions[0].name, "sram");
  EXPECT_EQ(target.regions[1].name, "flash");
}

TEST(TargetLoader, ReadsSmallMultiplierAndOptionalFields) {
  const Target target = parse_target(
      with("clock_hz = 48_000_000",
           "clock_hz = 48_000_000\nmultiplier = \"small\"\ndescription = \"d\"\nsource = \"s\""),
      "t.toml");
  EXPECT_EQ(target.multiplier, Multiplier::Small);
  EXPECT_EQ(target.description, "d");
  EXPECT_EQ(target.source, "s");
}

TEST(TargetLoader, RejectsTomlSyntaxErrorsAtTheirPosition) {
  const Error error = rejected(with("clock_hz = 48_000_000", "clock_hz = = 4"));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:3:");
  EXPECT_HAS(error.what(), "TOML syntax error");
}

TEST(TargetLoader, RejectsUnknownRegionKeySuggestingTheClosest) {
  const Error error = rejected(with("wait_states = 1", "wait_state = 1"));
  EXPECT_STREQ(error.what(),
               "boards/t.toml:11:1: unknown key 'wait_state' in [[memory]] 'flash'; did you "
               "mean 'wait_states'?");
  EXPECT_HAS(error.advice(), "wait_states = 0");
}

TEST(TargetLoader, RejectsUnknownTopLevelKey) {
  const Error error = rejected(with("clock_hz = 48_000_000", "clock_hz = 1\nclock_mhz = 48"));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:4:1: unknown key 'clock_mhz' at the top level");
  EXPECT_HAS(error.what(), "did you mean 'clock_hz'?");
  const Error far = rejected(with("clock_hz = 48_000_000", "clock_hz = 1\nvoltage = 3.3"));
  EXPECT_STARTS_WITH(far.what(), "boards/t.toml:4:1: unknown key 'voltage'");
  EXPECT_HAS(far.advice(), "name, description, core, clock_hz");
}

TEST(TargetLoader, RejectsMissingTopLevelKeyAtTheTable) {
  const Error error = rejected(with("clock_hz = 48_000_000\n", ""));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:1:1: missing required key 'clock_hz'");
  EXPECT_HAS(error.advice(), "clock_hz = 48_000_000");
  EXPECT_STARTS_WITH(rejected(with("name = \"test-board\"\n", "")).what(),
                     "boards/t.toml:1:1: missing required key 'name'");
  EXPECT_HAS(rejected(with("core = \"cortex-m0\"\n", "")).what(), "missing required key 'core'");
}

TEST(TargetLoader, RejectsMissingRegionKeyAtItsSection) {
  for (const char* line : {"size = 0x0001_0000\n", "base = 0x0800_0000\n", "kind = \"flash\"\n",
                           "access = \"rx\"\n"}) {
    const Error error = rejected(with(line, ""));
    EXPECT_STARTS_WITH(error.what(), "boards/t.toml:5:1: missing required key '");
    EXPECT_HAS(error.what(), "in [[memory]] 'flash'");
  }
  const Error unnamed = rejected(with("name = \"sram\"\n", ""));
  EXPECT_STREQ(unnamed.what(), "boards/t.toml:13:1: missing required key 'name' in [[memory]] #2");
}

TEST(TargetLoader, RequiresMemoryWithFlashAndRam) {
  const std::string no_memory = "name = \"x\"\ncore = \"cortex-m0\"\nclock_hz = 1\n";
  EXPECT_STARTS_WITH(rejected(no_memory).what(),
                     "boards/t.toml:1:1: missing required key 'memory'");
  const Error no_flash = rejected(with("kind = \"flash\"", "kind = \"ram\""));
  EXPECT_STARTS_WITH(no_flash.what(), "boards/t.toml:5:");
  EXPECT_HAS(no_flash.what(), "no flash region");
  const Error no_ram = rejected(with("kind = \"ram\"", "kind = \"flash\""));
  EXPECT_HAS(no_ram.what(), "no RAM region");
  const Error not_array = rejected(no_memory + "[memory]\nname = \"flash\"\n");
  EXPECT_STARTS_WITH(not_array.what(), "boards/t.toml:4:");
  EXPECT_HAS(not_array.what(), "memory must be an array of tables");
  EXPECT_HAS(not_array.advice(), "[[memory]]");
}

TEST(TargetLoader, RejectsWrongTypes) {
  const Error clock = rejected(with("clock_hz = 48_000_000", "clock_hz = \"48MHz\""));
  EXPECT_STREQ(clock.what(),
               "boards/t.toml:3:12: clock_hz must be an integer, not a string (\"48MHz\")");
  EXPECT_HAS(clock.advice(), "clock_hz = 48_000_000");
  const Error base = rejected(with("base = 0x0800_0000", "base = 8.0"));
  EXPECT_STARTS_WITH(base.what(),
                     "boards/t.toml:8:8: base in [[memory]] 'flash' must be an integer, not a "
                     "floating-point number");
  const Error core = rejected(with("core = \"cortex-m0\"", "core = 0"));
  EXPECT_STARTS_WITH(core.what(), "boards/t.toml:2:8: core must be a string, not an integer");
}

TEST(TargetLoader, RejectsUnknownCoreListingTheKnownOnes) {
  const Error error = rejected(with("\"cortex-m0\"", "\"cortex-m3\""));
  EXPECT_STREQ(error.what(), "boards/t.toml:2:8: unknown core \"cortex-m3\"");
  EXPECT_HAS(error.advice(), "cortex-m0, cortex-m0plus, cortex-m4, cortex-m4f");
}

TEST(TargetLoader, RejectsMultiplierOnCortexM4) {
  const Error error =
      rejected(with("core = \"cortex-m0\"", "core = \"cortex-m4\"\nmultiplier = \"fast\""));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:3:14: multiplier = \"fast\"");
  EXPECT_HAS(error.what(), "cortex-m4");
  EXPECT_HAS(error.advice(), "remove the multiplier line");
  const Error unknown =
      rejected(with("clock_hz = 48_000_000", "clock_hz = 1\nmultiplier = \"slow\""));
  EXPECT_STARTS_WITH(unknown.what(), "boards/t.toml:4:14: unknown multiplier \"slow\"");
}

TEST(TargetLoader, RejectsZeroOrAbsurdClock) {
  const Error zero = rejected(with("48_000_000", "0"));
  EXPECT_STREQ(zero.what(), "boards/t.toml:3:12: clock_hz = 0 is out of range");
  const Error absurd = rejected(with("48_000_000", "2_000_000_000"));
  EXPECT_STREQ(absurd.what(), "boards/t.toml:3:12: clock_hz = 2000000000 is out of range");
  EXPECT_HAS(absurd.advice(), "1 GHz");
  EXPECT_HAS(rejected(with("48_000_000", "-5")).what(), "clock_hz = -5 is out of range");
}

TEST(TargetLoader, RejectsZeroSize) {
  const Error error = rejected(with("size = 0x2000", "size = 0"));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:17:8: size = 0 in [[memory]] 'sram'");
}

TEST(TargetLoader, RejectsRegionsPastFourGiB) {
  const Error error =
      rejected(with("base = 0x2000_0000\nsize = 0x2000", "base = 0xffff_0000\nsize = 0x2_0000"));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:17:8: [[memory]] 'sram' ends at 0x1_0000_ffff");
  EXPECT_HAS(error.what(), "beyond the 4 GiB address space");
  const Error base = rejected(with("base = 0x2000_0000", "base = 0x1_0000_0000"));
  EXPECT_STARTS_WITH(base.what(), "boards/t.toml:16:8: base = 4294967296");
  EXPECT_HAS(base.what(), "not a 32-bit address");
}

TEST(TargetLoader, RejectsRegionsInTheSystemRegion) {
  const Error at = rejected(with("base = 0x2000_0000", "base = 0xe000_0000"));
  EXPECT_STARTS_WITH(at.what(), "boards/t.toml:16:8: [[memory]] 'sram' (0xe000_0000..0xe000_1fff)");
  EXPECT_HAS(at.what(), "system region");
  EXPECT_HAS(at.advice(), "PPB");
  const Error into = rejected(with("base = 0x2000_0000", "base = 0xdfff_f000"));
  EXPECT_STARTS_WITH(into.what(),
                     "boards/t.toml:17:8: [[memory]] 'sram' (0xdfff_f000..0xe000_0fff)");
}

TEST(TargetLoader, RejectsOverlapNamingBothRanges) {
  const Error error = rejected(with("base = 0x2000_0000", "base = 0x0800_8000"));
  EXPECT_STREQ(error.what(),
               "boards/t.toml:16:8: [[memory]] 'sram' (0x0800_8000..0x0800_9fff) overlaps "
               "[[memory]] 'flash' (0x0800_0000..0x0800_ffff)");
  // Touching is fine.
  EXPECT_NO_THROW(parse_target(with("base = 0x2000_0000", "base = 0x0801_0000"), "t.toml"));
}

TEST(TargetLoader, RejectsDuplicateRegionNames) {
  const Error error = rejected(with("name = \"sram\"", "name = \"flash\""));
  EXPECT_STREQ(error.what(),
               "boards/t.toml:14:8: duplicate region name 'flash' (first defined at "
               "boards/t.toml:6:8)");
}

TEST(TargetLoader, RejectsInvalidAccess) {
  const Error error = rejected(with("access = \"rwx\"", "access = \"wx\""));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:18:10: access = \"wx\" in [[memory]] 'sram'");
  EXPECT_HAS(error.advice(), "r, rw, rx, rwx");
  EXPECT_NO_THROW(parse_target(with("access = \"rwx\"", "access = \"rw\""), "t.toml"));
  EXPECT_NO_THROW(parse_target(with("access = \"rwx\"", "access = \"r\""), "t.toml"));
}

TEST(TargetLoader, RejectsTooManyWaitStates) {
  const Error error = rejected(with("wait_states = 1", "wait_states = 16"));
  EXPECT_STREQ(error.what(),
               "boards/t.toml:11:15: wait_states = 16 in [[memory]] 'flash' is out of range");
  EXPECT_NO_THROW(parse_target(with("wait_states = 1", "wait_states = 15"), "t.toml"));
}

TEST(TargetLoader, RejectsEmptyNames) {
  EXPECT_STREQ(rejected(with("\"test-board\"", "\"\"")).what(), "boards/t.toml:1:8: name is empty");
  EXPECT_STREQ(rejected(with("\"sram\"", "\"\"")).what(),
               "boards/t.toml:14:8: name in [[memory]] #2 is empty");
}

TEST(TargetLoader, RejectsUnknownRegionKind) {
  const Error error = rejected(with("kind = \"ram\"", "kind = \"eeprom\""));
  EXPECT_STARTS_WITH(error.what(), "boards/t.toml:15:8: unknown kind \"eeprom\"");
}

}  // namespace
}  // namespace mcusim
