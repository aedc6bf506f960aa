// sim/target/power_figures.hpp — a target's power figures ([power] in the
// target file): supply voltage, run current (a part proportional to the clock
// and a fixed part, from flash and optionally from RAM), sleep current, and
// the optional refinements of the literature's energy models (weights per
// instruction class, an energy per flash access). power_fields.hpp reads them
// from the file; profiler/energy.hpp turns them into energy (E = V × I(f) × t,
// TIMING-FACTS.md "Power"). docs/targets.md and docs/energy.md describe the keys.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mcusim {

// Current as datasheets give it: I(f) = fixed_ua + ua_per_mhz × f / 1 MHz
// (e.g. SAMD21: about 62 µA/MHz × f + 228 µA, TIMING-FACTS.md "Power").
struct CurrentFigure {
  double ua_per_mhz = 0;
  double fixed_ua = 0;

  double at(std::uint64_t clock_hz) const noexcept {
    return fixed_ua + ua_per_mhz * static_cast<double>(clock_hz) / 1e6;
  }
};

// The instruction classes a weight may be given for, in this order
// (issue #8's classes: ALU, multiply/DSP, divide, load, store, branch, other).
inline constexpr std::array<std::string_view, 7> kPowerClassNames{
    "alu", "multiply", "divide", "load", "store", "branch", "other"};
using PowerClassWeights = std::array<double, kPowerClassNames.size()>;

struct PowerFigures {
  double supply_v = 0;                        // supply_v
  CurrentFigure run;                          // run_ua_per_mhz, run_ua: code running from flash
  std::optional<CurrentFigure> run_from_ram;  // run_from_ram_ua_per_mhz, run_from_ram_ua
  std::optional<CurrentFigure> sleep;         // sleep_ua_per_mhz, sleep_ua: core in WFI, clocks on
  // Between inferences of a duty-cycled device (the part's stop mode with a
  // wake-up timer): deep_sleep_ua. Absent: the duty cycle uses `sleep`.
  std::optional<double> deep_sleep_ua;
  // Relative current per instruction class, 1 = the datasheet's run current
  // ([power.class_weights]); absent: every class at the run current.
  std::optional<PowerClassWeights> class_weights;
  std::optional<double> flash_access_pj;  // energy of one flash read, on top of the run current
  std::string source;                     // datasheet and table the figures come from
};

}  // namespace mcusim
