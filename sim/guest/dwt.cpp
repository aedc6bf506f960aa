#include "sim/guest/dwt.hpp"

namespace mcusim {

void DwtCycleCounter::settle(std::uint64_t now) noexcept {
  value_at_ = read_cyccnt(now);
  since_ = now;
}

void DwtCycleCounter::write_demcr(std::uint32_t value, std::uint64_t now) noexcept {
  settle(now);
  demcr_ = value;
}

std::uint32_t DwtCycleCounter::read_ctrl() const noexcept {
  // NUMCOMP = 0 and NOCYCCNT (bit 25) = 0: a cycle counter, no comparators.
  return ctrl_ & kCtrlCyccntena;
}

void DwtCycleCounter::write_ctrl(std::uint32_t value, std::uint64_t now) noexcept {
  settle(now);
  ctrl_ = value;
}

std::uint32_t DwtCycleCounter::read_cyccnt(std::uint64_t now) const noexcept {
  if (!counting()) return value_at_;
  // Wraps modulo 2^32 like the 32-bit hardware counter.
  return static_cast<std::uint32_t>(value_at_ + (now - since_));
}

void DwtCycleCounter::write_cyccnt(std::uint32_t value, std::uint64_t now) noexcept {
  value_at_ = value;
  since_ = now;
}

}  // namespace mcusim
