#include "sim/target/target_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mcusim {

std::string format_address(std::uint64_t address) {
  const auto low = static_cast<std::uint32_t>(address & 0xffff);
  const auto mid = static_cast<std::uint32_t>((address >> 16) & 0xffff);
  const std::uint64_t high = address >> 32;
  if (high == 0) return fmt::format("0x{:04x}_{:04x}", mid, low);
  return fmt::format("0x{:x}_{:04x}_{:04x}", high, mid, low);
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024;
  constexpr std::uint64_t kMiB = kKiB * 1024;
  constexpr std::uint64_t kGiB = kMiB * 1024;
  if (bytes != 0 && bytes % kGiB == 0) return fmt::format("{} GiB", bytes / kGiB);
  if (bytes != 0 && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes != 0 && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return fmt::format("{} {}", bytes, bytes == 1 ? "byte" : "bytes");
}

std::string access_name(const Access& access) {
  std::string text;
  if (access.read) text += 'r';
  if (access.write) text += 'w';
  if (access.execute) text += 'x';
  return text.empty() ? "-" : text;
}

std::string format_range(std::uint64_t base, std::uint64_t size) {
  return fmt::format("{}..{}", format_address(base), format_address(base + size - 1));
}

std::string memory_map_text(const Target& target, std::string_view indent) {
  std::size_t name_width = 0;
  std::size_t size_width = 0;
  for (const MemoryRegion& region : target.regions) {
    name_width = std::max(name_width, region.name.size());
    size_width = std::max(size_width, format_size(region.size).size());
  }
  std::string text;
  for (const MemoryRegion& region : target.regions) {
    if (!text.empty()) text += '\n';
    text += fmt::format("{}{:<{}}  {}  {:<{}}  {}", indent, region.name, name_width,
                        format_range(region.base, region.size), format_size(region.size),
                        size_width, access_name(region.access));
  }
  return text;
}

}  // namespace mcusim
