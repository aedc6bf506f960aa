#include "sim/memory/set_associative_cache.hpp"

#include <bit>

namespace mcusim {

SetAssociativeCache::SetAssociativeCache(std::uint32_t lines, std::uint32_t ways,
                                         std::uint32_t line_bytes)
    : line_bytes_(line_bytes),
      ways_(ways),
      sets_(lines / ways),
      line_shift_(static_cast<std::uint32_t>(std::countr_zero(line_bytes))),
      ways_of_(static_cast<std::size_t>(lines)) {}

bool SetAssociativeCache::access(std::uint32_t address) noexcept {
  const std::uint32_t line = address >> line_shift_;
  const std::uint32_t set = line % sets_;
  Way* first = &ways_of_[static_cast<std::size_t>(set) * ways_];
  Way* victim = first;
  ++clock_;
  for (Way* way = first; way != first + ways_; ++way) {
    if (way->valid && way->tag == line) {
      way->last_used = clock_;
      return true;
    }
    // Prefer an empty way, else the least recently used one.
    if (!way->valid ? victim->valid : (victim->valid && way->last_used < victim->last_used)) {
      victim = way;
    }
  }
  *victim = Way{line, true, clock_};
  return false;
}

bool SetAssociativeCache::contains(std::uint32_t address) const noexcept {
  const std::uint32_t line = address >> line_shift_;
  const Way* first = &ways_of_[static_cast<std::size_t>(line % sets_) * ways_];
  for (const Way* way = first; way != first + ways_; ++way) {
    if (way->valid && way->tag == line) return true;
  }
  return false;
}

}  // namespace mcusim
