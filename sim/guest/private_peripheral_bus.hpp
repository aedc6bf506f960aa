// sim/guest/private_peripheral_bus.hpp — the PPB, 0xE000_0000..0xE00F_FFFF:
// ITM, DWT cycle counter, SysTick, CPUID, DEMCR, and the NVIC and SCB
// exception registers (sim/guest/nvic.hpp).
//
// Registers not modelled here read back what was last written (0 at reset)
// and are listed by name in docs/guest-conventions.md.
#pragma once

#include "sim/guest/dwt.hpp"
#include "sim/guest/itm.hpp"
#include "sim/guest/nvic.hpp"
#include "sim/guest/systick.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <map>

namespace mcusim {

class PrivatePeripheralBus {
 public:
  static constexpr std::uint32_t kBase = 0xE000'0000u;
  static constexpr std::uint32_t kSize = 0x0010'0000u;

  // Offsets from kBase.
  static constexpr std::uint32_t kItmStimulus = 0x0000, kItmStimulusEnd = 0x0080;
  static constexpr std::uint32_t kDwtCtrl = 0x1000, kDwtCyccnt = 0x1004;
  static constexpr std::uint32_t kSystCsr = 0xE010, kSystRvr = 0xE014, kSystCvr = 0xE018,
                                 kSystCalib = 0xE01C;
  static constexpr std::uint32_t kCpuid = 0xED00;
  static constexpr std::uint32_t kDemcr = 0xEDFC;

  PrivatePeripheralBus(CoreModel core, Console& console) noexcept;

  // Returns false when the access overflowed a cap (console or marker store).
  std::uint32_t read(std::uint32_t offset, unsigned size, std::uint64_t now);
  bool write(std::uint32_t offset, unsigned size, std::uint32_t value, std::uint64_t now,
             std::uint32_t pc);

  const Itm& itm() const noexcept { return itm_; }
  Nvic& nvic() noexcept { return nvic_; }
  const Nvic& nvic() const noexcept { return nvic_; }
  const SysTick& systick() const noexcept { return systick_; }
  static bool is_systick(std::uint32_t offset) noexcept {
    return offset >= kSystCsr && offset < kSystCalib;
  }

 private:
  std::uint32_t cpuid_;
  DwtCycleCounter dwt_;
  SysTick systick_;
  Nvic nvic_;
  Itm itm_;
  std::map<std::uint32_t, std::uint32_t> other_registers_;
};

}  // namespace mcusim
