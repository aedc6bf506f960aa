// profiler/flash_breakdown_summary.hpp — the flash breakdown as a few lines
// of text for `mcusim run --profile`'s terminal summary: the parts, then the
// largest functions and object files.
#pragma once

#include "profiler/flash_breakdown.hpp"

#include <cstddef>
#include <string>

namespace mcusim::profiler {

// Lines indented by two spaces, each ending in '\n'; `top` functions and
// `top` objects (the rest summed into one "… others" line).
std::string flash_breakdown_summary(const FlashBreakdown& breakdown, std::size_t top = 5);

}  // namespace mcusim::profiler
