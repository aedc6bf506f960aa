// sim/memory/memory_accelerator.hpp — what sits between the core and one
// memory region: wait states and, where the part has one, a prefetch buffer or
// cache. Each model is one file in impl/, registered under the name a target
// file gives in [memory.accelerator] model = "..." (accelerator_registry.hpp).
//
// Models are pure: no Unicorn, no I/O. They answer "how many cycles beyond
// the core's zero-wait-state timing does this access stall?", in the order the
// machine presents the accesses, and keep whatever state (cache contents,
// prefetched line) the answer depends on. docs/timing.md "Memory system"
// states each model's rules.
#pragma once

#include "sim/target/target.hpp"

#include <cstdint>
#include <memory>

namespace mcusim {

// What every model is built from: the region's figures at the target's clock
// and the core that fetches from it.
struct RegionFigures {
  std::uint32_t wait_states = 0;       // instruction fetch
  std::uint32_t data_wait_states = 0;  // data reads and writes
  std::uint32_t width_bytes = 4;       // one read of the memory array
  // Fewest cycles the core needs to execute the instructions of one fetch unit
  // of `b` bytes: b / 2 on ARMv6-M (16-bit instructions, 1 cycle each; a 32-bit
  // BL/MRS takes 4), b / 4 on the M4 (a 32-bit instruction can issue each cycle).
  std::uint32_t bytes_per_cycle = 2;

  std::uint32_t min_cycles(std::uint32_t unit_bytes) const noexcept {
    return unit_bytes / bytes_per_cycle;
  }
  // Stall of a sequential fetch of `unit_bytes` that a prefetcher started when
  // the previous unit arrived: the read takes W + 1 cycles and overlaps the
  // execution of the previous unit's instructions.
  std::uint32_t prefetched_stall(std::uint32_t unit_bytes) const noexcept {
    const std::uint32_t read = wait_states + 1, overlap = min_cycles(unit_bytes);
    return read > overlap ? read - overlap : 0;
  }
};

class MemoryAccelerator {
 public:
  virtual ~MemoryAccelerator() = default;

  // Bytes of one instruction fetch unit (aligned): the machine presents the
  // fetch stream unit by unit.
  virtual std::uint32_t fetch_unit_bytes() const noexcept = 0;
  // Stall cycles to deliver the fetch unit at `address` (aligned to
  // fetch_unit_bytes()). `sequential`: it directly follows the unit fetched
  // before, with no flow change in between (a prefetcher may have it ready).
  virtual std::uint32_t fetch(std::uint32_t address, bool sequential) noexcept = 0;
  // Stall cycles of a data read of `size` bytes at `address`.
  virtual std::uint32_t read(std::uint32_t address, std::uint32_t size) noexcept = 0;
  // True when fetch() depends only on its arguments (no cache state): the
  // machine then computes a block's fetch stalls once, at decode.
  virtual bool stateless() const noexcept { return false; }
  // Stall cycles of a data write (RAM with wait states).
  virtual std::uint32_t write(std::uint32_t /*address*/, std::uint32_t /*size*/) noexcept {
    return 0;
  }
};

}  // namespace mcusim
