// tests/sim/guest/fault_status_test.cpp — where a fault goes and what it
// records (sim/guest/fault_status.*), against ARMv7-M ARM (DDI 0403E) B1.5.14
// and B3.2.15–B3.2.16, and ARMv6-M ARM (DDI 0419) B1.5.14.
#include "sim/guest/fault_status.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

constexpr int kThread = Nvic::kNoPriority;  // execution priority with nothing active
constexpr std::uint32_t kShcsr = Nvic::kShcsr;

TEST(FaultRoute, Armv6mTakesEveryFaultAsHardFault) {
  const Nvic nvic(CoreModel::CortexM0);
  for (FaultCause cause : {FaultCause::PreciseData, FaultCause::Undefined, FaultCause::Unaligned}) {
    const FaultRoute route = route_fault(nvic, CoreModel::CortexM0, cause, kThread);
    EXPECT_EQ(route.exception, Nvic::kHardFault);
    EXPECT_FALSE(route.escalated);
    EXPECT_FALSE(route.lockup);
  }
}

TEST(FaultRoute, DisabledConfigurableFaultEscalatesToHardFault) {
  const Nvic nvic(CoreModel::CortexM4);  // SHCSR enables nothing at reset
  const FaultRoute route = route_fault(nvic, CoreModel::CortexM4, FaultCause::DivideByZero, kThread);
  EXPECT_EQ(route.exception, Nvic::kHardFault);
  EXPECT_TRUE(route.escalated);
}

TEST(FaultRoute, EnabledConfigurableFaultIsTakenWhenItsPriorityPreempts) {
  Nvic nvic(CoreModel::CortexM4);
  nvic.write(kShcsr, 0x0007'0000u, 0xffff'ffffu);  // MEMFAULTENA, BUSFAULTENA, USGFAULTENA
  EXPECT_EQ(route_fault(nvic, CoreModel::CortexM4, FaultCause::PreciseData, kThread).exception,
            Nvic::kBusFault);
  EXPECT_EQ(route_fault(nvic, CoreModel::CortexM4, FaultCause::InstructionAccess, kThread).exception,
            Nvic::kMemManage);
  EXPECT_EQ(route_fault(nvic, CoreModel::CortexM4, FaultCause::Unaligned, kThread).exception,
            Nvic::kUsageFault);
  // UsageFault at priority 0 cannot preempt execution priority 0 (PRIMASK
  // or a priority-0 handler): escalated.
  const FaultRoute blocked = route_fault(nvic, CoreModel::CortexM4, FaultCause::Unaligned, 0);
  EXPECT_EQ(blocked.exception, Nvic::kHardFault);
  EXPECT_TRUE(blocked.escalated);
  EXPECT_FALSE(blocked.lockup);
}

TEST(FaultRoute, FaultAtHardFaultPriorityLocksUp) {
  const Nvic nvic(CoreModel::CortexM4);
  EXPECT_TRUE(route_fault(nvic, CoreModel::CortexM4, FaultCause::PreciseData, -1).lockup);
  EXPECT_TRUE(route_fault(Nvic(CoreModel::CortexM0), CoreModel::CortexM0, FaultCause::PreciseData, -1)
                  .lockup);
  EXPECT_FALSE(route_fault(nvic, CoreModel::CortexM4, FaultCause::PreciseData, 0).lockup);
}

TEST(FaultStatus, BusFaultRecordsPreciseErrAndBfarAndEscalationSetsForced) {
  Nvic nvic(CoreModel::CortexM4);
  const FaultRoute route = route_fault(nvic, CoreModel::CortexM4, FaultCause::PreciseData, kThread);
  record_fault(nvic, CoreModel::CortexM4, FaultCause::PreciseData, route, 0x1000'0010u);
  EXPECT_EQ(nvic.cfsr, (1u << 9) | kBfarValid);
  EXPECT_EQ(nvic.bfar, 0x1000'0010u);
  EXPECT_EQ(nvic.hfsr, kHfsrForced);
  std::uint32_t value = 0;
  ASSERT_TRUE(nvic.read(Nvic::kCfsr, value));
  EXPECT_EQ(value, (1u << 9) | kBfarValid);
  nvic.write(Nvic::kCfsr, value, 0xffff'ffffu);  // write one to clear
  EXPECT_EQ(nvic.cfsr, 0u);
}

TEST(FaultStatus, UsageFaultBitsSitInTheUpperHalfOfCfsr) {
  EXPECT_EQ(fault_cause_info(FaultCause::Undefined).cfsr_bit, 1u << 16);
  EXPECT_EQ(fault_cause_info(FaultCause::InvalidState).cfsr_bit, 1u << 17);
  EXPECT_EQ(fault_cause_info(FaultCause::InvalidPc).cfsr_bit, 1u << 18);
  EXPECT_EQ(fault_cause_info(FaultCause::NoCoprocessor).cfsr_bit, 1u << 19);
  EXPECT_EQ(fault_cause_info(FaultCause::Unaligned).cfsr_bit, 1u << 24);
  EXPECT_EQ(fault_cause_info(FaultCause::DivideByZero).cfsr_bit, 1u << 25);
  EXPECT_EQ(fault_cause_info(FaultCause::InstructionAccess).cfsr_bit, 1u << 0);
  EXPECT_EQ(fault_cause_info(FaultCause::InstructionBus).cfsr_bit, 1u << 8);
}

TEST(FaultStatus, Armv6mRecordsNothing) {
  Nvic nvic(CoreModel::CortexM0);
  const FaultRoute route = route_fault(nvic, CoreModel::CortexM0, FaultCause::PreciseData, kThread);
  record_fault(nvic, CoreModel::CortexM0, FaultCause::PreciseData, route, 0x1000'0010u);
  EXPECT_EQ(nvic.cfsr, 0u);
  EXPECT_EQ(nvic.hfsr, 0u);
  EXPECT_EQ(nvic.bfar, 0u);
}

}  // namespace
}  // namespace mcusim
