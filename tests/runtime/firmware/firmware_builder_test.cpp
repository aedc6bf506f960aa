// tests/runtime/firmware/firmware_builder_test.cpp — images built at run time
// with clang-14 / ld.lld-14 start, copy .data, zero .bss, see their blob and
// exit 0 in mcusim on generic-m0, generic-m4 and a part with odd bases; the
// size breakdown adds up to the ELF's segments; too-large images, compiler
// errors and bad blobs are refused with exit 2; builds are deterministic.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "runtime/firmware/firmware_builder.hpp"
#include "runtime/firmware/runtime_dir.hpp"
#include "sim/error.hpp"
#include "tests/runtime/firmware/firmware_test_support.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::firmware {
namespace {

namespace fs = std::filesystem;
using test::FirmwareTempDir;

constexpr std::uint32_t kBlobBytes = 1001;  // not a multiple of 4: the end pads
constexpr std::uint32_t kBlobAlign = 64;
constexpr std::uint32_t kArenaBytes = 3072;

FirmwareSpec startup_check_spec() {
  FirmwareSpec spec;
  spec.name = "startup_check";
  spec.sources = {test::source_path("tests/runtime/firmware/guests/startup_check.c")};
  spec.defines = {fmt::format("BLOB_BYTES={}u", kBlobBytes), fmt::format("BLOB_ALIGN={}u", kBlobAlign),
                  fmt::format("ARENA_BYTES={}u", kArenaBytes)};
  Blob blob{"test_blob", {}, kBlobAlign};
  for (std::uint32_t i = 0; i < kBlobBytes; ++i) blob.bytes.push_back(static_cast<std::uint8_t>(i * 7 + 1));
  spec.blobs = {blob};
  spec.arena_bytes = kArenaBytes;
  spec.stack_bytes = 2048;
  return spec;
}

Target target_named(const std::string& name) { return name == "odd-m0" ? test::odd_target() : load_target(name); }

class FirmwareOnTarget : public ::testing::TestWithParam<const char*> {};

TEST_P(FirmwareOnTarget, StartsCopiesDataZeroesBssReadsItsBlobAndExitsZero) {
  const Target target = target_named(GetParam());
  FirmwareTempDir dir(std::string("startup_") + GetParam());
  const FirmwareImage image = FirmwareBuilder(dir.path()).build(target, startup_check_spec());
  const test::GuestRun run = test::run_firmware(target, image.elf);
  ASSERT_FALSE(run.result.fault.has_value()) << run.result.fault->kind << ": " << run.result.fault->detail;
  EXPECT_EQ(run.result.exit_status, 0) << "the check with this number failed (startup_check.c)";
  EXPECT_NE(image.toolchain.find("clang version 14"), std::string::npos) << image.toolchain;
}

// The breakdown's parts, summed, are exactly what the ELF's segments occupy:
// flash = every byte loaded into flash (.data's initial image included); in
// RAM the segments (at their load addresses: .data's is in flash) run from
// .bss up to the top of the stack, free RAM between arena and stack included.
TEST_P(FirmwareOnTarget, SizeBreakdownAddsUpToTheSegments) {
  const Target target = target_named(GetParam());
  FirmwareTempDir dir(std::string("sizes_") + GetParam());
  const FirmwareImage image = FirmwareBuilder(dir.path()).build(target, startup_check_spec());
  const ElfImage elf = load_elf(image.elf);
  const MemoryRegion& flash = *target.first_of(RegionKind::Flash);
  const MemoryRegion& ram = *target.first_of(RegionKind::Ram);
  std::uint64_t flash_end = flash.base, ram_low = ram.end(), ram_high = ram.base;
  for (const Segment& segment : elf.segments) {
    if (flash.contains(segment.address)) {
      flash_end = std::max<std::uint64_t>(flash_end, segment.address + segment.file_size);
    }
    if (ram.contains(segment.address)) {
      ram_low = std::min<std::uint64_t>(ram_low, segment.address);
      ram_high = std::max<std::uint64_t>(ram_high, segment.address + segment.memory_size);
    }
  }
  const SizeBreakdown& sizes = image.sizes;
  EXPECT_EQ(sizes.flash_bytes(), flash_end - flash.base);
  EXPECT_EQ(ram_low, ram.base + sizes.data);
  EXPECT_EQ(ram_high - ram_low, std::uint64_t{sizes.bss} + sizes.arena + sizes.ram_free + sizes.stack);
  EXPECT_EQ(ram_high, ram.end());  // the stack's top is the top of RAM
  EXPECT_EQ(sizes.arena, kArenaBytes);
  EXPECT_EQ(sizes.stack, 2048u);
  EXPECT_EQ(sizes.data, 16u);  // initialised[4]
  EXPECT_GE(sizes.bss, 256u);  // zeroed[64]
  // The blob starts at the next 64-byte boundary after .rodata and ends
  // padded to 4: 1001 -> 1004 bytes.
  const std::uint32_t rodata_end = *elf.find_symbol("__rodata_end");
  const std::uint32_t blob = *elf.find_symbol("test_blob");
  EXPECT_EQ(blob % kBlobAlign, 0u);
  EXPECT_EQ(sizes.blobs, (blob - rodata_end) + 1004u);
  EXPECT_EQ(sizes.ram_free + sizes.ram_bytes(), ram.end() / 8 * 8 - ram.base);
}

// A blob copied to RAM (Blob::in_ram, `mcusim run --weights-in ram`): the
// guest reads the same bytes (startup_check.c checks every one) at a RAM
// address; the breakdown counts it once in flash (its image) and once in RAM.
TEST_P(FirmwareOnTarget, BlobCopiedToRamAtStartUp) {
  const Target target = target_named(GetParam());
  FirmwareTempDir dir(std::string("ram_blob_") + GetParam());
  FirmwareSpec spec = startup_check_spec();
  spec.blobs.front().in_ram = true;
  const FirmwareImage image = FirmwareBuilder(dir.path()).build(target, spec);
  const test::GuestRun run = test::run_firmware(target, image.elf);
  ASSERT_FALSE(run.result.fault.has_value()) << run.result.fault->kind << ": " << run.result.fault->detail;
  EXPECT_EQ(run.result.exit_status, 0) << "the check with this number failed (startup_check.c)";
  const ElfImage elf = load_elf(image.elf);
  const MemoryRegion& ram = *target.first_of(RegionKind::Ram);
  const std::uint32_t blob = *elf.find_symbol("test_blob");
  EXPECT_TRUE(ram.contains(blob)) << std::hex << blob;
  EXPECT_EQ(blob % kBlobAlign, 0u);
  // RAM starts with the blob (RAM's base is 64-aligned on these targets),
  // padded to 4: 1001 -> 1004 bytes; then initialised[4].
  EXPECT_EQ(blob, ram.base);
  EXPECT_EQ(image.sizes.ram_blobs, 1004u);
  EXPECT_EQ(image.sizes.data, 16u);
  const FirmwareImage in_flash = FirmwareBuilder(dir.path() / "flash").build(target, startup_check_spec());
  // RAM grows by the blob, plus at most the padding of .bss to the arena's
  // 16-byte alignment (the linker script's `. = ALIGN(16)` after .bss).
  EXPECT_GE(image.sizes.ram_bytes(), in_flash.sizes.ram_bytes() + 1004u);
  EXPECT_LT(image.sizes.ram_bytes(), in_flash.sizes.ram_bytes() + 1004u + 16u);
  EXPECT_EQ(in_flash.sizes.ram_blobs, 0u);
}

INSTANTIATE_TEST_SUITE_P(Targets, FirmwareOnTarget, ::testing::Values("generic-m0", "generic-m4", "odd-m0"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The numbers in "a + b + c + d = total ... holds N bytes: over by M bytes".
std::vector<std::uint64_t> numbers_after(const std::string& text, const std::string& label) {
  const std::size_t at = text.find(label);
  std::vector<std::uint64_t> numbers;
  if (at == std::string::npos) return numbers;
  const std::string line = text.substr(at, text.find('\n', at) - at);
  static const std::regex number("[0-9][0-9,]*");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), number); it != std::sregex_iterator(); ++it) {
    std::string digits = it->str();
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    numbers.push_back(std::stoull(digits));
  }
  return numbers;
}

TEST(FirmwareBuilder, TooLargeForFlashFailsWithTheBytesAndTheOverflow) {
  const Target small = test::odd_target(0x1000);  // 4 KiB of flash
  FirmwareTempDir dir("too_large_flash");
  FirmwareSpec spec = startup_check_spec();
  spec.blobs.front().bytes.assign(8192, 0);  // the blob alone is twice the flash
  try {
    FirmwareBuilder(dir.path()).build(small, spec);
    FAIL() << "an 8 KiB blob fitted 4 KiB of flash";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    const std::string message = error.what();
    // code + rodata + blobs + data = total, holds 4096, over by total - 4096.
    const auto n = numbers_after(message, "flash:");
    ASSERT_EQ(n.size(), 7u) << message;
    EXPECT_EQ(n[0] + n[1] + n[2] + n[3], n[4]) << message;
    EXPECT_GE(n[2], 8192u) << message;
    EXPECT_EQ(n[5], 4096u) << message;
    EXPECT_EQ(n[6], n[4] - 4096) << message;
    EXPECT_EQ(message.find("RAM:"), std::string::npos) << "RAM fits: " << message;
  }
}

TEST(FirmwareBuilder, TooLargeForRamFailsWithTheBytesAndTheOverflow) {
  FirmwareTempDir dir("too_large_ram");
  FirmwareSpec spec = startup_check_spec();
  spec.arena_bytes = 30 * 1024;  // the odd target has 24 KiB of RAM
  try {
    FirmwareBuilder(dir.path()).build(test::odd_target(), spec);
    FAIL() << "a 30 KiB arena fitted 24 KiB of RAM";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    const std::string message = error.what();
    const auto n = numbers_after(message, "RAM:");  // data, bss, arena, stack, total, holds, over by
    ASSERT_EQ(n.size(), 7u) << message;
    EXPECT_EQ(n[2], 30720u) << message;
    EXPECT_EQ(n[3], 2048u) << message;
    EXPECT_EQ(n[0] + n[1] + n[2] + n[3], n[4]) << message;
    EXPECT_EQ(n[5], 0x6000u) << message;
    EXPECT_EQ(n[6], n[4] - 0x6000) << message;
  }
}

TEST(FirmwareBuilder, CompileErrorComesBackWithTheCompilersMessage) {
  FirmwareTempDir dir("compile_error");
  FirmwareSpec spec;
  spec.name = "broken";
  spec.generated_sources = {{"main.c", "int main(void) { return undeclared_thing_for_the_test; }\n"}};
  try {
    FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec);
    FAIL() << "a program that does not compile was built";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    const std::string message = error.what();
    EXPECT_NE(message.find("main.c:1:"), std::string::npos) << message;
    EXPECT_NE(message.find("error: use of undeclared identifier 'undeclared_thing_for_the_test'"),
              std::string::npos)
        << message;
  }
}

TEST(FirmwareBuilder, LinkErrorComesBackWithTheLinkersMessage) {
  FirmwareTempDir dir("link_error");
  FirmwareSpec spec;
  spec.name = "unresolved";
  spec.generated_sources = {{"main.c", "int missing_function(void);\nint main(void) { return missing_function(); }\n"}};
  try {
    FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec);
    FAIL() << "a program with an undefined symbol was linked";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    EXPECT_NE(std::string(error.what()).find("undefined symbol: missing_function"), std::string::npos)
        << error.what();
  }
}

TEST(FirmwareBuilder, RefusesBadBlobsAndNames) {
  FirmwareTempDir dir("bad_blob");
  FirmwareSpec spec = startup_check_spec();
  spec.blobs.front().symbol = "2bad";
  EXPECT_THROW(FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec), Error);
  spec = startup_check_spec();
  spec.blobs.front().alignment = 24;
  EXPECT_THROW(FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec), Error);
  spec = startup_check_spec();
  spec.blobs.push_back(spec.blobs.front());
  EXPECT_THROW(FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec), Error);
  spec = startup_check_spec();
  spec.name = "../escape";
  EXPECT_THROW(FirmwareBuilder(dir.path()).build(load_target("generic-m0"), spec), Error);
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(FirmwareBuilder, SameInputsGiveTheSameBytesInAnyWorkDirectory) {
  FirmwareTempDir first("deterministic_a");
  FirmwareTempDir second("deterministic_b_with_a_longer_name");
  const Target target = load_target("generic-m4");
  const FirmwareImage a = FirmwareBuilder(first.path()).build(target, startup_check_spec());
  const FirmwareImage b = FirmwareBuilder(second.path()).build(target, startup_check_spec());
  const std::string bytes_a = file_bytes(a.elf);
  ASSERT_FALSE(bytes_a.empty());
  EXPECT_TRUE(bytes_a == file_bytes(b.elf)) << a.elf << " and " << b.elf << " differ";
  // No path of this machine's work directory inside the image.
  EXPECT_EQ(bytes_a.find(first.path().string()), std::string::npos);
}

TEST(FirmwareBuilder, PaintedStackMeasuresTheDeepestUse) {
  FirmwareTempDir dir("paint");
  FirmwareSpec spec;
  spec.name = "stack_depth";
  spec.sources = {test::source_path("tests/runtime/firmware/guests/stack_depth.c")};
  spec.defines = {"DEPTH=10u"};
  spec.stack_bytes = 4096;
  spec.paint_stack = true;
  const Target target = load_target("generic-m0");
  const test::GuestRun run = test::run_firmware(target, FirmwareBuilder(dir.path()).build(target, spec).elf);
  ASSERT_TRUE(run.result.exit_status.has_value());
  // Ten frames of at least their 64-byte array each; far less than the stack.
  EXPECT_GE(*run.result.exit_status, 640);
  EXPECT_LT(*run.result.exit_status, 4096);
}

}  // namespace
}  // namespace mcusim::firmware
