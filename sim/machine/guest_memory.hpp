// sim/machine/guest_memory.hpp — the target's memory regions as host buffers.
//
// The machine maps these buffers into Unicorn (uc_mem_map_ptr), so the host
// side (ELF loading, semihosting, later tensor dumps) reads and writes guest
// memory directly, with bounds checked here.
#pragma once

#include "sim/target/target.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mcusim {

class GuestMemory {
 public:
  explicit GuestMemory(const Target& target);

  struct Block {
    const MemoryRegion* region;
    std::vector<std::uint8_t> bytes;
  };

  // Host view of [address, address+length) if it lies inside one region.
  std::uint8_t* host_pointer(std::uint32_t address, std::uint32_t length) noexcept;
  const std::uint8_t* host_pointer(std::uint32_t address, std::uint32_t length) const noexcept;

  bool read(std::uint32_t address, std::span<std::uint8_t> out) const noexcept;
  bool write(std::uint32_t address, std::span<const std::uint8_t> in) noexcept;
  std::optional<std::uint32_t> read_u32(std::uint32_t address) const noexcept;
  // NUL-terminated string of at most max_length bytes; nullopt if it runs off
  // the region or is longer.
  std::optional<std::string> read_cstring(std::uint32_t address, std::uint32_t max_length) const;

  std::vector<Block>& blocks() noexcept { return blocks_; }
  const std::vector<Block>& blocks() const noexcept { return blocks_; }

 private:
  std::vector<Block> blocks_;
};

}  // namespace mcusim
