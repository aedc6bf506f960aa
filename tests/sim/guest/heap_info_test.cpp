// The SYS_HEAPINFO block from the ELF's symbols and segments and the initial SP.
#include "sim/guest/heap_info.hpp"

#include "sim/elf/elf_image.hpp"
#include "sim/target/target.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

Target generic_map() {
  Target target;
  MemoryRegion flash;
  flash.name = "flash";
  flash.kind = RegionKind::Flash;
  flash.base = 0;
  flash.size = 0x10'0000;
  target.regions.push_back(flash);
  MemoryRegion ram;
  ram.name = "sram";
  ram.kind = RegionKind::Ram;
  ram.base = 0x2000'0000u;
  ram.size = 0x4'0000;
  target.regions.push_back(ram);
  return target;
}

ElfImage image_with(std::initializer_list<std::pair<const char*, std::uint32_t>> symbols) {
  ElfImage elf;
  Segment code;
  code.address = 0;
  code.memory_size = 0x800;
  elf.segments.push_back(code);
  Segment data;  // .data + .bss: 0x2000'0000 .. 0x2000'0123
  data.address = 0x2000'0000u;
  data.file_size = 0x100;
  data.memory_size = 0x123;
  elf.segments.push_back(data);
  for (const auto& [name, address] : symbols) elf.symbols.push_back(Symbol{name, address, 0, false});
  return elf;
}

constexpr std::uint32_t kRamTop = 0x2004'0000u;

TEST(HeapInfo, WithoutSymbolsHeapAndStackShareTheRamAfterTheProgram) {
  const HeapInfo info = heap_info_for(image_with({}), generic_map(), kRamTop);
  EXPECT_EQ(info.heap_base, 0x2000'0128u);  // past .bss, 8-byte aligned
  EXPECT_EQ(info.heap_limit, kRamTop);
  EXPECT_EQ(info.stack_base, kRamTop);
  EXPECT_EQ(info.stack_limit, 0x2000'0128u);
}

TEST(HeapInfo, NewlibsEndAndTheStackLimitSymbolSplitTheRam) {
  const HeapInfo info =
      heap_info_for(image_with({{"end", 0x2000'0200u}, {"__StackLimit", 0x2003'8000u}}),
                    generic_map(), kRamTop);
  EXPECT_EQ(info.heap_base, 0x2000'0200u);
  EXPECT_EQ(info.heap_limit, 0x2003'8000u);
  EXPECT_EQ(info.stack_base, kRamTop);
  EXPECT_EQ(info.stack_limit, 0x2003'8000u);
}

TEST(HeapInfo, ExplicitHeapSymbolsWin) {
  const HeapInfo info = heap_info_for(
      image_with({{"__heap_start", 0x2000'0300u}, {"end", 0x2000'0200u},
                  {"__heap_end", 0x2001'0000u}, {"__stack_limit", 0x2003'0000u}}),
      generic_map(), 0x2003'f000u);
  EXPECT_EQ(info.heap_base, 0x2000'0300u);
  EXPECT_EQ(info.heap_limit, 0x2001'0000u);
  EXPECT_EQ(info.stack_base, 0x2003'f000u);
  EXPECT_EQ(info.stack_limit, 0x2003'0000u);
}

}  // namespace
}  // namespace mcusim
