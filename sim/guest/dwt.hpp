// sim/guest/dwt.hpp — DWT cycle counter (CYCCNT) and its enables.
//
// ARMv7-M ARM (DDI 0403E) C1.8: CYCCNT counts processor clock cycles while
// DEMCR.TRCENA (bit 24) and DWT_CTRL.CYCCNTENA (bit 0) are both set; it is
// readable and writable. ARMv6-M has no CYCCNT: on M0/M0+ mcusim provides the
// same registers as a documented extension so timing code runs unchanged.
#pragma once

#include <cstdint>

namespace mcusim {

class DwtCycleCounter {
 public:
  static constexpr std::uint32_t kDemcrTrcena = 1u << 24;
  static constexpr std::uint32_t kCtrlCyccntena = 1u << 0;

  std::uint32_t read_demcr() const noexcept { return demcr_; }
  void write_demcr(std::uint32_t value, std::uint64_t now) noexcept;
  std::uint32_t read_ctrl() const noexcept;
  void write_ctrl(std::uint32_t value, std::uint64_t now) noexcept;
  std::uint32_t read_cyccnt(std::uint64_t now) const noexcept;
  void write_cyccnt(std::uint32_t value, std::uint64_t now) noexcept;

 private:
  bool counting() const noexcept {
    return (demcr_ & kDemcrTrcena) && (ctrl_ & kCtrlCyccntena);
  }
  // Freeze or restart the counter around an enable change at `now`.
  void settle(std::uint64_t now) noexcept;

  std::uint32_t demcr_ = 0;
  std::uint32_t ctrl_ = 0;
  std::uint32_t value_at_ = 0;     // CYCCNT at cycle `since_`
  std::uint64_t since_ = 0;        // when counting (re)started
};

}  // namespace mcusim
