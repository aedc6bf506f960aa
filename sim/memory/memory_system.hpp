// sim/memory/memory_system.hpp — the target's memory regions as the timing
// model sees them: for each region that costs anything beyond the core's
// zero-wait-state timing, its accelerator (wait states alone, a prefetch
// buffer, a cache) and the bus rules of the core that reaches it.
//
// Bus rules (docs/timing.md "Memory system"):
//   Cortex-M0/M0+: one AHB-Lite bus for fetches and data (ARM DDI 0432C §1.3,
//     DDI 0484C): the prefetch-buffer model charges the competition.
//   Cortex-M4: I-code and D-code for the code region 0x0000_0000..0x1fff_ffff,
//     the System bus above (ARM DDI 0439B §2.3.1 "Bus interfaces"). Code run
//     from the System bus region pays one cycle more per refill and one more
//     per load/store (its data shares the bus with the fetches); data in SRAM
//     read from code in flash costs nothing extra.
#pragma once

#include "sim/decode/instruction.hpp"
#include "sim/memory/memory_accelerator.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace mcusim {

// ARM DDI 0439B §2.3.1: the code region is fetched over I-code/D-code, the
// rest over the System bus.
inline constexpr std::uint32_t kCortexM4SystemBusBase = 0x2000'0000;
// Model assumption (docs/timing.md): a refill from the System bus waits one
// registered bus stage more than one from I-code; a load/store in code run
// from there takes the bus from the next fetch for one cycle.
inline constexpr std::uint32_t kSystemBusRefillExtra = 1;
inline constexpr std::uint32_t kSystemBusLoadStoreExtra = 1;

struct RegionTiming {
  const MemoryRegion* region = nullptr;
  std::unique_ptr<MemoryAccelerator> accelerator;
  std::uint32_t unit_bytes = 4;   // fetch unit (aligned)
  bool data_costs = false;        // data accesses can stall: the machine hooks them
  std::uint32_t restart_extra = 0;     // per flow change into this region's code
  std::uint32_t load_store_extra = 0;  // per load/store executed from this region's code

  // What the run spent here, for the report's wait-state share.
  std::uint64_t fetch_stall_cycles = 0;
  std::uint64_t data_stall_cycles = 0;
};

class MemorySystem {
 public:
  explicit MemorySystem(const Target& target);
  MemorySystem(const MemorySystem&) = delete;
  MemorySystem& operator=(const MemorySystem&) = delete;

  // The timing of the region holding `address`, or null when it costs nothing
  // beyond the core timing (zero wait states, no accelerator, no bus penalty).
  RegionTiming* timing_at(std::uint32_t address) noexcept {
    for (RegionTiming& timing : regions_) {
      if (timing.region->contains(address)) return &timing;
    }
    return nullptr;
  }
  std::vector<RegionTiming>& regions() noexcept { return regions_; }
  const std::vector<RegionTiming>& regions() const noexcept { return regions_; }
  bool empty() const noexcept { return regions_.empty(); }

  // Static extra cycles of `insn` when it runs from `timing`'s region.
  static std::uint32_t code_extra(const RegionTiming* timing, const DecodedInsn& insn) noexcept;

 private:
  std::vector<RegionTiming> regions_;
};

// The figures the models are built from, for `region` on `target`.
RegionFigures region_figures(const Target& target, const MemoryRegion& region);

}  // namespace mcusim
