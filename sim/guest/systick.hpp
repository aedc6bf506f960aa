// sim/guest/systick.hpp — the SysTick timer, counting processor clocks.
//
// ARMv7-M ARM (DDI 0403E) B3.3 / ARMv6-M ARM (DDI 0419) B3.3: a 24-bit down
// counter. On each clock it decrements; a clock that finds it at 0 reloads it
// from SYST_RVR. COUNTFLAG (SYST_CSR bit 16) is set when it counts from 1 to 0
// and cleared by a read of SYST_CSR or any write to SYST_CVR; a CVR write also
// clears the counter. Evaluated lazily from the cycle count, so a read returns
// the exact value at the reading instruction. Both CLKSOURCE settings count
// processor clocks here (no separate reference clock is modelled). The
// interrupt (TICKINT) pends SysTick in the NVIC; the machine takes it.
#pragma once

#include <cstdint>
#include <optional>

namespace mcusim {

class SysTick {
 public:
  static constexpr std::uint32_t kEnable = 1u << 0;
  static constexpr std::uint32_t kTickInt = 1u << 1;
  static constexpr std::uint32_t kClkSource = 1u << 2;
  static constexpr std::uint32_t kCountFlag = 1u << 16;
  static constexpr std::uint32_t kMask24 = 0x00ff'ffffu;

  std::uint32_t read_csr(std::uint64_t now) noexcept;  // clears COUNTFLAG
  void write_csr(std::uint32_t value, std::uint64_t now) noexcept;
  std::uint32_t read_rvr() const noexcept { return reload_; }
  void write_rvr(std::uint32_t value, std::uint64_t now) noexcept;
  std::uint32_t read_cvr(std::uint64_t now) const noexcept;
  void write_cvr(std::uint64_t now) noexcept;
  // SYST_CALIB: NOREF = 1, SKEW = 1, TENMS = 0 (no reference clock modelled).
  static constexpr std::uint32_t read_calib() noexcept { return 0xC000'0000u; }
  // With ENABLE and TICKINT set: the first cycle at or after `from` at which
  // the counter goes from 1 to 0 and so pends the SysTick exception.
  std::optional<std::uint64_t> next_interrupt(std::uint64_t from) const noexcept;

 private:
  bool enabled() const noexcept { return control_ & kEnable; }
  // Cycle of the most recent count to zero at or before `now`, if any since `since_`.
  bool counted_to_zero_in(std::uint64_t after, std::uint64_t now) const noexcept;
  void settle(std::uint64_t now) noexcept;

  std::uint32_t control_ = 0;  // ENABLE, TICKINT, CLKSOURCE
  std::uint32_t reload_ = 0;
  std::uint32_t value_at_ = 0;  // counter value at cycle since_
  std::uint64_t since_ = 0;
  std::uint64_t flag_cleared_at_ = 0;
  bool flag_ = false;  // COUNTFLAG latched before since_
};

}  // namespace mcusim
