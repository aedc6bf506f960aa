// sim/elf/elf_image.hpp — a bare-metal Thumb ELF as the simulator needs it:
// loadable segments, symbols (for fault reports and, later, profiling).
// Read with LLVM's Object library (elf_image.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mcusim {

struct Target;

struct Segment {
  std::uint32_t address = 0;      // physical (load) address, p_paddr
  std::uint32_t file_size = 0;    // bytes taken from the file
  std::uint32_t memory_size = 0;  // >= file_size; the rest is zero (.bss)
  bool read = false, write = false, execute = false;
  std::vector<std::uint8_t> bytes;  // file_size bytes
  int index = 0;                    // program header index, for messages
};

struct Symbol {
  std::string name;
  std::uint32_t address = 0;  // Thumb bit cleared for functions
  std::uint32_t size = 0;
  bool is_function = false;
};

struct ElfImage {
  std::filesystem::path file;
  std::uint32_t entry = 0;
  std::vector<Segment> segments;  // PT_LOAD with memory_size > 0
  std::vector<Symbol> symbols;    // sorted by address
  std::string producer;           // .comment: the toolchain that built it ("" if none)

  // The function containing `address`, or the nearest preceding symbol.
  const Symbol* symbol_at(std::uint32_t address) const noexcept;
  std::optional<std::uint32_t> find_symbol(std::string_view name) const noexcept;
  // "conv2d_s8+0x3c", or "0x000001a4" when no symbol covers the address.
  std::string describe(std::uint32_t address) const;
};

// Reads an ELF32 little-endian ARM executable. Throws mcusim::Error (BadInput)
// naming the file and what is wrong: not ELF, not ARM, not 32-bit, truncated.
ElfImage load_elf(const std::filesystem::path& file);
// The same for bytes already in memory (the fuzz target, fuzz/fuzz_elf.cpp);
// `file` names them in messages.
ElfImage parse_elf(std::span<const std::uint8_t> bytes, const std::filesystem::path& file);

// Checks every segment lies inside one region of the target (exit 2 otherwise:
// names the segment, its address range and the target's memory map).
void check_segments_fit(const ElfImage& image, const Target& target);

}  // namespace mcusim
