#include "sim/guest/nvic.hpp"

namespace mcusim {
namespace {

// W1S/W1C bank registers: 32 lines per word.
bool in_bank(std::uint32_t offset, std::uint32_t base) { return offset - base < 0x20; }

}  // namespace

Nvic::Nvic(CoreModel core) noexcept
    : armv6m_(is_armv6m(core)),
      has_vtor_(core != CoreModel::CortexM0),
      // ARMv6-M: at most 32 external lines (DDI 0419 B3.4.1); the M4: up to
      // 240 (DDI 0439B §6.1), all modelled.
      irq_lines_(armv6m_ ? 32u : 240u),
      // Implemented priority bits: 2 on ARMv6-M (DDI 0419 B3.4.7), 4 modelled on the M4.
      priority_mask_(armv6m_ ? 0xC0 : 0xF0),
      // CCR at reset: ARMv6-M reads STKALIGN and UNALIGN_TRP as one (DDI 0419
      // B3.2.8); Cortex-M4 r0p1 resets with STKALIGN set (DDI 0439B §4.3).
      ccr_(armv6m_ ? 0x208u : 0x200u) {
  // SVCall, PendSV and SysTick have no enable bit; HardFault and NMI neither.
  for (unsigned e : {kNmi, kHardFault, kSvcall, kPendSv, kSysTick}) enabled_.set(e);
}

void Nvic::set_pending(unsigned exception) noexcept {
  if (exception < kCount) pending_.set(exception);
}

void Nvic::activate(unsigned exception) noexcept {
  pending_.reset(exception);
  active_.set(exception);
}

bool Nvic::enabled(unsigned exception) const noexcept {
  if (exception >= kMemManage && exception <= kUsageFault) {
    return !armv6m_ && (shcsr_ >> (16 + exception - kMemManage) & 1u);
  }
  return enabled_.test(exception);
}

int Nvic::priority(unsigned exception) const noexcept {
  if (exception == 1) return -3;  // Reset
  if (exception == kNmi) return -2;
  if (exception == kHardFault) return -1;
  return priority_[exception];
}

int Nvic::execution_priority(std::uint32_t primask, std::uint32_t basepri,
                             std::uint32_t faultmask) const noexcept {
  int running = kNoPriority;
  if (active_.any()) {
    for (unsigned e = 1; e < kFirstIrq + irq_lines_; ++e) {
      if (active_.test(e) && priority(e) < running) running = priority(e);
    }
  }
  basepri &= priority_mask_;
  if (basepri != 0 && static_cast<int>(basepri) < running) running = static_cast<int>(basepri);
  if ((primask & 1u) && running > 0) running = 0;
  if ((faultmask & 1u) && running > -1) running = -1;
  return running;
}

std::optional<unsigned> Nvic::preempting(int execution_priority) const noexcept {
  std::optional<unsigned> best;
  int best_priority = execution_priority;
  for (unsigned e = 1; e < kFirstIrq + irq_lines_; ++e) {
    if (!pending_.test(e) || !enabled(e)) continue;
    if (priority(e) < best_priority) {
      best = e;
      best_priority = priority(e);
    }
  }
  return best;
}

bool Nvic::wake_pending() const noexcept {
  for (unsigned e = 1; e < kFirstIrq + irq_lines_; ++e) {
    if (pending_.test(e) && enabled(e)) return true;
  }
  return false;
}

bool Nvic::read(std::uint32_t offset, std::uint32_t& value) const noexcept {
  const auto bank = [&](std::uint32_t base, const std::bitset<kCount>& bits) {
    const unsigned first = kFirstIrq + (offset - base) * 8;
    value = 0;
    for (unsigned i = 0; i < 32 && first + i < kFirstIrq + irq_lines_; ++i) {
      if (bits.test(first + i)) value |= 1u << i;
    }
  };
  if (in_bank(offset, kIser) || in_bank(offset, kIcer)) {
    bank(in_bank(offset, kIser) ? kIser : kIcer, enabled_);
    return true;
  }
  if (in_bank(offset, kIspr) || in_bank(offset, kIcpr)) {
    bank(in_bank(offset, kIspr) ? kIspr : kIcpr, pending_);
    return true;
  }
  if (in_bank(offset, kIabr)) {
    bank(kIabr, active_);
    return true;
  }
  if (offset >= kIpr && offset < kIprEnd) {
    const unsigned first = kFirstIrq + (offset - kIpr);
    value = 0;
    for (unsigned i = 0; i < 4 && first + i < kCount; ++i) value |= priority_[first + i] << (8 * i);
    return true;
  }
  const auto bytes_of = [&](unsigned first) {
    value = 0;
    for (unsigned i = 0; i < 4; ++i) value |= priority_[first + i] << (8 * i);
  };
  switch (offset) {
    case kIcsr: {
      // VECTACTIVE, VECTPENDING, ISRPENDING, PENDSTSET, PENDSVSET, NMIPENDSET (B3.2.4).
      const auto next = preempting(kNoPriority);
      bool irq_pending = false;
      for (unsigned e = kFirstIrq; e < kFirstIrq + irq_lines_; ++e) irq_pending |= pending_.test(e);
      value = ipsr | (next ? *next : 0u) << 12 | (irq_pending ? 1u << 22 : 0u) |
              (pending_.test(kSysTick) ? 1u << 26 : 0u) | (pending_.test(kPendSv) ? 1u << 28 : 0u) |
              (pending_.test(kNmi) ? 1u << 31 : 0u);
      return true;
    }
    case kVtor: value = vtor_; return true;
    case kAircr: value = 0xFA05'0000u | (aircr_ & 0x700u); return true;  // VECTKEYSTAT
    case kScr: value = scr_; return true;
    case kCcr: value = ccr_; return true;
    case kShpr1: bytes_of(4); if (armv6m_) value = 0; return true;
    case kShpr2: bytes_of(8); return true;
    case kShpr3: bytes_of(12); return true;
    case kShcsr: value = shcsr_; return true;
    case kCfsr: value = cfsr; return true;
    case kHfsr: value = hfsr; return true;
    case kMmfar: value = mmfar; return true;
    case kBfar: value = bfar; return true;
    case kStir: value = 0; return true;
    default: return false;
  }
}

bool Nvic::write(std::uint32_t offset, std::uint32_t value, std::uint32_t bits) noexcept {
  const auto bank = [&](std::uint32_t base, std::bitset<kCount>& target, bool set) {
    const unsigned first = kFirstIrq + (offset - base) * 8;
    const std::uint32_t ones = value & bits;
    for (unsigned i = 0; i < 32 && first + i < kFirstIrq + irq_lines_; ++i) {
      if (ones >> i & 1u) target.set(first + i, set);
    }
  };
  const auto priorities = [&](unsigned first, unsigned lowest_byte) {
    for (unsigned i = lowest_byte; i < 4; ++i) {
      if ((bits >> (8 * i) & 0xffu) == 0) continue;
      priority_[first + i] = static_cast<std::uint8_t>(value >> (8 * i)) & priority_mask_;
    }
  };
  if (in_bank(offset, kIser)) { bank(kIser, enabled_, true); return true; }
  if (in_bank(offset, kIcer)) { bank(kIcer, enabled_, false); return true; }
  if (in_bank(offset, kIspr)) { bank(kIspr, pending_, true); return true; }
  if (in_bank(offset, kIcpr)) { bank(kIcpr, pending_, false); return true; }
  if (in_bank(offset, kIabr)) return true;  // read-only
  if (offset >= kIpr && offset < kIprEnd) {
    if (kFirstIrq + (offset - kIpr) < kCount) priorities(kFirstIrq + (offset - kIpr), 0);
    return true;
  }
  switch (offset) {
    case kIcsr:
      if (value & 1u << 31) pending_.set(kNmi);
      if (value & 1u << 28) pending_.set(kPendSv);
      if (value & 1u << 27) pending_.reset(kPendSv);
      if (value & 1u << 26) pending_.set(kSysTick);
      if (value & 1u << 25) pending_.reset(kSysTick);
      return true;
    case kVtor:
      // TBLOFF is bits [31:7] (B3.2.5).
      if (has_vtor_) vtor_ = value & 0xFFFF'FF80u;
      return true;
    case kAircr:
      if ((value >> 16) == 0x05FA) aircr_ = value & 0x700u;  // writes need VECTKEY
      return true;
    case kScr: scr_ = value & 0x16u; return true;
    case kCcr:
      // ARMv6-M: read-only. M4: NONBASETHRDENA, USERSETMPEND, UNALIGN_TRP,
      // DIV_0_TRP, BFHFNMIGN, STKALIGN are writable (B3.2.8).
      if (!armv6m_) ccr_ = (ccr_ & ~0x31Bu) | (value & 0x31Bu);
      return true;
    case kShpr1: if (!armv6m_) priorities(4, 0); return true;
    case kShpr2: priorities(8, 3); return true;                // SVCall only
    case kShpr3: priorities(12, armv6m_ ? 2 : 0); return true;  // PendSV, SysTick
    case kShcsr: if (!armv6m_) shcsr_ = value & 0x0007'0000u; return true;
    case kCfsr: cfsr &= ~value; return true;  // write one to clear
    case kHfsr: hfsr &= ~value; return true;
    case kMmfar: mmfar = value; return true;
    case kBfar: bfar = value; return true;
    case kStir:
      if (!armv6m_ && (value & 0x1ffu) < irq_lines_) pending_.set(kFirstIrq + (value & 0x1ffu));
      return true;
    default: return false;
  }
}

}  // namespace mcusim
