// tests/sim/timing/cortex_m4_test.cpp — Cortex-M4/M4F timing rules, one test
// per rule of ARM DDI 0439B §3.3 and the FPU chapter, zero wait states,
// including both sides of every load/store pipelining boundary.
//
// Inputs are real encodings decoded by the Cortex-M4F decoder; the bytes come
// from clang-14 --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mfpu=fpv4-sp-d16
// + llvm-objdump-14 (memory order). Expected cycle counts are literals derived
// from the TRM in the comments. P is the pipeline refill: 1 for a 16-bit or a
// word-aligned 32-bit target, 2 for a 32-bit target at a halfword address.
#include "sim/decode/decoder.hpp"
#include "sim/timing/timing.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace mcusim {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Decoder& decoder() {
  static const Decoder instance(CoreModel::CortexM4F);
  return instance;
}

DecodedInsn decode(const Bytes& bytes, std::uint32_t address = 0x1000) {
  return decoder().decode_one(bytes, address);
}

constexpr TimingOptions kM4F{CoreModel::CortexM4F, Multiplier::Fast};

std::uint32_t cycles(const DecodedInsn& insn, const DecodedInsn* previous = nullptr) {
  return static_cycles(insn, previous, kM4F);
}

// Total of a straight run (no branch taken), each instruction with its predecessor.
std::uint32_t run_cycles(const Bytes& bytes) {
  const auto insns = decoder().decode_block(bytes, 0x1000);
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < insns.size(); ++i) {
    total += static_cycles(insns[i], i == 0 ? nullptr : &insns[i - 1], kM4F);
  }
  return total;
}

// Branch targets: 16-bit NOPs at both halfword positions, and a 32-bit LDR.W
// at a word-aligned and at a halfword-aligned address.
const DecodedInsn& narrow_target_aligned() {
  static const DecodedInsn insn = decode({0x00, 0xbf}, 0x2000);  // nop
  return insn;
}
const DecodedInsn& narrow_target_unaligned() {
  static const DecodedInsn insn = decode({0x00, 0xbf}, 0x2002);  // nop
  return insn;
}
const DecodedInsn& wide_target_aligned() {
  static const DecodedInsn insn = decode({0xd1, 0xf8, 0x04, 0x00}, 0x2000);  // ldr.w r0, [r1, #4]
  return insn;
}
const DecodedInsn& wide_target_unaligned() {
  static const DecodedInsn insn = decode({0xd1, 0xf8, 0x04, 0x00}, 0x2002);  // ldr.w r0, [r1, #4]
  return insn;
}

// ---------------------------------------------------------------- data processing

TEST(CortexM4Timing, DataProcessingCostsOne) {
  EXPECT_EQ(cycles(decode({0x88, 0x18})), 1u);              // adds r0, r1, r2 — Table 3-1: 1
  EXPECT_EQ(cycles(decode({0x01, 0xf1, 0x01, 0x00})), 1u);  // add.w r0, r1, #1
  EXPECT_EQ(cycles(decode({0x08, 0x46})), 1u);              // mov r0, r1
}

TEST(CortexM4Timing, MultiplyLongMultiplyAndDspCostOne) {
  EXPECT_EQ(cycles(decode({0x01, 0xfb, 0x02, 0xf0})), 1u);  // mul r0, r1, r2 — Table 3-1: 1
  EXPECT_EQ(cycles(decode({0x01, 0xfb, 0x02, 0x30})), 1u);  // mla r0, r1, r2, r3: 1
  EXPECT_EQ(cycles(decode({0x82, 0xfb, 0x03, 0x01})), 1u);  // smull r0, r1, r2, r3: 1
  EXPECT_EQ(cycles(decode({0xe2, 0xfb, 0x03, 0x01})), 1u);  // umlal r0, r1, r2, r3: 1
  EXPECT_EQ(cycles(decode({0x21, 0xfb, 0x02, 0x30})), 1u);  // smlad r0, r1, r2, r3: 1
  EXPECT_EQ(cycles(decode({0x91, 0xfa, 0x02, 0xf0})), 1u);  // sadd16 r0, r1, r2: 1
  EXPECT_EQ(cycles(decode({0x01, 0xf3, 0x07, 0x00})), 1u);  // ssat r0, #8, r1: 1
}

TEST(CortexM4Timing, MultiplierOptionDoesNotApplyToTheM4) {
  const DecodedInsn muls = decode({0x48, 0x43});  // muls r0, r1, r0: single-cycle on the M4
  EXPECT_EQ(static_cycles(muls, nullptr, {CoreModel::CortexM4, Multiplier::Small}), 1u);
}

TEST(CortexM4AndM4FTiming, ShareOneRuleTableForIntegerCode) {
  const DecodedInsn ldr = decode({0x48, 0x68});  // ldr r0, [r1, #4]: 2 on both
  EXPECT_EQ(static_cycles(ldr, nullptr, {CoreModel::CortexM4, Multiplier::Fast}), 2u);
  EXPECT_EQ(static_cycles(ldr, nullptr, {CoreModel::CortexM4F, Multiplier::Fast}), 2u);
}

// ---------------------------------------------------------------- divide

TEST(CortexM4Timing, DivideChargesTwoStaticallyAndTheRestAtRunTime) {
  // Table 3-1: SDIV/UDIV 2-12. The static part is the 2-cycle minimum.
  EXPECT_EQ(cycles(decode({0x91, 0xfb, 0xf2, 0xf0})), 2u);  // sdiv r0, r1, r2
  EXPECT_EQ(cycles(decode({0xb4, 0xfb, 0xf5, 0xf3})), 2u);  // udiv r3, r4, r5
}

TEST(CortexM4Timing, DivideByZeroCostsTwo) {
  EXPECT_EQ(divide_cycles(1000, 0, false), 2u);
  EXPECT_EQ(divide_cycles(0xffffffffu, 0, true), 2u);
}

TEST(CortexM4Timing, DivideWithAZeroQuotientCostsTwo) {
  EXPECT_EQ(divide_cycles(3, 7, false), 2u);    // 3 / 7 = 0
  EXPECT_EQ(divide_cycles(0, 7, false), 2u);    // 0 / 7 = 0
  // signed: |-3| < |7| and |5| < |-7|
  EXPECT_EQ(divide_cycles(static_cast<std::uint32_t>(-3), 7, true), 2u);
  EXPECT_EQ(divide_cycles(5, static_cast<std::uint32_t>(-7), true), 2u);
}

TEST(CortexM4Timing, DivideOfOperandsOfEqualBitLengthCostsThree) {
  EXPECT_EQ(divide_cycles(7, 5, false), 3u);  // bits 3 - 3 = 0: 3 + 0
  EXPECT_EQ(divide_cycles(5, 5, false), 3u);
}

TEST(CortexM4Timing, DivideAddsOneCycleForEveryFourBitsOfBitLengthDifference) {
  EXPECT_EQ(divide_cycles(0x8, 1, false), 3u);     // bits 4 - 1 = 3: 3 + 0
  EXPECT_EQ(divide_cycles(0x10, 1, false), 4u);    // bits 5 - 1 = 4: 3 + 1
  EXPECT_EQ(divide_cycles(0xff, 1, false), 4u);    // bits 8 - 1 = 7: 3 + 1
  EXPECT_EQ(divide_cycles(0xffff, 1, false), 6u);  // bits 16 - 1 = 15: 3 + 3
  EXPECT_EQ(divide_cycles(0xffff, 0xff, false), 5u);  // bits 16 - 8 = 8: 3 + 2
}

TEST(CortexM4Timing, DivideOfFullWidthOperandsPeaksAtTenInsideTheTwelveClamp) {
  // bits 32 - 1 = 31: 3 + 7 = 10. The formula cannot exceed 10 for 32-bit
  // operands, so the TRM's upper bound of 12 is never reached.
  EXPECT_EQ(divide_cycles(0xffffffffu, 1, false), 10u);
  EXPECT_EQ(divide_cycles(0x80000000u, 1, false), 10u);
}

TEST(CortexM4Timing, SignedDivideUsesMagnitudes) {
  // 0xffffff00 / 2: unsigned bits 32 - 2 = 30 -> 3 + 7 = 10;
  // signed it is -256 / 2: bits 9 - 2 = 7 -> 3 + 1 = 4.
  EXPECT_EQ(divide_cycles(0xffffff00u, 2, false), 10u);
  EXPECT_EQ(divide_cycles(0xffffff00u, 2, true), 4u);
  // INT_MIN has magnitude 2^31: bits 32 - 1 = 31 -> 10, for / 1 and / -1.
  EXPECT_EQ(divide_cycles(0x80000000u, 1, true), 10u);
  EXPECT_EQ(divide_cycles(0x80000000u, 0xffffffffu, true), 10u);
  // 100 / -3: bits 7 - 2 = 5 -> 3 + 1 = 4
  EXPECT_EQ(divide_cycles(100, static_cast<std::uint32_t>(-3), true), 4u);
}

// ---------------------------------------------------------------- loads and stores

TEST(CortexM4Timing, LoneLoadsAndStoresCostTwo) {
  EXPECT_EQ(cycles(decode({0x48, 0x68})), 2u);  // ldr r0, [r1, #4] — Table 3-1: 2
  EXPECT_EQ(cycles(decode({0x88, 0x58})), 2u);  // ldr r0, [r1, r2]
  EXPECT_EQ(cycles(decode({0x02, 0x48})), 2u);  // ldr r0, [pc, #8]
  EXPECT_EQ(cycles(decode({0x58, 0x61})), 2u);  // str r0, [r3, #20] (model: a lone STR is 2)
  EXPECT_EQ(cycles(decode({0x99, 0x50})), 2u);  // str r1, [r3, r2]
}

TEST(CortexM4Timing, TwoIndependentLoadsCostThreeInTotal) {
  // TRM example: LDR R0,[R1]; LDR R1,[R2] — "normally three cycles total": 2 + 1
  EXPECT_EQ(run_cycles({0x08, 0x68, 0x11, 0x68}), 3u);
}

TEST(CortexM4Timing, ThreeLoadsAfterARegisterOffsetLoadCostFourInTotal) {
  // TRM example: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] — "four cycles": 2 + 1 + 1
  EXPECT_EQ(run_cycles({0x48, 0x59, 0x11, 0x68, 0x5a, 0x68}), 4u);
}

TEST(CortexM4Timing, StoreAfterLoadPipelinesToThreeInTotal) {
  // TRM example: LDR R0,[R1,R2]; STR R0,[R3,#20] — "three cycles total": 2 + 1
  EXPECT_EQ(run_cycles({0x88, 0x58, 0x58, 0x61}), 3u);
}

TEST(CortexM4Timing, RegisterOffsetStoreAfterLoadPipelinesToThreeInTotal) {
  // TRM example: LDR R0,[R1,R2]; STR R1,[R3,R2] — "three cycles total": 2 + 1
  EXPECT_EQ(run_cycles({0x88, 0x58, 0x99, 0x50}), 3u);
}

TEST(CortexM4Timing, ByteAndHalfwordLoadsPipelineAfterALoad) {
  // ldr r0, [r1] / ldrb r3, [r4, #1]: 2 + 1
  EXPECT_EQ(run_cycles({0x08, 0x68, 0x63, 0x78}), 3u);
  // ldr r0, [r1] / ldrh r5, [r6, r7]: 2 + 1
  EXPECT_EQ(run_cycles({0x08, 0x68, 0xf5, 0x5b}), 3u);
}

TEST(CortexM4Timing, NothingPipelinesAfterAStore) {
  // TRM: "nothing can be pipelined after the store"
  // str r0, [r3, #20] / ldr r2, [r3, #4]: 2 + 2
  EXPECT_EQ(run_cycles({0x58, 0x61, 0x5a, 0x68}), 4u);
  // str r0, [r3, #20] / str r1, [r3, r2]: 2 + 2
  EXPECT_EQ(run_cycles({0x58, 0x61, 0x99, 0x50}), 4u);
  // register-offset store: str r1, [r3, r2] / ldr r2, [r3, #4]: 2 + 2
  EXPECT_EQ(run_cycles({0x99, 0x50, 0x5a, 0x68}), 4u);
}

TEST(CortexM4Timing, LoadWhoseAddressUsesThePreviousLoadResultIsNotPipelinedAndStalls) {
  // ldr r0, [r1] / ldr r2, [r0]: 2 + (2 + 1 address-dependency stall)
  EXPECT_EQ(run_cycles({0x08, 0x68, 0x02, 0x68}), 5u);
}

TEST(CortexM4Timing, LoadDualIsNeverPipelined) {
  // ldr r4, [r5] / ldrd r0, r1, [r2, #8]: 2 + 3 (1 + N, N = 2)
  EXPECT_EQ(run_cycles({0x2c, 0x68, 0xd2, 0xe9, 0x02, 0x01}), 5u);
  // ldrd r0, r1, [r2, #8] / ldr r2, [r3, #4]: 3 + 2
  EXPECT_EQ(run_cycles({0xd2, 0xe9, 0x02, 0x01, 0x5a, 0x68}), 5u);
  // ldr r4, [r5] / strd r0, r1, [r2]: 2 + 3
  EXPECT_EQ(run_cycles({0x2c, 0x68, 0xc2, 0xe9, 0x00, 0x01}), 5u);
}

TEST(CortexM4Timing, LoadMultipleIsNeverPipelined) {
  // ldr r4, [r5] / ldm r0!, {r1, r2, r3}: 2 + (1 + 3)
  EXPECT_EQ(run_cycles({0x2c, 0x68, 0x0e, 0xc8}), 6u);
  // ldm.w r6, {r1, r2} / ldr r4, [r5]: (1 + 2) + 2
  EXPECT_EQ(run_cycles({0x96, 0xe8, 0x06, 0x00, 0x2c, 0x68}), 5u);
}

TEST(CortexM4Timing, LoadMultipleCostsOnePlusN) {
  EXPECT_EQ(cycles(decode({0x96, 0xe8, 0x06, 0x00})), 3u);  // ldm.w r6, {r1, r2}: 1 + 2
  EXPECT_EQ(cycles(decode({0x70, 0xb5})), 5u);              // push {r4, r5, r6, lr}: 1 + 4
  EXPECT_EQ(cycles(decode({0x06, 0xc0})), 3u);              // stm r0!, {r1, r2}: 1 + 2
  EXPECT_EQ(cycles(decode({0xc2, 0xe9, 0x00, 0x01})), 3u);  // strd r0, r1, [r2]: 1 + 2
}

TEST(CortexM4Timing, AddressDependentOnThePreviousInstructionStallsOneCycle) {
  // adds r1, r1, #4 / ldr r0, [r1]: 1 + (2 + 1)
  EXPECT_EQ(run_cycles({0x09, 0x1d, 0x08, 0x68}), 4u);
  // sub sp, #8 / str r0, [sp, #4]: 1 + (2 + 1)
  EXPECT_EQ(run_cycles({0x82, 0xb0, 0x01, 0x90}), 4u);
  // adds r0, #1 / stm r0!, {r1, r2}: 1 + (1 + 2 + 1)
  EXPECT_EQ(run_cycles({0x01, 0x30, 0x06, 0xc0}), 5u);
  // ldr r4, [r5] / ldr r0, [r1, r4]: index written by the load: 2 + (2 + 1)
  const DecodedInsn ldr_r4 = decode({0x2c, 0x68});                       // ldr r4, [r5]
  const DecodedInsn indexed = decode({0x08, 0x59});                      // ldr r0, [r1, r4]
  ASSERT_EQ(indexed.mem_index, 4);
  EXPECT_EQ(cycles(indexed, &ldr_r4), 3u);
}

TEST(CortexM4Timing, AddressIndependentOfThePreviousInstructionDoesNotStall) {
  // adds r1, r1, #4 / ldr r2, [r3, #4]: 1 + 2
  EXPECT_EQ(run_cycles({0x09, 0x1d, 0x5a, 0x68}), 3u);
}

TEST(CortexM4Timing, PostIncrementLoadsPipelineBecauseWritebackIsNotAnExecuteResult) {
  // ldr r0, [r1], #4 / ldr r2, [r1], #4: the base writeback is computed by the
  // address generation unit in the address phase, so the second load's address
  // does not wait on an execute result and it pipelines after the first
  // (TRM 3.3.2 load/store pipelining): 2 + 1
  EXPECT_EQ(run_cycles({0x51, 0xf8, 0x04, 0x0b, 0x51, 0xf8, 0x04, 0x2b}), 3u);
}

TEST(CortexM4Timing, LoadThroughARegisterLoadedJustBeforeStallsAndDoesNotPipeline) {
  // ldr r1, [r0] / ldr r2, [r1]: r1 is the first load's data (an execute
  // result): not pipelined, plus the address-dependency stall: 2 + (2 + 1)
  EXPECT_EQ(run_cycles({0x01, 0x68, 0x0a, 0x68}), 5u);
}

TEST(CortexM4Timing, LiteralLoadsAreNeverAddressDependent) {
  // PC is not a result register: even after an instruction that writes PC the
  // literal load costs its plain 2.
  const DecodedInsn mov_pc = decode({0xf7, 0x46});   // mov pc, lr
  const DecodedInsn literal = decode({0x02, 0x48});  // ldr r0, [pc, #8]
  ASSERT_EQ(literal.mem_base, kRegPc);
  EXPECT_EQ(cycles(literal, &mov_pc), 2u);
  // ldr r0, [r1] / ldr r0, [pc, #8]: pipelined like any load, 2 + 1
  EXPECT_EQ(run_cycles({0x08, 0x68, 0x02, 0x48}), 3u);
}

TEST(CortexM4Timing, FpLoadsStallOnTheirBaseButDoNotPipeline) {
  // adds r0, #1 / vldr s0, [r0, #4]: 1 + (2 + 1)
  EXPECT_EQ(run_cycles({0x01, 0x30, 0x90, 0xed, 0x01, 0x0a}), 4u);
  // adds r0, #1 / vldr s2, [r1]: 1 + 2
  EXPECT_EQ(run_cycles({0x01, 0x30, 0x91, 0xed, 0x00, 0x1a}), 3u);
  // ldr r4, [r5] / vldr s2, [r1]: 2 + 2 (only single LDR/STR pipeline)
  EXPECT_EQ(run_cycles({0x2c, 0x68, 0x91, 0xed, 0x00, 0x1a}), 4u);
}

// ---------------------------------------------------------------- branches and refill

TEST(CortexM4Timing, BranchCostsTwoToASixteenBitTarget) {
  const DecodedInsn b = decode({0x01, 0xe0});  // b — Table 3-1: 1 + P, P = 1
  EXPECT_EQ(cycles(b), 1u);
  EXPECT_EQ(taken_extra(b, narrow_target_aligned(), kM4F), 1u);
  EXPECT_EQ(taken_extra(b, narrow_target_unaligned(), kM4F), 1u);
}

TEST(CortexM4Timing, BranchCostsTwoToAWordAlignedThirtyTwoBitTarget) {
  const DecodedInsn b = decode({0x01, 0xe0});  // b — 1 + P, P = 1
  EXPECT_EQ(cycles(b) + taken_extra(b, wide_target_aligned(), kM4F), 2u);
}

TEST(CortexM4Timing, BranchCostsThreeToAThirtyTwoBitTargetThatStraddlesAWord) {
  const DecodedInsn b = decode({0x01, 0xe0});  // b — 1 + P, P = 2
  EXPECT_EQ(cycles(b) + taken_extra(b, wide_target_unaligned(), kM4F), 3u);
}

TEST(CortexM4Timing, ConditionalBranchCostsOneWhenNotTakenOnePlusPWhenTaken) {
  const DecodedInsn beq = decode({0x02, 0xd0});  // beq
  EXPECT_EQ(cycles(beq), 1u);
  EXPECT_EQ(cycles(beq) + taken_extra(beq, narrow_target_aligned(), kM4F), 2u);
  EXPECT_EQ(cycles(beq) + taken_extra(beq, wide_target_unaligned(), kM4F), 3u);
}

TEST(CortexM4Timing, CompareAndBranchCostsOneWhenNotTakenOnePlusPWhenTaken) {
  const DecodedInsn cbz = decode({0x00, 0xb1});  // cbz r0, ...
  EXPECT_EQ(cycles(cbz), 1u);
  EXPECT_EQ(cycles(cbz) + taken_extra(cbz, narrow_target_aligned(), kM4F), 2u);
}

TEST(CortexM4Timing, BranchWithLinkAndRegisterBranchesCostOnePlusP) {
  const DecodedInsn bl = decode({0x00, 0xf0, 0x00, 0xf8});  // bl
  const DecodedInsn bx = decode({0x70, 0x47});               // bx lr
  const DecodedInsn blx = decode({0x98, 0x47});              // blx r3
  EXPECT_EQ(cycles(bl) + taken_extra(bl, narrow_target_aligned(), kM4F), 2u);
  EXPECT_EQ(cycles(bx) + taken_extra(bx, narrow_target_aligned(), kM4F), 2u);
  EXPECT_EQ(cycles(blx) + taken_extra(blx, wide_target_unaligned(), kM4F), 3u);
}

TEST(CortexM4Timing, AluWritingPcCostsOnePlusP) {
  const DecodedInsn mov = decode({0xf7, 0x46});  // mov pc, lr — Table 3-1: 1 + P
  EXPECT_EQ(cycles(mov) + taken_extra(mov, narrow_target_aligned(), kM4F), 2u);
  const DecodedInsn add = decode({0x8f, 0x44});  // add pc, r1
  EXPECT_EQ(cycles(add) + taken_extra(add, wide_target_unaligned(), kM4F), 3u);
}

TEST(CortexM4Timing, LoadToPcCostsTwoPlusP) {
  const DecodedInsn ldr_pc = decode({0x5d, 0xf8, 0x04, 0xfb});  // ldr pc, [sp], #4
  EXPECT_EQ(cycles(ldr_pc), 2u);
  EXPECT_EQ(cycles(ldr_pc) + taken_extra(ldr_pc, narrow_target_aligned(), kM4F), 3u);
  EXPECT_EQ(cycles(ldr_pc) + taken_extra(ldr_pc, wide_target_unaligned(), kM4F), 4u);
}

TEST(CortexM4Timing, PopWithPcCostsOnePlusNPlusP) {
  const DecodedInsn pop = decode({0x70, 0xbd});  // pop {r4, r5, r6, pc}: N = 4
  EXPECT_EQ(cycles(pop), 5u);                    // 1 + 4
  EXPECT_EQ(cycles(pop) + taken_extra(pop, narrow_target_aligned(), kM4F), 6u);  // + P = 1
}

TEST(CortexM4Timing, TableBranchCostsTwoPlusP) {
  const DecodedInsn tbb = decode({0xdf, 0xe8, 0x00, 0xf0});  // tbb [pc, r0]
  EXPECT_EQ(cycles(tbb), 2u);
  EXPECT_EQ(cycles(tbb) + taken_extra(tbb, narrow_target_aligned(), kM4F), 3u);
}

TEST(CortexM4Timing, NonBranchesHaveNoTakenExtra) {
  EXPECT_EQ(taken_extra(decode({0x48, 0x68}), wide_target_unaligned(), kM4F), 0u);  // ldr
  EXPECT_EQ(taken_extra(decode({0x70, 0xb5}), wide_target_unaligned(), kM4F), 0u);  // push
}

// ---------------------------------------------------------------- IT

TEST(CortexM4Timing, ItFoldsIntoAPrecedingSixteenBitInstruction) {
  // adds r0, r1, r2 / it eq: 1 + 0
  EXPECT_EQ(run_cycles({0x88, 0x18, 0x08, 0xbf}), 1u);
}

TEST(CortexM4Timing, ItAfterAThirtyTwoBitInstructionCostsOne) {
  // add.w r0, r1, #1 / it eq: 1 + 1
  EXPECT_EQ(run_cycles({0x01, 0xf1, 0x01, 0x00, 0x08, 0xbf}), 2u);
}

TEST(CortexM4Timing, ItWithNoKnownPredecessorOrAfterABranchCostsOne) {
  const DecodedInsn it = decode({0x08, 0xbf});    // it eq
  EXPECT_EQ(cycles(it), 1u);
  const DecodedInsn cbnz = decode({0x09, 0xb9});  // cbnz r1 (not taken): a branch
  EXPECT_EQ(cycles(it, &cbnz), 1u);
}

TEST(CortexM4Timing, InstructionSkippedByAFailedItConditionCostsOne) {
  EXPECT_EQ(skipped_cycles(decode({0x48, 0x68}), kM4F), 1u);              // ldr r0, [r1, #4]
  EXPECT_EQ(skipped_cycles(decode({0x91, 0xfb, 0xf2, 0xf0}), kM4F), 1u);  // sdiv r0, r1, r2
  EXPECT_EQ(skipped_cycles(decode({0x80, 0xee, 0x81, 0x0a}), kM4F), 1u);  // vdiv.f32 s0, s1, s2
  EXPECT_EQ(skipped_cycles(decode({0x70, 0xb5}), kM4F), 1u);              // push {r4, r5, r6, lr}
}

// ---------------------------------------------------------------- system

TEST(CortexM4Timing, MrsMsrAndCpsCostOne) {
  EXPECT_EQ(cycles(decode({0xef, 0xf3, 0x10, 0x80})), 1u);  // mrs r0, primask — 1 or 2: 1
  EXPECT_EQ(cycles(decode({0x80, 0xf3, 0x11, 0x88})), 1u);  // msr basepri, r0 — 1 or 2: 1
  EXPECT_EQ(cycles(decode({0x72, 0xb6})), 1u);              // cpsid i — 1 or 2: 1
}

TEST(CortexM4Timing, DataBarriersCostOneAndIsbCostsTwo) {
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x5f, 0x8f})), 1u);  // dmb sy: 1 + B, B = 0
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x4f, 0x8f})), 1u);  // dsb sy: 1 + B, B = 0
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x6f, 0x8f})), 2u);  // isb sy: 1 + B, B = P = 1
}

TEST(CortexM4Timing, SvcCostsOneAndBkptCostsZero) {
  EXPECT_EQ(cycles(decode({0x01, 0xdf})), 1u);  // svc #1
  EXPECT_EQ(cycles(decode({0xab, 0xbe})), 0u);  // bkpt #0xab: halted in Debug state
}

TEST(CortexM4Timing, WaitAndHintsCostOne) {
  EXPECT_EQ(cycles(decode({0x30, 0xbf})), 1u);  // wfi
  EXPECT_EQ(cycles(decode({0x20, 0xbf})), 1u);  // wfe
  EXPECT_EQ(cycles(decode({0x00, 0xbf})), 1u);  // nop
}

TEST(CortexM4Timing, UndefinedInstructionsCostZero) {
  // vadd.f32 on a Cortex-M4 without FPU: undefined, never completes
  const DecodedInsn vadd = Decoder(CoreModel::CortexM4).decode_one(
      Bytes{0x30, 0xee, 0x81, 0x0a}, 0x1000);
  ASSERT_EQ(vadd.cls, InsnClass::Undefined);
  EXPECT_EQ(static_cycles(vadd, nullptr, {CoreModel::CortexM4, Multiplier::Fast}), 0u);
}

// ---------------------------------------------------------------- FPU (M4F)

TEST(CortexM4FTiming, FpArithmeticMovesAndComparesCostOne) {
  EXPECT_EQ(cycles(decode({0x30, 0xee, 0x81, 0x0a})), 1u);  // vadd.f32 s0, s1, s2
  EXPECT_EQ(cycles(decode({0xb1, 0xee, 0x60, 0x0a})), 1u);  // vneg.f32 s0, s1
  EXPECT_EQ(cycles(decode({0xb4, 0xee, 0x60, 0x0a})), 1u);  // vcmp.f32 s0, s1
  EXPECT_EQ(cycles(decode({0xbd, 0xee, 0xc0, 0x0a})), 1u);  // vcvt.s32.f32 s0, s0
  EXPECT_EQ(cycles(decode({0x10, 0xee, 0x90, 0x0a})), 1u);  // vmov r0, s1
  EXPECT_EQ(cycles(decode({0xf1, 0xee, 0x10, 0xfa})), 1u);  // vmrs APSR_nzcv, fpscr
}

TEST(CortexM4FTiming, FpMultiplyAccumulateCostsThree) {
  EXPECT_EQ(cycles(decode({0x00, 0xee, 0x81, 0x0a})), 3u);  // vmla.f32 s0, s1, s2
  EXPECT_EQ(cycles(decode({0xa0, 0xee, 0x81, 0x0a})), 3u);  // vfma.f32 s0, s1, s2
}

TEST(CortexM4FTiming, FpDivideAndSquareRootCostFourteen) {
  EXPECT_EQ(cycles(decode({0x80, 0xee, 0x81, 0x0a})), 14u);  // vdiv.f32 s0, s1, s2
  EXPECT_EQ(cycles(decode({0xb1, 0xee, 0xe0, 0x0a})), 14u);  // vsqrt.f32 s0, s1
}

TEST(CortexM4FTiming, FpLoadStoreCostsOnePlusWords) {
  EXPECT_EQ(cycles(decode({0x90, 0xed, 0x01, 0x0a})), 2u);  // vldr s0, [r0, #4]: 1 + 1
  EXPECT_EQ(cycles(decode({0x80, 0xed, 0x01, 0x0a})), 2u);  // vstr s0, [r0, #4]: 1 + 1
  EXPECT_EQ(cycles(decode({0x12, 0xed, 0x02, 0x1b})), 3u);  // vldr d1, [r2, #-8]: 1 + 2
}

TEST(CortexM4FTiming, FpLoadStoreMultipleCostsOnePlusWords) {
  EXPECT_EQ(cycles(decode({0x2d, 0xed, 0x04, 0x8a})), 5u);  // vpush {s16-s19}: 1 + 4
  EXPECT_EQ(cycles(decode({0xbd, 0xec, 0x04, 0x8a})), 5u);  // vpop {s16-s19}: 1 + 4
  EXPECT_EQ(cycles(decode({0x2d, 0xed, 0x04, 0x8b})), 5u);  // vpush {d8, d9}: 1 + 4 words
  EXPECT_EQ(cycles(decode({0xb0, 0xec, 0x04, 0x0b})), 5u);  // vldmia r0!, {d0, d1}: 1 + 4
}

TEST(CortexM4Timing, WordSplitOverTwoWordsCostsOneMoreBusTransfer) {
  // TIMING-FACTS.md "Unaligned accesses": +1 for a word split over two words.
  const DecodedInsn ldr = decode({0x08, 0x68});   // ldr r0, [r1]
  const DecodedInsn ldrh = decode({0x08, 0x88});  // ldrh r0, [r1]
  const DecodedInsn ldrb = decode({0x08, 0x78});  // ldrb r0, [r1]
  EXPECT_EQ(unaligned_access_extra(ldr, 0x2000'0000u, kM4F), 0u);  // aligned
  EXPECT_EQ(unaligned_access_extra(ldr, 0x2000'0001u, kM4F), 1u);  // bytes 1..4: two words
  EXPECT_EQ(unaligned_access_extra(ldr, 0x2000'0003u, kM4F), 1u);
  EXPECT_EQ(unaligned_access_extra(ldrh, 0x2000'0001u, kM4F), 0u);  // bytes 1..2: one word
  EXPECT_EQ(unaligned_access_extra(ldrh, 0x2000'0003u, kM4F), 1u);  // bytes 3..4: two words
  EXPECT_EQ(unaligned_access_extra(ldrb, 0x2000'0003u, kM4F), 0u);  // a byte never splits
  // ARMv6-M faults on unaligned accesses instead of paying for them.
  EXPECT_EQ(unaligned_access_extra(ldr, 0x2000'0001u, TimingOptions{CoreModel::CortexM0}), 0u);
}

}  // namespace
}  // namespace mcusim
