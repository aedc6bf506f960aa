// profiler/memory_paint.cpp — see memory_paint.hpp.
#include "profiler/memory_paint.hpp"

#include <algorithm>

namespace mcusim::profiler {
namespace {

// The little-endian word at `offset`; a short tail is padded with the paint's
// own bytes, so it counts as written only where a real byte differs.
bool word_differs(std::span<const std::uint8_t> bytes, std::size_t offset, std::uint32_t paint) noexcept {
  for (std::size_t i = 0; i < 4 && offset + i < bytes.size(); ++i) {
    if (bytes[offset + i] != static_cast<std::uint8_t>(paint >> (8 * i))) return true;
  }
  return false;
}

}  // namespace

std::uint32_t stack_depth_bytes(std::span<const std::uint8_t> stack, std::uint32_t paint) noexcept {
  for (std::size_t offset = 0; offset < stack.size(); offset += 4) {
    if (word_differs(stack, offset, paint)) return static_cast<std::uint32_t>(stack.size() - offset);
  }
  return 0;
}

std::uint32_t arena_used_bytes(std::span<const std::uint8_t> arena, std::uint32_t paint) noexcept {
  std::size_t end = arena.size() & ~std::size_t{3};
  if (end < arena.size()) end += 4;  // the tail word, checked like any other
  while (end > 0) {
    const std::size_t offset = end - 4;
    if (word_differs(arena, offset, paint)) return static_cast<std::uint32_t>(std::min(end, arena.size()));
    end = offset;
  }
  return 0;
}

}  // namespace mcusim::profiler
