// Memory timing in the machine: the fetch stream of each block through its
// region's accelerator, and data accesses to regions where they can stall.
// The rules are the models' (sim/memory/); here they are only fed, in program
// order, and their stalls placed on the instructions that suffer them, so a
// CYCCNT read sees exactly the stalls before it.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

namespace mcusim {

void Machine::install_memory_hooks() {
  for (const RegionTiming& timing : memory_system_.regions()) {
    if (!timing.data_costs) continue;
    const MemoryRegion& region = *timing.region;
    core_.add_memory_hook(&on_data_access, this, region.base,
                          static_cast<std::uint32_t>(region.end() - 1), region.access.write);
  }
}

void Machine::charge_fetches(const BlockInfo& block) {
  unit_stalls_.clear();
  fetch_total_ = 0;
  RegionTiming* timing = block.memory;
  if (timing == nullptr) return;
  bool sequential = entered_sequentially_;
  std::uint32_t previous = last_fetch_unit_;
  if (block.fetch_stateless && !block.fetch_units.empty()) {
    // Only the first unit depends on how the block was entered.
    const std::uint32_t first = block.fetch_units.front().address;
    std::uint32_t stall = 0;
    if (!sequential || first != previous) {
      stall = timing->accelerator->fetch(first, sequential && first == previous + timing->unit_bytes);
      if (!sequential) stall += timing->restart_extra;
    }
    first_unit_stall_ = stall;
    fetch_total_ = stall + block.static_stall_total;
    return;
  }
  for (const BlockInfo::FetchUnit& unit : block.fetch_units) {
    std::uint32_t stall = 0;
    // A block that starts inside the unit the previous one ended in finds it
    // already fetched.
    if (!sequential || unit.address != previous) {
      const bool follows = sequential && unit.address == previous + timing->unit_bytes;
      stall = timing->accelerator->fetch(unit.address, follows);
      if (!sequential) stall += timing->restart_extra;
    }
    unit_stalls_.push_back(stall);
    fetch_total_ += stall;
    previous = unit.address;
    sequential = true;
  }
}

std::uint64_t Machine::fetch_stalls_through(std::size_t index) const noexcept {
  if (fetch_total_ == 0) return 0;
  std::uint64_t stalls = 0;
  const auto& units = current_->fetch_units;
  for (std::size_t k = 0; k < units.size() && units[k].first_index <= index; ++k) {
    if (!current_->fetch_stateless) {
      stalls += unit_stalls_[k];
    } else {
      stalls += k == 0 ? first_unit_stall_ : current_->static_unit_stalls[k];
    }
  }
  return stalls;
}

void Machine::on_data_access(uc_struct*, int type, std::uint64_t address, int size,
                             std::int64_t, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;
  const auto at = static_cast<std::uint32_t>(address);
  RegionTiming* timing = m.memory_system_.timing_at(at);
  if (timing == nullptr) return;
  const auto bytes = static_cast<std::uint32_t>(size);
  const std::uint32_t stall = type == UC_MEM_WRITE ? timing->accelerator->write(at, bytes)
                                                   : timing->accelerator->read(at, bytes);
  m.block_dynamic_ += stall;
  timing->data_stall_cycles += stall;
}

}  // namespace mcusim
