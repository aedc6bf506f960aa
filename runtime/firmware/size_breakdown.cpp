// runtime/firmware/size_breakdown.cpp — the image's parts from its symbols,
// and the fit check against the target's memory map.
#include "runtime/firmware/size_breakdown.hpp"

#include <fmt/format.h>

#include "sim/elf/elf_image.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"

namespace mcusim::firmware {
namespace {

std::uint32_t symbol(const ElfImage& image, std::string_view name) {
  const auto address = image.find_symbol(name);
  if (!address) {
    throw_bad_input("link with the script of runtime/firmware/linker_script.cpp",
                    "{}: no symbol {}, so its size breakdown cannot be read", image.file.string(), name);
  }
  return *address;
}

}  // namespace

std::string grouped(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

SizeBreakdown read_size_breakdown(const ElfImage& image) {
  const std::uint32_t flash_start = symbol(image, "__flash_start");
  const std::uint32_t text_end = symbol(image, "__text_end");
  const std::uint32_t rodata_end = symbol(image, "__rodata_end");
  const std::uint32_t data_load = symbol(image, "__data_load");
  const std::uint32_t ram_start = symbol(image, "__ram_start");
  const std::uint32_t data_end = symbol(image, "__data_end");
  const std::uint32_t ram_blobs_end = symbol(image, "__ram_blobs_end");
  const std::uint32_t arena_start = symbol(image, "__arena_start");
  const std::uint32_t arena_end = symbol(image, "__arena_end");
  const std::uint32_t stack_limit = symbol(image, "__StackLimit");
  const std::uint32_t stack_top = symbol(image, "__stack_top");
  SizeBreakdown sizes;
  sizes.code = text_end - flash_start;
  sizes.rodata = rodata_end - text_end;
  // Up to .data's load address: a .data aligned beyond 4 may leave a gap.
  sizes.blobs = data_load - rodata_end;
  // .data starts with the RAM blobs (and any alignment gap before them).
  sizes.ram_blobs = ram_blobs_end - ram_start;
  sizes.data = data_end - ram_blobs_end;
  sizes.bss = arena_start - data_end;
  sizes.arena = arena_end - arena_start;
  sizes.stack = stack_top - stack_limit;
  sizes.ram_free = stack_limit >= arena_end ? stack_limit - arena_end : 0;
  return sizes;
}

void check_fits(const SizeBreakdown& sizes, const Target& target, const std::string& what) {
  const MemoryRegion* flash = target.first_of(RegionKind::Flash);
  const MemoryRegion* ram = target.first_of(RegionKind::Ram);
  std::string problems;
  if (flash != nullptr && sizes.flash_bytes() > flash->size) {
    problems += fmt::format(
        "\n  flash: code {} + rodata {} + blobs {} + data {} = {} bytes, region '{}' holds {} bytes: "
        "over by {} bytes",
        grouped(sizes.code), grouped(sizes.rodata), grouped(std::uint64_t{sizes.blobs} + sizes.ram_blobs),
        grouped(sizes.data),
        grouped(sizes.flash_bytes()), flash->name, grouped(flash->size), grouped(sizes.flash_bytes() - flash->size));
  }
  if (ram != nullptr && sizes.ram_bytes() > ram->size) {
    problems += fmt::format(
        "\n  RAM: {}data {} + bss {} + arena {} + stack {} = {} bytes, region '{}' holds {} bytes: over by {} bytes",
        sizes.ram_blobs != 0 ? fmt::format("blobs copied to RAM {} + ", grouped(sizes.ram_blobs)) : std::string(),
        grouped(sizes.data), grouped(sizes.bss), grouped(sizes.arena), grouped(sizes.stack),
        grouped(sizes.ram_bytes()), ram->name, grouped(ram->size), grouped(sizes.ram_bytes() - ram->size));
  }
  if (!problems.empty()) {
    throw_bad_input(
        "choose a target with more memory (`mcusim targets`), or make the image smaller: fewer or narrower "
        "layers, a smaller arena or stack, -Os",
        "{} does not fit target '{}':{}", what, target.name, problems);
  }
}

}  // namespace mcusim::firmware
