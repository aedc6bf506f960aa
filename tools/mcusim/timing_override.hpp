// tools/mcusim/timing_override.hpp — timing parameters put on a loaded
// target: the core clock, the flash wait states, the prefetch buffer and the
// caches, from a sweep point or from `run --clock-mhz 24 --wait-states 1`.
// None of them changes the firmware (the core and the memory map do), which
// is why sweep points differing only here share one build.
#pragma once

#include "sim/target/target.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::cli {

struct TimingOverride {
  std::optional<double> clock_mhz;
  std::optional<std::uint32_t> wait_states;  // every flash region's
  std::optional<bool> prefetch;
  std::optional<bool> cache;

  bool empty() const noexcept { return !clock_mhz && !wait_states && !prefetch && !cache; }
};

// Applies `timing` to `target` as if its file said so:
//  - clock: above max_clock_hz is refused. A flash region with a latency table
//    (wait_state_max_hz) follows the table at the new clock unless
//    wait_states is set too, as a file without `wait_states` would.
//  - wait_states: every flash region's, data accesses included; below what the
//    table needs at the clock adds a warning to target.warnings (the loader's).
//  - prefetch: the prefetch-buffer's PRFTBE / ART's PRFTEN.
//  - cache: ART's instruction and data caches; an instruction cache off
//    leaves its region's wait states on every fetch. An XIP cache cannot be
//    turned off (every fetch would go to the QSPI flash, which is not modelled).
// Throws mcusim::Error (Usage) when the part cannot take them (a clock above its
// maximum or its flash table, prefetch on a part without a prefetch buffer,
// cache on a part without a cache): the sweep records the point as an error.
void apply_timing(Target& target, const TimingOverride& timing);

// The flags that give `timing` ("--clock-mhz 24", "--prefetch off"), in
// that order, for reports and headers.
std::vector<std::string> timing_override_flags(const TimingOverride& timing);

// The target's effective settings, for a point's params.
struct TimingSettings {
  double clock_mhz = 0;
  std::uint32_t wait_states = 0;  // the first flash region's
  bool prefetch = false;          // a prefetch buffer that is on
  bool cache = false;             // an instruction or data cache that is on
};
TimingSettings timing_settings(const Target& target);

}  // namespace mcusim::cli
