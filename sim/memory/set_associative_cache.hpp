// sim/memory/set_associative_cache.hpp — tags only, least-recently-used
// replacement: the common part of the ART's caches, the RP2040 XIP cache and
// the nRF52840 instruction cache. One set is a fully associative cache.
#pragma once

#include <cstdint>
#include <vector>

namespace mcusim {

class SetAssociativeCache {
 public:
  // `lines` in total, `ways` per set (lines % ways == 0), `line_bytes` a power of two.
  SetAssociativeCache(std::uint32_t lines, std::uint32_t ways, std::uint32_t line_bytes);

  // True on a hit. A miss allocates the line, evicting the set's least
  // recently used way. Either way the line becomes the most recently used.
  bool access(std::uint32_t address) noexcept;
  bool contains(std::uint32_t address) const noexcept;

  std::uint32_t line_bytes() const noexcept { return line_bytes_; }
  std::uint32_t sets() const noexcept { return sets_; }

 private:
  struct Way {
    std::uint32_t tag = 0;
    bool valid = false;
    std::uint64_t last_used = 0;
  };
  std::uint32_t line_bytes_, ways_, sets_, line_shift_;
  std::vector<Way> ways_of_;  // sets_ * ways_
  std::uint64_t clock_ = 0;
};

}  // namespace mcusim
