// sim/elf/elf_image.cpp — symbol lookup on a loaded image, and checking that its
// segments fit a target's memory map. Reading the file: elf_reader.cpp.
#include "sim/elf/elf_image.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "sim/target/target_text.hpp"

namespace mcusim {

const Symbol* ElfImage::symbol_at(std::uint32_t address) const noexcept {
  // Symbols are sorted by address, functions first at equal addresses.
  const auto after =
      std::upper_bound(symbols.begin(), symbols.end(), address,
                       [](std::uint32_t a, const Symbol& s) { return a < s.address; });
  if (after == symbols.begin()) return nullptr;
  // The nearest preceding function, if it contains the address, wins over any
  // label or object inside it (local asm labels, literal pools).
  for (auto it = after; it != symbols.begin();) {
    --it;
    if (!it->is_function) continue;
    if (address - it->address < it->size) return &*it;
    break;
  }
  // Else the nearest preceding symbol: the first one at the highest address.
  auto nearest = std::prev(after);
  while (nearest != symbols.begin() && std::prev(nearest)->address == nearest->address) --nearest;
  return &*nearest;
}

std::optional<std::uint32_t> ElfImage::find_symbol(std::string_view name) const noexcept {
  for (const Symbol& symbol : symbols) {
    if (symbol.name == name) return symbol.address;
  }
  return std::nullopt;
}

std::string ElfImage::describe(std::uint32_t address) const {
  const Symbol* symbol = symbol_at(address);
  const std::uint32_t offset = symbol != nullptr ? address - symbol->address : 0;
  // A sized symbol covers only its own bytes; a size-0 label runs up to the next symbol.
  if (symbol == nullptr || (symbol->size != 0 && offset >= symbol->size)) {
    return fmt::format("0x{:08x}", address);
  }
  if (offset == 0) return symbol->name;
  return fmt::format("{}+0x{:x}", symbol->name, offset);
}

namespace {

std::string segment_text(const Segment& segment) {
  return fmt::format("segment {} ({}, {}, {}{}{})", segment.index,
                     format_range(segment.address, segment.memory_size),
                     format_size(segment.memory_size), segment.read ? 'r' : '-',
                     segment.write ? 'w' : '-', segment.execute ? 'x' : '-');
}

}  // namespace

void check_segments_fit(const ElfImage& image, const Target& target) {
  const auto advice = [&] {
    return fmt::format(
        "target '{}' has:\n{}\nlink the program for this memory map (the MEMORY block of "
        "its linker script), or pick a target whose map holds it (`mcusim targets`)",
        target.name, memory_map_text(target));
  };
  for (const Segment& segment : image.segments) {
    if (segment.memory_size == 0) continue;
    const MemoryRegion* region = target.region_at(segment.address);
    if (region == nullptr) {
      throw_bad_input(advice(), "{}: {} lies outside every memory region of target '{}'",
                      image.file.string(), segment_text(segment), target.name);
    }
    const std::uint64_t end = std::uint64_t{segment.address} + segment.memory_size;
    if (end > region->end()) {
      throw_bad_input(advice(), "{}: {} runs {} past the end of region '{}' ({}) of target '{}'",
                      image.file.string(), segment_text(segment), format_size(end - region->end()),
                      region->name, format_range(region->base, region->size), target.name);
    }
  }
}

}  // namespace mcusim
