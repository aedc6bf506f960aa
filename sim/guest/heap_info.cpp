#include "sim/guest/heap_info.hpp"

#include "sim/elf/elf_image.hpp"
#include "sim/target/target.hpp"

#include <initializer_list>
#include <optional>

namespace mcusim {
namespace {

std::optional<std::uint32_t> first_symbol(const ElfImage& elf,
                                          std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const auto address = elf.find_symbol(name)) return address;
  }
  return std::nullopt;
}

// The first byte past the program's data in `ram`, 8-byte aligned (the AAPCS
// alignment malloc needs); the region's base when no segment lies there.
std::uint32_t end_of_data(const ElfImage& elf, const MemoryRegion& ram) {
  std::uint64_t end = ram.base;
  for (const Segment& segment : elf.segments) {
    if (!ram.contains(segment.address)) continue;
    const std::uint64_t segment_end = std::uint64_t{segment.address} + segment.memory_size;
    if (segment_end > end) end = segment_end;
  }
  end = (end + 7) & ~std::uint64_t{7};
  if (end > ram.end()) end = ram.end();
  return static_cast<std::uint32_t>(end);
}

}  // namespace

HeapInfo heap_info_for(const ElfImage& elf, const Target& target, std::uint32_t initial_sp) {
  HeapInfo info;
  info.stack_base = initial_sp;
  if (const auto base = first_symbol(elf, {"__heap_start", "__HeapBase", "end", "__end__"})) {
    info.heap_base = *base;
  } else {
    // The SP may sit one past the region's end (a full-descending stack).
    const MemoryRegion* ram = target.region_at(initial_sp - 1);
    if (!ram || ram->kind != RegionKind::Ram) ram = target.first_of(RegionKind::Ram);
    info.heap_base = ram ? end_of_data(elf, *ram) : 0;
  }
  const auto stack_limit = first_symbol(elf, {"__StackLimit", "__stack_limit"});
  info.stack_limit = stack_limit ? *stack_limit : info.heap_base;
  if (const auto heap_end = first_symbol(elf, {"__heap_end", "__HeapLimit"})) {
    info.heap_limit = *heap_end;
  } else {
    info.heap_limit = stack_limit ? *stack_limit : info.stack_base;
  }
  return info;
}

}  // namespace mcusim
