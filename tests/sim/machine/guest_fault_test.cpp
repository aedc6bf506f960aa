// tests/sim/machine/guest_fault_test.cpp — `mcusim exec --guest-faults`:
// faults vectored into the guest's own handlers (tests/guests/faults/
// guest_faults.S), handlers that cannot handle them (fault_handler_trouble.S),
// and the default without the flag.
//
// Fault entry costs the core's exception entry latency
// (sim/machine/machine_exceptions.cpp: 16 M0, DDI 0432C; 15 M0+, DDI 0484C
// §3.6.1; 12 M4) and the faulting instruction costs nothing (it does not
// complete). "clocks" runs from the LDR of SYST_CVR just before the faulting
// instruction (2: DDI 0432C / 0484C / 0439B §3.3, after a NOP on the M4, so
// not pipelined) to the handler's first instruction.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

// One handler invocation: the "name=0x..." lines from "expect_pc" to "stacked_pc".
struct HandledFault {
  std::uint32_t expect_pc = 0, exception = 0, clocks = 0, cfsr = 0, hfsr = 0, mmfar = 0,
                bfar = 0, stacked_pc = 0;
};

std::vector<HandledFault> handled_faults(const std::string& out) {
  std::vector<HandledFault> faults;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto equals = line.find("=0x");
    if (equals == std::string::npos) continue;
    const std::string name = line.substr(0, equals);
    const auto value = static_cast<std::uint32_t>(std::stoul(line.substr(equals + 3), nullptr, 16));
    if (name == "expect_pc") faults.emplace_back();
    if (faults.empty()) continue;
    HandledFault& f = faults.back();
    if (name == "expect_pc") f.expect_pc = value;
    if (name == "exception") f.exception = value;
    if (name == "clocks") f.clocks = value;
    if (name == "cfsr") f.cfsr = value;
    if (name == "hfsr") f.hfsr = value;
    if (name == "mmfar") f.mmfar = value;
    if (name == "bfar") f.bfar = value;
    if (name == "stacked_pc") f.stacked_pc = value;
  }
  return faults;
}

CommandResult exec(const std::string& target, const std::string& guest, bool guest_faults) {
  std::vector<std::string> args{"exec", "--target", target};
  if (guest_faults) args.push_back("--guest-faults");
  args.push_back(guest_elf(guest).string());
  return run_mcusim(args);
}

constexpr std::uint32_t kHardFault = 3, kBusFault = 5, kUsageFault = 6;
// ARMv7-M ARM (DDI 0403E) B3.2.15 / B3.2.16.
constexpr std::uint32_t kPreciseErr = 1u << 9, kBfarValid = 1u << 15, kUnaligned = 1u << 24,
                        kDivByZero = 1u << 25, kForced = 1u << 30;

TEST(GuestFaults, Armv6mFaultsEnterHardFaultWithTheFaultingInstructionStacked) {
  for (const auto& [target, entry] :
       std::vector<std::pair<std::string, std::uint32_t>>{{"generic-m0", 16},
                                                          {"generic-m0plus", 15}}) {
    SCOPED_TRACE(target);
    const auto result = exec(target, "guest_faults_v6m", true);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto faults = handled_faults(result.out);
    ASSERT_EQ(faults.size(), 2u) << "an unmapped read and an unaligned LDR";
    for (const HandledFault& f : faults) {
      EXPECT_EQ(f.exception, kHardFault);
      EXPECT_EQ(f.stacked_pc, f.expect_pc);
      EXPECT_EQ(f.clocks, 2 + entry);  // M0 18, M0+ 17
    }
    EXPECT_NE(result.out.find("done="), std::string::npos) << "the handler returned to main";
  }
}

TEST(GuestFaults, CortexM4FaultsSetTheStatusRegistersAndEscalateWhenDisabled) {
  const auto result = exec("generic-m4", "guest_faults_m4", true);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto faults = handled_faults(result.out);
  ASSERT_EQ(faults.size(), 4u);
  for (const HandledFault& f : faults) {
    EXPECT_EQ(f.stacked_pc, f.expect_pc);
    EXPECT_EQ(f.clocks, 2u + 12u);  // LDR + the M4's entry latency
  }
  // 1: unmapped read, BusFault disabled in SHCSR: HardFault with HFSR.FORCED;
  // the BusFault's own bits are still recorded (B1.5.14), with BFAR.
  EXPECT_EQ(faults[0].exception, kHardFault);
  EXPECT_EQ(faults[0].cfsr, kPreciseErr | kBfarValid);
  EXPECT_EQ(faults[0].hfsr, kForced);
  EXPECT_EQ(faults[0].bfar, 0x1000'0010u);
  EXPECT_EQ(faults[0].mmfar, 0u);
  // 2: write to flash with SHCSR.BUSFAULTENA: BusFault, not forced. The
  // handler cleared CFSR and HFSR after the first fault (write one to clear).
  EXPECT_EQ(faults[1].exception, kBusFault);
  EXPECT_EQ(faults[1].cfsr, kPreciseErr | kBfarValid);
  EXPECT_EQ(faults[1].hfsr, 0u);
  EXPECT_EQ(faults[1].bfar, 0x0008'0000u);
  // 3: UDIV by zero with CCR.DIV_0_TRP and UsageFault enabled: DIVBYZERO.
  EXPECT_EQ(faults[2].exception, kUsageFault);
  EXPECT_EQ(faults[2].cfsr, kDivByZero);
  EXPECT_EQ(faults[2].hfsr, 0u);
  // 4: unaligned LDR with CCR.UNALIGN_TRP, UsageFault disabled: forced HardFault.
  EXPECT_EQ(faults[3].exception, kHardFault);
  EXPECT_EQ(faults[3].cfsr, kUnaligned);
  EXPECT_EQ(faults[3].hfsr, kForced);
}

TEST(GuestFaults, WithoutTheFlagTheFirstFaultEndsTheRun) {
  const auto result = exec("generic-m4", "guest_faults_m4", false);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("guest fault: unmapped read"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("in fault1"), std::string::npos) << result.err;
  EXPECT_EQ(handled_faults(result.out).size(), 1u) << "main printed, no handler ran";
  EXPECT_EQ(result.out.find("exception="), std::string::npos);
}

TEST(GuestFaults, DefaultLoopHandlerIsReportedAsTheFaultItCaught) {
  for (const std::string target : {"generic-m0", "generic-m0plus", "generic-m4"}) {
    SCOPED_TRACE(target);
    const auto result = exec(target, "fault_default_loop", true);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("guest fault: unmapped read: 'ldr r0, [r1]' read 4 bytes at "
                              "0x10000010"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("the guest's HardFault handler at"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("(hardfault_handler) is an infinite loop"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("in bad_read"), std::string::npos) << result.err;
  }
}

TEST(GuestFaults, FaultInsideTheHardFaultHandlerIsALockup) {
  for (const std::string target : {"generic-m0", "generic-m0plus", "generic-m4"}) {
    SCOPED_TRACE(target);
    const auto result = exec(target, "fault_lockup", true);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("guest fault: lockup: unmapped read"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("0x10000020"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("inside the HardFault handler"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("in handler_read"), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace mcusim::test
