#include "sim/machine/guest_memory.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace mcusim {

GuestMemory::GuestMemory(const Target& target) {
  blocks_.reserve(target.regions.size());
  for (const auto& region : target.regions) {
    blocks_.push_back(Block{&region, std::vector<std::uint8_t>(region.size, 0)});
  }
}

std::uint8_t* GuestMemory::host_pointer(std::uint32_t address, std::uint32_t length) noexcept {
  return const_cast<std::uint8_t*>(std::as_const(*this).host_pointer(address, length));
}

const std::uint8_t* GuestMemory::host_pointer(std::uint32_t address,
                                              std::uint32_t length) const noexcept {
  for (const auto& block : blocks_) {
    const auto& region = *block.region;
    if (!region.contains(address)) continue;
    const std::uint64_t offset = address - region.base;
    if (offset + length > region.size) return nullptr;
    return block.bytes.data() + offset;
  }
  return nullptr;
}

bool GuestMemory::read(std::uint32_t address, std::span<std::uint8_t> out) const noexcept {
  if (out.empty()) return host_pointer(address, 0) != nullptr;
  const auto* source = host_pointer(address, static_cast<std::uint32_t>(out.size()));
  if (!source) return false;
  std::memcpy(out.data(), source, out.size());
  return true;
}

bool GuestMemory::write(std::uint32_t address, std::span<const std::uint8_t> in) noexcept {
  if (in.empty()) return host_pointer(address, 0) != nullptr;  // memcpy wants non-null
  auto* target = host_pointer(address, static_cast<std::uint32_t>(in.size()));
  if (!target) return false;
  std::memcpy(target, in.data(), in.size());
  return true;
}

std::optional<std::uint32_t> GuestMemory::read_u32(std::uint32_t address) const noexcept {
  std::uint8_t bytes[4];
  if (!read(address, bytes)) return std::nullopt;
  return std::uint32_t{bytes[0]} | std::uint32_t{bytes[1]} << 8 | std::uint32_t{bytes[2]} << 16 |
         std::uint32_t{bytes[3]} << 24;
}

std::optional<std::string> GuestMemory::read_cstring(std::uint32_t address,
                                                     std::uint32_t max_length) const {
  std::string text;
  for (std::uint32_t i = 0; i <= max_length; ++i) {
    const auto* byte = host_pointer(address + i, 1);
    if (!byte) return std::nullopt;
    if (*byte == 0) return text;
    text.push_back(static_cast<char>(*byte));
  }
  return std::nullopt;
}

}  // namespace mcusim
