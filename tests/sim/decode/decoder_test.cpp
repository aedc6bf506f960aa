// tests/sim/decode/decoder_test.cpp — Capstone decode into DecodedInsn: field
// extraction, the class of each table row, ISA enforcement per core and IT blocks.
//
// Every encoding below was produced by
//   clang-14 --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -c x.s
//   llvm-objdump-14 -d x.o
// and is written in memory order (little-endian halfwords), with its assembly
// beside it. Raw `.inst` encodings are marked as such.
#include "sim/decode/decoder.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace mcusim {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Decoder& decoder_for(CoreModel core) {
  static const Decoder m0(CoreModel::CortexM0);
  static const Decoder m0plus(CoreModel::CortexM0Plus);
  static const Decoder m4(CoreModel::CortexM4);
  static const Decoder m4f(CoreModel::CortexM4F);
  switch (core) {
    case CoreModel::CortexM0: return m0;
    case CoreModel::CortexM0Plus: return m0plus;
    case CoreModel::CortexM4: return m4;
    case CoreModel::CortexM4F: break;
  }
  return m4f;
}

DecodedInsn decode(const Bytes& bytes, CoreModel core = CoreModel::CortexM4F,
                   std::uint32_t address = 0x1000, std::uint8_t it_state = 0) {
  return decoder_for(core).decode_one(bytes, address, it_state);
}

std::vector<DecodedInsn> decode_block(const Bytes& bytes, std::uint32_t address,
                                      std::uint8_t it_state = 0,
                                      CoreModel core = CoreModel::CortexM4F) {
  return decoder_for(core).decode_block(bytes, address, it_state);
}

constexpr std::uint16_t regs(std::initializer_list<unsigned> numbers) {
  std::uint16_t mask = 0;
  for (unsigned n : numbers) mask = static_cast<std::uint16_t>(mask | (1u << n));
  return mask;
}

// ---------------------------------------------------------------- fields

TEST(DecoderFields, ImmediateOffsetLoadHasBaseDisplacementAndAccessSize) {
  const DecodedInsn insn = decode({0x48, 0x68});  // ldr r0, [r1, #4]
  EXPECT_EQ(insn.cls, InsnClass::Load);
  EXPECT_EQ(insn.address, 0x1000u);
  EXPECT_EQ(insn.size, 2);
  EXPECT_EQ(insn.mem_base, 1);
  EXPECT_EQ(insn.mem_index, kNoReg);
  EXPECT_EQ(insn.mem_disp, 4);
  EXPECT_EQ(insn.mem_bytes, 4);
  EXPECT_FALSE(insn.mem_writeback);
  EXPECT_FALSE(insn.mem_register_offset);
  EXPECT_EQ(insn.regs_read, regs({1}));
  EXPECT_EQ(insn.regs_written, regs({0}));
  EXPECT_FALSE(insn.sets_flags);
  EXPECT_EQ(insn.condition, 14);
  EXPECT_FALSE(insn.in_it_block);
  EXPECT_EQ(insn.text_view(), "ldr r0, [r1, #4]");
}

TEST(DecoderFields, RegisterOffsetLoadHasIndexRegister) {
  const DecodedInsn insn = decode({0x88, 0x58});  // ldr r0, [r1, r2]
  EXPECT_EQ(insn.cls, InsnClass::Load);
  EXPECT_EQ(insn.mem_base, 1);
  EXPECT_EQ(insn.mem_index, 2);
  EXPECT_TRUE(insn.mem_register_offset);
  EXPECT_EQ(insn.regs_read, regs({1, 2}));
  EXPECT_EQ(insn.regs_written, regs({0}));
  EXPECT_EQ(insn.mem_index_shift, 0);
}

TEST(DecoderFields, ShiftedRegisterOffsetCarriesTheShift) {
  // ldr.w r0, [r1, r2, lsl #2]
  const DecodedInsn insn = decode({0x51, 0xf8, 0x22, 0x00});
  EXPECT_EQ(insn.mem_base, 1);
  EXPECT_EQ(insn.mem_index, 2);
  EXPECT_EQ(insn.mem_index_shift, 2);
}

TEST(DecoderFields, LiteralLoadHasPcAsBase) {
  const DecodedInsn insn = decode({0x02, 0x48});  // ldr r0, [pc, #8]
  EXPECT_EQ(insn.cls, InsnClass::Load);
  EXPECT_EQ(insn.mem_base, kRegPc);
  EXPECT_EQ(insn.mem_disp, 8);
  EXPECT_EQ(insn.regs_read, regs({15}));
  EXPECT_EQ(insn.regs_written, regs({0}));
}

TEST(DecoderFields, PostIndexedLoadAccessesTheBaseAndWritesItBack) {
  const DecodedInsn insn = decode({0x51, 0xf8, 0x04, 0x0b});  // ldr r0, [r1], #4
  EXPECT_EQ(insn.cls, InsnClass::Load);
  EXPECT_EQ(insn.size, 4);
  EXPECT_EQ(insn.mem_base, 1);
  EXPECT_EQ(insn.mem_disp, 0);  // the access is at the base; #4 moves it afterwards
  EXPECT_TRUE(insn.mem_writeback);
  EXPECT_EQ(insn.regs_written, regs({0, 1}));
}

TEST(DecoderFields, PreIndexedStoreHasNegativeDisplacementAndWriteback) {
  const DecodedInsn insn = decode({0x41, 0xf8, 0x04, 0x0d});  // str r0, [r1, #-4]!
  EXPECT_EQ(insn.cls, InsnClass::Store);
  EXPECT_EQ(insn.mem_base, 1);
  EXPECT_EQ(insn.mem_disp, -4);
  EXPECT_TRUE(insn.mem_writeback);
  EXPECT_EQ(insn.regs_read, regs({0, 1}));
  EXPECT_EQ(insn.regs_written, regs({1}));
}

TEST(DecoderFields, ByteAndHalfwordAccessesHaveTheirSizes) {
  const DecodedInsn ldrb = decode({0xc8, 0x78});  // ldrb r0, [r1, #3]
  EXPECT_EQ(ldrb.cls, InsnClass::Load);
  EXPECT_EQ(ldrb.mem_bytes, 1);
  EXPECT_EQ(ldrb.mem_disp, 3);
  const DecodedInsn ldrsh = decode({0x88, 0x5e});  // ldrsh r0, [r1, r2]
  EXPECT_EQ(ldrsh.cls, InsnClass::Load);
  EXPECT_EQ(ldrsh.mem_bytes, 2);
  EXPECT_TRUE(ldrsh.mem_register_offset);
  const DecodedInsn strh = decode({0x48, 0x80});  // strh r0, [r1, #2]
  EXPECT_EQ(strh.cls, InsnClass::Store);
  EXPECT_EQ(strh.mem_bytes, 2);
  EXPECT_EQ(strh.regs_written, 0);
}

TEST(DecoderFields, LoadDualTransfersEightBytesIntoTwoRegisters) {
  const DecodedInsn insn = decode({0xd2, 0xe9, 0x02, 0x01});  // ldrd r0, r1, [r2, #8]
  EXPECT_EQ(insn.cls, InsnClass::LoadDual);
  EXPECT_EQ(insn.mem_base, 2);
  EXPECT_EQ(insn.mem_disp, 8);
  EXPECT_EQ(insn.mem_bytes, 8);
  EXPECT_EQ(insn.regs_written, regs({0, 1}));
}

TEST(DecoderFields, PushCountsItsListReadsItAndWritesSp) {
  const DecodedInsn insn = decode({0x30, 0xb5});  // push {r4, r5, lr}
  EXPECT_EQ(insn.cls, InsnClass::StoreMulti);
  EXPECT_EQ(insn.reg_count, 3);
  EXPECT_EQ(insn.mem_base, kRegSp);
  EXPECT_TRUE(insn.mem_writeback);
  EXPECT_EQ(insn.regs_read, regs({4, 5, 13, 14}));
  EXPECT_EQ(insn.regs_written, regs({13}));
}

TEST(DecoderFields, PopWithPcIsLoadMultiPcAndCountsPc) {
  const DecodedInsn insn = decode({0x30, 0xbd});  // pop {r4, r5, pc}
  EXPECT_EQ(insn.cls, InsnClass::LoadMultiPc);
  EXPECT_EQ(insn.reg_count, 3);
  EXPECT_EQ(insn.mem_base, kRegSp);
  EXPECT_EQ(insn.regs_read, regs({13}));
  EXPECT_EQ(insn.regs_written, regs({4, 5, 13, 15}));
  EXPECT_TRUE(insn.writes_pc());
}

TEST(DecoderFields, PopWithoutPcIsLoadMulti) {
  const DecodedInsn insn = decode({0x30, 0xbc});  // pop {r4, r5}
  EXPECT_EQ(insn.cls, InsnClass::LoadMulti);
  EXPECT_EQ(insn.reg_count, 2);
  EXPECT_FALSE(insn.writes_pc());
}

TEST(DecoderFields, LoadMultipleWritesItsListAndTheBaseOnlyWithWriteback) {
  const DecodedInsn with = decode({0x06, 0xc8});  // ldm r0!, {r1, r2}
  EXPECT_EQ(with.cls, InsnClass::LoadMulti);
  EXPECT_EQ(with.reg_count, 2);
  EXPECT_EQ(with.mem_base, 0);
  EXPECT_TRUE(with.mem_writeback);
  EXPECT_EQ(with.regs_written, regs({0, 1, 2}));
  const DecodedInsn without = decode({0x03, 0xc8});  // ldm r0, {r0, r1}
  EXPECT_FALSE(without.mem_writeback);
  EXPECT_EQ(without.regs_read, regs({0}));
  EXPECT_EQ(without.regs_written, regs({0, 1}));
}

TEST(DecoderFields, AddOrMovWithPcDestinationIsAluWritePc) {
  const DecodedInsn add = decode({0x8f, 0x44});  // add pc, r1
  EXPECT_EQ(add.cls, InsnClass::AluWritePc);
  EXPECT_TRUE(add.writes_pc());
  EXPECT_EQ(add.regs_written, regs({15}));
  const DecodedInsn mov = decode({0xf7, 0x46});  // mov pc, lr
  EXPECT_EQ(mov.cls, InsnClass::AluWritePc);
  EXPECT_EQ(mov.regs_read, regs({14}));
}

TEST(DecoderFields, LoadWithPcDestinationIsLoadPc) {
  const DecodedInsn insn = decode({0x5d, 0xf8, 0x04, 0xfb});  // ldr pc, [sp], #4
  EXPECT_EQ(insn.cls, InsnClass::LoadPc);
  EXPECT_EQ(insn.mem_base, kRegSp);
  EXPECT_TRUE(insn.mem_writeback);
  EXPECT_EQ(insn.regs_written, regs({13, 15}));
}

TEST(DecoderFields, FlagSettingFollowsTheSuffixAndCompares) {
  EXPECT_TRUE(decode({0x88, 0x18}).sets_flags);               // adds r0, r1, r2
  EXPECT_FALSE(decode({0x01, 0xf1, 0x01, 0x00}).sets_flags);  // add.w r0, r1, #1
  const DecodedInsn cmp = decode({0x88, 0x42});               // cmp r0, r1
  EXPECT_EQ(cmp.cls, InsnClass::Alu);
  EXPECT_TRUE(cmp.sets_flags);
  EXPECT_EQ(cmp.regs_written, 0);
  const DecodedInsn muls = decode({0x48, 0x43});  // muls r0, r1, r0
  EXPECT_EQ(muls.cls, InsnClass::Mul);
  EXPECT_TRUE(muls.sets_flags);
  EXPECT_EQ(muls.regs_written, regs({0}));
}

TEST(DecoderFields, DivideNamesItsDividendAndDivisorRegisters) {
  const DecodedInsn sdiv = decode({0x91, 0xfb, 0xf2, 0xf0});  // sdiv r0, r1, r2
  EXPECT_EQ(sdiv.cls, InsnClass::Div);
  EXPECT_EQ(sdiv.div_rn, 1);
  EXPECT_EQ(sdiv.div_rm, 2);
  EXPECT_TRUE(sdiv.div_signed);
  EXPECT_EQ(sdiv.regs_written, regs({0}));
  const DecodedInsn udiv = decode({0xb4, 0xfb, 0xf5, 0xf3});  // udiv r3, r4, r5
  EXPECT_EQ(udiv.div_rn, 4);
  EXPECT_EQ(udiv.div_rm, 5);
  EXPECT_FALSE(udiv.div_signed);
  EXPECT_EQ(udiv.regs_written, regs({3}));
}

TEST(DecoderFields, BkptCarriesItsImmediate) {
  const DecodedInsn insn = decode({0xab, 0xbe});  // bkpt #0xab
  EXPECT_EQ(insn.cls, InsnClass::Bkpt);
  EXPECT_EQ(insn.bkpt_imm, 0xab);
}

TEST(DecoderFields, DirectBranchesCarryTheirTarget) {
  // 0x100: beq 0x108 / 0x102: b 0x108 / 0x104: bl 0x108 / 0x10c: cbz r0, 0x110
  const DecodedInsn beq = decode({0x02, 0xd0}, CoreModel::CortexM4F, 0x100);
  EXPECT_EQ(beq.cls, InsnClass::CondBranch);
  EXPECT_EQ(beq.condition, 0);  // EQ
  EXPECT_TRUE(beq.has_direct_target);
  EXPECT_EQ(beq.direct_target, 0x108u);
  const DecodedInsn b = decode({0x01, 0xe0}, CoreModel::CortexM4F, 0x102);
  EXPECT_EQ(b.cls, InsnClass::Branch);
  EXPECT_EQ(b.condition, 14);
  EXPECT_EQ(b.direct_target, 0x108u);
  const DecodedInsn bl = decode({0x00, 0xf0, 0x00, 0xf8}, CoreModel::CortexM4F, 0x104);
  EXPECT_EQ(bl.cls, InsnClass::BranchLink);
  EXPECT_EQ(bl.size, 4);
  EXPECT_EQ(bl.direct_target, 0x108u);
  EXPECT_EQ(bl.regs_written, regs({14, 15}));
  const DecodedInsn cbz = decode({0x00, 0xb1}, CoreModel::CortexM4F, 0x10c);
  EXPECT_EQ(cbz.cls, InsnClass::CompareBranch);
  EXPECT_EQ(cbz.direct_target, 0x110u);
  EXPECT_TRUE((cbz.regs_read & regs({0})) != 0);
}

TEST(DecoderFields, RegisterBranchesHaveNoDirectTarget) {
  const DecodedInsn bx = decode({0x70, 0x47});  // bx lr
  EXPECT_EQ(bx.cls, InsnClass::BranchReg);
  EXPECT_FALSE(bx.has_direct_target);
  EXPECT_EQ(bx.regs_read, regs({14}));
  const DecodedInsn blx = decode({0x98, 0x47});  // blx r3
  EXPECT_EQ(blx.cls, InsnClass::BranchLinkReg);
  EXPECT_EQ(blx.regs_written, regs({14, 15}));
}

TEST(DecoderFields, TableBranchReadsItsTableThroughPc) {
  const DecodedInsn tbb = decode({0xdf, 0xe8, 0x00, 0xf0});  // tbb [pc, r0]
  EXPECT_EQ(tbb.cls, InsnClass::TableBranch);
  EXPECT_EQ(tbb.mem_base, kRegPc);
  EXPECT_EQ(tbb.mem_index, 0);
  EXPECT_EQ(tbb.mem_bytes, 1);
  const DecodedInsn tbh = decode({0xdf, 0xe8, 0x11, 0xf0});  // tbh [pc, r1, lsl #1]
  EXPECT_EQ(tbh.mem_index, 1);
  EXPECT_EQ(tbh.mem_bytes, 2);
}

TEST(DecoderFields, FpMultipleTransfersCountWords) {
  const DecodedInsn vpush = decode({0x2d, 0xed, 0x04, 0x8a});  // vpush {s16, s17, s18, s19}
  EXPECT_EQ(vpush.cls, InsnClass::FpLoadStoreMulti);
  EXPECT_EQ(vpush.reg_count, 4);
  EXPECT_EQ(vpush.mem_base, kRegSp);
  EXPECT_EQ(vpush.regs_written, regs({13}));
  const DecodedInsn vldm = decode({0xb0, 0xec, 0x04, 0x0b});  // vldmia r0!, {d0, d1}
  EXPECT_EQ(vldm.cls, InsnClass::FpLoadStoreMulti);
  EXPECT_EQ(vldm.reg_count, 4);  // two D registers = four words
  EXPECT_EQ(vldm.mem_base, 0);
  EXPECT_TRUE(vldm.mem_writeback);
  EXPECT_EQ(vldm.regs_written, regs({0}));
}

TEST(DecoderFields, FpLoadHasAMemoryOperandAndCountsWords) {
  const DecodedInsn single = decode({0x90, 0xed, 0x01, 0x0a});  // vldr s0, [r0, #4]
  EXPECT_EQ(single.cls, InsnClass::FpLoadStore);
  EXPECT_EQ(single.mem_base, 0);
  EXPECT_EQ(single.mem_disp, 4);
  EXPECT_EQ(single.mem_bytes, 4);
  EXPECT_EQ(single.reg_count, 1);
  const DecodedInsn dual = decode({0x12, 0xed, 0x02, 0x1b});  // vldr d1, [r2, #-8]
  EXPECT_EQ(dual.cls, InsnClass::FpLoadStore);
  EXPECT_EQ(dual.mem_disp, -8);
  EXPECT_EQ(dual.mem_bytes, 8);
  EXPECT_EQ(dual.reg_count, 2);
}

TEST(DecoderFields, EveryTableRowMapsToItsClass) {
  EXPECT_EQ(decode({0x01, 0x20}).cls, InsnClass::Alu);                    // movs r0, #1
  EXPECT_EQ(decode({0x01, 0xfb, 0x02, 0x30}).cls, InsnClass::Mul);        // mla r0, r1, r2, r3
  EXPECT_EQ(decode({0x82, 0xfb, 0x03, 0x01}).cls, InsnClass::MulLong);    // smull r0, r1, r2, r3
  EXPECT_EQ(decode({0xe2, 0xfb, 0x03, 0x01}).cls, InsnClass::MulLong);    // umlal r0, r1, r2, r3
  EXPECT_EQ(decode({0x21, 0xfb, 0x02, 0x30}).cls, InsnClass::Dsp);        // smlad r0, r1, r2, r3
  EXPECT_EQ(decode({0x91, 0xfa, 0x02, 0xf0}).cls, InsnClass::Dsp);        // sadd16 r0, r1, r2
  EXPECT_EQ(decode({0xef, 0xf3, 0x10, 0x80}).cls, InsnClass::SysReg);     // mrs r0, primask
  EXPECT_EQ(decode({0x80, 0xf3, 0x11, 0x88}).cls, InsnClass::SysReg);     // msr basepri, r0
  EXPECT_EQ(decode({0xbf, 0xf3, 0x5f, 0x8f}).cls, InsnClass::Barrier);    // dmb sy
  EXPECT_EQ(decode({0xbf, 0xf3, 0x4f, 0x8f}).cls, InsnClass::Barrier);    // dsb sy
  EXPECT_EQ(decode({0xbf, 0xf3, 0x6f, 0x8f}).cls, InsnClass::Isb);        // isb sy
  EXPECT_EQ(decode({0x72, 0xb6}).cls, InsnClass::Cps);                    // cpsid i
  EXPECT_EQ(decode({0x30, 0xbf}).cls, InsnClass::Wait);                   // wfi
  EXPECT_EQ(decode({0x20, 0xbf}).cls, InsnClass::Wait);                   // wfe
  EXPECT_EQ(decode({0x00, 0xbf}).cls, InsnClass::Hint);                   // nop
  EXPECT_EQ(decode({0x01, 0xdf}).cls, InsnClass::Svc);                    // svc #1
  EXPECT_EQ(decode({0x01, 0xde}).cls, InsnClass::Undefined);              // udf #1
  EXPECT_EQ(decode({0x30, 0xee, 0x81, 0x0a}).cls, InsnClass::FpAlu);      // vadd.f32 s0, s1, s2
  EXPECT_EQ(decode({0x00, 0xee, 0x81, 0x0a}).cls, InsnClass::FpMac);      // vmla.f32 s0, s1, s2
  EXPECT_EQ(decode({0xa0, 0xee, 0x81, 0x0a}).cls, InsnClass::FpMac);      // vfma.f32 s0, s1, s2
  EXPECT_EQ(decode({0x80, 0xee, 0x81, 0x0a}).cls, InsnClass::FpDivSqrt);  // vdiv.f32 s0, s1, s2
  EXPECT_EQ(decode({0xb1, 0xee, 0xe0, 0x0a}).cls, InsnClass::FpDivSqrt);  // vsqrt.f32 s0, s1
  EXPECT_EQ(decode({0x10, 0xee, 0x90, 0x0a}).cls, InsnClass::FpAlu);      // vmov r0, s1
  EXPECT_EQ(decode({0xf1, 0xee, 0x10, 0xfa}).cls, InsnClass::FpAlu);      // vmrs APSR_nzcv, fpscr
  EXPECT_EQ(decode({0x80, 0xed, 0x01, 0x0a}).cls, InsnClass::FpLoadStore);  // vstr s0, [r0, #4]
}

TEST(DecoderFields, RegistersCapstoneLeavesUnmarkedAreStillRead) {
  // Capstone 4 gives SSAT's source register no access flags; it is read.
  const DecodedInsn ssat = decode({0x01, 0xf3, 0x07, 0x00});  // ssat r0, #8, r1
  EXPECT_EQ(ssat.regs_read, regs({1}));
  EXPECT_EQ(ssat.regs_written, regs({0}));
  // VMOV core <- S writes the core register.
  EXPECT_EQ(decode({0x10, 0xee, 0x90, 0x0a}).regs_written, regs({0}));  // vmov r0, s1
}

TEST(DecoderFields, SizeFollowsTheThumbThirtyTwoBitRule) {
  EXPECT_EQ(decode({0xd1, 0xf8, 0x04, 0x00}).size, 4);  // ldr.w r0, [r1, #4]
  EXPECT_EQ(decode({0x01, 0x20, 0xff, 0xff}).size, 2);  // movs r0, #1 (+ unrelated bytes)
}

TEST(DecoderFields, TextIsCapstoneSyntaxCutToFitTheBuffer) {
  // push.w {r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr}: Capstone
  // spells it in 64 characters; the buffer keeps 47 and a terminator.
  const DecodedInsn insn = decode({0x2d, 0xe9, 0xff, 0x5f});
  EXPECT_EQ(insn.reg_count, 14);
  EXPECT_EQ(insn.text_view().size(), 47u);
  EXPECT_EQ(insn.text_view().substr(0, 16), "push.w {r0, r1, ");
}

// ---------------------------------------------------------------- ISA per core

TEST(DecoderIsa, Armv6mRejectsThirtyTwoBitInstructionsOtherThanBlMrsMsrAndBarriers) {
  for (CoreModel core : {CoreModel::CortexM0, CoreModel::CortexM0Plus}) {
    const DecodedInsn sdiv = decode({0x91, 0xfb, 0xf2, 0xf0}, core);  // sdiv r0, r1, r2
    EXPECT_EQ(sdiv.cls, InsnClass::Undefined);
    EXPECT_EQ(sdiv.size, 4);
    EXPECT_EQ(sdiv.text_view(), "sdiv r0, r1, r2");  // the message still names it
    EXPECT_EQ(decode({0xd1, 0xf8, 0x04, 0x00}, core).cls, InsnClass::Undefined);  // ldr.w
    EXPECT_EQ(decode({0x01, 0xf1, 0x01, 0x00}, core).cls, InsnClass::Undefined);  // add.w
    EXPECT_EQ(decode({0x00, 0xf0, 0x00, 0xf8}, core).cls, InsnClass::BranchLink);  // bl
    EXPECT_EQ(decode({0xef, 0xf3, 0x10, 0x80}, core).cls, InsnClass::SysReg);  // mrs r0, primask
    EXPECT_EQ(decode({0x80, 0xf3, 0x11, 0x88}, core).cls, InsnClass::SysReg);  // msr basepri, r0
    EXPECT_EQ(decode({0xbf, 0xf3, 0x5f, 0x8f}, core).cls, InsnClass::Barrier);  // dmb sy
    EXPECT_EQ(decode({0xbf, 0xf3, 0x4f, 0x8f}, core).cls, InsnClass::Barrier);  // dsb sy
    EXPECT_EQ(decode({0xbf, 0xf3, 0x6f, 0x8f}, core).cls, InsnClass::Isb);      // isb sy
  }
}

TEST(DecoderIsa, Armv6mRejectsCbzCbnzAndIt) {
  for (CoreModel core : {CoreModel::CortexM0, CoreModel::CortexM0Plus}) {
    const DecodedInsn cbz = decode({0x00, 0xb1}, core);  // cbz r0, ...
    EXPECT_EQ(cbz.cls, InsnClass::Undefined);
    EXPECT_EQ(cbz.size, 2);
    EXPECT_EQ(decode({0x09, 0xb9}, core).cls, InsnClass::Undefined);  // cbnz r1, ...
    EXPECT_EQ(decode({0x08, 0xbf}, core).cls, InsnClass::Undefined);  // it eq
  }
}

TEST(DecoderIsa, Armv6mAcceptsItsSixteenBitInstructions) {
  for (CoreModel core : {CoreModel::CortexM0, CoreModel::CortexM0Plus}) {
    EXPECT_EQ(decode({0x88, 0x18}, core).cls, InsnClass::Alu);          // adds r0, r1, r2
    EXPECT_EQ(decode({0x48, 0x43}, core).cls, InsnClass::Mul);          // muls r0, r1, r0
    EXPECT_EQ(decode({0x30, 0xbd}, core).cls, InsnClass::LoadMultiPc);  // pop {r4, r5, pc}
    EXPECT_EQ(decode({0x8f, 0x44}, core).cls, InsnClass::AluWritePc);   // add pc, r1
    EXPECT_EQ(decode({0x98, 0x47}, core).cls, InsnClass::BranchLinkReg);  // blx r3
    EXPECT_EQ(decode({0x72, 0xb6}, core).cls, InsnClass::Cps);          // cpsid i
  }
}

TEST(DecoderIsa, CortexM4AcceptsArmv7emInstructions) {
  EXPECT_EQ(decode({0x91, 0xfb, 0xf2, 0xf0}, CoreModel::CortexM4).cls, InsnClass::Div);  // sdiv
  EXPECT_EQ(decode({0x00, 0xb1}, CoreModel::CortexM4).cls, InsnClass::CompareBranch);    // cbz
  EXPECT_EQ(decode({0x08, 0xbf}, CoreModel::CortexM4).cls, InsnClass::It);               // it eq
  EXPECT_EQ(decode({0x21, 0xfb, 0x02, 0x30}, CoreModel::CortexM4).cls, InsnClass::Dsp);  // smlad
}

TEST(DecoderIsa, FloatingPointNeedsTheM4F) {
  const Bytes vadd = {0x30, 0xee, 0x81, 0x0a};  // vadd.f32 s0, s1, s2
  EXPECT_EQ(decode(vadd, CoreModel::CortexM4).cls, InsnClass::Undefined);
  EXPECT_EQ(decode(vadd, CoreModel::CortexM4).size, 4);
  EXPECT_EQ(decode(vadd, CoreModel::CortexM4F).cls, InsnClass::FpAlu);
  EXPECT_EQ(decode(vadd, CoreModel::CortexM0).cls, InsnClass::Undefined);
  const Bytes vpush = {0x2d, 0xed, 0x04, 0x8a};  // vpush {s16, s17, s18, s19}
  EXPECT_EQ(decode(vpush, CoreModel::CortexM4).cls, InsnClass::Undefined);
  EXPECT_EQ(decode(vpush, CoreModel::CortexM4F).cls, InsnClass::FpLoadStoreMulti);
}

TEST(DecoderIsa, DoublePrecisionArithmeticIsUndefinedOnTheSinglePrecisionFpu) {
  // .inst.w 0xee310b02 = vadd.f64 d0, d1, d2 (FPv4-SP computes single precision only)
  EXPECT_EQ(decode({0x31, 0xee, 0x02, 0x0b}, CoreModel::CortexM4F).cls, InsnClass::Undefined);
  // Moving a D register is a plain transfer, which FPv4-SP-D16 has.
  EXPECT_EQ(decode({0x12, 0xed, 0x02, 0x1b}, CoreModel::CortexM4F).cls,  // vldr d1, [r2, #-8]
            InsnClass::FpLoadStore);
}

TEST(DecoderIsa, UndecodableBytesAreUndefinedWithTheThumbRuleSize) {
  // .inst.w 0xef210842 = vadd.i32 d0, d1, d2 (NEON: Capstone's M-class mode rejects it)
  const DecodedInsn neon = decode({0x21, 0xef, 0x42, 0x08}, CoreModel::CortexM4F);
  EXPECT_EQ(neon.cls, InsnClass::Undefined);
  EXPECT_EQ(neon.size, 4);
  EXPECT_EQ(neon.text_view(), ".inst.w 0xef210842");
  // .inst 0xb658 = setend be (not in any M profile)
  const DecodedInsn setend = decode({0x58, 0xb6}, CoreModel::CortexM4F);
  EXPECT_EQ(setend.cls, InsnClass::Undefined);
  EXPECT_EQ(setend.size, 2);
  EXPECT_EQ(setend.text_view(), ".inst.n 0xb658");
}

TEST(DecoderIsa, TooFewBytesForAWideInstructionIsUndefined) {
  const DecodedInsn insn = decode({0x00, 0xf0});  // first half of a BL
  EXPECT_EQ(insn.cls, InsnClass::Undefined);
  EXPECT_EQ(insn.size, 4);
}

// ---------------------------------------------------------------- IT blocks

TEST(DecoderItBlock, EachInstructionGetsItsConditionAndPlaceInTheBlock) {
  // 0x114: itte ne / addne r0, r1 / addne r0, r1 / subeq r0, r0, r1
  const auto insns = decode_block({0x1a, 0xbf, 0x08, 0x44, 0x08, 0x44, 0x40, 0x1a}, 0x114);
  ASSERT_EQ(insns.size(), 4u);
  EXPECT_EQ(insns[0].cls, InsnClass::It);
  EXPECT_FALSE(insns[0].in_it_block);
  EXPECT_EQ(insns[0].condition, 14);
  EXPECT_TRUE(insns[1].in_it_block);
  EXPECT_EQ(insns[1].condition, 1);  // NE
  EXPECT_FALSE(insns[1].last_in_it_block);
  EXPECT_EQ(insns[2].condition, 1);  // NE
  EXPECT_FALSE(insns[2].last_in_it_block);
  EXPECT_EQ(insns[3].condition, 0);  // EQ (the "else")
  EXPECT_TRUE(insns[3].last_in_it_block);
  EXPECT_EQ(insns[3].text_view(), "subeq r0, r0, r1");
}

TEST(DecoderItBlock, InstructionsAfterTheBlockAreUnconditional) {
  // it eq / moveq r0, r1 / mov r0, r1
  const auto insns = decode_block({0x08, 0xbf, 0x08, 0x46, 0x08, 0x46}, 0x110);
  ASSERT_EQ(insns.size(), 3u);
  EXPECT_TRUE(insns[1].in_it_block);
  EXPECT_TRUE(insns[1].last_in_it_block);
  EXPECT_FALSE(insns[2].in_it_block);
  EXPECT_EQ(insns[2].condition, 14);
}

TEST(DecoderItBlock, DecodeOneHonoursTheItStateArgument) {
  const Bytes adds = {0x88, 0x18};  // adds r0, r1, r2 outside a block; add<c> inside
  // ITSTATE 0x18: condition NE, mask 0b1000 (last instruction of the block).
  const DecodedInsn last = decode(adds, CoreModel::CortexM4, 0x1000, 0x18);
  EXPECT_TRUE(last.in_it_block);
  EXPECT_TRUE(last.last_in_it_block);
  EXPECT_EQ(last.condition, 1);
  EXPECT_FALSE(last.sets_flags);  // 16-bit data processing sets no flags inside IT
  EXPECT_EQ(last.text_view(), "addne r0, r1, r2");
  // ITSTATE 0x14: condition NE, mask 0b0100 (one more instruction follows).
  const DecodedInsn middle = decode(adds, CoreModel::CortexM4, 0x1000, 0x14);
  EXPECT_TRUE(middle.in_it_block);
  EXPECT_FALSE(middle.last_in_it_block);
  EXPECT_TRUE(decode(adds, CoreModel::CortexM4).sets_flags);
}

TEST(DecoderItBlock, BlockStartingInsideAnItBlockUsesTheItState) {
  // addne r0, r1 / subeq r0, r0, r1 with ITSTATE 0x14 (NE, two left: then, else)
  const auto insns = decode_block({0x08, 0x44, 0x40, 0x1a}, 0x118, 0x14);
  ASSERT_EQ(insns.size(), 2u);
  EXPECT_EQ(insns[0].condition, 1);
  EXPECT_FALSE(insns[0].last_in_it_block);
  EXPECT_EQ(insns[1].condition, 0);
  EXPECT_TRUE(insns[1].last_in_it_block);
}

TEST(DecoderItBlock, UnconditionalBranchLastInTheBlockTakesTheBlockCondition) {
  // 0x11c: it eq / beq 0x110 (encoded as B T2)
  const auto narrow = decode_block({0x08, 0xbf, 0xf7, 0xe7}, 0x11c);
  ASSERT_EQ(narrow.size(), 2u);
  EXPECT_EQ(narrow[1].cls, InsnClass::Branch);
  EXPECT_EQ(narrow[1].condition, 0);
  EXPECT_TRUE(narrow[1].last_in_it_block);
  EXPECT_EQ(narrow[1].direct_target, 0x110u);
  // 0x120: it ne / bne.w 0x110 (encoded as B T4)
  const auto wide = decode_block({0x18, 0xbf, 0xff, 0xf7, 0xf5, 0xbf}, 0x120);
  ASSERT_EQ(wide.size(), 2u);
  EXPECT_EQ(wide[1].cls, InsnClass::Branch);
  EXPECT_EQ(wide[1].size, 4);
  EXPECT_EQ(wide[1].condition, 1);
  EXPECT_EQ(wide[1].direct_target, 0x110u);
}

TEST(DecoderItBlock, ConditionalBranchEncodingInsideAnItBlockIsUndefined) {
  // beq (B T1, its own condition) with ITSTATE 0x08: UNPREDICTABLE
  EXPECT_EQ(decode({0x02, 0xd0}, CoreModel::CortexM4, 0x100, 0x08).cls, InsnClass::Undefined);
}

TEST(DecoderItBlock, BranchBeforeTheLastInstructionOfTheBlockIsUndefined) {
  const Bytes bx = {0x70, 0x47};  // bx lr
  EXPECT_EQ(decode(bx, CoreModel::CortexM4, 0x1000, 0x14).cls, InsnClass::Undefined);
  const DecodedInsn last = decode(bx, CoreModel::CortexM4, 0x1000, 0x08);
  EXPECT_EQ(last.cls, InsnClass::BranchReg);
  EXPECT_EQ(last.condition, 0);
}

TEST(DecoderItBlock, CbzAndItInsideAnItBlockAreUndefined) {
  EXPECT_EQ(decode({0x00, 0xb1}, CoreModel::CortexM4, 0x1000, 0x08).cls, InsnClass::Undefined);
  EXPECT_EQ(decode({0x08, 0xbf}, CoreModel::CortexM4, 0x1000, 0x08).cls, InsnClass::Undefined);
}

TEST(DecoderItBlock, Armv6mIgnoresTheItState) {
  const DecodedInsn insn = decode({0x88, 0x18}, CoreModel::CortexM0, 0x1000, 0x08);
  EXPECT_FALSE(insn.in_it_block);
  EXPECT_EQ(insn.condition, 14);
  EXPECT_TRUE(insn.sets_flags);  // still ADDS
}

// ---------------------------------------------------------------- blocks

TEST(DecoderBlock, DecodesEveryInstructionInOrderWithAddressesAndSizes) {
  // 0x200: adds r0, r1, r2 / bl 0x206 / bx lr
  const auto insns = decode_block({0x88, 0x18, 0x00, 0xf0, 0x00, 0xf8, 0x70, 0x47}, 0x200);
  ASSERT_EQ(insns.size(), 3u);
  EXPECT_EQ(insns[0].address, 0x200u);
  EXPECT_EQ(insns[1].address, 0x202u);
  EXPECT_EQ(insns[1].size, 4);
  EXPECT_EQ(insns[1].next_address(), 0x206u);
  EXPECT_EQ(insns[2].address, 0x206u);
  EXPECT_EQ(insns[2].cls, InsnClass::BranchReg);
}

TEST(DecoderBlock, StopsAtATrailingHalfOfAWideInstruction) {
  // adds r0, r1, r2 / first halfword of a BL
  const auto insns = decode_block({0x88, 0x18, 0x00, 0xf0}, 0x200);
  ASSERT_EQ(insns.size(), 1u);
  EXPECT_EQ(insns[0].cls, InsnClass::Alu);
}

TEST(DecoderBlock, StopsAtATrailingOddByte) {
  const auto insns = decode_block({0x88, 0x18, 0x00}, 0x200);
  EXPECT_EQ(insns.size(), 1u);
}

// ---------------------------------------------------------------- instruction.hpp helpers

TEST(DecoderClasses, EveryClassHasADistinctName) {
  EXPECT_EQ(insn_class_name(InsnClass::Alu), "alu");
  EXPECT_EQ(insn_class_name(InsnClass::LoadMultiPc), "load-multi-pc");
  EXPECT_EQ(insn_class_name(InsnClass::Undefined), "undefined");
  for (int a = 0; a < static_cast<int>(InsnClass::Count); ++a) {
    for (int b = a + 1; b < static_cast<int>(InsnClass::Count); ++b) {
      EXPECT_NE(insn_class_name(static_cast<InsnClass>(a)),
                insn_class_name(static_cast<InsnClass>(b)));
    }
  }
}

TEST(DecoderClasses, WritesPcExactlyForTheFlowChangingClasses) {
  int flow_changing = 0;
  for (int c = 0; c < static_cast<int>(InsnClass::Count); ++c) {
    DecodedInsn insn;
    insn.cls = static_cast<InsnClass>(c);
    if (insn.writes_pc()) ++flow_changing;
  }
  // AluWritePc, LoadPc, LoadMultiPc, Branch, CondBranch, CompareBranch,
  // BranchLink, BranchReg, BranchLinkReg, TableBranch
  EXPECT_EQ(flow_changing, 10);
}

}  // namespace
}  // namespace mcusim
