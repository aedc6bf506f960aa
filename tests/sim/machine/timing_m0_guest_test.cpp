// tests/sim/machine/timing_m0_guest_test.cpp — end-to-end Cortex-M0 timing:
// runs tests/guests/timing/timing_v6m.S built for cortex-m0 on generic-m0 and
// checks every measured sequence against a count derived by hand from
// ARM DDI 0432C §3.3 (the model's M0 rules, docs/timing-guests.md).
//
// Each case is the cycles between two loads of DWT->CYCCNT. A CYCCNT load
// returns the cycles of all instructions completed before it, so a case
// counts the LDR that opens the window (2: "LDR any addressing mode") plus the
// sequence; the closing LDR is not counted. The generic targets have
// zero-wait-state memory and the fast (1-cycle) multiplier.
//
// The expected values are literals worked out from the rules, never taken
// from the simulator's output.
#include "tests/support/timing_guest.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace mcusim::test {
namespace {

class TimingM0Guest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = std::make_unique<TimingGuestRun>("generic-m0", "timing_m0"); }
  static void TearDownTestSuite() { run_.reset(); }
  static std::uint32_t cycles(const std::string& name) { return run_->cycles(name); }

  static inline std::unique_ptr<TimingGuestRun> run_;
};

TEST_F(TimingM0Guest, RunsToCompletionAndPrintsEveryCase) {
  EXPECT_EQ(run_->result().exit_code, 0) << run_->result().err;
  const std::set<std::string> expected{
      "empty",   "alu_run", "nop_run",   "muls",       "ldr_modes", "str_modes", "ldm1",
      "ldm4",    "stm4",    "push_pop1", "push_pop4",  "b_forward", "bcc_taken", "bcc_not_taken",
      "loop_10", "bl_bx",   "blx_bx",    "bx_reg",     "mov_pc",    "add_pc",    "pop_pc1",
      "pop_pc2", "mrs_msr", "barriers",  "semihosting"};
  const std::set<std::string> seen = run_->case_names();
  for (const auto& name : expected) EXPECT_TRUE(seen.count(name)) << "missing case " << name;
}

TEST_F(TimingM0Guest, CycleCounterLoadCostsTwo) {
  EXPECT_EQ(cycles("empty"), 2u);  // LDR r7,[r6] = 2 (§3.3 LDR); nothing else
}

TEST_F(TimingM0Guest, DataProcessingCostsOne) {
  EXPECT_EQ(cycles("alu_run"), 10u);  // 2 (window LDR) + 8 ALU × 1 (§3.3 data processing)
  EXPECT_EQ(cycles("nop_run"), 6u);   // 2 + 4 NOP × 1
}

TEST_F(TimingM0Guest, MulsCostsOneWithFastMultiplier) {
  EXPECT_EQ(cycles("muls"), 6u);  // 2 + 4 MULS × 1 (§3.3, fast multiplier option)
}

TEST_F(TimingM0Guest, LoadsAndStoresCostTwoInEveryAddressingMode) {
  // 2 + 9 loads × 2: [Rn], [Rn,#imm], [Rn,Rm], LDRB, LDRH, LDRSB, LDRSH, [SP,#imm],
  // literal (§3.3: LDR/LDRB/LDRH/LDRSB/LDRSH any addressing mode = 2)
  EXPECT_EQ(cycles("ldr_modes"), 20u);
  // 2 + 6 stores × 2: STR [Rn], [Rn,#imm], [Rn,Rm], STRB, STRH, [SP,#imm] (§3.3 = 2)
  EXPECT_EQ(cycles("str_modes"), 14u);
}

TEST_F(TimingM0Guest, MultipleLoadStoreCostsOnePlusN) {
  EXPECT_EQ(cycles("ldm1"), 4u);        // 2 + LDM {r0}: 1 + 1
  EXPECT_EQ(cycles("ldm4"), 7u);        // 2 + LDM {r0-r3}: 1 + 4
  EXPECT_EQ(cycles("stm4"), 7u);        // 2 + STM {r0-r3}: 1 + 4
  EXPECT_EQ(cycles("push_pop1"), 6u);   // 2 + PUSH {r0} (1+1) + POP {r0} (1+1)
  EXPECT_EQ(cycles("push_pop4"), 12u);  // 2 + PUSH {r0-r3} (1+4) + POP {r0-r3} (1+4)
}

TEST_F(TimingM0Guest, UnconditionalBranchCostsThree) {
  EXPECT_EQ(cycles("b_forward"), 5u);  // 2 + B 3 (§3.3); the NOP it jumps over never runs
}

TEST_F(TimingM0Guest, ConditionalBranchCostsThreeTakenOneNot) {
  EXPECT_EQ(cycles("bcc_taken"), 6u);      // 2 + CMP 1 + BEQ taken 3
  EXPECT_EQ(cycles("bcc_not_taken"), 5u);  // 2 + CMP 1 + BNE not taken 1 + NOP 1
}

TEST_F(TimingM0Guest, CountedLoopOfTenIterations) {
  // 2 + MOVS 1 + 10 × SUBS 1 + 9 × BNE taken 3 + 1 × BNE not taken 1 = 2 + 1 + 10 + 27 + 1
  EXPECT_EQ(cycles("loop_10"), 41u);
}

TEST_F(TimingM0Guest, CallAndReturnCosts) {
  EXPECT_EQ(cycles("bl_bx"), 9u);   // 2 + BL 4 + BX LR 3 (§3.3)
  EXPECT_EQ(cycles("blx_bx"), 8u);  // 2 + BLX r3 3 + BX LR 3
  EXPECT_EQ(cycles("bx_reg"), 5u);  // 2 + BX r3 3
}

TEST_F(TimingM0Guest, WritingPcWithMovOrAddCostsThree) {
  EXPECT_EQ(cycles("mov_pc"), 5u);  // 2 + MOV PC,r3 3 (§3.3 ADD/MOV PC)
  EXPECT_EQ(cycles("add_pc"), 5u);  // 2 + ADD PC,r3 3
}

TEST_F(TimingM0Guest, PopWithPcCostsFourPlusN) {
  // 2 + BL 4 + PUSH {lr} (1+1) + POP {pc} (4+1, N counts PC)
  EXPECT_EQ(cycles("pop_pc1"), 13u);
  // 2 + BL 4 + PUSH {r4,lr} (1+2) + POP {r4,pc} (4+2)
  EXPECT_EQ(cycles("pop_pc2"), 15u);
}

TEST_F(TimingM0Guest, SystemRegisterAccessCostsFour) {
  EXPECT_EQ(cycles("mrs_msr"), 10u);  // 2 + MRS 4 + MSR 4 (§3.3)
}

TEST_F(TimingM0Guest, BarriersCostFour) {
  EXPECT_EQ(cycles("barriers"), 14u);  // 2 + DMB 4 + DSB 4 + ISB 4 (§3.3)
}

TEST_F(TimingM0Guest, SemihostingCallCostsNothing) {
  // 2 + MOVS 1 + BKPT 0xAB 0 (core halted in Debug state while the host serves it)
  EXPECT_EQ(cycles("semihosting"), 3u);
}

}  // namespace
}  // namespace mcusim::test
