// model "prefetch-buffer": the STM32F0 flash interface (RM0091 §3.2.2 "Read
// operations", FLASH_ACR.PRFTBE). The flash array is 32 bits wide (RM0091
// §3.2.1: "organized as 32-bit wide memory cells"); with the prefetch buffer
// on, the interface reads the next word while the core executes the current
// one, so straight-line code hides the wait state; a flow change restarts the
// stream and pays it. A data read of flash (literal pools, const tables,
// weights) waits the data wait states, and the core's one bus (ARM DDI 0432C
// §1.3) fetches nothing meanwhile. RM0091 gives no figure for a prefetch the
// read interrupts; the model charges none (so the buffer never slows code).
#include "sim/memory/accelerator_registry.hpp"

namespace mcusim {
namespace {

class PrefetchBuffer final : public MemoryAccelerator {
 public:
  PrefetchBuffer(const AcceleratorSpec& spec, const RegionFigures& figures)
      : figures_(figures),
        enabled_(spec.prefetch),
        sequential_stall_(figures.prefetched_stall(figures.width_bytes)) {}

  std::uint32_t fetch_unit_bytes() const noexcept override { return figures_.width_bytes; }
  bool stateless() const noexcept override { return true; }

  std::uint32_t fetch(std::uint32_t, bool sequential) noexcept override {
    return enabled_ && sequential ? sequential_stall_ : figures_.wait_states;
  }

  std::uint32_t read(std::uint32_t, std::uint32_t) noexcept override {
    return figures_.data_wait_states;
  }

 private:
  RegionFigures figures_;
  bool enabled_;
  std::uint32_t sequential_stall_;
};

}  // namespace

std::unique_ptr<MemoryAccelerator> make_prefetch_buffer(const AcceleratorSpec& spec,
                                                        const RegionFigures& figures) {
  return std::make_unique<PrefetchBuffer>(spec, figures);
}

}  // namespace mcusim
