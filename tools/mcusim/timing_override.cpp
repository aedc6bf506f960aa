// tools/mcusim/timing_override.cpp — see timing_override.hpp.
#include "tools/mcusim/timing_override.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mcusim::cli {
namespace {

constexpr std::uint32_t kAboveTable = ~0u;

bool has_prefetch(const AcceleratorSpec& spec) { return spec.model == "prefetch-buffer" || spec.model == "art"; }

std::string mhz_text(std::uint64_t hz) { return fmt::format("{:g} MHz", static_cast<double>(hz) / 1e6); }

}  // namespace

std::vector<std::string> timing_override_flags(const TimingOverride& timing) {
  std::vector<std::string> flags;
  if (timing.clock_mhz) flags.push_back(fmt::format("--clock-mhz {:g}", *timing.clock_mhz));
  if (timing.wait_states) flags.push_back(fmt::format("--wait-states {}", *timing.wait_states));
  if (timing.prefetch) flags.push_back(fmt::format("--prefetch {}", *timing.prefetch ? "on" : "off"));
  if (timing.cache) flags.push_back(fmt::format("--cache {}", *timing.cache ? "on" : "off"));
  return flags;
}

void apply_timing(Target& target, const TimingOverride& timing) {
  if (timing.clock_mhz) {
    target.clock_hz = static_cast<std::uint64_t>(std::llround(*timing.clock_mhz * 1e6));
    if (target.max_clock_hz != 0 && target.clock_hz > target.max_clock_hz) {
      throw Error(ErrorKind::Usage,
                  fmt::format("{} is above {}'s maximum clock of {}", mhz_text(target.clock_hz), target.name,
                              mhz_text(target.max_clock_hz)),
                  "a what-if beyond the silicon is not a run of this part (docs/targets.md)");
    }
  }
  bool any_prefetch = false;
  bool any_cache = false;
  for (MemoryRegion& region : target.regions) {
    if (region.kind != RegionKind::Flash) continue;
    const bool data_follows = region.data_wait_states == region.wait_states;
    // The fewest wait states the part's table allows at this clock (none without a table).
    const bool has_table = !region.wait_state_max_hz.empty();
    const std::uint32_t needed = has_table ? region.required_wait_states(target.clock_hz).value_or(kAboveTable) : 0;
    if (needed == kAboveTable) {
      throw Error(ErrorKind::Usage,
                  fmt::format("{} is above the flash latency table of {}'s region '{}' (up to {})",
                              mhz_text(target.clock_hz), target.name, region.name,
                              mhz_text(region.wait_state_max_hz.back())),
                  "no wait-state setting of this part allows that clock (wait_state_max_hz, docs/targets.md)");
    }
    if (timing.wait_states) {
      region.wait_states = *timing.wait_states;
      if (region.wait_states < needed) {
        target.warnings.push_back(fmt::format("{} wait states in region '{}' are below the {} the part's table needs at {}",
                                              region.wait_states, region.name, needed, mhz_text(target.clock_hz)));
      }
    } else if (timing.clock_mhz && has_table) {
      region.wait_states = needed;
    }
    if (data_follows) region.data_wait_states = region.wait_states;

    if (!region.accelerator) continue;
    AcceleratorSpec& spec = *region.accelerator;
    if (timing.prefetch && has_prefetch(spec)) {
      spec.prefetch = *timing.prefetch;
      any_prefetch = true;
    }
    if (timing.cache) {
      if (spec.model == "art") {
        spec.icache = spec.dcache = *timing.cache;
        any_cache = true;
      } else if (spec.model == "instruction-cache") {
        any_cache = true;
        if (!*timing.cache) region.accelerator.reset();  // every fetch pays the region's wait states
      } else if (spec.model == "xip-cache") {
        if (!*timing.cache) {
          throw Error(ErrorKind::Usage,
                      fmt::format("{}'s XIP cache in region '{}' cannot be turned off", target.name, region.name),
                      "without it every fetch reads the QSPI flash, which the simulator does not model");
        }
        any_cache = true;
      }
    }
  }
  // Off on a part without one is what the part does anyway; on is not.
  if (timing.prefetch.value_or(false) && !any_prefetch) {
    throw Error(ErrorKind::Usage, fmt::format("{} has no flash prefetch buffer to turn on", target.name),
                "prefetch applies to targets whose flash has a prefetch-buffer or art accelerator");
  }
  if (timing.cache.value_or(false) && !any_cache) {
    throw Error(ErrorKind::Usage, fmt::format("{} has no flash cache to turn on", target.name),
                "cache applies to targets whose flash has an art, instruction-cache or xip-cache accelerator");
  }
}

TimingSettings timing_settings(const Target& target) {
  TimingSettings settings;
  settings.clock_mhz = static_cast<double>(target.clock_hz) / 1e6;
  if (const MemoryRegion* flash = target.first_of(RegionKind::Flash)) settings.wait_states = flash->wait_states;
  for (const MemoryRegion& region : target.regions) {
    if (region.kind != RegionKind::Flash || !region.accelerator) continue;
    const AcceleratorSpec& spec = *region.accelerator;
    settings.prefetch = settings.prefetch || (has_prefetch(spec) && spec.prefetch);
    if (spec.model == "art") settings.cache = settings.cache || spec.icache || spec.dcache;
    if (spec.model == "instruction-cache" || spec.model == "xip-cache") settings.cache = true;
  }
  return settings;
}

}  // namespace mcusim::cli
