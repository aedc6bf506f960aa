// model "art": ST's Adaptive Real-Time memory accelerator in front of the
// STM32F4/L4 flash (RM0090 §3.5.2 "Adaptive real-time memory accelerator",
// RM0383 §3.4.2 (F411), RM0432 §3.3.3 (L4R5)): the flash is read in 128-bit
// lines; prefetch of the next sequential line (PRFTEN), 64 instruction-cache
// lines (ICEN) and 8 data-cache lines (DCEN) of 128 bits each.
//   fetch: I-cache hit 0; otherwise a sequential line the prefetch already
//          started costs what its W + 1 cycle read does not overlap with the
//          previous line's execution; any other line costs W.
//   read:  D-cache hit 0, otherwise the data wait states.
// The reference manuals do not give the placement or replacement policy: the
// model takes both caches fully associative with least-recently-used
// replacement (docs/timing.md).
#include "sim/memory/accelerator_registry.hpp"
#include "sim/memory/set_associative_cache.hpp"

namespace mcusim {
namespace {

class ArtAccelerator final : public MemoryAccelerator {
 public:
  ArtAccelerator(const AcceleratorSpec& spec, const RegionFigures& figures)
      : figures_(figures),
        spec_(spec),
        line_bytes_(spec.line_bytes),
        icache_(spec.icache_lines, spec.icache_lines, spec.line_bytes),
        dcache_(spec.dcache_lines, spec.dcache_lines, spec.line_bytes),
        sequential_stall_(figures.prefetched_stall(spec.line_bytes)) {}

  std::uint32_t fetch_unit_bytes() const noexcept override { return line_bytes_; }

  std::uint32_t fetch(std::uint32_t address, bool sequential) noexcept override {
    if (spec_.icache && icache_.access(address)) return 0;
    return spec_.prefetch && sequential ? sequential_stall_ : figures_.wait_states;
  }

  std::uint32_t read(std::uint32_t address, std::uint32_t) noexcept override {
    if (spec_.dcache && dcache_.access(address)) return 0;
    return figures_.data_wait_states;
  }

 private:
  RegionFigures figures_;
  AcceleratorSpec spec_;
  std::uint32_t line_bytes_;
  SetAssociativeCache icache_, dcache_;
  std::uint32_t sequential_stall_;
};

}  // namespace

std::unique_ptr<MemoryAccelerator> make_art_accelerator(const AcceleratorSpec& spec,
                                                        const RegionFigures& figures) {
  return std::make_unique<ArtAccelerator>(spec, figures);
}

}  // namespace mcusim
