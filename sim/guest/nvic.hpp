// sim/guest/nvic.hpp — the NVIC and the exception registers of the SCB: what
// is pending, enabled and active, every exception's priority, and the rules
// that pick the exception the core takes next.
//
// ARMv6-M ARM (DDI 0419) B3.2/B3.4 and ARMv7-M ARM (DDI 0403E) B3.2/B3.4.
// Priorities keep only their implemented top bits: 2 on ARMv6-M (fixed by the
// architecture), 4 on the M4 (the usual vendor choice, e.g. STM32F4). PRIGROUP
// is stored but not applied: every implemented bit is group priority (the
// reset value, PRIGROUP = 0, gives that with 4 bits). The machine owns the
// core side (stacking, IPSR); this class only holds and reads registers.
#pragma once

#include "sim/target/target.hpp"

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>

namespace mcusim {

class Nvic {
 public:
  // Exception numbers (ARMv7-M ARM B1.5.2).
  static constexpr unsigned kNmi = 2, kHardFault = 3, kMemManage = 4, kBusFault = 5,
                            kUsageFault = 6, kSvcall = 11, kPendSv = 14, kSysTick = 15,
                            kFirstIrq = 16;
  static constexpr unsigned kCount = 256;
  static constexpr int kNoPriority = 256;  // execution priority with nothing active

  // SCB/NVIC offsets from the PPB base.
  static constexpr std::uint32_t kIser = 0xE100, kIcer = 0xE180, kIspr = 0xE200, kIcpr = 0xE280,
                                 kIabr = 0xE300, kIpr = 0xE400, kIprEnd = 0xE5F0;
  static constexpr std::uint32_t kIcsr = 0xED04, kVtor = 0xED08, kAircr = 0xED0C, kScr = 0xED10,
                                 kCcr = 0xED14, kShpr1 = 0xED18, kShpr2 = 0xED1C,
                                 kShpr3 = 0xED20, kShcsr = 0xED24, kCfsr = 0xED28,
                                 kHfsr = 0xED2C, kMmfar = 0xED34, kBfar = 0xED38,
                                 kStir = 0xEF00;
  // CCR bits (ARMv7-M ARM B3.2.8).
  static constexpr std::uint32_t kUnalignTrp = 1u << 3, kDiv0Trp = 1u << 4;

  explicit Nvic(CoreModel core) noexcept;

  // Whether `word_offset` is a register of this class; reads fill `value`.
  bool read(std::uint32_t word_offset, std::uint32_t& value) const noexcept;
  // `bits` marks the bits the access wrote (byte lanes of a sub-word store).
  bool write(std::uint32_t word_offset, std::uint32_t value, std::uint32_t bits) noexcept;

  void set_pending(unsigned exception) noexcept;
  void clear_pending(unsigned exception) noexcept { pending_.reset(exception); }
  bool is_pending(unsigned exception) const noexcept { return pending_.test(exception); }
  bool any_pending() const noexcept { return pending_.any(); }
  void activate(unsigned exception) noexcept;
  void deactivate(unsigned exception) noexcept { active_.reset(exception); }
  bool is_active(unsigned exception) const noexcept { return active_.test(exception); }
  bool any_active() const noexcept { return active_.any(); }

  int priority(unsigned exception) const noexcept;
  // ARMv7-M ARM B1.5.4: the highest priority of the active exceptions, boosted
  // by PRIMASK (to 0), BASEPRI and FAULTMASK (to -1).
  int execution_priority(std::uint32_t primask, std::uint32_t basepri,
                         std::uint32_t faultmask) const noexcept;
  // The pending, enabled exception that would preempt at `execution_priority`:
  // the lowest priority value, then the lowest number (B1.5.4).
  std::optional<unsigned> preempting(int execution_priority) const noexcept;
  // Pending and enabled, whatever its priority: what wakes WFI (B1.5.19).
  bool wake_pending() const noexcept;
  // Exceptions whose handler is enabled (IRQ lines by ISER, configurable
  // faults by SHCSR); a disabled fault escalates to HardFault.
  bool enabled(unsigned exception) const noexcept;

  std::uint32_t vtor() const noexcept { return vtor_; }
  std::uint32_t ccr() const noexcept { return ccr_; }
  unsigned irq_lines() const noexcept { return irq_lines_; }
  // Current exception number (IPSR), kept by the machine's entry and return.
  unsigned ipsr = 0;

  // Fault status (ARMv7-M ARM B3.2.15–B3.2.18), set by the machine.
  std::uint32_t cfsr = 0, hfsr = 0, mmfar = 0, bfar = 0;

 private:
  bool armv6m_;
  bool has_vtor_;  // the M0 has none (DDI 0432C §4.1: the table is fixed at 0)
  unsigned irq_lines_;
  std::uint8_t priority_mask_;
  std::bitset<kCount> pending_, active_, enabled_;
  std::array<std::uint8_t, kCount> priority_{};  // as written, implemented bits only
  std::uint32_t vtor_ = 0, aircr_ = 0, scr_ = 0, ccr_ = 0, shcsr_ = 0;
};

}  // namespace mcusim
