#include "sim/guest/private_peripheral_bus.hpp"

namespace mcusim {
namespace {

// CPUID values from each core's TRM (implementer 0x41 Arm, variant, part, revision):
// Cortex-M0 r0p0 (DDI 0432C §4.2): 0x410CC200; Cortex-M0+ r0p1 (DDI 0484C §2.1):
// 0x410CC601; Cortex-M4 r0p1 (DDI 0439B §4.2): 0x410FC241.
std::uint32_t cpuid_for(CoreModel core) {
  switch (core) {
    case CoreModel::CortexM0: return 0x410C'C200u;
    case CoreModel::CortexM0Plus: return 0x410C'C601u;
    case CoreModel::CortexM4:
    case CoreModel::CortexM4F: return 0x410F'C241u;
  }
  return 0;
}

// Sub-word accesses read or write the addressed bytes of the word.
std::uint32_t extract(std::uint32_t word, std::uint32_t offset, unsigned size) {
  const unsigned shift = (offset & 3u) * 8;
  const std::uint32_t mask = size >= 4 ? 0xffff'ffffu : ((1u << (8 * size)) - 1);
  return (word >> shift) & mask;
}

}  // namespace

PrivatePeripheralBus::PrivatePeripheralBus(CoreModel core, Console& console) noexcept
    : cpuid_(cpuid_for(core)), nvic_(core), itm_(console) {}

std::uint32_t PrivatePeripheralBus::read(std::uint32_t offset, unsigned size, std::uint64_t now) {
  const std::uint32_t word_offset = offset & ~3u;
  std::uint32_t word = 0;
  if (word_offset < kItmStimulusEnd) {
    word = 1;  // FIFOREADY
  } else {
    switch (word_offset) {
      case kDwtCtrl: word = dwt_.read_ctrl(); break;
      case kDwtCyccnt: word = dwt_.read_cyccnt(now); break;
      case kSystCsr: word = systick_.read_csr(now); break;
      case kSystRvr: word = systick_.read_rvr(); break;
      case kSystCvr: word = systick_.read_cvr(now); break;
      case kSystCalib: word = SysTick::read_calib(); break;
      case kCpuid: word = cpuid_; break;
      case kDemcr: word = dwt_.read_demcr(); break;
      default: {
        if (nvic_.read(word_offset, word)) break;
        const auto it = other_registers_.find(word_offset);
        word = it == other_registers_.end() ? 0 : it->second;
      }
    }
  }
  return extract(word, offset, size);
}

bool PrivatePeripheralBus::write(std::uint32_t offset, unsigned size, std::uint32_t value,
                                 std::uint64_t now, std::uint32_t pc) {
  const std::uint32_t word_offset = offset & ~3u;
  if (word_offset < kItmStimulusEnd) {
    return itm_.write_stimulus(word_offset / 4, value, size, now, pc);
  }
  switch (word_offset) {
    case kDwtCtrl: dwt_.write_ctrl(value, now); break;
    case kDwtCyccnt: dwt_.write_cyccnt(value, now); break;
    case kSystCsr: systick_.write_csr(value, now); break;
    case kSystRvr: systick_.write_rvr(value, now); break;
    case kSystCvr: systick_.write_cvr(now); break;
    case kSystCalib:
    case kCpuid: break;  // read-only
    case kDemcr: dwt_.write_demcr(value, now); break;
    default: {
      // Sub-word stores write their byte lanes only.
      const unsigned shift = (offset & 3u) * 8;
      const std::uint32_t lanes = size >= 4 ? 0xffff'ffffu : ((1u << (8 * size)) - 1) << shift;
      if (nvic_.write(word_offset, (value << shift) & lanes, lanes)) break;
      other_registers_[word_offset] = value;
      break;
    }
  }
  return true;
}

}  // namespace mcusim
