// SysTick per ARMv7-M ARM B3.3: decrement every clock, a clock that finds 0
// reloads from RVR, COUNTFLAG on 1 -> 0, cleared by reading CSR.
#include "sim/guest/systick.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

constexpr std::uint32_t kEnable = SysTick::kEnable | SysTick::kClkSource;

TEST(SysTick, ClockThatFindsZeroReloadsThenCountsDown) {
  SysTick tick;
  tick.write_rvr(9, 0);
  tick.write_cvr(0);           // counter 0
  tick.write_csr(kEnable, 100);
  EXPECT_EQ(tick.read_cvr(100), 0u);  // no clock yet
  EXPECT_EQ(tick.read_cvr(101), 9u);  // first clock finds 0: reload RVR = 9
  EXPECT_EQ(tick.read_cvr(105), 5u);  // 4 more clocks: 9 - 4
  EXPECT_EQ(tick.read_cvr(110), 0u);  // 9 clocks after the reload
  EXPECT_EQ(tick.read_cvr(111), 9u);  // period is RVR + 1 = 10 clocks
  EXPECT_EQ(tick.read_cvr(121), 9u);
}

TEST(SysTick, CountFlagSetOnReachingZeroAndClearedByReadingCsr) {
  SysTick tick;
  tick.write_rvr(9, 0);
  tick.write_cvr(0);
  tick.write_csr(kEnable, 100);
  // The counter reaches 0 (from 1) at cycle 110 = 100 + 1 (reload) + 9.
  EXPECT_EQ(tick.read_csr(109) & SysTick::kCountFlag, 0u);
  EXPECT_EQ(tick.read_csr(110) & SysTick::kCountFlag, SysTick::kCountFlag);
  EXPECT_EQ(tick.read_csr(110) & SysTick::kCountFlag, 0u);  // cleared by the read
  EXPECT_EQ(tick.read_csr(119) & SysTick::kCountFlag, 0u);
  EXPECT_EQ(tick.read_csr(120) & SysTick::kCountFlag, SysTick::kCountFlag);  // next zero at 120
}

TEST(SysTick, WritingCvrClearsCounterAndCountFlag) {
  SysTick tick;
  tick.write_rvr(4, 0);
  tick.write_cvr(0);
  tick.write_csr(kEnable, 0);
  // zero at 0 + 1 + 4 = 5; a CVR write at 7 clears the counter and the flag.
  tick.write_cvr(7);
  EXPECT_EQ(tick.read_cvr(7), 0u);
  EXPECT_EQ(tick.read_csr(7) & SysTick::kCountFlag, 0u);
  EXPECT_EQ(tick.read_cvr(8), 4u);  // reload on the next clock
}

TEST(SysTick, DisabledCounterHoldsItsValue) {
  SysTick tick;
  tick.write_rvr(100, 0);
  tick.write_cvr(0);
  tick.write_csr(kEnable, 0);
  tick.write_csr(0, 11);  // 1 clock reloads to 100, 10 more count it down to 90
  EXPECT_EQ(tick.read_cvr(11), 90u);
  EXPECT_EQ(tick.read_cvr(5000), 90u);
}

TEST(SysTick, ReloadValueIsTwentyFourBits) {
  SysTick tick;
  tick.write_rvr(0xFFFF'FFFFu, 0);
  EXPECT_EQ(tick.read_rvr(), 0x00FF'FFFFu);
}

}  // namespace
}  // namespace mcusim
