#include "sim/guest/systick.hpp"

namespace mcusim {

std::uint32_t SysTick::read_cvr(std::uint64_t now) const noexcept {
  if (!enabled()) return value_at_;
  const std::uint64_t k = now - since_;
  if (k <= value_at_) return static_cast<std::uint32_t>(value_at_ - k);
  if (reload_ == 0) return 0;
  // First reload happens on the clock after the counter reached 0.
  const std::uint64_t after_reload = k - value_at_ - 1;
  return static_cast<std::uint32_t>(reload_ - after_reload % (std::uint64_t{reload_} + 1));
}

bool SysTick::counted_to_zero_in(std::uint64_t after, std::uint64_t now) const noexcept {
  if (!enabled() || now <= after) return false;
  // Cycles at which the counter goes from 1 to 0.
  std::uint64_t first;
  if (value_at_ > 0) {
    first = since_ + value_at_;
  } else if (reload_ > 0) {
    first = since_ + 1 + reload_;
  } else {
    return false;
  }
  if (first > now) return false;
  std::uint64_t last = first;
  if (reload_ > 0) {
    const std::uint64_t period = std::uint64_t{reload_} + 1;
    last = first + (now - first) / period * period;
  }
  return last > after;
}

std::optional<std::uint64_t> SysTick::next_interrupt(std::uint64_t from) const noexcept {
  if (!enabled() || !(control_ & kTickInt)) return std::nullopt;
  std::uint64_t first;
  if (value_at_ > 0) {
    first = since_ + value_at_;
  } else if (reload_ > 0) {
    first = since_ + 1 + reload_;
  } else {
    return std::nullopt;
  }
  if (first >= from) return first;
  if (reload_ == 0) return std::nullopt;  // counted to 0 and stays there
  const std::uint64_t period = std::uint64_t{reload_} + 1;
  return first + (from - first + period - 1) / period * period;
}

void SysTick::settle(std::uint64_t now) noexcept {
  if (counted_to_zero_in(flag_cleared_at_ > since_ ? flag_cleared_at_ : since_, now)) flag_ = true;
  value_at_ = read_cvr(now);
  since_ = now;
}

std::uint32_t SysTick::read_csr(std::uint64_t now) noexcept {
  settle(now);
  const std::uint32_t value = control_ | (flag_ ? kCountFlag : 0u);
  flag_ = false;
  flag_cleared_at_ = now;
  return value;
}

void SysTick::write_csr(std::uint32_t value, std::uint64_t now) noexcept {
  settle(now);
  control_ = value & (kEnable | kTickInt | kClkSource);
}

void SysTick::write_rvr(std::uint32_t value, std::uint64_t now) noexcept {
  settle(now);
  reload_ = value & kMask24;
}

void SysTick::write_cvr(std::uint64_t now) noexcept {
  settle(now);
  value_at_ = 0;
  flag_ = false;
  flag_cleared_at_ = now;
}

}  // namespace mcusim
