// runtime/firmware/size_breakdown.hpp — where a firmware image's bytes go,
// read from the boundary symbols the generated linker script defines.
#pragma once

#include <cstdint>
#include <string>

namespace mcusim {
struct ElfImage;
struct Target;
}  // namespace mcusim

namespace mcusim::firmware {

// Bytes per part. Every alignment gap is counted in the part it precedes in
// the section order (so the flash parts add up to the flash image exactly,
// and the RAM parts to the RAM the image claims).
struct SizeBreakdown {
  std::uint32_t code = 0;    // vector table + .text
  std::uint32_t rodata = 0;  // .rodata, .ARM.extab/exidx
  std::uint32_t blobs = 0;   // the builder's embedded blobs read from flash
  std::uint32_t ram_blobs = 0;  // blobs copied to RAM: in flash and in RAM
  std::uint32_t data = 0;    // the rest of .data: in flash (initial image) and in RAM
  std::uint32_t bss = 0;     // .bss, padded to the arena's alignment
  std::uint32_t arena = 0;
  std::uint32_t stack = 0;
  std::uint32_t ram_free = 0;  // between the arena and the stack

  std::uint64_t flash_bytes() const { return std::uint64_t{code} + rodata + blobs + ram_blobs + data; }
  std::uint64_t ram_bytes() const { return std::uint64_t{ram_blobs} + data + bss + arena + stack; }
};

// Reads the breakdown from the image's symbols (linker_script.hpp lists
// them). Throws mcusim::Error (BadInput) naming a missing symbol: the image
// was not linked with the generated script.
SizeBreakdown read_size_breakdown(const ElfImage& image);

// Checks the parts fit the target's first flash and first RAM region. Throws
// mcusim::Error (BadInput, exit 2) with every part's bytes, the region's size
// and by how many bytes it overflows. `what` names the firmware in messages.
void check_fits(const SizeBreakdown& sizes, const Target& target, const std::string& what);

// 1234567 -> "1,234,567": sizes in messages, readable at a glance.
std::string grouped(std::uint64_t value);

}  // namespace mcusim::firmware
