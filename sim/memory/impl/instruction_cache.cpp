// model "instruction-cache": a set-associative cache on the instruction path
// only, in front of flash with wait states (nRF52840 NVMC instruction cache,
// NVMC.ICACHECNF). A fetch that hits costs nothing; a miss waits the flash
// wait states. Data reads of flash bypass the cache and wait the data wait
// states. Replacement: least recently used within the set.
#include "sim/memory/accelerator_registry.hpp"
#include "sim/memory/set_associative_cache.hpp"

namespace mcusim {
namespace {

class InstructionCache final : public MemoryAccelerator {
 public:
  InstructionCache(const AcceleratorSpec& spec, const RegionFigures& figures)
      : figures_(figures), cache_(spec.size_bytes / spec.line_bytes, spec.ways, spec.line_bytes) {}

  std::uint32_t fetch_unit_bytes() const noexcept override { return figures_.width_bytes; }

  std::uint32_t fetch(std::uint32_t address, bool) noexcept override {
    return cache_.access(address) ? 0 : figures_.wait_states;
  }
  std::uint32_t read(std::uint32_t, std::uint32_t) noexcept override {
    return figures_.data_wait_states;
  }

 private:
  RegionFigures figures_;
  SetAssociativeCache cache_;
};

}  // namespace

std::unique_ptr<MemoryAccelerator> make_instruction_cache(const AcceleratorSpec& spec,
                                                          const RegionFigures& figures) {
  return std::make_unique<InstructionCache>(spec, figures);
}

}  // namespace mcusim
