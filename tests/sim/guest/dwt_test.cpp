// DWT CYCCNT (ARMv7-M ARM C1.8.8): counts while DEMCR.TRCENA and
// DWT_CTRL.CYCCNTENA are set, readable and writable, 32 bits, wrapping.
#include "sim/guest/dwt.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

TEST(DwtCycleCounter, CountsOnlyWhileTrcenaAndCyccntenaAreBothSet) {
  DwtCycleCounter dwt;
  dwt.write_ctrl(DwtCycleCounter::kCtrlCyccntena, 0);  // TRCENA still clear
  EXPECT_EQ(dwt.read_cyccnt(50), 0u);
  dwt.write_demcr(DwtCycleCounter::kDemcrTrcena, 50);  // counting from cycle 50
  EXPECT_EQ(dwt.read_cyccnt(50), 0u);
  EXPECT_EQ(dwt.read_cyccnt(65), 15u);
  dwt.write_ctrl(0, 70);  // stop at 20
  EXPECT_EQ(dwt.read_cyccnt(1000), 20u);
}

TEST(DwtCycleCounter, WriteSetsTheCounter) {
  DwtCycleCounter dwt;
  dwt.write_demcr(DwtCycleCounter::kDemcrTrcena, 0);
  dwt.write_ctrl(DwtCycleCounter::kCtrlCyccntena, 0);
  dwt.write_cyccnt(100, 30);
  EXPECT_EQ(dwt.read_cyccnt(40), 110u);
}

TEST(DwtCycleCounter, WrapsAtThirtyTwoBits) {
  DwtCycleCounter dwt;
  dwt.write_demcr(DwtCycleCounter::kDemcrTrcena, 0);
  dwt.write_ctrl(DwtCycleCounter::kCtrlCyccntena, 0);
  dwt.write_cyccnt(0xFFFF'FFFFu, 0);
  EXPECT_EQ(dwt.read_cyccnt(2), 1u);
}

TEST(DwtCycleCounter, ControlReportsACycleCounterPresent) {
  DwtCycleCounter dwt;
  dwt.write_ctrl(0xFFFF'FFFFu, 0);
  // NOCYCCNT (bit 25) reads 0: a cycle counter exists; only CYCCNTENA is kept.
  EXPECT_EQ(dwt.read_ctrl(), DwtCycleCounter::kCtrlCyccntena);
}

}  // namespace
}  // namespace mcusim
