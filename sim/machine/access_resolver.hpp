// sim/machine/access_resolver.hpp — which instruction of a block made a data
// access, when the core does not say.
//
// Unicorn 2.0.1 leaves the PC at the block start inside memory callbacks, so
// without a per-instruction hook a peripheral read cannot tell which
// instruction it is serving. The registers, however, are exact (TCG syncs
// them before a memory operation). This resolver finds the instruction from
// the block's code and the current registers, and answers only when it is
// certain; the machine falls back to a precise re-run otherwise.
#pragma once

#include "sim/machine/block_cache.hpp"
#include "sim/machine/guest_memory.hpp"

#include <cstdint>
#include <functional>
#include <optional>

namespace mcusim {

struct DataAccess {
  std::uint32_t address = 0;
  unsigned size = 0;  // bytes
  bool is_write = false;
};

// Index of the instruction in `block` (after index `after`; -1 for none) that
// made `access`, or nullopt if the code and the registers do not single one out.
// `register_now(r)` reads core register r at the moment of the access.
std::optional<std::size_t> find_accessing_instruction(
    const BlockInfo& block, std::int32_t after, const DataAccess& access,
    const std::function<std::uint32_t(unsigned)>& register_now, const GuestMemory& memory);

}  // namespace mcusim
