// runtime/firmware/linker_script.hpp — a GNU ld / lld linker script generated
// from a target's memory map.
//
// Layout (first flash region, first RAM region of the target):
//   flash: .vectors (initial SP, reset handler: the start of flash, where the
//          core looks at reset) | .text | .rodata | .blobs (embedded binary
//          data, section .mcusim_blob.*) | .data's initial image
//   RAM:   .data | .bss | .arena (NOLOAD, arena_alignment) | free | .stack
//          (NOLOAD, at the top of RAM, 8-byte aligned per AAPCS)
// Symbols, all used by runtime/device/startup.c or by the size breakdown:
//   __flash_start, __text_end, __rodata_end, __blobs_start, __blobs_end,
//   __data_load, __data_start, __ram_blobs_start, __ram_blobs_end (blobs
//   copied to RAM, at the start of .data), __data_end, __bss_start, __bss_end,
//   __arena_start, __arena_end, __StackLimit, __stack_top, __ram_start.
// __StackLimit is the symbol mcusim's stack-overflow check reads.
#pragma once

#include <cstdint>
#include <string>

#include "sim/target/target.hpp"

namespace mcusim::firmware {

struct LinkerScriptOptions {
  std::uint32_t arena_bytes = 0;
  std::uint32_t arena_alignment = 16;  // a power of two, at least 4
  std::uint32_t stack_bytes = 4096;    // rounded up to 8
  // false: a measuring script — flash and RAM end at 4 GiB and the stack
  // follows the arena — so an image too large for the target still links and
  // the builder can say by how much it overflows (FirmwareBuilder).
  bool enforce_limits = true;
};

// The script text. Throws mcusim::Error (BadInput) when the target has no
// flash or no RAM region, or the options are invalid (alignment not a power
// of two, stack larger than RAM).
std::string generate_linker_script(const Target& target, const LinkerScriptOptions& options);

// AAPCS §5.2.1.2: the stack pointer is 8-byte aligned at public interfaces.
constexpr std::uint32_t kStackAlignment = 8;

}  // namespace mcusim::firmware
