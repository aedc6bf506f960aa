// profiler/flash_breakdown: lld's map file read line by line, and a hand-made
// image whose parts, functions and objects are counted by hand.
#include "profiler/flash_breakdown.hpp"
#include "profiler/flash_breakdown_summary.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "sim/error.hpp"

namespace mcusim::profiler {
namespace {

// In ld.lld-14's layout (columns VMA, LMA, Size in hex, Align, then names
// indented to Out / In / Symbol). Sizes, by hand:
//   .vectors 0x40 = 64, .text 0x30 = 48 (10 + 2 gap + 32 + 4 ALIGN),
//   .rodata 0x10 = 16, .ARM.exidx 8, .blobs 0x100 = 256, .data 0xc = 12
//   (loaded at 0x188): 404 bytes from 0x0 to 0x194.
constexpr std::string_view kMap =
    "     VMA      LMA     Size Align Out     In      Symbol\n"
    "       0        0       40     4 .vectors\n"
    "       0        0        0     1         __flash_start = .\n"
    "       0        0       40     4         /w/model/obj/000-startup.c.o:(.vectors)\n"
    "       0        0       40     1                 vectors\n"
    "      40       40       30     4 .text\n"
    "      40       40        a     2         /w/model/obj/000-startup.c.o:(.text.Reset_Handler)\n"
    "      41       41        0     1                 Reset_Handler\n"
    "      4c       4c       20     4         /w/model/obj/001-conv.c.o:(.text.conv)\n"
    "      4d       4d        0     1                 conv\n"
    "      6c       6c        4     1         . = ALIGN ( 4 )\n"
    "      70       70       10     4 .rodata\n"
    "      70       70       10     4         /w/model/obj/001-conv.c.o:(.rodata.table)\n"
    "      80       80        8     4 .ARM.exidx\n"
    "      80       80        8     4         <internal>:(.ARM.exidx)\n"
    "      88       88      100    16 .blobs\n"
    "      88       88      100    16         generated/mcusim_plan.blob.s.o:(.mcusim_blob.mcusim_plan)\n"
    "20000000      188        c     4 .data\n"
    "20000000      188        c     4         /w/model/obj/001-conv.c.o:(.data.state)\n"
    "2000000c 2000000c       20     4 .bss\n"
    "       0        0       37     1 .comment\n"
    "       0        0       37     1         <internal>:(.comment)\n";

Segment segment(std::uint32_t address, std::uint32_t file_size, std::uint32_t memory_size) {
  Segment s;
  s.address = address;
  s.file_size = file_size;
  s.memory_size = memory_size;
  return s;
}

ElfImage image() {
  ElfImage elf;
  elf.segments = {segment(0, 0x188, 0x188), segment(0x188, 0xc, 0xc), segment(0x2000000c, 0, 0x20)};  // 0x2000000c: .bss
  elf.symbols = {{"Reset_Handler", 0x40, 10, true}, {"conv", 0x4c, 30, true}, {"table", 0x70, 16, false}};
  return elf;
}

MemoryRegion flash() {
  MemoryRegion region;
  region.name = "flash";
  region.kind = RegionKind::Flash;
  region.base = 0;
  region.size = 0x10000;
  return region;
}

std::uint64_t sum(const std::vector<SizedName>& list) {
  return std::accumulate(list.begin(), list.end(), std::uint64_t{0},
                         [](std::uint64_t total, const SizedName& item) { return total + item.bytes; });
}

TEST(LinkMap, ReadsOutputSectionsAndTheirInputsWithObjectAndSection) {
  const LinkMap map = parse_link_map(kMap, "m.map");
  ASSERT_EQ(map.sections.size(), 8u);
  const MapOutputSection& text = map.sections[1];
  EXPECT_EQ(text.name, ".text");
  EXPECT_EQ(text.vma, 0x40u);
  EXPECT_EQ(text.size, 0x30u);
  ASSERT_EQ(text.inputs.size(), 3u);  // two input sections and one ALIGN line; symbols are skipped
  EXPECT_EQ(text.inputs[1].file, "/w/model/obj/001-conv.c.o");
  EXPECT_EQ(text.inputs[1].section, ".text.conv");
  EXPECT_EQ(text.inputs[1].size, 0x20u);
  EXPECT_TRUE(text.inputs[2].file.empty());
  EXPECT_EQ(text.inputs[2].section, ". = ALIGN ( 4 )");
  const MapOutputSection& data = map.sections[5];
  EXPECT_EQ(data.vma, 0x20000000u);
  EXPECT_EQ(data.lma, 0x188u);
}

TEST(LinkMap, RejectsTextThatIsNotAMap) {
  EXPECT_THROW(parse_link_map("hello\n", "m.map"), Error);
  EXPECT_THROW(parse_link_map("     VMA      LMA     Size Align Out     In      Symbol\n  zz .text\n", "m.map"), Error);
}

TEST(FlashBreakdown, PartsSumExactlyToTheImageAsCountedByHand) {
  const FlashBreakdown b = flash_breakdown(parse_link_map(kMap, "m.map"), image(), flash(), 200);
  EXPECT_EQ(b.image_bytes, 404u);
  EXPECT_EQ(b.vector_table_bytes, 64u);
  EXPECT_EQ(b.code_bytes, 48u);
  EXPECT_EQ(b.rodata_bytes, 16u + 8u);
  EXPECT_EQ(b.weights_bytes, 200u);
  EXPECT_EQ(b.plan_bytes, 56u);  // 256 bytes of blobs less 200 of weights
  EXPECT_EQ(b.data_init_bytes, 12u);
  EXPECT_EQ(b.other_bytes, 0u);  // .comment is not loaded, .bss is in RAM
  EXPECT_EQ(b.parts_sum(), b.image_bytes);
}

TEST(FlashBreakdown, CodeByFunctionAndByObjectSumToTheCode) {
  const FlashBreakdown b = flash_breakdown(parse_link_map(kMap, "m.map"), image(), flash(), 0);
  // conv 30 + Reset_Handler 10, and 8 bytes no function covers (2-byte gap,
  // conv's last 2 bytes of its section, the 4-byte ALIGN).
  ASSERT_EQ(b.functions.size(), 3u);
  EXPECT_EQ(b.functions[0].name, "conv");
  EXPECT_EQ(b.functions[0].bytes, 30u);
  EXPECT_EQ(b.functions[1].name, "Reset_Handler");
  EXPECT_EQ(b.functions[1].bytes, 10u);
  EXPECT_EQ(b.functions[2].name, "(no symbol)");
  EXPECT_EQ(b.functions[2].bytes, 8u);
  // conv.c 32 + startup.c 10, and 6 bytes between and after input sections.
  ASSERT_EQ(b.objects.size(), 3u);
  EXPECT_EQ(b.objects[0].name, "conv.c");
  EXPECT_EQ(b.objects[0].bytes, 32u);
  EXPECT_EQ(b.objects[1].name, "startup.c");
  EXPECT_EQ(b.objects[1].bytes, 10u);
  EXPECT_EQ(b.objects[2].name, "(alignment)");
  EXPECT_EQ(b.objects[2].bytes, 6u);
  EXPECT_EQ(sum(b.functions), b.code_bytes);
  EXPECT_EQ(sum(b.objects), b.code_bytes);
}

TEST(FlashBreakdown, BytesNoKnownSectionHoldsAreOther) {
  LinkMap map = parse_link_map(kMap, "m.map");
  map.sections.erase(map.sections.begin() + 3);  // drop .ARM.exidx: its 8 bytes are a gap now
  const FlashBreakdown b = flash_breakdown(map, image(), flash(), 0);
  EXPECT_EQ(b.rodata_bytes, 16u);
  EXPECT_EQ(b.other_bytes, 8u);
  EXPECT_EQ(b.parts_sum(), 404u);
}

TEST(FlashBreakdown, MoreWeightsThanBlobsIsAnError) {
  EXPECT_THROW(flash_breakdown(parse_link_map(kMap, "m.map"), image(), flash(), 257), Error);
}

TEST(FlashBreakdown, ObjectNamesAreTheSourcesTheBuilderNumbered) {
  EXPECT_EQ(object_display_name("/w/model/obj/004-conv2d_s8.c.o"), "conv2d_s8.c");
  EXPECT_EQ(object_display_name("/usr/lib/gcc/arm-none-eabi/12/thumb/v6-m/nofp/libgcc.a(_addsubsf3.o)"),
            "libgcc.a(_addsubsf3.o)");
  EXPECT_EQ(object_display_name("<internal>"), "<internal>");
  EXPECT_EQ(object_display_name("plain.o"), "plain.o");
}

TEST(FlashBreakdown, SummaryListsThePartsAndTheLargestFunctionsFirst) {
  const FlashBreakdown b = flash_breakdown(parse_link_map(kMap, "m.map"), image(), flash(), 200);
  const std::string text = flash_breakdown_summary(b, 1);
  EXPECT_NE(text.find("flash 404 B: vector table 64, code 48, read-only data 24, plan 56, weights 200, .data image 12, "
                      "other 0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("          30 B  62.5 %  conv\n"), std::string::npos) << text;  // 30 of 48
  EXPECT_NE(text.find("          18 B  37.5 %  (2 others)\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace mcusim::profiler
