// model "xip-cache": execute-in-place from external QSPI flash through a
// set-associative cache, as on the RP2040 (datasheet §2.6.3.1 "XIP cache":
// 16 kB, two-way set-associative, 8-byte lines). Instruction fetches and data
// reads share the cache. A hit costs nothing beyond the core's own timing; a
// miss costs `miss_cycles`, the time the QSPI read of one line takes (the
// target file derives it from its SSI settings). Replacement: least recently
// used within the set (the datasheet does not name the policy; docs/timing.md).
#include "sim/memory/accelerator_registry.hpp"
#include "sim/memory/set_associative_cache.hpp"

namespace mcusim {
namespace {

class XipCache final : public MemoryAccelerator {
 public:
  XipCache(const AcceleratorSpec& spec, const RegionFigures& figures)
      : figures_(figures),
        miss_cycles_(spec.miss_cycles),
        cache_(spec.size_bytes / spec.line_bytes, spec.ways, spec.line_bytes) {}

  std::uint32_t fetch_unit_bytes() const noexcept override { return figures_.width_bytes; }

  std::uint32_t fetch(std::uint32_t address, bool) noexcept override { return lookup(address); }
  std::uint32_t read(std::uint32_t address, std::uint32_t) noexcept override {
    return lookup(address);
  }

 private:
  std::uint32_t lookup(std::uint32_t address) noexcept {
    return cache_.access(address) ? 0 : miss_cycles_;
  }

  RegionFigures figures_;
  std::uint32_t miss_cycles_;
  SetAssociativeCache cache_;
};

}  // namespace

std::unique_ptr<MemoryAccelerator> make_xip_cache(const AcceleratorSpec& spec,
                                                  const RegionFigures& figures) {
  return std::make_unique<XipCache>(spec, figures);
}

}  // namespace mcusim
