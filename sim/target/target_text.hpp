// sim/target/target_text.hpp — how addresses, sizes and memory maps are spelled
// in messages, so every error and report shows them the same way.
#pragma once

#include <cstdint>
#include <string>

#include "sim/target/target.hpp"

namespace mcusim {

// "0x2000_0000"; values past 32 bits keep the grouping: "0x1_0000_0000".
std::string format_address(std::uint64_t address);

// "256 KiB", "1 MiB", or "420 bytes" when not a whole number of KiB.
std::string format_size(std::uint64_t bytes);

// Target-file spelling: "r", "rw", "rx", "rwx" (and "-" for none, "w", "wx", "x").
std::string access_name(const Access& access);

// "0x2000_0000..0x2003_ffff" (inclusive end); `size` must be > 0.
std::string format_range(std::uint64_t base, std::uint64_t size);

// One line per region, aligned, without a trailing newline:
//   "flash  0x0000_0000..0x000f_ffff  1 MiB    rx"
std::string memory_map_text(const Target& target, std::string_view indent = "  ");

}  // namespace mcusim
