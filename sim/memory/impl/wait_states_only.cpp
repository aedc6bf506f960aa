// model "none": the memory array behind the bus with nothing in front of it.
// Every fetch unit (one read of the array, width_bytes wide) and every data
// access waits the region's wait states: the core stalls W cycles for each.
#include "sim/memory/accelerator_registry.hpp"

namespace mcusim {
namespace {

class WaitStatesOnly final : public MemoryAccelerator {
 public:
  explicit WaitStatesOnly(const RegionFigures& figures) : figures_(figures) {}

  std::uint32_t fetch_unit_bytes() const noexcept override { return figures_.width_bytes; }
  bool stateless() const noexcept override { return true; }
  std::uint32_t fetch(std::uint32_t, bool) noexcept override { return figures_.wait_states; }
  std::uint32_t read(std::uint32_t, std::uint32_t) noexcept override {
    return figures_.data_wait_states;
  }
  std::uint32_t write(std::uint32_t, std::uint32_t) noexcept override {
    return figures_.data_wait_states;
  }

 private:
  RegionFigures figures_;
};

}  // namespace

std::unique_ptr<MemoryAccelerator> make_wait_states_only(const AcceleratorSpec&,
                                                         const RegionFigures& figures) {
  return std::make_unique<WaitStatesOnly>(figures);
}

}  // namespace mcusim
