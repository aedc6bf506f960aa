// tests/sim/machine/timing_m0plus_guest_test.cpp — end-to-end Cortex-M0+
// timing: runs tests/guests/timing/timing_v6m.S built for cortex-m0plus on
// generic-m0plus and checks every measured sequence against a count derived
// by hand from the Cortex-M0+ TRM (ARM DDI 0484C) as the model states it: the
// same as the M0 (DDI 0432C §3.3) except B and taken Bcc 2, BL 3, BX/BLX 2,
// POP {..pc} 3 + N, MOV/ADD PC 2, MRS/MSR and barriers 3. Loads and stores
// cost 2: the generic target has no single-cycle I/O port
// (docs/timing-guests.md).
//
// Each case is the cycles between two loads of DWT->CYCCNT. A CYCCNT load
// returns the cycles of all instructions completed before it, so a case
// counts the LDR that opens the window (2) plus the sequence; the closing LDR
// is not counted. The generic targets have zero-wait-state memory and the fast
// (1-cycle) multiplier.
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

class TimingM0PlusGuest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = std::make_unique<TimingGuestRun>("generic-m0plus", "timing_m0plus"); }
  static void TearDownTestSuite() { run_.reset(); }
  static std::uint32_t cycles(const std::string& name) { return run_->cycles(name); }

  static inline std::unique_ptr<TimingGuestRun> run_;
};

TEST_F(TimingM0PlusGuest, RunsToCompletionAndPrintsEveryCase) {
  EXPECT_EQ(run_->result().exit_code, 0) << run_->result().err;
  const std::set<std::string> expected{
      "empty",   "alu_run", "nop_run",   "muls",       "ldr_modes", "str_modes", "ldm1",
      "ldm4",    "stm4",    "push_pop1", "push_pop4",  "b_forward", "bcc_taken", "bcc_not_taken",
      "loop_10", "bl_bx",   "blx_bx",    "bx_reg",     "mov_pc",    "add_pc",    "pop_pc1",
      "pop_pc2", "mrs_msr", "barriers",  "semihosting"};
  const std::set<std::string> seen = run_->case_names();
  for (const auto& name : expected) EXPECT_TRUE(seen.count(name)) << "missing case " << name;
}

TEST_F(TimingM0PlusGuest, CycleCounterLoadCostsTwo) {
  EXPECT_EQ(cycles("empty"), 2u);  // LDR r7,[r6] = 2 (load, as on the M0); nothing else
}

TEST_F(TimingM0PlusGuest, DataProcessingCostsOne) {
  EXPECT_EQ(cycles("alu_run"), 10u);  // 2 (window LDR) + 8 ALU × 1
  EXPECT_EQ(cycles("nop_run"), 6u);   // 2 + 4 NOP × 1
}

TEST_F(TimingM0PlusGuest, MulsCostsOneWithFastMultiplier) {
  EXPECT_EQ(cycles("muls"), 6u);  // 2 + 4 MULS × 1 (fast multiplier option)
}

TEST_F(TimingM0PlusGuest, LoadsAndStoresCostTwoInEveryAddressingMode) {
  EXPECT_EQ(cycles("ldr_modes"), 20u);  // 2 + 9 loads × 2 (every addressing mode, literal too)
  EXPECT_EQ(cycles("str_modes"), 14u);  // 2 + 6 stores × 2
}

TEST_F(TimingM0PlusGuest, MultipleLoadStoreCostsOnePlusN) {
  EXPECT_EQ(cycles("ldm1"), 4u);        // 2 + LDM {r0}: 1 + 1
  EXPECT_EQ(cycles("ldm4"), 7u);        // 2 + LDM {r0-r3}: 1 + 4
  EXPECT_EQ(cycles("stm4"), 7u);        // 2 + STM {r0-r3}: 1 + 4
  EXPECT_EQ(cycles("push_pop1"), 6u);   // 2 + PUSH {r0} (1+1) + POP {r0} (1+1)
  EXPECT_EQ(cycles("push_pop4"), 12u);  // 2 + PUSH {r0-r3} (1+4) + POP {r0-r3} (1+4)
}

TEST_F(TimingM0PlusGuest, UnconditionalBranchCostsTwo) {
  EXPECT_EQ(cycles("b_forward"), 4u);  // 2 + B 2 (M0+: 2-stage pipeline refill)
}

TEST_F(TimingM0PlusGuest, ConditionalBranchCostsTwoTakenOneNot) {
  EXPECT_EQ(cycles("bcc_taken"), 5u);      // 2 + CMP 1 + BEQ taken 2
  EXPECT_EQ(cycles("bcc_not_taken"), 5u);  // 2 + CMP 1 + BNE not taken 1 + NOP 1
}

TEST_F(TimingM0PlusGuest, CountedLoopOfTenIterations) {
  // 2 + MOVS 1 + 10 × SUBS 1 + 9 × BNE taken 2 + 1 × BNE not taken 1 = 2 + 1 + 10 + 18 + 1
  EXPECT_EQ(cycles("loop_10"), 32u);
}

TEST_F(TimingM0PlusGuest, CallAndReturnCosts) {
  EXPECT_EQ(cycles("bl_bx"), 7u);   // 2 + BL 3 + BX LR 2
  EXPECT_EQ(cycles("blx_bx"), 6u);  // 2 + BLX r3 2 + BX LR 2
  EXPECT_EQ(cycles("bx_reg"), 4u);  // 2 + BX r3 2
}

TEST_F(TimingM0PlusGuest, WritingPcWithMovOrAddCostsTwo) {
  EXPECT_EQ(cycles("mov_pc"), 4u);  // 2 + MOV PC,r3 2
  EXPECT_EQ(cycles("add_pc"), 4u);  // 2 + ADD PC,r3 2
}

TEST_F(TimingM0PlusGuest, PopWithPcCostsThreePlusN) {
  // 2 + BL 3 + PUSH {lr} (1+1) + POP {pc} (3+1, N counts PC)
  EXPECT_EQ(cycles("pop_pc1"), 11u);
  // 2 + BL 3 + PUSH {r4,lr} (1+2) + POP {r4,pc} (3+2)
  EXPECT_EQ(cycles("pop_pc2"), 13u);
}

TEST_F(TimingM0PlusGuest, SystemRegisterAccessCostsThree) {
  EXPECT_EQ(cycles("mrs_msr"), 8u);  // 2 + MRS 3 + MSR 3
}

TEST_F(TimingM0PlusGuest, BarriersCostThree) {
  EXPECT_EQ(cycles("barriers"), 11u);  // 2 + DMB 3 + DSB 3 + ISB 3
}

TEST_F(TimingM0PlusGuest, SemihostingCallCostsNothing) {
  EXPECT_EQ(cycles("semihosting"), 3u);  // 2 + MOVS 1 + BKPT 0xAB 0 (halted in Debug state)
}

}  // namespace
}  // namespace mcusim::test
