// tests/sim/machine/timing_m4_guest_test.cpp — end-to-end Cortex-M4 timing:
// runs tests/guests/timing/timing_m4.S built for cortex-m4 on generic-m4 and
// checks every measured sequence against a count derived by hand from the
// model's M4 rules (ARM DDI 0439B §3.3; docs/timing-guests.md lists them):
//   ALU, MUL/MLA/SMULL/SMLAL, DSP 1; NOP 1; MRS/MSR 1; DMB/DSB 1; ISB 2;
//   SDIV/UDIV 2 if the divisor is 0 or |dividend| < |divisor|, else
//     3 + floor((bits(|dividend|) - bits(|divisor|)) / 4), at most 12;
//   LDR/STR (single) 2, but 1 right after a single LDR* unless its base or
//     index register was written by that load; nothing pipelines after a
//     store; LDRD/STRD 3, LDM/STM/PUSH/POP 1 + N, never pipelined;
//   +1 for a load/store whose base or index register was written by the
//     instruction right before it;
//   B/BL/BX/BLX 1 + P; Bcc, CBZ 1 not taken, 1 + P taken; TBB 2 + P;
//   LDR PC 2 + P; POP {..pc} 1 + N + P (N counts PC); ADD/MOV PC 1 + P;
//   P = 1 for a 16-bit or word-aligned 32-bit target, 2 for a 32-bit target
//     at an address that is 2 mod 4;
//   IT 0 after a 16-bit non-branch instruction (folded), else 1; an IT-block
//     instruction whose condition fails 1.
//
// Each case is the cycles between two loads of DWT->CYCCNT. A CYCCNT load
// returns the cycles of all instructions completed before it, so a case
// counts the LDR that opens the window plus the sequence; the closing LDR is
// not counted. The window LDR follows a NOP, so it costs 2, and a single
// load or store right after it pipelines with it (1). Zero-wait-state memory.
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

class TimingM4Guest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = std::make_unique<TimingGuestRun>("generic-m4", "timing_m4"); }
  static void TearDownTestSuite() { run_.reset(); }
  static std::uint32_t cycles(const std::string& name) { return run_->cycles(name); }

  static inline std::unique_ptr<TimingGuestRun> run_;
};

TEST_F(TimingM4Guest, RunsToCompletionAndPrintsEveryCase) {
  EXPECT_EQ(run_->result().exit_code, 0) << run_->result().err;
  // clang-format off
  const std::set<std::string> expected{
      "empty", "alu_run", "alu_run_32bit", "nop_run", "mul_dsp",
      "udiv_by_zero", "udiv_dividend_zero", "udiv_quotient_zero", "udiv_equal_operands",
      "udiv_same_width", "udiv_3_bits", "udiv_4_bits", "udiv_8_bits", "udiv_16_bits",
      "udiv_31_bits", "sdiv_negative_dividend", "sdiv_negative_divisor", "sdiv_quotient_zero",
      "sdiv_by_zero", "sdiv_int_min_by_minus_one",
      "ldr_single", "str_single", "ldr_after_window_load", "trm_ldr_ldr", "trm_ldr_ldr_ldr",
      "trm_ldr_str", "byte_half_loads", "str_then_ldr", "str_then_str", "load_use_base",
      "load_use_index", "alu_then_load_base", "alu_then_load_other", "alu_then_store_base",
      "ldr_literal", "ldrd_strd", "ldrd_then_ldr", "ldr_then_ldrd", "ldm4", "stm4",
      "push_nop_pop1", "push_nop_pop4",
      "b_forward", "bcc_taken", "bcc_not_taken", "loop_10", "bl_bx", "blx_bx", "bx_reg",
      "mov_pc", "add_pc", "ldr_pc", "pop_pc1", "pop_pc2", "cbz_taken", "cbz_not_taken", "tbb",
      "ite_true", "ite_false", "it_after_32bit", "it_after_branch", "it_load_pass",
      "it_load_fail",
      "b_to_aligned_32bit", "b_to_unaligned_32bit", "bcc_to_unaligned_32bit",
      "bl_to_aligned_32bit", "bl_to_unaligned_32bit",
      "mrs_msr", "barriers", "semihosting"};
  // clang-format on
  const std::set<std::string> seen = run_->case_names();
  for (const auto& name : expected) EXPECT_TRUE(seen.count(name)) << "missing case " << name;
}

TEST_F(TimingM4Guest, CycleCounterLoadCostsTwo) {
  EXPECT_EQ(cycles("empty"), 2u);  // window LDR 2 (after a NOP: no pipelining); nothing else
}

TEST_F(TimingM4Guest, DataProcessingCostsOne) {
  EXPECT_EQ(cycles("alu_run"), 10u);       // 2 + 8 16-bit ALU × 1
  EXPECT_EQ(cycles("alu_run_32bit"), 8u);  // 2 + ADD.W, UBFX, MOVW, MOVT, CLZ, RBIT × 1
  EXPECT_EQ(cycles("nop_run"), 6u);        // 2 + 4 NOP × 1
}

TEST_F(TimingM4Guest, MultiplyAndDspMultiplyCostOne) {
  // 2 + MUL, MLA, MLS, SMULL, UMULL, SMLAL, SMLAD, SMULBB × 1 (§3.3: single-cycle MAC)
  EXPECT_EQ(cycles("mul_dsp"), 10u);
}

TEST_F(TimingM4Guest, DivideCostsTwoWhenDivisorIsZeroOrQuotientIsZero) {
  EXPECT_EQ(cycles("udiv_by_zero"), 4u);        // 2 + UDIV 100/0: divisor 0 -> 2
  EXPECT_EQ(cycles("sdiv_by_zero"), 4u);        // 2 + SDIV -100/0: divisor 0 -> 2
  EXPECT_EQ(cycles("udiv_dividend_zero"), 4u);  // 2 + UDIV 0/5: 0 < 5 -> 2
  EXPECT_EQ(cycles("udiv_quotient_zero"), 4u);  // 2 + UDIV 5/7: 5 < 7 -> 2
  EXPECT_EQ(cycles("sdiv_quotient_zero"), 4u);  // 2 + SDIV -5/7: |-5| < |7| -> 2
}

TEST_F(TimingM4Guest, DivideCostGrowsWithOperandWidthDifference) {
  // 2 + UDIV 5/5: 5 >= 5, bits 3 - 3 = 0 -> 3 + 0
  EXPECT_EQ(cycles("udiv_equal_operands"), 5u);
  // 2 + UDIV 7/5: bits 3 - 3 = 0 -> 3 + 0
  EXPECT_EQ(cycles("udiv_same_width"), 5u);
  // 2 + UDIV 100/10: bits(100) = 7, bits(10) = 4, 3 / 4 = 0 -> 3
  EXPECT_EQ(cycles("udiv_3_bits"), 5u);
  // 2 + UDIV 160/10: bits(160) = 8, bits(10) = 4, 4 / 4 = 1 -> 4
  EXPECT_EQ(cycles("udiv_4_bits"), 6u);
  // 2 + UDIV 256/1: bits(256) = 9, bits(1) = 1, 8 / 4 = 2 -> 5
  EXPECT_EQ(cycles("udiv_8_bits"), 7u);
  // 2 + UDIV 65536/1: bits 17 - 1 = 16, 16 / 4 = 4 -> 7
  EXPECT_EQ(cycles("udiv_16_bits"), 9u);
  // 2 + UDIV 0xFFFFFFFF/1: bits 32 - 1 = 31, 31 / 4 = 7 -> 10 (the largest the
  // formula reaches with 32-bit operands: the clamp at 12 never bites)
  EXPECT_EQ(cycles("udiv_31_bits"), 12u);
  // 2 + SDIV -1000/7: bits(1000) = 10, bits(7) = 3, 7 / 4 = 1 -> 4
  EXPECT_EQ(cycles("sdiv_negative_dividend"), 6u);
  // 2 + SDIV 1000/-7: magnitudes as above -> 4
  EXPECT_EQ(cycles("sdiv_negative_divisor"), 6u);
  // 2 + SDIV INT_MIN/-1: |INT_MIN| = 2^31, bits 32 - 1 = 31 -> 3 + 7 = 10
  EXPECT_EQ(cycles("sdiv_int_min_by_minus_one"), 12u);
}

TEST_F(TimingM4Guest, SingleLoadOrStoreCostsTwo) {
  EXPECT_EQ(cycles("ldr_single"), 5u);   // 2 + NOP 1 + LDR 2
  EXPECT_EQ(cycles("str_single"), 5u);   // 2 + NOP 1 + STR 2
  EXPECT_EQ(cycles("ldr_literal"), 5u);  // 2 + NOP 1 + LDR literal 2
}

TEST_F(TimingM4Guest, LoadRightAfterTheWindowLoadPipelines) {
  // 2 + LDR r0,[r4] 1: follows the window LDR, whose result r7 it does not use
  EXPECT_EQ(cycles("ldr_after_window_load"), 3u);
}

TEST_F(TimingM4Guest, TrmLoadPipeliningExamples) {
  // TRM: LDR R0,[R1]; LDR R1,[R2] = 3 -> 2 + NOP 1 + (2 + 1)
  EXPECT_EQ(cycles("trm_ldr_ldr"), 6u);
  // TRM: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] = 4 -> 2 + NOP 1 + (2 + 1 + 1)
  EXPECT_EQ(cycles("trm_ldr_ldr_ldr"), 7u);
  // TRM: LDR R0,[R1,R2]; STR R0,[R3,#20] = 3 -> 2 + NOP 1 + (2 + 1)
  EXPECT_EQ(cycles("trm_ldr_str"), 6u);
  // 2 + NOP 1 + LDRB 2 + LDRH 1 + LDRSB 1: byte/halfword loads pipeline like LDR
  EXPECT_EQ(cycles("byte_half_loads"), 7u);
}

TEST_F(TimingM4Guest, NothingPipelinesAfterAStore) {
  EXPECT_EQ(cycles("str_then_ldr"), 7u);  // 2 + NOP 1 + STR 2 + LDR 2
  EXPECT_EQ(cycles("str_then_str"), 7u);  // 2 + NOP 1 + STR 2 + STR 2
}

TEST_F(TimingM4Guest, LoadWhoseAddressComesFromThePreviousLoadDoesNotPipeline) {
  // 2 + NOP 1 + LDR R0,[R1] 2 + LDR R2,[R0] (base written by that load: no
  // pipelining, 2; written by the instruction right before: +1) 3
  EXPECT_EQ(cycles("load_use_base"), 8u);
  // 2 + NOP 1 + LDR R0,[R1] 2 + LDR R2,[R3,R0] (index written by the load) 2 + 1
  EXPECT_EQ(cycles("load_use_index"), 8u);
}

TEST_F(TimingM4Guest, AddressRegisterWrittenByPreviousInstructionCostsOneMore) {
  EXPECT_EQ(cycles("alu_then_load_base"), 6u);   // 2 + ADDS R1 1 + LDR [R1] (2 + 1)
  EXPECT_EQ(cycles("alu_then_load_other"), 5u);  // 2 + ADDS R3 1 + LDR [R1] 2
  EXPECT_EQ(cycles("alu_then_store_base"), 6u);  // 2 + ADDS R1 1 + STR [R1] (2 + 1)
}

TEST_F(TimingM4Guest, DoubleAndMultipleTransfersNeverPipeline) {
  // 2 + LDRD 3 (right after the window LDR, still 3) + STRD 3
  EXPECT_EQ(cycles("ldrd_strd"), 8u);
  EXPECT_EQ(cycles("ldrd_then_ldr"), 7u);   // 2 + LDRD 3 + LDR 2 (not after a single load)
  EXPECT_EQ(cycles("ldr_then_ldrd"), 8u);   // 2 + NOP 1 + LDR 2 + LDRD 3
  EXPECT_EQ(cycles("ldm4"), 7u);            // 2 + LDM {r0-r3} 1 + 4
  EXPECT_EQ(cycles("stm4"), 7u);            // 2 + STM {r0-r3} 1 + 4
  EXPECT_EQ(cycles("push_nop_pop1"), 7u);   // 2 + PUSH {r0} 2 + NOP 1 + POP {r0} 2
  EXPECT_EQ(cycles("push_nop_pop4"), 13u);  // 2 + PUSH {r0-r3} 5 + NOP 1 + POP {r0-r3} 5
}

TEST_F(TimingM4Guest, BranchCostsOnePlusRefill) {
  EXPECT_EQ(cycles("b_forward"), 4u);  // 2 + B (1 + P), P = 1: 16-bit target
  EXPECT_EQ(cycles("bx_reg"), 4u);     // 2 + BX r3 (1 + 1)
  EXPECT_EQ(cycles("mov_pc"), 4u);     // 2 + MOV PC,r3 (1 + 1)
  EXPECT_EQ(cycles("add_pc"), 4u);     // 2 + ADD PC,r3 (1 + 1)
  EXPECT_EQ(cycles("ldr_pc"), 6u);     // 2 + NOP 1 + LDR PC,[r3] (2 + 1)
}

TEST_F(TimingM4Guest, ConditionalBranchCostsOneNotTakenOnePlusRefillTaken) {
  EXPECT_EQ(cycles("bcc_taken"), 5u);      // 2 + CMP 1 + BEQ taken (1 + 1)
  EXPECT_EQ(cycles("bcc_not_taken"), 5u);  // 2 + CMP 1 + BNE not taken 1 + NOP 1
  EXPECT_EQ(cycles("cbz_taken"), 4u);      // 2 + CBZ taken (1 + 1)
  EXPECT_EQ(cycles("cbz_not_taken"), 4u);  // 2 + CBZ not taken 1 + NOP 1
}

TEST_F(TimingM4Guest, CountedLoopOfTenIterations) {
  // 2 + MOVS 1 + 10 × SUBS 1 + 9 × BNE taken (1 + 1) + BNE not taken 1 = 2 + 1 + 10 + 18 + 1
  EXPECT_EQ(cycles("loop_10"), 32u);
}

TEST_F(TimingM4Guest, CallAndReturnCosts) {
  EXPECT_EQ(cycles("bl_bx"), 6u);   // 2 + BL (1 + 1) + BX LR (1 + 1)
  EXPECT_EQ(cycles("blx_bx"), 6u);  // 2 + BLX r3 (1 + 1) + BX LR (1 + 1)
  // 2 + BL 2 + PUSH {lr} 2 + NOP 1 + POP {pc} (1 + N 1 + P 1)
  EXPECT_EQ(cycles("pop_pc1"), 10u);
  // 2 + BL 2 + PUSH {r4,lr} 3 + NOP 1 + POP {r4,pc} (1 + 2 + 1)
  EXPECT_EQ(cycles("pop_pc2"), 12u);
}

TEST_F(TimingM4Guest, TableBranchCostsTwoPlusRefill) {
  EXPECT_EQ(cycles("tbb"), 6u);  // 2 + NOP 1 + TBB (2 + 1), 16-bit target
}

TEST_F(TimingM4Guest, ItFoldsAfterA16BitInstructionAndSkippedInstructionsCostOne) {
  EXPECT_EQ(cycles("ite_true"), 5u);   // 2 + CMP 1 + ITE 0 (folded) + ADDEQ 1 + MOVNE skipped 1
  EXPECT_EQ(cycles("ite_false"), 5u);  // 2 + CMP 1 + ITE 0 + ADDEQ skipped 1 + MOVNE 1
  EXPECT_EQ(cycles("it_after_32bit"), 5u);   // 2 + ADD.W 1 + IT 1 (not folded) + ADDEQ 1
  EXPECT_EQ(cycles("it_after_branch"), 6u);  // 2 + B (1 + 1) + IT 1 (after a branch) + ADDEQ 1
  EXPECT_EQ(cycles("it_load_pass"), 5u);     // 2 + CMP 1 + IT 0 + LDREQ 2
  EXPECT_EQ(cycles("it_load_fail"), 4u);     // 2 + CMP 1 + IT 0 + LDREQ skipped 1
}

TEST_F(TimingM4Guest, RefillCostsTwoForAnUnaligned32BitTarget) {
  EXPECT_EQ(cycles("b_to_aligned_32bit"), 5u);      // 2 + B (1 + 1) + ADD.W 1
  EXPECT_EQ(cycles("b_to_unaligned_32bit"), 6u);    // 2 + B (1 + 2) + ADD.W 1
  EXPECT_EQ(cycles("bcc_to_unaligned_32bit"), 7u);  // 2 + CMP 1 + BEQ (1 + 2) + ADD.W 1
  // 2 + BL (1 + 1) + ADD.W 1 + BX LR (1 + 1)
  EXPECT_EQ(cycles("bl_to_aligned_32bit"), 7u);
  // 2 + BL (1 + 2) + ADD.W 1 + BX LR (1 + 1)
  EXPECT_EQ(cycles("bl_to_unaligned_32bit"), 8u);
}

TEST_F(TimingM4Guest, SystemRegisterAccessCostsOne) {
  // 2 + MRS 1 + MSR 1 (§3.3: "1 or 2"; the model charges 1, sim/timing/cortex_m4_rules.hpp)
  EXPECT_EQ(cycles("mrs_msr"), 4u);
}

TEST_F(TimingM4Guest, BarrierCosts) {
  EXPECT_EQ(cycles("barriers"), 6u);  // 2 + DMB 1 + DSB 1 + ISB 2
}

TEST_F(TimingM4Guest, SemihostingCallCostsNothing) {
  EXPECT_EQ(cycles("semihosting"), 3u);  // 2 + MOVS 1 + BKPT 0xAB 0 (halted in Debug state)
}

TEST_F(TimingM4Guest, UnalignedWordOrHalfwordSplitOverTwoWordsCostsOneMore) {
  // TIMING-FACTS.md "Unaligned accesses": a word split over two words takes a
  // second bus transfer, +1. Each case: window LDR 2 + NOP 1 + the access.
  EXPECT_EQ(cycles("ldr_word_aligned"), 5u);  // 2 + 1 + LDR 2
  EXPECT_EQ(cycles("ldr_word_split"), 6u);    // 2 + 1 + LDR 2 + 1 (bytes 1..4)
  EXPECT_EQ(cycles("ldrh_within_word"), 5u);  // 2 + 1 + LDRH 2 (bytes 1..2, one word)
  EXPECT_EQ(cycles("ldrh_split"), 6u);        // 2 + 1 + LDRH 2 + 1 (bytes 3..4)
}

}  // namespace
}  // namespace mcusim::test
