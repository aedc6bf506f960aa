// tests/sim/elf/elf_image_test.cpp — loading bare-metal ARM ELF files with the
// fixtures of tests/guests/elf_fixtures (small.s linked by generic.ld and by
// stm32_flash.ld), and rejecting every kind of wrong file with its name.
#include "sim/elf/elf_image.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim {
namespace {

#define EXPECT_STARTS_WITH(text, prefix) \
  EXPECT_TRUE(std::string_view(text).starts_with(prefix)) << (text)
#define EXPECT_HAS(text, part) \
  EXPECT_NE(std::string_view(text).find(part), std::string_view::npos) << (text)

std::filesystem::path small_elf() { return test::guest_elf("elf_small"); }

std::vector<char> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint32_t read_u32(const std::vector<char>& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= std::uint32_t{static_cast<unsigned char>(bytes.at(at + i))} << (8 * i);
  }
  return value;
}

void write_u32(std::vector<char>& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) bytes.at(at + i) = static_cast<char>(value >> (8 * i));
}

// A scratch file per test, removed afterwards.
class TempFile {
 public:
  explicit TempFile(const std::vector<char>& bytes) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("mcusim-elf-test-" + std::to_string(::getpid()) + "-" + test->name() + "-" +
             std::to_string(counter_++) + ".elf");
    std::ofstream(path_, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

// Loads a file that must be rejected; the message must name it.
Error rejected(const std::filesystem::path& file) {
  try {
    load_elf(file);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_HAS(error.what(), file.string());
    EXPECT_FALSE(error.advice().empty()) << error.what();
    return error;
  }
  ADD_FAILURE() << "accepted " << file;
  return Error(ErrorKind::Internal, "no error");
}

Error rejected_bytes(const std::vector<char>& bytes) {
  const TempFile file(bytes);
  return rejected(file.path());
}

// Loading a valid program ----------------------------------------------------

TEST(ElfLoad, ReadsEntryAndLoadSegmentsAtTheirLoadAddress) {
  const ElfImage image = load_elf(small_elf());
  EXPECT_EQ(image.file, small_elf());
  EXPECT_EQ(image.entry, 0x9u);  // reset_handler | Thumb bit
  ASSERT_EQ(image.segments.size(), 4u);

  const Segment& vectors = image.segments[0];
  EXPECT_EQ(vectors.address, 0x0u);
  EXPECT_EQ(vectors.file_size, 8u);
  EXPECT_EQ(vectors.memory_size, 8u);
  EXPECT_TRUE(vectors.read && !vectors.write && !vectors.execute);
  ASSERT_EQ(vectors.bytes.size(), 8u);
  const std::vector<char> as_chars(vectors.bytes.begin(), vectors.bytes.end());
  EXPECT_EQ(read_u32(as_chars, 0), 0x2004'0000u);  // initial SP: top of the 256 KiB SRAM
  EXPECT_EQ(read_u32(as_chars, 4), 0x9u);          // reset vector

  const Segment& text = image.segments[1];
  EXPECT_EQ(text.address, 0x8u);
  EXPECT_EQ(text.memory_size, 0x1cu);
  EXPECT_TRUE(text.read && !text.write && text.execute);
  EXPECT_EQ(text.index, 1);

  // .data: linked to run in SRAM, loaded at its flash address (p_paddr).
  const Segment& data = image.segments[2];
  EXPECT_EQ(data.address, 0x24u);
  EXPECT_EQ(data.file_size, 4u);
  EXPECT_TRUE(data.read && data.write && !data.execute);
  EXPECT_EQ(data.bytes, (std::vector<std::uint8_t>{42, 0, 0, 0}));

  // .bss: no file bytes, zeroed in SRAM.
  const Segment& bss = image.segments[3];
  EXPECT_EQ(bss.address, 0x2000'0004u);
  EXPECT_EQ(bss.file_size, 0u);
  EXPECT_EQ(bss.memory_size, 16u);
  EXPECT_TRUE(bss.bytes.empty());
}

TEST(ElfLoad, ReadsSymbolsSortedWithoutMappingSymbols) {
  const ElfImage image = load_elf(small_elf());
  std::vector<std::string> names;
  for (const Symbol& symbol : image.symbols) names.push_back(symbol.name);
  EXPECT_EQ(names, (std::vector<std::string>{"vectors", "reset_handler", "spin", "add_three",
                                             "counter", "scratch", "_stack_top"}));
  for (std::size_t i = 1; i < image.symbols.size(); ++i) {
    EXPECT_LE(image.symbols[i - 1].address, image.symbols[i].address);
  }
  const Symbol& reset = image.symbols[1];
  EXPECT_EQ(reset.address, 0x8u);  // Thumb bit cleared
  EXPECT_EQ(reset.size, 24u);
  EXPECT_TRUE(reset.is_function);
  EXPECT_FALSE(image.symbols[0].is_function);  // vectors: an object
  EXPECT_EQ(image.symbols[4].address, 0x2000'0000u);
  EXPECT_EQ(image.symbols[4].size, 4u);
}

TEST(ElfLoad, FindsSymbolsByName) {
  const ElfImage image = load_elf(small_elf());
  EXPECT_EQ(image.find_symbol("add_three"), 0x20u);
  EXPECT_EQ(image.find_symbol("scratch"), 0x2000'0004u);
  EXPECT_EQ(image.find_symbol("_stack_top"), 0x2004'0000u);
  EXPECT_EQ(image.find_symbol("$t.0"), std::nullopt);
  EXPECT_EQ(image.find_symbol("main"), std::nullopt);
}

TEST(ElfSymbols, SymbolAtPrefersTheContainingFunction) {
  const ElfImage image = load_elf(small_elf());
  // The local label `spin` and the literal pool lie inside reset_handler.
  EXPECT_EQ(image.symbol_at(0x14)->name, "reset_handler");
  EXPECT_EQ(image.symbol_at(0x1c)->name, "reset_handler");
  EXPECT_EQ(image.symbol_at(0x22)->name, "add_three");
  EXPECT_EQ(image.symbol_at(0x2000'0008)->name, "scratch");
  // Past every function: the nearest preceding symbol.
  EXPECT_EQ(image.symbol_at(0x24)->name, "add_three");
  EXPECT_EQ(image.symbol_at(0x3000'0000)->name, "_stack_top");
}

TEST(ElfSymbols, SymbolAtWithoutAnyPrecedingSymbolIsNull) {
  ElfImage image;
  image.symbols = {{"f", 0x100, 8, true}};
  EXPECT_EQ(image.symbol_at(0xff), nullptr);
  EXPECT_EQ(image.symbol_at(0x100)->name, "f");
}

TEST(ElfSymbols, DescribeGivesSymbolPlusOffsetOrHex) {
  const ElfImage image = load_elf(small_elf());
  EXPECT_EQ(image.describe(0x8), "reset_handler");
  EXPECT_EQ(image.describe(0x1c), "reset_handler+0x14");
  EXPECT_EQ(image.describe(0x22), "add_three+0x2");
  EXPECT_EQ(image.describe(0x4), "vectors+0x4");
  EXPECT_EQ(image.describe(0x24), "0x00000024");  // past add_three's 4 bytes
  EXPECT_EQ(image.describe(0x1a4), "0x000001a4");
  EXPECT_EQ(image.describe(0x2004'0000), "_stack_top");  // a size-0 label
  EXPECT_EQ(ElfImage{}.describe(0x1a4), "0x000001a4");
}

// Segments against a target ---------------------------------------------------

Target small_target(std::uint32_t flash_size) {
  Target target;
  target.name = "tiny";
  target.regions = {
      {"flash", RegionKind::Flash, 0x0, flash_size, {true, false, true}, 0, ""},
      {"sram", RegionKind::Ram, 0x2000'0000, 0x1000, {true, true, true}, 0, ""},
  };
  return target;
}

TEST(ElfFit, ProgramLinkedForTheGenericMapFits) {
  const ElfImage image = load_elf(small_elf());
  for (const char* name : {"generic-m0", "generic-m0plus", "generic-m4"}) {
    EXPECT_NO_THROW(check_segments_fit(image, load_target(name))) << name;
  }
}

TEST(ElfFit, SegmentOutsideEveryRegionNamesItAndTheMap) {
  const ElfImage image = load_elf(test::guest_elf("elf_at_0800"));
  try {
    check_segments_fit(image, load_target("generic-m0"));
    FAIL() << "a program at 0x0800_0000 fit generic-m0";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_EQ(std::string(error.what()),
              test::guest_elf("elf_at_0800").string() +
                  ": segment 0 (0x0800_0000..0x0800_0007, 8 bytes, r--) lies outside every "
                  "memory region of target 'generic-m0'");
    EXPECT_HAS(error.advice(), "target 'generic-m0' has:");
    EXPECT_HAS(error.advice(), "flash  0x0000_0000..0x000f_ffff  1 MiB    rx");
    EXPECT_HAS(error.advice(), "sram   0x2000_0000..0x2003_ffff  256 KiB  rwx");
    EXPECT_HAS(error.advice(), "link the program for this memory map");
  }
}

TEST(ElfFit, SegmentRunningPastItsRegionSaysByHowMuch) {
  const ElfImage image = load_elf(small_elf());
  try {
    check_segments_fit(image, small_target(0x10));
    FAIL() << "text fit a 16-byte flash";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              small_elf().string() +
                  ": segment 1 (0x0000_0008..0x0000_0023, 28 bytes, r-x) runs 20 bytes past the "
                  "end of region 'flash' (0x0000_0000..0x0000_000f) of target 'tiny'");
  }
  EXPECT_NO_THROW(check_segments_fit(image, small_target(0x28)));
}

// Rejecting wrong files ------------------------------------------------------

TEST(ElfReject, MissingFile) {
  const Error error = rejected("/no/such/program.elf");
  EXPECT_STARTS_WITH(error.what(), "cannot read ELF file /no/such/program.elf");
}

TEST(ElfReject, NotAnElfFile) {
  const std::string text = "int main() { return 0; }\n";
  EXPECT_HAS(rejected_bytes({text.begin(), text.end()}).what(), ": not an ELF file");
  const std::string hex = ":020000040800F2\n";
  EXPECT_HAS(rejected_bytes({hex.begin(), hex.end()}).what(), "Intel HEX");
  EXPECT_HAS(rejected_bytes({}).what(), ": not an ELF file");
}

TEST(ElfReject, TruncatedHeader) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.resize(40);
  EXPECT_HAS(rejected_bytes(bytes).what(), "truncated or malformed ELF");
  bytes.resize(10);
  EXPECT_HAS(rejected_bytes(bytes).what(), "truncated ELF header");
}

TEST(ElfReject, TruncatedSegmentData) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.resize(0x10010);  // inside .text's file bytes (offset 0x10008, 0x1c bytes)
  EXPECT_HAS(rejected_bytes(bytes).what(), "truncated: segment 1 needs file bytes");
}

TEST(ElfReject, HostExecutableIsNotArm) {
  const Error error = rejected("/proc/self/exe");
  EXPECT_HAS(error.what(), "not ARM");
#if defined(__x86_64__)
  EXPECT_HAS(error.what(), "an ELF for x86-64 (64-bit), not ARM");
#endif
}

TEST(ElfReject, Other32BitMachineIsNotArm) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.at(18) = 3;  // e_machine = EM_386
  EXPECT_HAS(rejected_bytes(bytes).what(), "an ELF for x86, not ARM");
}

TEST(ElfReject, SixtyFourBitArm) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.at(4) = 2;  // EI_CLASS = ELFCLASS64
  EXPECT_HAS(rejected_bytes(bytes).what(), "a 64-bit ARM ELF");
}

TEST(ElfReject, BigEndianArm) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.at(5) = 2;  // EI_DATA = ELFDATA2MSB, e_machine stored big-endian
  std::swap(bytes.at(18), bytes.at(19));
  EXPECT_HAS(rejected_bytes(bytes).what(), "big-endian");
}

TEST(ElfReject, RelocatableObject) {
  std::vector<char> bytes = read_bytes(small_elf());
  bytes.at(16) = 1;  // e_type = ET_REL
  const Error error = rejected_bytes(bytes);
  EXPECT_HAS(error.what(), "relocatable object file");
  EXPECT_HAS(error.advice(), "link it");
}

TEST(ElfReject, NoLoadableSegments) {
  std::vector<char> bytes = read_bytes(small_elf());
  const std::uint32_t phoff = read_u32(bytes, 28);
  const unsigned phnum = static_cast<unsigned char>(bytes.at(44));
  for (unsigned i = 0; i < phnum; ++i) write_u32(bytes, phoff + 32 * i, 0);  // PT_NULL
  EXPECT_HAS(rejected_bytes(bytes).what(), "no loadable segments");
}

TEST(ElfReject, SegmentWithMoreFileThanMemoryBytes) {
  std::vector<char> bytes = read_bytes(small_elf());
  const std::uint32_t phoff = read_u32(bytes, 28);
  write_u32(bytes, phoff + 16, 0x100);  // segment 0 p_filesz > p_memsz (8)
  EXPECT_HAS(rejected_bytes(bytes).what(), "segment 0 has more file bytes (256)");
}

}  // namespace
}  // namespace mcusim
