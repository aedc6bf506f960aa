#include "sim/memory/memory_system.hpp"

#include "sim/memory/accelerator_registry.hpp"

namespace mcusim {

RegionFigures region_figures(const Target& target, const MemoryRegion& region) {
  RegionFigures figures;
  figures.wait_states = region.wait_states;
  figures.data_wait_states = region.data_wait_states;
  figures.width_bytes = region.width_bytes;
  figures.bytes_per_cycle = is_armv6m(target.core) ? 2 : 4;
  return figures;
}

MemorySystem::MemorySystem(const Target& target) {
  for (const MemoryRegion& region : target.regions) {
    const bool system_bus_code = !is_armv6m(target.core) && region.access.execute &&
                                 region.base >= kCortexM4SystemBusBase;
    const bool waits = region.wait_states != 0 || region.data_wait_states != 0;
    if (!waits && !region.accelerator && !system_bus_code) continue;
    RegionTiming timing;
    timing.region = &region;
    const RegionFigures figures = region_figures(target, region);
    if (region.accelerator) {
      const AcceleratorModel* model = find_accelerator_model(region.accelerator->model);
      // The loader accepts only registered names.
      timing.accelerator = model->make(*region.accelerator, figures);
    } else {
      timing.accelerator = make_wait_states_only(AcceleratorSpec{}, figures);
    }
    timing.unit_bytes = timing.accelerator->fetch_unit_bytes();
    // Data accesses can stall where they wait, or where the cache they go
    // through can miss (the XIP cache holds data too).
    timing.data_costs = region.data_wait_states != 0 ||
                        (region.accelerator && region.accelerator->model == "xip-cache");
    if (system_bus_code) {
      timing.restart_extra = kSystemBusRefillExtra;
      timing.load_store_extra = kSystemBusLoadStoreExtra;
    }
    regions_.push_back(std::move(timing));
  }
}

std::uint32_t MemorySystem::code_extra(const RegionTiming* timing, const DecodedInsn& insn) noexcept {
  if (timing == nullptr || timing->load_store_extra == 0) return 0;
  return generates_data_address(insn.cls) ? timing->load_store_extra : 0;
}

}  // namespace mcusim
