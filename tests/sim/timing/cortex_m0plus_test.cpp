// tests/sim/timing/cortex_m0plus_test.cpp — Cortex-M0+ timing rules, one test
// per rule of ARM DDI 0484C §3.3, zero wait states. The M0+ differs from the
// M0 in its 1-cycle refill, POP {PC}, and 3-cycle MRS/MSR/barriers.
//
// Inputs are real encodings decoded by the Cortex-M0+ decoder; the bytes come
// from clang-14 --target=thumbv7em-none-eabi + llvm-objdump-14 (memory order).
// Expected cycle counts are literals derived from the TRM in the comments.
#include "sim/decode/decoder.hpp"
#include "sim/timing/timing.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mcusim {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Decoder& decoder() {
  static const Decoder instance(CoreModel::CortexM0Plus);
  return instance;
}

DecodedInsn decode(const Bytes& bytes, std::uint32_t address = 0x1000) {
  return decoder().decode_one(bytes, address);
}

TimingOptions m0plus(Multiplier multiplier = Multiplier::Fast) {
  return TimingOptions{CoreModel::CortexM0Plus, multiplier};
}

std::uint32_t cycles(const DecodedInsn& insn, const TimingOptions& options = m0plus()) {
  return static_cycles(insn, nullptr, options);
}

std::uint32_t run_cycles(const Bytes& bytes) {
  const auto insns = decoder().decode_block(bytes, 0x1000);
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < insns.size(); ++i) {
    total += static_cycles(insns[i], i == 0 ? nullptr : &insns[i - 1], m0plus());
  }
  return total;
}

const DecodedInsn& narrow_target() {
  static const DecodedInsn insn = decode({0x00, 0xbf}, 0x2000);  // nop
  return insn;
}
const DecodedInsn& unaligned_wide_target() {
  static const DecodedInsn insn = decode({0x00, 0xf0, 0x00, 0xf8}, 0x2002);  // bl
  return insn;
}

TEST(CortexM0PlusTiming, DataProcessingCostsOne) {
  EXPECT_EQ(cycles(decode({0x88, 0x18})), 1u);  // adds r0, r1, r2 — §3.3: 1
  EXPECT_EQ(cycles(decode({0x01, 0x20})), 1u);  // movs r0, #1
  EXPECT_EQ(cycles(decode({0x88, 0x42})), 1u);  // cmp r0, r1
}

TEST(CortexM0PlusTiming, AddOrMovToPcCostsTwoAlways) {
  // §3.3: ADD/MOV PC = 2 = 1 + 1 refill
  const DecodedInsn add = decode({0x8f, 0x44});  // add pc, r1
  EXPECT_EQ(cycles(add), 1u);
  EXPECT_EQ(taken_extra(add, narrow_target(), m0plus()), 1u);
  const DecodedInsn mov = decode({0xf7, 0x46});  // mov pc, lr
  EXPECT_EQ(cycles(mov) + taken_extra(mov, narrow_target(), m0plus()), 2u);
}

TEST(CortexM0PlusTiming, MulsCostsOneWithTheFastMultiplierAndThirtyTwoWithTheSmallOne) {
  const DecodedInsn muls = decode({0x48, 0x43});  // muls r0, r1, r0 — §3.3: 1 or 32
  EXPECT_EQ(cycles(muls, m0plus(Multiplier::Fast)), 1u);
  EXPECT_EQ(cycles(muls, m0plus(Multiplier::Small)), 32u);
}

TEST(CortexM0PlusTiming, LoadsAndStoresCostTwoOutsideTheIoPort) {
  // §3.3: 2 (1 only through the single-cycle I/O port: the memory model's rule)
  EXPECT_EQ(cycles(decode({0x48, 0x68})), 2u);  // ldr r0, [r1, #4]
  EXPECT_EQ(cycles(decode({0x88, 0x58})), 2u);  // ldr r0, [r1, r2]
  EXPECT_EQ(cycles(decode({0x02, 0x48})), 2u);  // ldr r0, [pc, #8]
  EXPECT_EQ(cycles(decode({0x58, 0x61})), 2u);  // str r0, [r3, #20]
  EXPECT_EQ(cycles(decode({0x48, 0x80})), 2u);  // strh r0, [r1, #2]
}

TEST(CortexM0PlusTiming, NeighbouringLoadsDoNotPipeline) {
  // ldr r0, [r1] / ldr r1, [r2]: 2 + 2
  EXPECT_EQ(run_cycles({0x08, 0x68, 0x11, 0x68}), 4u);
}

TEST(CortexM0PlusTiming, LoadStoreMultipleCostsOnePlusN) {
  EXPECT_EQ(cycles(decode({0x0e, 0xc8})), 4u);  // ldm r0!, {r1, r2, r3}: 1 + 3
  EXPECT_EQ(cycles(decode({0x06, 0xc0})), 3u);  // stm r0!, {r1, r2}: 1 + 2
  EXPECT_EQ(cycles(decode({0x70, 0xb5})), 5u);  // push {r4, r5, r6, lr}: 1 + 4
}

TEST(CortexM0PlusTiming, PopWithPcCostsThreePlusNCountingPc) {
  // pop {r4, r5, r6, pc}: N = 4 -> 3 + 4 = 7 = (1 + N) + 2
  const DecodedInsn pop = decode({0x70, 0xbd});
  EXPECT_EQ(cycles(pop), 5u);
  EXPECT_EQ(taken_extra(pop, narrow_target(), m0plus()), 2u);
}

TEST(CortexM0PlusTiming, UnconditionalBranchCostsTwo) {
  const DecodedInsn b = decode({0x01, 0xe0});  // b — §3.3: 2 = 1 + 1
  EXPECT_EQ(cycles(b), 1u);
  EXPECT_EQ(taken_extra(b, narrow_target(), m0plus()), 1u);
}

TEST(CortexM0PlusTiming, ConditionalBranchCostsTwoWhenTakenOneWhenNot) {
  const DecodedInsn beq = decode({0x02, 0xd0});  // beq — §3.3: 1 not taken, 2 taken
  EXPECT_EQ(cycles(beq), 1u);
  EXPECT_EQ(cycles(beq) + taken_extra(beq, narrow_target(), m0plus()), 2u);
}

TEST(CortexM0PlusTiming, BranchWithLinkCostsThree) {
  // bl — §3.3: 3, split as 2 (two halfwords) + 1 refill
  const DecodedInsn bl = decode({0x00, 0xf0, 0x00, 0xf8});
  EXPECT_EQ(cycles(bl), 2u);
  EXPECT_EQ(taken_extra(bl, narrow_target(), m0plus()), 1u);
}

TEST(CortexM0PlusTiming, BranchExchangeAndLinkRegisterCostTwo) {
  const DecodedInsn bx = decode({0x70, 0x47});   // bx lr — §3.3: 2
  const DecodedInsn blx = decode({0x98, 0x47});  // blx r3 — §3.3: 2
  EXPECT_EQ(cycles(bx) + taken_extra(bx, narrow_target(), m0plus()), 2u);
  EXPECT_EQ(cycles(blx) + taken_extra(blx, narrow_target(), m0plus()), 2u);
}

TEST(CortexM0PlusTiming, RefillDoesNotDependOnTheTargetAlignment) {
  const DecodedInsn b = decode({0x01, 0xe0});  // b
  EXPECT_EQ(taken_extra(b, unaligned_wide_target(), m0plus()), 1u);
}

TEST(CortexM0PlusTiming, MrsAndMsrCostThree) {
  EXPECT_EQ(cycles(decode({0xef, 0xf3, 0x10, 0x80})), 3u);  // mrs r0, primask
  EXPECT_EQ(cycles(decode({0x80, 0xf3, 0x11, 0x88})), 3u);  // msr basepri, r0
}

TEST(CortexM0PlusTiming, BarriersCostThree) {
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x5f, 0x8f})), 3u);  // dmb sy
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x4f, 0x8f})), 3u);  // dsb sy
  EXPECT_EQ(cycles(decode({0xbf, 0xf3, 0x6f, 0x8f})), 3u);  // isb sy
}

TEST(CortexM0PlusTiming, SvcCostsOneForTheInstructionItself) {
  EXPECT_EQ(cycles(decode({0x01, 0xdf})), 1u);  // svc #1
}

TEST(CortexM0PlusTiming, BkptCostsZeroBecauseTheCoreIsHaltedInDebugState) {
  EXPECT_EQ(cycles(decode({0xab, 0xbe})), 0u);  // bkpt #0xab
}

TEST(CortexM0PlusTiming, WaitHintsAndCpsCostOne) {
  EXPECT_EQ(cycles(decode({0x30, 0xbf})), 1u);  // wfi
  EXPECT_EQ(cycles(decode({0x00, 0xbf})), 1u);  // nop
  EXPECT_EQ(cycles(decode({0x72, 0xb6})), 1u);  // cpsid i
}

TEST(CortexM0PlusTiming, UndefinedInstructionsCostZero) {
  const DecodedInsn cbz = decode({0x00, 0xb1});  // cbz r0: ARMv7-M only
  ASSERT_EQ(cbz.cls, InsnClass::Undefined);
  EXPECT_EQ(cycles(cbz), 0u);
}

TEST(CortexM0PlusTiming, NonBranchesHaveNoTakenExtra) {
  EXPECT_EQ(taken_extra(decode({0x48, 0x68}), narrow_target(), m0plus()), 0u);  // ldr r0, [r1, #4]
}

}  // namespace
}  // namespace mcusim
