// sim/guest/heap_info.hpp — the block SYS_HEAPINFO returns: where the guest's
// heap and stack lie, worked out from the ELF's symbols, its segments and the
// initial SP of the vector table (docs/guest-conventions.md states the rule).
#pragma once

#include <cstdint>

namespace mcusim {

struct ElfImage;
struct Target;

struct HeapInfo {
  std::uint32_t heap_base = 0;
  std::uint32_t heap_limit = 0;   // one past the heap's last byte
  std::uint32_t stack_base = 0;   // the top of the stack (the initial SP)
  std::uint32_t stack_limit = 0;  // the lowest address the stack may use
};

// heap_base:   the ELF symbol __heap_start, __HeapBase, end or __end__ (first
//              found), else the first 8-byte-aligned byte past the highest ELF
//              segment in the RAM region holding the initial SP.
// stack_base:  the initial SP (word 0 of the vector table).
// stack_limit: __StackLimit or __stack_limit (the simulator's stack guard),
//              else heap_base: heap and stack share the free RAM.
// heap_limit:  __heap_end or __HeapLimit, else the stack limit when a symbol
//              gave one, else stack_base.
HeapInfo heap_info_for(const ElfImage& elf, const Target& target, std::uint32_t initial_sp);

}  // namespace mcusim
